//! The funder report: a cohort's or a programme year's figures on one
//! printable page (`?cohort=ID` or `?programme=SLUG&year=YYYY`), in the
//! page's language, with a button that opens the browser's print dialogue
//! (to paper or PDF) and a link to the same figures as CSV.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::budget::{Costs, SpentTable};
use super::dashboard::lang_code;
use crate::accounts::Role;
use crate::budget::{BudgetSummary, load_budget};
use crate::components::figures::DashboardFigures;
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::{AppError, Problem};
use crate::i18n::use_i18n;
use crate::reporting::{Dashboard, REPORT_CSV_PATH, cohort_dashboard, programme_dashboard};
use crate::text::{fill, format_typed_date};

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let scope = Signal::derive(move || {
        query.with(|q| {
            (
                q.get("cohort").filter(|c| !c.is_empty()),
                q.get("programme").filter(|p| !p.is_empty()),
                q.get("year").and_then(|y| y.parse::<i32>().ok()),
            )
        })
    });
    let data = Resource::new(
        move || scope.get(),
        |scope| async move {
            // A programme year's report carries its budget; a cohort's has none of its own.
            let read: Result<(Dashboard, Option<BudgetSummary>), AppError> = match scope {
                (Some(cohort), _, _) => Ok((cohort_dashboard(cohort).await?, None)),
                (None, Some(programme), Some(year)) => {
                    let dashboard = programme_dashboard(programme.clone(), year).await?;
                    let budget = load_budget(programme, year).await?;
                    Ok((dashboard, budget.map(|page| page.summary)))
                }
                _ => Err(AppError::invalid("programme", Problem::Required)),
            };
            read
        },
    );
    view! {
        <Title text=move || t_string!(i18n, report.report_title) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Transition fallback=|| view! { <Loading /> }>
                {move || data.get().map(|result| match result {
                    Ok((dashboard, Some(summary))) => {
                        let budget: ChildrenFn = std::sync::Arc::new(move || view! { <ReportBudget summary=summary.clone() /> }.into_any());
                        view! { <Report dashboard budget /> }.into_any()
                    }
                    Ok((dashboard, None)) => view! { <Report dashboard /> }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

/// The report's layout. `budget` is where the programme's budget against
/// its grant goes, between the figures and the end of the report.
#[component]
pub fn Report(dashboard: Dashboard, #[prop(optional)] budget: Option<ChildrenFn>) -> impl IntoView {
    let i18n = use_i18n();
    let query = dashboard.scope.query();
    let csv = move || {
        format!(
            "{REPORT_CSV_PATH}?{query}&lang={}",
            lang_code(i18n.get_locale())
        )
    };
    let title = dashboard.title.clone();
    let programme_name = dashboard.programme_name.clone();
    let as_of = dashboard.as_of.clone();
    let target = dashboard.target;
    let cohorts = dashboard
        .cohorts
        .iter()
        .map(|(_, name)| name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <article class="report">
            <section class="card report-cover">
                <h1>{move || fill(t_string!(i18n, report.report_of), &[("name", title.clone())])}</h1>
                <p>{programme_name}</p>
                <p>{move || fill(t_string!(i18n, report.cohorts_covered), &[("cohorts", cohorts.clone())])}</p>
                <p>{move || fill(t_string!(i18n, report.as_of), &[("date", format_typed_date(i18n.get_locale(), &as_of))])}</p>
                <p>{move || fill(t_string!(i18n, report.report_intro), &[("target", target.to_string())])}</p>
                <p class="actions no-print">
                    <button type="button" class="button" on:click=print>{move || t_string!(i18n, report.print)}</button>
                    <a class="button button--secondary" href=csv download="">{move || t_string!(i18n, report.download_csv)}</a>
                </p>
            </section>
            <DashboardFigures dashboard />
            {budget.map(|budget| budget())}
        </article>
    }
}

/// The programme year's budget against its grant, in the funder report.
#[component]
fn ReportBudget(summary: BudgetSummary) -> impl IntoView {
    let i18n = use_i18n();
    let (name, year) = (summary.programme_name.clone(), summary.year);
    view! {
        <section class="card report-section" aria-labelledby="report-budget">
            <h2 id="report-budget">{move || fill(t_string!(i18n, budget.heading), &[("programme", name.clone()), ("year", year.to_string())])}</h2>
            <SpentTable summary=summary.clone() />
        </section>
        <Costs summary />
    }
}
