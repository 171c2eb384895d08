//! The figures in words: labels of reasons, groups and breakdowns in the
//! reader's language, and the dashboard as lines of (section, figure,
//! number, percent), which the CSV export writes one per row.

use leptos_i18n::td_string;
use mentorbro_matching::{EducationLevel, LanguageLevel};

use super::country::CountryGroup;
use super::{BreakdownKind, Dashboard, Share};
use crate::course::EndReason;
use crate::i18n::Locale;
use crate::text::{education_label, end_reason_label, level_label, outcome_moment_label};

/// Why someone dropped out or a match ended, in words.
pub fn reason_label(locale: Locale, code: &str) -> String {
    match (code, EndReason::from_code(code)) {
        ("withdrew", _) => td_string!(locale, report.withdrew).to_owned(),
        (_, Some(reason)) => end_reason_label(locale, reason).to_owned(),
        _ => code.to_owned(),
    }
}

pub fn region_label(locale: Locale, group: CountryGroup) -> &'static str {
    match group {
        CountryGroup::EuEea => td_string!(locale, report.region_eu_eea),
        CountryGroup::RestOfEurope => td_string!(locale, report.region_rest_of_europe),
        CountryGroup::Asia => td_string!(locale, report.region_asia),
        CountryGroup::Africa => td_string!(locale, report.region_africa),
        CountryGroup::Americas => td_string!(locale, report.region_americas),
        CountryGroup::Oceania => td_string!(locale, report.region_oceania),
        CountryGroup::NotStated => td_string!(locale, report.not_stated),
    }
}

fn parse<T: serde::de::DeserializeOwned>(code: &str) -> Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
}

/// A breakdown group in words: a partner's name as it is, codes translated.
pub fn group_label(locale: Locale, kind: BreakdownKind, group: &str) -> String {
    if group == "not_stated" {
        return td_string!(locale, report.not_stated).to_owned();
    }
    match kind {
        BreakdownKind::Partner => group.to_owned(),
        BreakdownKind::CountryGroup => CountryGroup::from_code(group)
            .map_or_else(|| group.to_owned(), |g| region_label(locale, g).to_owned()),
        BreakdownKind::Education => parse(group).map_or_else(
            |_| group.to_owned(),
            |level: EducationLevel| education_label(locale, level).to_owned(),
        ),
        BreakdownKind::Danish => parse(group).map_or_else(
            |_| group.to_owned(),
            |level: LanguageLevel| level_label(locale, level).to_owned(),
        ),
    }
}

pub fn breakdown_title(locale: Locale, kind: BreakdownKind) -> &'static str {
    match kind {
        BreakdownKind::Partner => td_string!(locale, report.by_partner),
        BreakdownKind::CountryGroup => td_string!(locale, report.by_region),
        BreakdownKind::Education => td_string!(locale, report.by_education),
        BreakdownKind::Danish => td_string!(locale, report.by_danish),
    }
}

/// A mean with one decimal in the language's way, or "–".
pub fn format_mean(locale: Locale, value: Option<f64>) -> String {
    match value {
        None => "–".to_owned(),
        Some(value) => {
            let text = format!("{value:.1}");
            match locale {
                Locale::en => text,
                Locale::da => text.replace('.', ","),
            }
        }
    }
}

/// A percent as "75 %", or "–" when there is nothing to divide by.
pub fn format_percent(share: Share) -> String {
    share
        .percent()
        .map_or_else(|| "–".to_owned(), |p| format!("{p} %"))
}

/// One line of the export: section, figure, number, percent (empty when none).
pub type Line = [String; 4];

