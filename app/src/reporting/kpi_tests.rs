use time::macros::date;

use super::*;

const TODAY: Date = date!(2027 - 09 - 01);

fn mentee(account: &str) -> MenteeRow {
    MenteeRow {
        account: account.into(),
        member: true,
        course_over: true,
        quiet_weeks: 3,
        paired_on: Some(date!(2027 - 02 - 10)),
        country: "Brazil".into(),
        education: Some(EducationLevel::Master),
        danish: Some(LanguageLevel::Module1),
        ..MenteeRow::default()
    }
}

fn outcome(mentee: &str, moment: OutcomeMoment, status: EmploymentStatus, at: i64) -> OutcomeRow {
    OutcomeRow {
        mentee: mentee.into(),
        moment,
        status,
        matches_education: status.is_work().then_some(true),
        in_aarhus: true,
        recorded_at: at,
    }
}

/// Eight applicants: two never placed, one placed but unmatched, one who
/// withdrew, one who left after a match ended (moved away), one rematched
/// after "no contact", and two plain completers.
fn cohort() -> Vec<MenteeRow> {
    let applied_only = |account: &str| MenteeRow {
        account: account.into(),
        country: "Atlantis".into(),
        ..MenteeRow::default()
    };
    vec![
        applied_only("a1"),
        applied_only("a2"),
        MenteeRow {
            paired_on: None,
            ..mentee("unmatched")
        },
        MenteeRow {
            withdrew: true,
            ..mentee("withdrew")
        },
        MenteeRow {
            paired_on: None,
            ended_matches: vec!["moved_away".into()],
            left_reason: Some("moved_away".into()),
            meetings: 1,
            ..mentee("left")
        },
        MenteeRow {
            ended_matches: vec!["no_contact".into()],
            meetings: 4,
            introductions: 2,
            ..mentee("rematched")
        },
        MenteeRow {
            meetings: 6,
            introductions: 3,
            partner: Some("Aarhus University".into()),
            ..mentee("ana")
        },
        MenteeRow {
            meetings: 5,
            country: "Tyskland".into(),
            education: None,
            ..mentee("bo")
        },
    ]
}

#[test]
fn an_empty_cohort_has_zero_counts_and_no_percentages() {
    let figures = figures(&[], &[], &[], TODAY);
    assert_eq!(figures.funnel, Funnel::default());
    assert!(figures.dropped_reasons.is_empty());
    assert_eq!(figures.activity.meetings_per_pair, None);
    assert_eq!(figures.activity.introductions_per_pair, None);
    assert_eq!(figures.workshops.turnout.percent(), None);
    for moment in &figures.work {
        assert_eq!(moment.in_work.percent(), None);
        assert_eq!(moment.ordinary.percent(), None);
        assert_eq!(moment.matches_education.percent(), None);
        assert_eq!(moment.in_aarhus.percent(), None);
    }
    assert!(figures.breakdowns.iter().all(|b| b.rows.is_empty()));
}

#[test]
fn the_funnel_counts_each_person_once_where_they_belong() {
    let rows = cohort();
    assert_eq!(
        funnel(&rows),
        Funnel {
            applicants: 8,
            accepted: 6,
            matched: 5,
            active: 0,
            completed: 3,
            dropped: 2,
        }
    );
    let running: Vec<MenteeRow> = rows
        .into_iter()
        .map(|row| MenteeRow {
            course_over: false,
            ..row
        })
        .collect();
    let funnel = funnel(&running);
    assert_eq!((funnel.active, funnel.completed, funnel.dropped), (3, 0, 2));
}

#[test]
fn people_who_withdrew_or_left_are_dropped_with_their_reason() {
    let rows = cohort();
    assert_eq!(
        dropped_reasons(&rows),
        [
            ReasonCount {
                reason: "moved_away".into(),
                count: 1
            },
            ReasonCount {
                reason: "withdrew".into(),
                count: 1
            },
        ]
    );
    let without = [MenteeRow {
        left_reason: Some(String::new()),
        ..mentee("x")
    }];
    assert_eq!(dropped_reasons(&without)[0].reason, "other");
    // Someone who withdrew before being placed is an applicant, not a dropout.
    let early = [MenteeRow {
        withdrew: true,
        member: false,
        ..mentee("y")
    }];
    assert_eq!(funnel(&early).dropped, 0);
    assert_eq!(funnel(&early).applicants, 1);
}

