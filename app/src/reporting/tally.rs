//! A cohort's figures as counts that add up across cohorts, so a programme
//! year's dashboard merges one small [`Tally`] per cohort instead of reading
//! every mentee.
//!
//! Everything [`kpi::figures`] counts is kept here as a count, except what
//! depends on the day the dashboard is read, which is kept so it can be
//! decided then:
//! - whether a cohort's course is over: mentees matched and not dropped are
//!   counted by the first day their course counts as over ([`Tally::settled`]);
//! - quiet pairs: each running pair as the spans of days on which it counts
//!   as quiet ([`Spell`]);
//! - workshops: their few rows, with the instant they start.
//!
//! Who counts where is [`kpi`]'s rule, per cohort: the rows handed to
//! [`tally`] are the mentees counted in that cohort. A mentee placed in two
//! cohorts of one scope counts once, in the later cohort (by start, then
//! id), with what was recorded in that cohort; the caller leaves them out of
//! the earlier cohort's rows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use super::kpi::{self, MenteeRow, OutcomeRow, WorkshopRow};
use super::{
    Activity, Breakdown, BreakdownKind, BreakdownRow, Figures, Funnel, MomentFigures, ReasonCount,
    Share, WORK_MOMENTS,
};
use crate::surveys::OutcomeMoment;

/// The day a pair published without a date is read as paired on: such a
/// pair counts as paired "today", whatever day the dashboard is read.
pub const UNDATED: Date = Date::MIN;

/// Counts by a day (its Julian day number).
pub type Days = BTreeMap<i32, u32>;

/// Days on which a number of running pairs count as quiet: from `from`
/// until the day before `until` (Julian day numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Spell {
    pub from: i32,
    pub until: i32,
    pub pairs: u32,
}

/// A workshop as the tally keeps it: whether it has begun is decided when
/// the dashboard is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopTally {
    /// Nanoseconds since the epoch.
    pub starts_at: i64,
    pub cancelled: bool,
    pub coming: u32,
    pub attended: u32,
}

impl WorkshopTally {
    /// The workshop as [`kpi`] counts it, `now` in nanoseconds since the epoch.
    pub fn row(&self, now: i64) -> WorkshopRow {
        WorkshopRow {
            begun: self.starts_at <= now,
            cancelled: self.cancelled,
            coming: self.coming,
            attended: self.attended,
        }
    }
}

/// One group of a breakdown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupTally {
    pub applicants: u32,
    pub accepted: u32,
    /// Matched and not dropped, by the first day their course is over.
    pub settled: Days,
    pub in_work_end: Share,
}

/// Everything [`kpi::figures`] needs, as counts that add up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub applicants: u32,
    pub accepted: u32,
    pub matched: u32,
    pub dropped: u32,
    /// Matched and not dropped, by the first day their course is over:
    /// active before that day, completed from it.
    pub settled: Days,
    pub dropped_reasons: BTreeMap<String, u32>,
    pub ended_matches: BTreeMap<String, u32>,
    pub pairs: u32,
    pub meetings: u32,
    pub introductions: u32,
    /// Running pairs' quiet spells, sorted, equal spans combined.
    pub quiet: Vec<Spell>,
    pub workshops: Vec<WorkshopTally>,
    /// One per [`WORK_MOMENTS`], in that order.
    pub work: Vec<MomentFigures>,
    /// One per [`BreakdownKind::ALL`], in that order: groups by code or name.
    pub groups: Vec<BTreeMap<String, GroupTally>>,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            applicants: 0,
            accepted: 0,
            matched: 0,
            dropped: 0,
            settled: Days::new(),
            dropped_reasons: BTreeMap::new(),
            ended_matches: BTreeMap::new(),
            pairs: 0,
            meetings: 0,
            introductions: 0,
            quiet: Vec::new(),
            workshops: Vec::new(),
            work: WORK_MOMENTS.into_iter().map(empty_moment).collect(),
            groups: BreakdownKind::ALL.iter().map(|_| BTreeMap::new()).collect(),
        }
    }
}

fn empty_moment(moment: OutcomeMoment) -> MomentFigures {
    MomentFigures {
        moment,
        in_work: Share::default(),
        ordinary: Share::default(),
        matches_education: Share::default(),
        in_aarhus: Share::default(),
    }
}