/// The dashboard as lines, in the order the report shows them.
pub fn figure_lines(locale: Locale, dashboard: &Dashboard) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut add = |section: &str, figure: String, number: String, share: Option<Share>| {
        let percent = share
            .and_then(Share::percent)
            .map(|p| p.to_string())
            .unwrap_or_default();
        lines.push([section.to_owned(), figure, number, percent]);
    };
    let count = |n: u32| n.to_string();
    let plain = |value: Option<f64>| value.map(|v| format!("{v:.1}")).unwrap_or_default();
    let figures = &dashboard.figures;
    let funnel = &figures.funnel;
    let section = td_string!(locale, report.section_funnel);
    for (label, value) in [
        (td_string!(locale, report.applicants), funnel.applicants),
        (td_string!(locale, report.accepted), funnel.accepted),
        (td_string!(locale, report.matched), funnel.matched),
        (td_string!(locale, report.active), funnel.active),
        (td_string!(locale, report.completed), funnel.completed),
        (td_string!(locale, report.dropped), funnel.dropped),
    ] {
        add(section, label.to_owned(), count(value), None);
    }
    let section = td_string!(locale, report.section_dropped);
    for reason in &figures.dropped_reasons {
        add(
            section,
            reason_label(locale, &reason.reason),
            count(reason.count),
            None,
        );
    }
    let section = td_string!(locale, report.section_ended);
    for reason in &figures.ended_matches {
        add(
            section,
            reason_label(locale, &reason.reason),
            count(reason.count),
            None,
        );
    }
    let activity = &figures.activity;
    let section = td_string!(locale, report.section_activity);
    add(
        section,
        td_string!(locale, report.pairs).to_owned(),
        count(activity.pairs),
        None,
    );
    add(
        section,
        td_string!(locale, report.meetings).to_owned(),
        count(activity.meetings),
        None,
    );
    add(
        section,
        td_string!(locale, report.meetings_per_pair).to_owned(),
        plain(activity.meetings_per_pair),
        None,
    );
    add(
        section,
        td_string!(locale, report.quiet_pairs).to_owned(),
        count(activity.quiet_pairs),
        None,
    );
    add(
        section,
        td_string!(locale, report.introductions).to_owned(),
        count(activity.introductions),
        None,
    );
    add(
        section,
        td_string!(locale, report.introductions_per_pair).to_owned(),
        plain(activity.introductions_per_pair),
        None,
    );
    let workshops = &figures.workshops;
    let section = td_string!(locale, report.section_workshops);
    add(
        section,
        td_string!(locale, report.workshops_held).to_owned(),
        count(workshops.held),
        None,
    );
    add(
        section,
        td_string!(locale, report.said_coming).to_owned(),
        count(workshops.said_coming),
        None,
    );
    add(
        section,
        td_string!(locale, report.attended).to_owned(),
        count(workshops.attended),
        Some(workshops.turnout),
    );
    let section = td_string!(locale, report.section_work);
    add(
        section,
        td_string!(locale, report.target).to_owned(),
        String::new(),
        Some(Share {
            part: dashboard.target,
            whole: 100,
        }),
    );
    for moment in &figures.work {
        let when = outcome_moment_label(locale, moment.moment);
        for (label, share) in [
            (td_string!(locale, report.recorded), None),
            (td_string!(locale, report.in_work), Some(moment.in_work)),
            (td_string!(locale, report.ordinary), Some(moment.ordinary)),
            (
                td_string!(locale, report.matches_education),
                Some(moment.matches_education),
            ),
            (td_string!(locale, report.in_aarhus), Some(moment.in_aarhus)),
        ] {
            let number = share.map_or(moment.in_work.whole, |s| s.part);
            add(section, format!("{when}: {label}"), count(number), share);
        }
    }
    for breakdown in &figures.breakdowns {
        let section = breakdown_title(locale, breakdown.kind);
        for row in &breakdown.rows {
            let group = group_label(locale, breakdown.kind, &row.group);
            for (label, number, share) in [
                (td_string!(locale, report.applicants), row.applicants, None),
                (td_string!(locale, report.accepted), row.accepted, None),
                (td_string!(locale, report.completed), row.completed, None),
                (
                    td_string!(locale, report.in_work_end),
                    row.in_work_end.part,
                    Some(row.in_work_end),
                ),
            ] {
                add(section, format!("{group}: {label}"), count(number), share);
            }
        }
    }
    let section = td_string!(locale, report.section_surveys);
    for survey in &dashboard.surveys {
        add(
            section,
            format!(
                "{}: {}",
                survey.title,
                td_string!(locale, report.response_rate)
            ),
            count(survey.rate.answered),
            Some(Share {
                part: survey.rate.answered,
                whole: survey.rate.due,
            }),
        );
        for (question, mean) in &survey.likert_means {
            add(
                section,
                format!("{}: {question}", survey.title),
                format!("{mean:.2}"),
                None,
            );
        }
    }
    lines
}

/// The export's header row.
pub fn header(locale: Locale) -> Line {
    [
        td_string!(locale, report.csv_section).to_owned(),
        td_string!(locale, report.csv_figure).to_owned(),
        td_string!(locale, report.csv_number).to_owned(),
        td_string!(locale, report.csv_percent).to_owned(),
    ]
}
