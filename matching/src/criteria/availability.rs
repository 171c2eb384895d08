//! Availability: a part of the week and a way of meeting that suit both.
//!
//! An empty list means the person did not say, and is read as "any".

use super::{Assessment, FULL_FIT};
use crate::profile::{Availability, MeetingMode, MeetingTime, Mentee, Mentor};
use crate::reason::Reason;

const ANY_TIME: [MeetingTime; 3] = [
    MeetingTime::WeekdayDaytime,
    MeetingTime::WeekdayEvening,
    MeetingTime::Weekend,
];
const ANY_MODE: [MeetingMode; 2] = [MeetingMode::InPerson, MeetingMode::Online];

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    let times = common_times(&mentee.availability, &mentor.availability);
    if times.is_empty() {
        return Assessment::new(0, Reason::NoCommonTime);
    }
    let modes = common_modes(&mentee.availability, &mentor.availability);
    if modes.is_empty() {
        return Assessment::new(0, Reason::NoCommonMeetingMode);
    }
    Assessment::new(FULL_FIT, Reason::CommonAvailability { times, modes })
}

/// Parts of the week both can meet, in week order.
pub fn common_times(a: &Availability, b: &Availability) -> Vec<MeetingTime> {
    let has = |x: &Availability, t| x.times.is_empty() || x.times.contains(&t);
    ANY_TIME
        .into_iter()
        .filter(|&t| has(a, t) && has(b, t))
        .collect()
}

/// Ways of meeting both accept, in-person first.
pub fn common_modes(a: &Availability, b: &Availability) -> Vec<MeetingMode> {
    let has = |x: &Availability, m| x.modes.is_empty() || x.modes.contains(&m);
    ANY_MODE
        .into_iter()
        .filter(|&m| has(a, m) && has(b, m))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(times: &[MeetingTime], modes: &[MeetingMode]) -> Availability {
        Availability {
            times: times.to_vec(),
            modes: modes.to_vec(),
        }
    }

    fn pair(a: Availability, b: Availability) -> Assessment {
        let mentee = Mentee {
            availability: a,
            ..Mentee::default()
        };
        let mentor = Mentor {
            availability: b,
            ..Mentor::default()
        };
        assess(&mentee, &mentor)
    }

    #[test]
    fn common_evening_online() {
        let a = pair(
            with(
                &[MeetingTime::WeekdayEvening, MeetingTime::Weekend],
                &[MeetingMode::Online],
            ),
            with(
                &[MeetingTime::WeekdayEvening],
                &[MeetingMode::Online, MeetingMode::InPerson],
            ),
        );
        assert_eq!(a.fit, FULL_FIT);
        assert_eq!(
            a.reason,
            Reason::CommonAvailability {
                times: vec![MeetingTime::WeekdayEvening],
                modes: vec![MeetingMode::Online]
            }
        );
    }

    #[test]
    fn no_common_time_or_mode_fails() {
        let day = with(&[MeetingTime::WeekdayDaytime], &[]);
        let weekend = with(&[MeetingTime::Weekend], &[]);
        assert_eq!(pair(day, weekend).reason, Reason::NoCommonTime);
        let online = with(&[], &[MeetingMode::Online]);
        let in_person = with(&[], &[MeetingMode::InPerson]);
        assert_eq!(pair(online, in_person).reason, Reason::NoCommonMeetingMode);
    }

    #[test]
    fn unstated_means_any() {
        assert_eq!(
            pair(Availability::default(), Availability::default()).fit,
            FULL_FIT
        );
    }
}
