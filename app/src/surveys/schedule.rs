//! When a survey falls due: date arithmetic with no framework or database
//! types, so it is tested here on its own (month ends, leap years).

use time::{Date, Month};

use std::collections::HashSet;

use super::{Audience, Moment};

/// `date` moved on by `months` calendar months. A day the target month lacks
/// becomes its last day: 31 August + 3 months is 30 November, 30 November + 3
/// months is 28 February (29 in a leap year).
pub fn add_months(date: Date, months: u32) -> Date {
    let index = date.month() as i64 - 1 + i64::from(months);
    let year = date.year() + (index / 12) as i32;
    let month = Month::try_from((index % 12 + 1) as u8).unwrap_or(Month::January);
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// The middle of a course: half the days from start to end, rounded down.
pub fn midpoint(start: Date, end: Date) -> Date {
    let days = (end - start).whole_days().max(0) / 2;
    start + time::Duration::days(days)
}

/// The day a survey of `moment` falls due for one person of a cohort running
/// from `start` to `end`. The pairing-fit survey falls due on the day of the
/// pair's first meeting, so it is not due before a meeting is logged.
pub fn due_date(
    moment: Moment,
    start: Date,
    end: Date,
    first_meeting: Option<Date>,
) -> Option<Date> {
    match moment {
        Moment::FirstMeeting => first_meeting,
        Moment::MidCourse => Some(midpoint(start, end)),
        Moment::EndOfCourse => Some(end),
        Moment::FollowUp3m => Some(add_months(end, 3)),
        Moment::FollowUp6m => Some(add_months(end, 6)),
    }
}

/// How many days after its due date a survey is still sent as a reminder.
pub const REMIND_DAYS: i64 = 30;

/// Whether a survey due on `due_on` is to be reminded of on `today`: due
/// today or earlier, and at most [`REMIND_DAYS`] days ago.
pub fn to_remind(due_on: Date, today: Date) -> bool {
    due_on <= today && (today - due_on).whole_days() <= REMIND_DAYS
}

/// A member of a cohort, as the schedule sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub account: String,
    /// `mentee` or `mentor`.
    pub kind: String,
    /// The date of their first logged meeting in the cohort, if any.
    pub first_meeting: Option<Date>,
}

/// The day a survey falls due for `member`; `None` when it is not meant for
/// their role or its day is not known yet (no meeting logged).
pub fn due_for(
    moment: Moment,
    audience: Audience,
    start: Date,
    end: Date,
    member: &Member,
) -> Option<Date> {
    if audience.includes(&member.kind) {
        due_date(moment, start, end, member.first_meeting)
    } else {
        None
    }
}