fn add_share(to: &mut Share, from: Share) {
    to.part += from.part;
    to.whole += from.whole;
}

fn add_days(to: &mut Days, from: &Days) {
    for (day, n) in from {
        *to.entry(*day).or_default() += n;
    }
}

fn add_moment(to: &mut MomentFigures, from: &MomentFigures) {
    add_share(&mut to.in_work, from.in_work);
    add_share(&mut to.ordinary, from.ordinary);
    add_share(&mut to.matches_education, from.matches_education);
    add_share(&mut to.in_aarhus, from.in_aarhus);
}

/// Sorted spells with equal spans combined.
fn combined(mut spells: Vec<Spell>) -> Vec<Spell> {
    spells.sort_unstable();
    let mut out: Vec<Spell> = Vec::with_capacity(spells.len());
    for spell in spells {
        match out.last_mut() {
            Some(last) if (last.from, last.until) == (spell.from, spell.until) => {
                last.pairs += spell.pairs;
            }
            _ => out.push(spell),
        }
    }
    out
}

/// The spans of days on which a running pair counts as quiet, as
/// [`crate::course::is_quiet`] decides it, ending when its course is over.
fn spells(row: &MenteeRow, over_from: i32) -> Vec<Spell> {
    let weeks = i32::try_from(row.quiet_weeks).unwrap_or(i32::MAX / 8) * 7;
    let met = row.last_meeting.map(Date::to_julian_day);
    let paired = row
        .paired_on
        .filter(|&day| day != UNDATED)
        .map(Date::to_julian_day);
    let mut spans = Vec::new();
    // Before the last meeting's day it does not count: quiet since pairing.
    if let Some(paired) = paired {
        spans.push((paired.saturating_add(weeks), met.unwrap_or(i32::MAX)));
    }
    if let Some(met) = met {
        spans.push((met.saturating_add(weeks), i32::MAX));
    }
    spans
        .into_iter()
        .map(|(from, until)| (from, until.min(over_from)))
        .filter(|(from, until)| from < until)
        .map(|(from, until)| Spell {
            from,
            until,
            pairs: 1,
        })
        .collect()
}

/// The tally of one cohort's rows: its members (and, for a tally of
/// applicants not placed, rows with `member: false`), the outcomes recorded
/// in it and its workshops. `over_from` is the first day its course counts
/// as over ([`Date::MIN`] when marked completed). Ignores `course_over`.
pub fn tally(
    rows: &[MenteeRow],
    over_from: Date,
    outcomes: &[OutcomeRow],
    workshops: &[WorkshopTally],
) -> Tally {
    let over_from = over_from.to_julian_day();
    let latest = kpi::latest_outcomes(outcomes);
    let mut out = Tally {
        workshops: workshops.to_vec(),
        ..Tally::default()
    };
    let mut quiet = Vec::new();
    for row in rows {
        out.applicants += 1;
        let matched = kpi::is_matched(row);
        let dropped = kpi::is_dropped(row);
        let settled = matched && !dropped;
        let end = row
            .member
            .then(|| latest.get(&(row.account.as_str(), OutcomeMoment::End)))
            .flatten();
        for (kind, groups) in BreakdownKind::ALL.into_iter().zip(&mut out.groups) {
            let group = groups.entry(kpi::group_of(row, kind)).or_default();
            group.applicants += 1;
            group.accepted += u32::from(row.member);
            if settled {
                *group.settled.entry(over_from).or_default() += 1;
            }
            if let Some(end) = end {
                group.in_work_end.whole += 1;
                group.in_work_end.part += u32::from(end.status.is_work());
            }
        }
        if !row.member {
            continue;
        }
        out.accepted += 1;
        out.matched += u32::from(matched);
        if dropped {
            out.dropped += 1;
            let reason = match row.left_reason.as_deref() {
                Some("") => "other",
                Some(reason) => reason,
                None => "withdrew",
            };
            *out.dropped_reasons.entry(reason.to_owned()).or_default() += 1;
        }
        if settled {
            *out.settled.entry(over_from).or_default() += 1;
            if row.paired_on.is_some() {
                quiet.extend(spells(row, over_from));
            }
        }
        for reason in &row.ended_matches {
            *out.ended_matches.entry(reason.clone()).or_default() += 1;
        }
        out.pairs += u32::from(row.paired_on.is_some()) + row.ended_matches.len() as u32;
        out.meetings += row.meetings;
        out.introductions += row.introductions;
    }
    out.quiet = combined(quiet);
    for figures in &mut out.work {
        *figures = kpi::moment_figures(rows, &latest, figures.moment);
    }
    out
}

