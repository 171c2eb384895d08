//! What a partner organisation sees of the mentees it referred: the
//! dashboard's counts and shares, with every small number withheld so no
//! person can be singled out. The server builds these and sends nothing else.
//!
//! Rules: a count below [`MIN_SHOWN`] (0 included) is "fewer than 5"; a
//! share is hidden when its part, its whole, or the rest (whole − part) is
//! between 1 and 4 (or the part or whole is below 5), since any of those
//! would tell about fewer than five people. No names, ids or rows per person.

use serde::{Deserialize, Serialize};

use super::kpi::{self, MenteeRow, OutcomeRow};
use super::{Share, WORK_MOMENTS};
use crate::surveys::OutcomeMoment;

/// The smallest number shown.
pub const MIN_SHOWN: u32 = 5;

/// A count as a partner sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Count {
    Shown(u32),
    #[serde(rename = "fewer_than_5")]
    FewerThan5,
}

impl Count {
    pub fn of(value: u32) -> Self {
        if value >= MIN_SHOWN {
            Count::Shown(value)
        } else {
            Count::FewerThan5
        }
    }
}

/// A share as a partner sees it: the percent with its part and whole, or hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SharedShare {
    Shown { percent: u32, part: u32, whole: u32 },
    Hidden,
}

impl SharedShare {
    pub fn of(share: Share) -> Self {
        let rest = share.whole.saturating_sub(share.part);
        let small = |n: u32| n < MIN_SHOWN;
        let small_rest = (1..MIN_SHOWN).contains(&rest);
        match share.percent() {
            Some(percent) if !small(share.part) && !small(share.whole) && !small_rest => {
                SharedShare::Shown {
                    percent,
                    part: share.part,
                    whole: share.whole,
                }
            }
            _ => SharedShare::Hidden,
        }
    }

    /// Its part and whole, which are counts too.
    fn counts(self) -> Vec<u32> {
        match self {
            SharedShare::Shown { part, whole, .. } => vec![part, whole],
            SharedShare::Hidden => Vec::new(),
        }
    }
}

/// Employment at one moment, as a partner sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerMoment {
    pub moment: OutcomeMoment,
    /// Mentees with an outcome recorded at this moment.
    pub recorded: Count,
    pub in_work: SharedShare,
    pub ordinary: SharedShare,
    pub in_aarhus: SharedShare,
}

/// Everything a partner sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerFigures {
    /// The partner organisation's own name.
    pub partner: String,
    pub applicants: Count,
    pub accepted: Count,
    pub matched: Count,
    pub active: Count,
    pub completed: Count,
    pub dropped: Count,
    pub work: Vec<PartnerMoment>,
    /// The programme's aim, in percent in work.
    pub target: u32,
}

impl PartnerFigures {
    /// Every number that counts people, as sent to the browser (for tests
    /// that no small one slips through).
    pub fn shown_counts(&self) -> Vec<u32> {
        let mut counts: Vec<u32> = [
            self.applicants,
            self.accepted,
            self.matched,
            self.active,
            self.completed,
            self.dropped,
        ]
        .into_iter()
        .chain(self.work.iter().map(|moment| moment.recorded))
        .filter_map(|count| match count {
            Count::Shown(value) => Some(value),
            Count::FewerThan5 => None,
        })
        .collect();
        for moment in &self.work {
            for share in [moment.in_work, moment.ordinary, moment.in_aarhus] {
                counts.extend(share.counts());
            }
        }
        counts
    }
}