/// The members to remind of a survey on `today`, with the day it fell due:
/// those it is meant for, due today or up to [`REMIND_DAYS`] ago, who have
/// not answered.
pub fn to_remind_of(
    moment: Moment,
    audience: Audience,
    start: Date,
    end: Date,
    members: &[Member],
    answered: &HashSet<String>,
    today: Date,
) -> Vec<(String, Date)> {
    members
        .iter()
        .filter(|member| !answered.contains(&member.account))
        .filter_map(|member| {
            let due = due_for(moment, audience, start, end, member)?;
            to_remind(due, today).then(|| (member.account.clone(), due))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_are_added_with_the_day_kept_where_it_exists() {
        assert_eq!(add_months(date!(2027 - 05 - 15), 3), date!(2027 - 08 - 15));
        assert_eq!(add_months(date!(2027 - 10 - 15), 3), date!(2028 - 01 - 15));
        assert_eq!(add_months(date!(2027 - 12 - 01), 6), date!(2028 - 06 - 01));
        assert_eq!(add_months(date!(2027 - 01 - 31), 12), date!(2028 - 01 - 31));
        assert_eq!(add_months(date!(2027 - 03 - 10), 0), date!(2027 - 03 - 10));
    }

    #[test]
    fn a_day_the_month_lacks_becomes_its_last_day() {
        assert_eq!(add_months(date!(2026 - 08 - 31), 3), date!(2026 - 11 - 30));
        assert_eq!(add_months(date!(2027 - 05 - 31), 6), date!(2027 - 11 - 30));
        assert_eq!(add_months(date!(2026 - 11 - 30), 3), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 08 - 31), 6), date!(2027 - 02 - 28));
    }

    #[test]
    fn leap_years_give_february_its_29th() {
        assert_eq!(add_months(date!(2027 - 11 - 30), 3), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2027 - 08 - 31), 6), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2028 - 02 - 29), 3), date!(2028 - 05 - 29));
        // 2100 is not a leap year, 2000 was.
        assert_eq!(add_months(date!(2099 - 11 - 30), 3), date!(2100 - 02 - 28));
        assert_eq!(add_months(date!(1999 - 11 - 30), 3), date!(2000 - 02 - 29));
    }

    #[test]
    fn the_midpoint_rounds_down() {
        assert_eq!(
            midpoint(date!(2027 - 02 - 01), date!(2027 - 05 - 31)),
            date!(2027 - 04 - 01)
        );
        assert_eq!(
            midpoint(date!(2027 - 02 - 01), date!(2027 - 02 - 04)),
            date!(2027 - 02 - 02)
        );
        // Across the leap day: 2028-02-01 to 2028-03-31 is 59 days.
        assert_eq!(
            midpoint(date!(2028 - 02 - 01), date!(2028 - 03 - 31)),
            date!(2028 - 03 - 01)
        );
    }

    #[test]
    fn every_moment_has_its_day() {
        let (start, end) = (date!(2027 - 02 - 01), date!(2027 - 05 - 31));
        let first = Some(date!(2027 - 02 - 10));
        let due = |moment| due_date(moment, start, end, first);
        assert_eq!(due(Moment::FirstMeeting), first);
        assert_eq!(due(Moment::MidCourse), Some(date!(2027 - 04 - 01)));
        assert_eq!(due(Moment::EndOfCourse), Some(end));
        assert_eq!(due(Moment::FollowUp3m), Some(date!(2027 - 08 - 31)));
        assert_eq!(due(Moment::FollowUp6m), Some(date!(2027 - 11 - 30)));
        assert_eq!(due_date(Moment::FirstMeeting, start, end, None), None);
    }

    fn member(account: &str, kind: &str, first_meeting: Option<Date>) -> Member {
        Member {
            account: account.into(),
            kind: kind.into(),
            first_meeting,
        }
    }

    #[test]
    fn reminders_go_to_the_audience_who_have_not_answered() {
        let (start, end) = (date!(2027 - 02 - 01), date!(2027 - 05 - 31));
        let members = [
            member("ana", "mentee", Some(date!(2027 - 02 - 10))),
            member("lars", "mentor", Some(date!(2027 - 02 - 10))),
            member("bo", "mentee", None),
            member("eva", "mentee", Some(date!(2027 - 03 - 20))),
        ];
        let answered: HashSet<String> = ["eva".to_owned()].into();
        let remind = |moment, audience, today| {
            to_remind_of(moment, audience, start, end, &members, &answered, today)
                .into_iter()
                .map(|(account, due)| format!("{account} {due}"))
                .collect::<Vec<_>>()
        };
        // Pairing fit: due from each one's first meeting; Bo has none yet.
        assert_eq!(
            remind(Moment::FirstMeeting, Audience::Both, date!(2027 - 02 - 10)),
            ["ana 2027-02-10", "lars 2027-02-10"]
        );
        assert_eq!(
            remind(
                Moment::FirstMeeting,
                Audience::Mentees,
                date!(2027 - 03 - 12)
            ),
            ["ana 2027-02-10"]
        );
        assert!(
            remind(
                Moment::FirstMeeting,
                Audience::Mentees,
                date!(2027 - 03 - 13)
            )
            .is_empty()
        );
        // The follow-up: mentees only, not before its day, Eva answered.
        assert!(remind(Moment::FollowUp3m, Audience::Mentees, date!(2027 - 08 - 30)).is_empty());
        assert_eq!(
            remind(Moment::FollowUp3m, Audience::Mentees, date!(2027 - 08 - 31)),
            ["ana 2027-08-31", "bo 2027-08-31"]
        );
    }

    #[test]
    fn reminders_run_from_the_due_day_for_thirty_days() {
        let due = date!(2027 - 08 - 31);
        assert!(!to_remind(due, date!(2027 - 08 - 30)));
        assert!(to_remind(due, due));
        assert!(to_remind(due, date!(2027 - 09 - 30)));
        assert!(!to_remind(due, date!(2027 - 10 - 01)));
    }
}
