//! The KPI formulas, over plain rows the database side fills in.
//!
//! The population is the *applicants* of a scope: one [`MenteeRow`] per
//! mentee who applied in the scope's window or was placed in one of its
//! cohorts. Who counts where:
//! - a mentee who **withdrew** their application, or **left the course**
//!   (their cohort membership has `left_at`, set when a match ends for a
//!   reason other than "not a good fit" or "no contact"), is *dropped*, not
//!   active or completed; they stay among applicants, accepted and matched;
//! - a match **ended early** and followed by a new mentor leaves the mentee
//!   matched; the ended match is counted under [`ended_match_reasons`];
//! - outcomes: only the **latest** record of each mentee and moment counts
//!   (a correction is a new record); dropped mentees count wherever they
//!   have an outcome, because funders ask about everyone who started.
//!
//! Shares whose whole is zero have no percent (shown as "–"), never NaN.

use std::collections::{BTreeMap, HashMap};

use mentorbro_matching::{EducationLevel, LanguageLevel};
use time::Date;

use super::country::country_group;
use super::{
    Activity, Breakdown, BreakdownKind, BreakdownRow, Figures, Funnel, MomentFigures, ReasonCount,
    Share, WORK_MOMENTS, WorkshopFigures,
};
use crate::surveys::{EmploymentStatus, OutcomeMoment};

/// One applicant of the scope, with what the dashboard needs to know of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MenteeRow {
    pub account: String,
    /// Placed in one of the scope's cohorts (accepted into it).
    pub member: bool,
    /// Their cohort's course is over (ended, or marked completed).
    pub course_over: bool,
    /// Weeks without a meeting after which their cohort calls a pair quiet.
    pub quiet_weeks: u32,
    /// They withdrew their application.
    pub withdrew: bool,
    /// They left the course: the reason given, `Some("")` without one.
    pub left_reason: Option<String>,
    /// The day their current pair was published, if they have one.
    pub paired_on: Option<Date>,
    /// Reasons of their published matches that ended early.
    pub ended_matches: Vec<String>,
    /// Confirmed meetings of their pairs in the scope.
    pub meetings: u32,
    pub last_meeting: Option<Date>,
    pub introductions: u32,
    /// The referring partner's name.
    pub partner: Option<String>,
    pub country: String,
    pub education: Option<EducationLevel>,
    pub danish: Option<LanguageLevel>,
}

/// One outcome record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeRow {
    pub mentee: String,
    pub moment: OutcomeMoment,
    pub status: EmploymentStatus,
    pub matches_education: Option<bool>,
    pub in_aarhus: bool,
    /// When it was recorded (any unit since the epoch): the latest record of
    /// a moment wins.
    pub recorded_at: i64,
}

/// One workshop of the scope.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkshopRow {
    pub begun: bool,
    pub cancelled: bool,
    /// People who answered "coming".
    pub coming: u32,
    /// People checked in.
    pub attended: u32,
}

fn count(rows: &[MenteeRow], keep: impl Fn(&MenteeRow) -> bool) -> u32 {
    rows.iter().filter(|row| keep(row)).count() as u32
}

/// Applicants: every mentee of the rows (one row per person).
pub fn applicants(rows: &[MenteeRow]) -> u32 {
    rows.len() as u32
}

/// Accepted: applicants placed in one of the scope's cohorts, whatever happened after.
pub fn is_accepted(row: &MenteeRow) -> bool {
    row.member
}

/// Matched: accepted mentees whose pair was published, now or before it ended.
pub fn is_matched(row: &MenteeRow) -> bool {
    row.member && (row.paired_on.is_some() || !row.ended_matches.is_empty())
}

/// Dropped: accepted mentees who withdrew their application or left the course.
pub fn is_dropped(row: &MenteeRow) -> bool {
    row.member && (row.withdrew || row.left_reason.is_some())
}

/// Active: matched, not dropped, and their cohort's course still running.
pub fn is_active(row: &MenteeRow) -> bool {
    is_matched(row) && !is_dropped(row) && !row.course_over
}

/// Completed: matched, not dropped, and their cohort's course is over.
pub fn is_completed(row: &MenteeRow) -> bool {
    is_matched(row) && !is_dropped(row) && row.course_over
}

