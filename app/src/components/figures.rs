//! The dashboard's figures, one section each: the funnel, drop-outs, the
//! pairs' activity, workshops, employment against the target, breakdowns and
//! surveys. Shared by the dashboards and the funder report; each chart is
//! followed by a table of its numbers.

use leptos::prelude::*;
use leptos_i18n::t_string;

use super::charts::{FunnelChart, WorkChart};
use crate::i18n::use_i18n;
use crate::reporting::lines::{
    breakdown_title, format_mean, format_percent, group_label, reason_label,
};
use crate::reporting::{Breakdown, Dashboard, ReasonCount, Share};
use crate::text::{format_number, moment_label, outcome_moment_label};

fn number(n: u32) -> String {
    n.to_string()
}

/// A share as "3 of 4 (75 %)", or "–" when there is none.
fn share_text(of: &'static str, share: Share) -> String {
    match share.percent() {
        Some(_) => format!(
            "{} {of} {} ({})",
            share.part,
            share.whole,
            format_percent(share)
        ),
        None => "–".to_owned(),
    }
}

/// A table that scrolls sideways on a narrow screen.
#[component]
fn Scroll(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
            {children()}
        </div>
    }
}

#[component]
pub fn DashboardFigures(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let figures = dashboard.figures.clone();
    let funnel = figures.funnel;
    let activity = figures.activity;
    let workshops = figures.workshops;
    let target = dashboard.target;
    let work = figures.work.clone();
    let work_rows = figures.work.clone();
    let of = move || t_string!(i18n, report.of);
    let count_row = move |label: &'static str, value: String| {
        view! {
            <tr><th scope="row">{label}</th><td class="num">{value}</td></tr>
        }
    };
    view! {
        <section class="card report-section" aria-labelledby="funnel-title">
            <h2 id="funnel-title">{move || t_string!(i18n, report.section_funnel)}</h2>
            <FunnelChart funnel />
            <table class="table">
                <caption>{move || t_string!(i18n, report.funnel_table)}</caption>
                <tbody>
                    {move || view! {
                        {count_row(t_string!(i18n, report.applicants), number(funnel.applicants))}
                        {count_row(t_string!(i18n, report.accepted), number(funnel.accepted))}
                        {count_row(t_string!(i18n, report.matched), number(funnel.matched))}
                        {count_row(t_string!(i18n, report.active), number(funnel.active))}
                        {count_row(t_string!(i18n, report.completed), number(funnel.completed))}
                        {count_row(t_string!(i18n, report.dropped), number(funnel.dropped))}
                    }}
                </tbody>
            </table>
            <Reasons caption="dropped" reasons=figures.dropped_reasons.clone() />
            <Reasons caption="ended" reasons=figures.ended_matches.clone() />
        </section>
        <section class="card report-section" aria-labelledby="work-title">
            <h2 id="work-title">{move || t_string!(i18n, report.section_work)}</h2>
            <WorkChart work target id="work" />
            <Scroll>
                <table class="table">
                    <caption>{move || t_string!(i18n, report.work_table)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, report.moment)}</th>
                            <th scope="col">{move || t_string!(i18n, report.in_work)}</th>
                            <th scope="col">{move || t_string!(i18n, report.ordinary)}</th>
                            <th scope="col">{move || t_string!(i18n, report.matches_education)}</th>
                            <th scope="col">{move || t_string!(i18n, report.in_aarhus)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {work_rows.into_iter().map(|moment| view! {
                            <tr>
                                <th scope="row">{move || outcome_moment_label(i18n.get_locale(), moment.moment)}</th>
                                <td>{move || share_text(of(), moment.in_work)}</td>
                                <td>{move || share_text(of(), moment.ordinary)}</td>
                                <td>{move || share_text(of(), moment.matches_education)}</td>
                                <td>{move || share_text(of(), moment.in_aarhus)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Scroll>
            <p class="muted">{move || crate::text::fill(t_string!(i18n, report.work_explained), &[("target", target.to_string())])}</p>
        </section>
        <section class="card report-section" aria-labelledby="activity-title">
            <h2 id="activity-title">{move || t_string!(i18n, report.section_activity)}</h2>
            <table class="table">
                <caption>{move || t_string!(i18n, report.activity_table)}</caption>
                <tbody>
                    {move || {
                        let locale = i18n.get_locale();
                        view! {
                            {count_row(t_string!(i18n, report.pairs), number(activity.pairs))}
                            {count_row(t_string!(i18n, report.meetings), format_number(locale, u64::from(activity.meetings)))}
                            {count_row(t_string!(i18n, report.meetings_per_pair), format_mean(locale, activity.meetings_per_pair))}
                            {count_row(t_string!(i18n, report.quiet_pairs), number(activity.quiet_pairs))}
                            {count_row(t_string!(i18n, report.introductions), number(activity.introductions))}
                            {count_row(t_string!(i18n, report.introductions_per_pair), format_mean(locale, activity.introductions_per_pair))}
                            {count_row(t_string!(i18n, report.workshops_held), number(workshops.held))}
                            {count_row(t_string!(i18n, report.said_coming), number(workshops.said_coming))}
                            {count_row(t_string!(i18n, report.attended), number(workshops.attended))}
                            {count_row(t_string!(i18n, report.turnout), format_percent(workshops.turnout))}
                        }
                    }}
                </tbody>
            </table>
        </section>
        <section class="card report-section" aria-labelledby="breakdown-title">
            <h2 id="breakdown-title">{move || t_string!(i18n, report.section_breakdowns)}</h2>
            {figures.breakdowns.into_iter().map(|breakdown| view! { <BreakdownTable breakdown /> }).collect_view()}
        </section>
        <section class="card report-section" aria-labelledby="surveys-title">
            <h2 id="surveys-title">{move || t_string!(i18n, report.section_surveys)}</h2>
            {if dashboard.surveys.is_empty() {
                view! { <p class="muted">{move || t_string!(i18n, report.no_surveys)}</p> }.into_any()
            } else {
                let surveys = dashboard.surveys.clone();
                view! {
                    <Scroll>
                        <table class="table">
                            <caption>{move || t_string!(i18n, report.surveys_table)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{move || t_string!(i18n, report.survey)}</th>
                                    <th scope="col">{move || t_string!(i18n, report.moment)}</th>
                                    <th scope="col">{move || t_string!(i18n, report.response_rate)}</th>
                                    <th scope="col">{move || t_string!(i18n, report.likert_means)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {surveys.into_iter().map(|survey| {
                                    let rate = Share { part: survey.rate.answered, whole: survey.rate.due };
                                    let moment = survey.moment;
                                    let means = survey.likert_means.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{survey.title.clone()}</th>
                                            <td>{move || moment_label(i18n.get_locale(), moment)}</td>
                                            <td>{move || share_text(of(), rate)}</td>
                                            <td>{move || {
                                                let locale = i18n.get_locale();
                                                means.iter().map(|(key, mean)| format!("{key}: {}", format_mean(locale, Some(*mean)))).collect::<Vec<_>>().join(", ")
                                            }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </Scroll>
                }.into_any()
            }}
        </section>
    }
}

/// Reasons people dropped out (`caption` "dropped") or matches ended ("ended").
#[component]
fn Reasons(caption: &'static str, reasons: Vec<ReasonCount>) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || match caption {
        "dropped" => t_string!(i18n, report.section_dropped),
        _ => t_string!(i18n, report.section_ended),
    };
    if reasons.is_empty() {
        return view! { <p class="muted">{title}": " {move || t_string!(i18n, report.none)}</p> }
            .into_any();
    }
    view! {
        <table class="table">
            <caption>{title}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || t_string!(i18n, report.reason)}</th>
                    <th scope="col" class="num">{move || t_string!(i18n, report.people)}</th>
                </tr>
            </thead>
            <tbody>
                {reasons.into_iter().map(|reason| view! {
                    <tr>
                        <th scope="row">{move || reason_label(i18n.get_locale(), &reason.reason)}</th>
                        <td class="num">{reason.count}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn BreakdownTable(breakdown: Breakdown) -> impl IntoView {
    let i18n = use_i18n();
    let kind = breakdown.kind;
    let of = move || t_string!(i18n, report.of);
    view! {
        <Scroll>
            <table class="table">
                <caption>{move || breakdown_title(i18n.get_locale(), kind)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, report.group)}</th>
                        <th scope="col" class="num">{move || t_string!(i18n, report.applicants)}</th>
                        <th scope="col" class="num">{move || t_string!(i18n, report.accepted)}</th>
                        <th scope="col" class="num">{move || t_string!(i18n, report.completed)}</th>
                        <th scope="col">{move || t_string!(i18n, report.in_work_end)}</th>
                    </tr>
                </thead>
                <tbody>
                    {breakdown.rows.into_iter().map(|row| {
                        let group = row.group.clone();
                        view! {
                            <tr>
                                <th scope="row">{move || group_label(i18n.get_locale(), kind, &group)}</th>
                                <td class="num">{row.applicants}</td>
                                <td class="num">{row.accepted}</td>
                                <td class="num">{row.completed}</td>
                                <td>{move || share_text(of(), row.in_work_end)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </Scroll>
    }
}
