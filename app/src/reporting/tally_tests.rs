use std::collections::HashMap;

use mentorbro_matching::{EducationLevel, LanguageLevel};
use proptest::prelude::*;
use time::Duration;
use time::macros::date;

use super::*;
use crate::surveys::EmploymentStatus;

const TODAY: Date = date!(2027 - 06 - 01);
const NOW: i64 = 1_800_000_000_000_000_000;

fn day(offset: i64) -> Date {
    TODAY + Duration::days(offset)
}

/// A cohort of the generated scope, in the order the cohorts start.
#[derive(Clone, Debug)]
struct Cohort {
    over_from: Date,
    quiet_weeks: u32,
    rows: Vec<MenteeRow>,
    outcomes: Vec<OutcomeRow>,
    workshops: Vec<WorkshopTally>,
}

fn mentee_row() -> impl Strategy<Value = MenteeRow> {
    (
        (0..12u8, any::<bool>(), prop::option::of(0..3u8)),
        (
            prop::option::of(-120..20i64),
            any::<bool>(),
            prop::collection::vec(0..3u8, 0..3),
        ),
        (0..5u32, prop::option::of(-120..30i64), 0..4u32),
        (prop::option::of(0..3u8), 0..4usize, 0..3u8, 0..3u8),
    )
        .prop_map(
            |(
                (account, withdrew, left),
                (paired, undated, ended),
                (meetings, last_meeting, introductions),
                (partner, country, education, danish),
            )| {
                let reasons = ["moved_away", "job_found", ""];
                MenteeRow {
                    account: format!("m{account}"),
                    member: true,
                    withdrew,
                    left_reason: left.map(|r| reasons[usize::from(r)].to_owned()),
                    paired_on: paired.map(|d| if undated { UNDATED } else { day(d) }),
                    ended_matches: ended
                        .into_iter()
                        .map(|r| ["no_contact", "not_a_good_fit", "moved_away"][usize::from(r)])
                        .map(str::to_owned)
                        .collect(),
                    meetings,
                    last_meeting: last_meeting.map(day),
                    introductions,
                    partner: partner.map(|p| format!("Partner {p}")),
                    country: ["Brazil", "India", "Atlantis", ""][country].to_owned(),
                    education: [
                        None,
                        Some(EducationLevel::Master),
                        Some(EducationLevel::None),
                    ][usize::from(education)],
                    danish: [
                        None,
                        Some(LanguageLevel::Module1),
                        Some(LanguageLevel::Fluent),
                    ][usize::from(danish)],
                    ..MenteeRow::default()
                }
            },
        )
}

fn outcome_row() -> impl Strategy<Value = OutcomeRow> {
    (
        0..12u8,
        0..3usize,
        0..4usize,
        prop::option::of(any::<bool>()),
        any::<bool>(),
        0..4i64,
    )
        .prop_map(
            |(account, moment, status, matches_education, in_aarhus, at)| OutcomeRow {
                mentee: format!("m{account}"),
                moment: WORK_MOMENTS[moment],
                status: [
                    EmploymentStatus::NotWorking,
                    EmploymentStatus::OrdinaryJob,
                    EmploymentStatus::Internship,
                    EmploymentStatus::Education,
                ][status],
                matches_education,
                in_aarhus,
                recorded_at: at,
            },
        )
}

fn workshop() -> impl Strategy<Value = WorkshopTally> {
    (-2..2i64, any::<bool>(), 0..9u32, 0..9u32).prop_map(|(start, cancelled, coming, attended)| {
        WorkshopTally {
            starts_at: NOW + start,
            cancelled,
            coming,
            attended,
        }
    })
}

fn cohort() -> impl Strategy<Value = Cohort> {
    (
        prop::option::of(-60..60i64),
        1..5u32,
        prop::collection::vec(mentee_row(), 0..8),
        prop::collection::vec(outcome_row(), 0..10),
        prop::collection::vec(workshop(), 0..3),
    )
        .prop_map(|(over_from, quiet_weeks, rows, outcomes, workshops)| {
            let mut seen = std::collections::HashSet::new();
            let rows = rows
                .into_iter()
                .filter(|row| seen.insert(row.account.clone()))
                .map(|row| MenteeRow { quiet_weeks, ..row })
                .collect();
            Cohort {
                over_from: over_from.map_or(Date::MIN, day),
                quiet_weeks,
                rows,
                outcomes,
                workshops,
            }
        })
}

/// Applicants not placed, named apart from members.
fn applicants() -> impl Strategy<Value = Vec<MenteeRow>> {
    prop::collection::vec(mentee_row(), 0..6).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(n, row)| MenteeRow {
                account: format!("a{n}"),
                member: false,
                ..row
            })
            .collect()
    })
}

