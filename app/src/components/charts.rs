//! Charts drawn by the app as SVG: readable without colour (every bar
//! carries its number, ordinary jobs are hatched, the target is a dashed line
//! with its value written beside it), announced as one image with a name,
//! and always followed on the page by a table of the same numbers.

use leptos::prelude::*;
use leptos_i18n::t_string;

use crate::i18n::use_i18n;
use crate::reporting::{Funnel, MomentFigures};
use crate::text::{fill, outcome_moment_label};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 280.0;
const LEFT: f64 = 48.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 56.0;

/// Height of the plot area.
fn plot_height() -> f64 {
    HEIGHT - TOP - BOTTOM
}

/// The y coordinate of a percent.
fn y_of(percent: f64) -> f64 {
    TOP + plot_height() * (1.0 - percent.clamp(0.0, 100.0) / 100.0)
}

/// Share in work (any kind, solid; ordinary jobs, hatched) at each moment,
/// with the programme's target as a dashed line. `id` keeps the hatching
/// pattern's id unique on the page.
#[component]
pub fn WorkChart(work: Vec<MomentFigures>, target: u32, id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let pattern = format!("{id}-hatch");
    let hatch = format!("url(#{pattern})");
    let group_width = (WIDTH - LEFT - 16.0) / work.len().max(1) as f64;
    let bar = (group_width / 3.0).min(70.0);
    let target_y = y_of(f64::from(target));
    let label = move || {
        fill(
            t_string!(i18n, report.work_chart_label),
            &[("target", target.to_string())],
        )
    };
    let bars = work
        .into_iter()
        .enumerate()
        .map(|(index, moment)| {
            let x0 = LEFT + group_width * index as f64 + (group_width - 2.0 * bar) / 2.0;
            let column = |x: f64, percent: Option<u32>, fill_with: String| {
                let value = f64::from(percent.unwrap_or(0));
                let top = y_of(value);
                let text = percent.map_or_else(|| "–".to_owned(), |p| format!("{p} %"));
                view! {
                    <rect x=x y=top width=bar height={y_of(0.0) - top} fill=fill_with stroke="#1b1b1b" stroke-width="1" />
                    <text x={x + bar / 2.0} y={top - 6.0} text-anchor="middle" class="chart__value">{text}</text>
                }
            };
            let centre = x0 + bar;
            let moment_name = moment.moment;
            view! {
                <g>
                    {column(x0, moment.in_work.percent(), "#1d4e89".to_owned())}
                    {column(x0 + bar, moment.ordinary.percent(), hatch.clone())}
                    <text x=centre y={HEIGHT - BOTTOM + 18.0} text-anchor="middle" class="chart__label">
                        {move || outcome_moment_label(i18n.get_locale(), moment_name)}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=label
                class="chart__svg"
            >
                <defs>
                    <pattern id=pattern.clone() width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="8" height="8" fill="#ffffff" />
                        <line x1="0" y1="0" x2="0" y2="8" stroke="#1b1b1b" stroke-width="3" />
                    </pattern>
                </defs>
                <line x1=LEFT y1=y_of(0.0) x2={WIDTH - 8.0} y2=y_of(0.0) stroke="#1b1b1b" />
                {[0.0, 50.0, 100.0].into_iter().map(|tick| view! {
                    <text x={LEFT - 6.0} y={y_of(tick) + 4.0} text-anchor="end" class="chart__axis">{format!("{tick} %")}</text>
                }).collect_view()}
                {bars}
                <line x1=LEFT y1=target_y x2={WIDTH - 8.0} y2=target_y stroke="#8a1c1c" stroke-width="2" stroke-dasharray="8 5" />
                <text x={WIDTH - 10.0} y={target_y - 6.0} text-anchor="end" class="chart__target">
                    {move || fill(t_string!(i18n, report.target_line), &[("target", target.to_string())])}
                </text>
                <g transform=format!("translate({LEFT}, {})", HEIGHT - 22.0)>
                    <rect width="14" height="14" fill="#1d4e89" stroke="#1b1b1b" />
                    <text x="20" y="12" class="chart__label">{move || t_string!(i18n, report.in_work)}</text>
                    <rect x="200" width="14" height="14" fill=hatch.clone() stroke="#1b1b1b" />
                    <text x="220" y="12" class="chart__label">{move || t_string!(i18n, report.ordinary)}</text>
                </g>
            </svg>
        </figure>
    }
}

/// Applicants → accepted → matched → completed as bars narrowing down,
/// each with its name and number.
#[component]
pub fn FunnelChart(funnel: Funnel) -> impl IntoView {
    let i18n = use_i18n();
    let stages = [
        (0, funnel.applicants),
        (1, funnel.accepted),
        (2, funnel.matched),
        (3, funnel.completed),
    ];
    let widest = f64::from(funnel.applicants.max(1));
    let row = 48.0;
    let height = row * stages.len() as f64 + 8.0;
    let label = move || {
        fill(
            t_string!(i18n, report.funnel_label),
            &[
                ("applicants", funnel.applicants.to_string()),
                ("accepted", funnel.accepted.to_string()),
                ("matched", funnel.matched.to_string()),
                ("completed", funnel.completed.to_string()),
            ],
        )
    };
    let name = move |stage: usize| match stage {
        0 => t_string!(i18n, report.applicants),
        1 => t_string!(i18n, report.accepted),
        2 => t_string!(i18n, report.matched),
        _ => t_string!(i18n, report.completed),
    };
    let span = WIDTH - 220.0;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label class="chart__svg">
                {stages.into_iter().map(|(stage, value)| {
                    let width = (span * f64::from(value) / widest).max(2.0);
                    let y = 4.0 + row * stage as f64;
                    let x = 160.0 + (span - width) / 2.0;
                    view! {
                        <text x="150" y={y + 25.0} text-anchor="end" class="chart__label">{move || name(stage)}</text>
                        <rect x=x y=y width=width height={row - 12.0} fill="#d9e6f2" stroke="#1b1b1b" />
                        <text x={160.0 + span / 2.0} y={y + 24.0} text-anchor="middle" class="chart__value">{value}</text>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}