impl Tally {
    /// Adds another tally's counts to this one.
    pub fn merge(&mut self, other: &Tally) {
        self.applicants += other.applicants;
        self.accepted += other.accepted;
        self.matched += other.matched;
        self.dropped += other.dropped;
        add_days(&mut self.settled, &other.settled);
        for (reason, n) in &other.dropped_reasons {
            *self.dropped_reasons.entry(reason.clone()).or_default() += n;
        }
        for (reason, n) in &other.ended_matches {
            *self.ended_matches.entry(reason.clone()).or_default() += n;
        }
        self.pairs += other.pairs;
        self.meetings += other.meetings;
        self.introductions += other.introductions;
        let mut quiet = std::mem::take(&mut self.quiet);
        quiet.extend_from_slice(&other.quiet);
        self.quiet = combined(quiet);
        self.workshops.extend_from_slice(&other.workshops);
        for (to, from) in self.work.iter_mut().zip(&other.work) {
            add_moment(to, from);
        }
        for (to, from) in self.groups.iter_mut().zip(&other.groups) {
            for (group, counts) in from {
                let kept = to.entry(group.clone()).or_default();
                kept.applicants += counts.applicants;
                kept.accepted += counts.accepted;
                add_days(&mut kept.settled, &counts.settled);
                add_share(&mut kept.in_work_end, counts.in_work_end);
            }
        }
    }
}

/// The tallies added up.
pub fn merged<'a>(tallies: impl IntoIterator<Item = &'a Tally>) -> Tally {
    let mut out = Tally::default();
    for tally in tallies {
        out.merge(tally);
    }
    out
}

/// `(active, completed)` of counts by the first day the course is over.
fn split(settled: &Days, today: i32) -> (u32, u32) {
    let active = settled.range(today + 1..).map(|(_, n)| n).sum();
    let completed = settled.range(..=today).map(|(_, n)| n).sum();
    (active, completed)
}

fn ranked(counts: &BTreeMap<String, u32>) -> Vec<ReasonCount> {
    let mut out: Vec<ReasonCount> = counts
        .iter()
        .filter(|(_, count)| **count > 0)
        .map(|(reason, count)| ReasonCount {
            reason: reason.clone(),
            count: *count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    out
}

/// The dashboard's figures from a (merged) tally, as of `today`; a workshop
/// has begun when it starts at or before `now` (nanoseconds since the epoch).
pub fn figures(tally: &Tally, today: Date, now: i64) -> Figures {
    let day = today.to_julian_day();
    let (active, completed) = split(&tally.settled, day);
    let workshops: Vec<WorkshopRow> = tally.workshops.iter().map(|w| w.row(now)).collect();
    Figures {
        funnel: Funnel {
            applicants: tally.applicants,
            accepted: tally.accepted,
            matched: tally.matched,
            active,
            completed,
            dropped: tally.dropped,
        },
        dropped_reasons: ranked(&tally.dropped_reasons),
        ended_matches: ranked(&tally.ended_matches),
        activity: Activity {
            pairs: tally.pairs,
            meetings: tally.meetings,
            meetings_per_pair: kpi::per(tally.meetings, tally.pairs),
            quiet_pairs: tally
                .quiet
                .iter()
                .filter(|spell| spell.from <= day && day < spell.until)
                .map(|spell| spell.pairs)
                .sum(),
            introductions: tally.introductions,
            introductions_per_pair: kpi::per(tally.introductions, tally.pairs),
        },
        workshops: kpi::workshop_figures(&workshops),
        work: tally.work.clone(),
        breakdowns: BreakdownKind::ALL
            .into_iter()
            .zip(&tally.groups)
            .map(|(kind, groups)| Breakdown {
                kind,
                rows: groups
                    .iter()
                    .filter(|(_, counts)| counts.applicants > 0)
                    .map(|(group, counts)| BreakdownRow {
                        group: group.clone(),
                        applicants: counts.applicants,
                        accepted: counts.accepted,
                        completed: split(&counts.settled, day).1,
                        in_work_end: counts.in_work_end,
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
#[path = "tally_tests.rs"]
mod tests;