#[test]
fn matches_ended_early_are_counted_by_reason_and_as_pairs() {
    let rows = cohort();
    let ended = ended_match_reasons(&rows);
    assert_eq!(ended.len(), 2);
    assert!(ended.iter().all(|reason| reason.count == 1));
    // Current pairs: withdrew, rematched, ana, bo; ended: left, rematched.
    assert_eq!(pairs(&rows), 6);
}

#[test]
fn meetings_and_introductions_per_pair_divide_by_pairs() {
    let activity = activity(&cohort(), TODAY);
    assert_eq!(activity.meetings, 16);
    assert_eq!(activity.meetings_per_pair, Some(16.0 / 6.0));
    assert_eq!(activity.introductions, 5);
    assert_eq!(activity.introductions_per_pair, Some(5.0 / 6.0));
    assert_eq!(
        activity.quiet_pairs, 0,
        "a finished course has no quiet pairs"
    );
}

#[test]
fn running_pairs_without_a_meeting_for_the_quiet_weeks_are_quiet() {
    let running = |account: &str, last: Option<Date>, weeks: u32| MenteeRow {
        course_over: false,
        last_meeting: last,
        quiet_weeks: weeks,
        ..mentee(account)
    };
    let rows = [
        running("recent", Some(date!(2027 - 08 - 25)), 3),
        running("old", Some(date!(2027 - 08 - 01)), 3),
        running("never", None, 3),
        running("patient", Some(date!(2027 - 08 - 01)), 6),
        MenteeRow {
            withdrew: true,
            ..running("gone", None, 3)
        },
    ];
    assert_eq!(activity(&rows, TODAY).quiet_pairs, 2);
}

#[test]
fn workshops_count_only_those_held_and_turnout_divides_by_yes() {
    let workshops = [
        WorkshopRow {
            begun: true,
            cancelled: false,
            coming: 10,
            attended: 8,
        },
        WorkshopRow {
            begun: true,
            cancelled: false,
            coming: 6,
            attended: 4,
        },
        WorkshopRow {
            begun: true,
            cancelled: true,
            coming: 5,
            attended: 0,
        },
        WorkshopRow {
            begun: false,
            cancelled: false,
            coming: 9,
            attended: 0,
        },
    ];
    let figures = workshop_figures(&workshops);
    assert_eq!(figures.held, 2);
    assert_eq!(figures.said_coming, 16);
    assert_eq!(figures.attended, 12);
    assert_eq!(figures.turnout.percent(), Some(75));
    let none = workshop_figures(&[]);
    assert_eq!(none.turnout.percent(), None);
}

#[test]
fn share_in_work_takes_the_latest_record_and_counts_dropouts_with_an_outcome() {
    use EmploymentStatus::*;
    let rows = cohort();
    let outcomes = [
        // Recorded twice: the correction (later) wins.
        outcome("ana", OutcomeMoment::End, NotWorking, 1),
        outcome("ana", OutcomeMoment::End, OrdinaryJob, 5),
        outcome("bo", OutcomeMoment::End, Internship, 2),
        outcome("rematched", OutcomeMoment::End, Education, 3),
        // Left the course, yet recorded: in the denominator.
        outcome("left", OutcomeMoment::End, SubsidisedJob, 4),
        // An applicant never placed is not counted, whatever was recorded.
        outcome("a1", OutcomeMoment::End, OrdinaryJob, 4),
        // Another moment does not leak into the end.
        outcome("withdrew", OutcomeMoment::FollowUp3m, OrdinaryJob, 6),
    ];
    let figures = figures(&rows, &outcomes, &[], TODAY);
    let end = figures.work[0];
    assert_eq!(end.moment, OutcomeMoment::End);
    assert_eq!(end.in_work, Share { part: 3, whole: 4 });
    assert_eq!(end.in_work.percent(), Some(75));
    assert_eq!(end.ordinary, Share { part: 1, whole: 4 });
    assert_eq!(end.matches_education, Share { part: 3, whole: 3 });
    assert_eq!(end.in_aarhus, Share { part: 4, whole: 4 });
    let three = figures.work[1];
    assert_eq!(three.in_work, Share { part: 1, whole: 1 });
    assert_eq!(figures.work[2].in_work.percent(), None);
}