/// The partner's figures from the rows of the mentees it referred.
pub fn partner_figures(
    partner: &str,
    rows: &[MenteeRow],
    outcomes: &[OutcomeRow],
    target: u32,
) -> PartnerFigures {
    let funnel = kpi::funnel(rows);
    let latest = kpi::latest_outcomes(outcomes);
    PartnerFigures {
        partner: partner.to_owned(),
        applicants: Count::of(funnel.applicants),
        accepted: Count::of(funnel.accepted),
        matched: Count::of(funnel.matched),
        active: Count::of(funnel.active),
        completed: Count::of(funnel.completed),
        dropped: Count::of(funnel.dropped),
        work: WORK_MOMENTS
            .into_iter()
            .map(|moment| {
                let figures = kpi::moment_figures(rows, &latest, moment);
                PartnerMoment {
                    moment,
                    recorded: Count::of(figures.in_work.whole),
                    in_work: SharedShare::of(figures.in_work),
                    ordinary: SharedShare::of(figures.ordinary),
                    in_aarhus: SharedShare::of(figures.in_aarhus),
                }
            })
            .collect(),
        target,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::surveys::EmploymentStatus;

    #[test]
    fn small_counts_are_withheld_from_zero_to_four() {
        for n in 0..5 {
            assert_eq!(Count::of(n), Count::FewerThan5);
        }
        assert_eq!(Count::of(5), Count::Shown(5));
        assert_eq!(Count::of(120), Count::Shown(120));
    }

    #[test]
    fn shares_on_small_parts_wholes_or_rests_are_hidden() {
        let share = |part, whole| SharedShare::of(Share { part, whole });
        assert_eq!(share(0, 0), SharedShare::Hidden);
        assert_eq!(share(3, 10), SharedShare::Hidden);
        assert_eq!(share(4, 4), SharedShare::Hidden);
        assert_eq!(share(5, 7), SharedShare::Hidden, "two people not in work");
        assert_eq!(
            share(5, 5),
            SharedShare::Shown {
                percent: 100,
                part: 5,
                whole: 5
            }
        );
        assert_eq!(
            share(7, 20),
            SharedShare::Shown {
                percent: 35,
                part: 7,
                whole: 20
            }
        );
    }

    fn status() -> impl Strategy<Value = EmploymentStatus> {
        prop::sample::select(EmploymentStatus::ALL.to_vec())
    }

    fn moment() -> impl Strategy<Value = OutcomeMoment> {
        prop::sample::select(OutcomeMoment::ALL.to_vec())
    }

    prop_compose! {
        fn row(n: usize)(
            member in any::<bool>(),
            course_over in any::<bool>(),
            withdrew in prop::bool::weighted(0.2),
            left in prop::bool::weighted(0.2),
            paired in any::<bool>(),
            ended in 0usize..3,
        ) -> MenteeRow {
            MenteeRow {
                account: format!("person-{n}-secret"),
                member,
                course_over,
                quiet_weeks: 3,
                withdrew,
                left_reason: left.then(|| "moved_away".to_owned()),
                paired_on: paired.then_some(time::macros::date!(2027 - 02 - 01)),
                ended_matches: vec!["no_contact".to_owned(); ended],
                country: format!("Name of person {n}"),
                ..MenteeRow::default()
            }
        }
    }

    fn cohort() -> impl Strategy<Value = (Vec<MenteeRow>, Vec<OutcomeRow>)> {
        (0usize..40).prop_flat_map(|size| {
            let rows: Vec<_> = (0..size).map(row).collect();
            let outcomes = prop::collection::vec(
                (0..size.max(1), moment(), status(), any::<bool>(), 0i64..10),
                0..size * 3 + 1,
            );
            (rows, outcomes).prop_map(|(rows, outcomes)| {
                let outcomes = outcomes
                    .into_iter()
                    .filter(|(who, ..)| *who < rows.len())
                    .map(|(who, moment, status, in_aarhus, at)| OutcomeRow {
                        mentee: rows[who].account.clone(),
                        moment,
                        status,
                        matches_education: Some(in_aarhus),
                        in_aarhus,
                        recorded_at: at,
                    })
                    .collect();
                (rows, outcomes)
            })
        })
    }

    proptest! {
        #[test]
        fn partner_figures_never_carry_a_count_of_one_to_four_or_a_name(
            (rows, outcomes) in cohort()
        ) {
            let figures = partner_figures("Aarhus Municipality", &rows, &outcomes, 70);
            for count in figures.shown_counts() {
                prop_assert!(!(1..MIN_SHOWN).contains(&count), "count {count} shown");
            }
            let sent = serde_json::to_string(&figures).expect("serialises");
            prop_assert!(!sent.contains("person"), "an id or name was sent: {sent}");
            prop_assert!(!sent.contains("secret"));
            // Whatever is shown equals the unsuppressed figure.
            let funnel = kpi::funnel(&rows);
            if let Count::Shown(applicants) = figures.applicants {
                prop_assert_eq!(applicants, funnel.applicants);
            }
        }
    }
}