pub fn funnel(rows: &[MenteeRow]) -> Funnel {
    Funnel {
        applicants: applicants(rows),
        accepted: count(rows, is_accepted),
        matched: count(rows, is_matched),
        active: count(rows, is_active),
        completed: count(rows, is_completed),
        dropped: count(rows, is_dropped),
    }
}

fn tally(reasons: impl Iterator<Item = String>) -> Vec<ReasonCount> {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for reason in reasons {
        *counts.entry(reason).or_default() += 1;
    }
    let mut out: Vec<ReasonCount> = counts
        .into_iter()
        .map(|(reason, count)| ReasonCount { reason, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    out
}

/// Why each dropped mentee dropped: the reason they left the course
/// (`other` when none was given), or `withdrew` when they withdrew without
/// leaving; one reason per person, most frequent first.
pub fn dropped_reasons(rows: &[MenteeRow]) -> Vec<ReasonCount> {
    tally(
        rows.iter()
            .filter(|row| is_dropped(row))
            .map(|row| match row.left_reason.as_deref() {
                Some("") => "other".to_owned(),
                Some(reason) => reason.to_owned(),
                None => "withdrew".to_owned(),
            }),
    )
}

/// Every published match that ended early, by reason, most frequent first
/// (a mentee rematched twice counts twice).
pub fn ended_match_reasons(rows: &[MenteeRow]) -> Vec<ReasonCount> {
    tally(
        rows.iter()
            .filter(|row| row.member)
            .flat_map(|row| row.ended_matches.iter().cloned()),
    )
}

/// Pairs: each current published pair and each published match that ended.
pub fn pairs(rows: &[MenteeRow]) -> u32 {
    rows.iter()
        .filter(|row| row.member)
        .map(|row| u32::from(row.paired_on.is_some()) + row.ended_matches.len() as u32)
        .sum()
}

/// `total / of`, or `None` when `of` is zero.
pub fn per(total: u32, of: u32) -> Option<f64> {
    (of > 0).then(|| f64::from(total) / f64::from(of))
}

/// Quiet: active mentees whose pair has had no meeting (or, without one,
/// no meeting since it was published) for their cohort's quiet weeks.
pub fn is_quiet_pair(row: &MenteeRow, today: Date) -> bool {
    is_active(row)
        && row.paired_on.is_some()
        && crate::course::is_quiet(row.paired_on, row.last_meeting, row.quiet_weeks, today)
}

/// Meetings per pair = confirmed meetings of accepted mentees / [`pairs`];
/// introductions per pair likewise; quiet pairs as [`is_quiet_pair`].
pub fn activity(rows: &[MenteeRow], today: Date) -> Activity {
    let pairs = pairs(rows);
    let members = rows.iter().filter(|row| row.member);
    let meetings: u32 = members.clone().map(|row| row.meetings).sum();
    let introductions: u32 = members.map(|row| row.introductions).sum();
    Activity {
        pairs,
        meetings,
        meetings_per_pair: per(meetings, pairs),
        quiet_pairs: count(rows, |row| is_quiet_pair(row, today)),
        introductions,
        introductions_per_pair: per(introductions, pairs),
    }
}

/// Workshops held = begun and not cancelled; turnout = checked in / said
/// coming, summed over the workshops held.
pub fn workshop_figures(workshops: &[WorkshopRow]) -> WorkshopFigures {
    let held: Vec<&WorkshopRow> = workshops
        .iter()
        .filter(|w| w.begun && !w.cancelled)
        .collect();
    let said_coming = held.iter().map(|w| w.coming).sum();
    let attended = held.iter().map(|w| w.attended).sum();
    WorkshopFigures {
        held: held.len() as u32,
        said_coming,
        attended,
        turnout: Share {
            part: attended,
            whole: said_coming,
        },
    }
}

/// The latest outcome of each mentee at each moment: a later `recorded_at`
/// wins, and of two records at the same instant the one listed last.
pub fn latest_outcomes(outcomes: &[OutcomeRow]) -> HashMap<(&str, OutcomeMoment), &OutcomeRow> {
    let mut latest: HashMap<(&str, OutcomeMoment), &OutcomeRow> = HashMap::new();
    for row in outcomes {
        let key = (row.mentee.as_str(), row.moment);
        match latest.get(&key) {
            Some(kept) if kept.recorded_at > row.recorded_at => {}
            _ => {
                latest.insert(key, row);
            }
        }
    }
    latest
}

/// Employment at `moment` of the accepted mentees (dropped ones included)
/// with an outcome then, by their latest record:
/// - in work = status is any kind of work / mentees with an outcome;
/// - ordinary = status is an ordinary job / mentees with an outcome;
/// - matches education = in work and said it matches / in work and said either way;
/// - in Aarhus = family still in the Aarhus area / mentees with an outcome.
pub fn moment_figures(
    rows: &[MenteeRow],
    latest: &HashMap<(&str, OutcomeMoment), &OutcomeRow>,
    moment: OutcomeMoment,
) -> MomentFigures {
    let mut figures = MomentFigures {
        moment,
        in_work: Share::default(),
        ordinary: Share::default(),
        matches_education: Share::default(),
        in_aarhus: Share::default(),
    };
    for row in rows.iter().filter(|row| row.member) {
        let Some(outcome) = latest.get(&(row.account.as_str(), moment)) else {
            continue;
        };
        let work = outcome.status.is_work();
        figures.in_work.whole += 1;
        figures.ordinary.whole += 1;
        figures.in_aarhus.whole += 1;
        figures.in_work.part += u32::from(work);
        figures.ordinary.part += u32::from(outcome.status == EmploymentStatus::OrdinaryJob);
        figures.in_aarhus.part += u32::from(outcome.in_aarhus);
        if let (true, Some(matches)) = (work, outcome.matches_education) {
            figures.matches_education.whole += 1;
            figures.matches_education.part += u32::from(matches);
        }
    }
    figures
}

/// The group of a mentee in a breakdown.
pub fn group_of(row: &MenteeRow, kind: BreakdownKind) -> String {
    let code = |value: Option<String>| value.unwrap_or_else(|| "not_stated".to_owned());
    let serde_code =
        |value: Option<serde_json::Value>| code(value.and_then(|v| v.as_str().map(str::to_owned)));
    match kind {
        BreakdownKind::Partner => code(row.partner.clone()),
        BreakdownKind::CountryGroup => country_group(&row.country).code().to_owned(),
        BreakdownKind::Education => {
            serde_code(row.education.and_then(|l| serde_json::to_value(l).ok()))
        }
        BreakdownKind::Danish => serde_code(row.danish.and_then(|l| serde_json::to_value(l).ok())),
    }
}

/// Applicants, accepted, completed and in work at the end per group, groups
/// in alphabetical order of their code or name (`not_stated` included).
pub fn breakdown(
    rows: &[MenteeRow],
    latest: &HashMap<(&str, OutcomeMoment), &OutcomeRow>,
    kind: BreakdownKind,
) -> Breakdown {
    let mut groups: BTreeMap<String, Vec<MenteeRow>> = BTreeMap::new();
    for row in rows {
        groups
            .entry(group_of(row, kind))
            .or_default()
            .push(row.clone());
    }
    Breakdown {
        kind,
        rows: groups
            .into_iter()
            .map(|(group, members)| BreakdownRow {
                group,
                applicants: applicants(&members),
                accepted: count(&members, is_accepted),
                completed: count(&members, is_completed),
                in_work_end: moment_figures(&members, latest, OutcomeMoment::End).in_work,
            })
            .collect(),
    }
}

/// Every figure of the dashboard.
pub fn figures(
    rows: &[MenteeRow],
    outcomes: &[OutcomeRow],
    workshops: &[WorkshopRow],
    today: Date,
) -> Figures {
    let latest = latest_outcomes(outcomes);
    Figures {
        funnel: funnel(rows),
        dropped_reasons: dropped_reasons(rows),
        ended_matches: ended_match_reasons(rows),
        activity: activity(rows, today),
        workshops: workshop_figures(workshops),
        work: WORK_MOMENTS
            .into_iter()
            .map(|moment| moment_figures(rows, &latest, moment))
            .collect(),
        breakdowns: BreakdownKind::ALL
            .into_iter()
            .map(|kind| breakdown(rows, &latest, kind))
            .collect(),
    }
}

#[cfg(test)]
#[path = "kpi_tests.rs"]
mod tests;