#[test]
fn the_latest_record_wins_and_ties_go_to_the_one_listed_last() {
    use EmploymentStatus::*;
    let outcomes = [
        outcome("ana", OutcomeMoment::End, OrdinaryJob, 9),
        outcome("ana", OutcomeMoment::End, NotWorking, 1),
        outcome("bo", OutcomeMoment::End, NotWorking, 3),
        outcome("bo", OutcomeMoment::End, OwnCompany, 3),
    ];
    let latest = latest_outcomes(&outcomes);
    assert_eq!(latest[&("ana", OutcomeMoment::End)].status, OrdinaryJob);
    assert_eq!(latest[&("bo", OutcomeMoment::End)].status, OwnCompany);
}

#[test]
fn job_matching_education_counts_only_those_in_work_who_said() {
    use EmploymentStatus::*;
    let rows = [mentee("a"), mentee("b"), mentee("c")];
    let outcomes = [
        OutcomeRow {
            matches_education: Some(false),
            ..outcome("a", OutcomeMoment::End, OrdinaryJob, 1)
        },
        OutcomeRow {
            matches_education: None,
            in_aarhus: false,
            ..outcome("b", OutcomeMoment::End, OrdinaryJob, 1)
        },
        outcome("c", OutcomeMoment::End, NotWorking, 1),
    ];
    let latest = latest_outcomes(&outcomes);
    let end = moment_figures(&rows, &latest, OutcomeMoment::End);
    assert_eq!(end.matches_education, Share { part: 0, whole: 1 });
    assert_eq!(end.in_aarhus, Share { part: 2, whole: 3 });
}

#[test]
fn breakdowns_group_by_partner_region_education_and_danish() {
    use EmploymentStatus::*;
    let rows = cohort();
    let outcomes = [
        outcome("ana", OutcomeMoment::End, OrdinaryJob, 1),
        outcome("bo", OutcomeMoment::End, NotWorking, 1),
    ];
    let figures = figures(&rows, &outcomes, &[], TODAY);
    let by = |kind| {
        figures
            .breakdowns
            .iter()
            .find(|b| b.kind == kind)
            .expect("breakdown")
            .rows
            .clone()
    };
    let partner = by(BreakdownKind::Partner);
    assert_eq!(partner.len(), 2);
    assert_eq!(partner[0].group, "Aarhus University");
    assert_eq!(partner[0].in_work_end, Share { part: 1, whole: 1 });
    assert_eq!(partner[1].group, "not_stated");
    assert_eq!(partner[1].applicants, 7);
    let regions = by(BreakdownKind::CountryGroup);
    let codes: Vec<&str> = regions.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(codes, ["americas", "eu_eea", "not_stated"]);
    assert_eq!(regions[1].in_work_end, Share { part: 0, whole: 1 });
    assert_eq!(regions[2].accepted, 0);
    let education = by(BreakdownKind::Education);
    assert!(
        education
            .iter()
            .any(|r| r.group == "master" && r.accepted == 5)
    );
    let danish = by(BreakdownKind::Danish);
    assert!(
        danish
            .iter()
            .any(|r| r.group == "module1" && r.completed == 3)
    );
    // Every breakdown covers everyone exactly once.
    for breakdown in &figures.breakdowns {
        let total: u32 = breakdown.rows.iter().map(|r| r.applicants).sum();
        assert_eq!(total, 8, "{:?}", breakdown.kind);
    }
}