/// The scope computed directly: each mentee in the latest cohort they were
/// placed in, with that cohort's outcomes; undated pairs paired today.
fn direct(cohorts: &[Cohort], applicants: &[MenteeRow]) -> Figures {
    let mut placed: HashMap<String, (usize, MenteeRow)> = HashMap::new();
    for (n, cohort) in cohorts.iter().enumerate() {
        for row in &cohort.rows {
            let mut row = row.clone();
            row.course_over = cohort.over_from <= TODAY;
            row.quiet_weeks = cohort.quiet_weeks;
            if row.paired_on == Some(UNDATED) {
                row.paired_on = Some(TODAY);
            }
            placed.insert(row.account.clone(), (n, row));
        }
    }
    let outcomes: Vec<OutcomeRow> = cohorts
        .iter()
        .enumerate()
        .flat_map(|(n, cohort)| {
            let placed = &placed;
            cohort
                .outcomes
                .iter()
                .filter(move |o| placed.get(&o.mentee).is_some_and(|(kept, _)| *kept == n))
                .cloned()
        })
        .collect();
    let workshops: Vec<WorkshopRow> = cohorts
        .iter()
        .flat_map(|c| &c.workshops)
        .map(|w| WorkshopRow {
            begun: w.starts_at <= NOW,
            cancelled: w.cancelled,
            coming: w.coming,
            attended: w.attended,
        })
        .collect();
    let mut rows: Vec<MenteeRow> = placed.into_values().map(|(_, row)| row).collect();
    rows.extend(applicants.iter().cloned());
    kpi::figures(&rows, &outcomes, &workshops, TODAY)
}

/// The scope from one tally per cohort (without mentees counted in a later
/// cohort) and one of the applicants not placed, each through JSON.
fn from_tallies(cohorts: &[Cohort], applicants: &[MenteeRow]) -> Figures {
    let mut tallies = Vec::new();
    for (n, cohort) in cohorts.iter().enumerate() {
        let later: std::collections::HashSet<&str> = cohorts[n + 1..]
            .iter()
            .flat_map(|c| c.rows.iter().map(|r| r.account.as_str()))
            .collect();
        let rows: Vec<MenteeRow> = cohort
            .rows
            .iter()
            .filter(|row| !later.contains(row.account.as_str()))
            .cloned()
            .collect();
        tallies.push(tally(
            &rows,
            cohort.over_from,
            &cohort.outcomes,
            &cohort.workshops,
        ));
    }
    tallies.push(tally(applicants, Date::MIN, &[], &[]));
    let stored: Vec<Tally> = tallies
        .iter()
        .map(|t| serde_json::from_str(&serde_json::to_string(t).expect("json")).expect("back"))
        .collect();
    figures(&merged(&stored), TODAY, NOW)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn merged_cohort_tallies_give_the_direct_figures(
        cohorts in prop::collection::vec(cohort(), 0..5),
        applicants in applicants(),
    ) {
        prop_assert_eq!(from_tallies(&cohorts, &applicants), direct(&cohorts, &applicants));
    }

    #[test]
    fn merging_is_order_free(a in cohort(), b in cohort()) {
        let ta = tally(&a.rows, a.over_from, &a.outcomes, &a.workshops);
        let tb = tally(&b.rows, b.over_from, &b.outcomes, &b.workshops);
        let ab = figures(&merged([&ta, &tb]), TODAY, NOW);
        let ba = figures(&merged([&tb, &ta]), TODAY, NOW);
        prop_assert_eq!(ab.funnel, ba.funnel);
        prop_assert_eq!(ab.activity, ba.activity);
        prop_assert_eq!(ab.breakdowns, ba.breakdowns);
    }
}

#[test]
fn a_quiet_pair_is_quiet_only_while_its_course_runs() {
    let row = MenteeRow {
        account: "m".into(),
        member: true,
        quiet_weeks: 2,
        paired_on: Some(date!(2027 - 03 - 01)),
        last_meeting: Some(date!(2027 - 04 - 01)),
        ..MenteeRow::default()
    };
    let t = tally(&[row], date!(2027 - 05 - 01), &[], &[]);
    let quiet = |today| figures(&t, today, NOW).activity.quiet_pairs;
    assert_eq!(quiet(date!(2027 - 03 - 14)), 0);
    assert_eq!(quiet(date!(2027 - 03 - 15)), 1, "two weeks after pairing");
    assert_eq!(quiet(date!(2027 - 04 - 01)), 0, "met that day");
    assert_eq!(quiet(date!(2027 - 04 - 15)), 1);
    assert_eq!(quiet(date!(2027 - 05 - 01)), 0, "course over");
    assert_eq!(figures(&t, date!(2027 - 05 - 01), NOW).funnel.completed, 1);
}
