//! The coordinators' dashboards: one cohort's, and a programme's year
//! (every cohort of the programme starting that year), with the target
//! line's setting and links to the funder report and its CSV.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::accounts::Role;
use crate::components::figures::DashboardFigures;
use crate::components::form::{FormError, FormErrors, TextInput};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::{AppError, FieldProblem, Problem};
use crate::i18n::{Locale, use_i18n};
use crate::portal::profile::parse_number;
use crate::reporting::{
    Dashboard, REPORT_CSV_PATH, SaveWorkTarget, cohort_dashboard, programme_dashboard,
    report_programmes,
};
use crate::text::{fill, format_typed_date};

/// The language code of the page, for the CSV's words.
pub fn lang_code(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "en",
        Locale::da => "da",
    }
}

#[component]
pub fn CohortDashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let cohort = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    let save = ServerAction::<SaveWorkTarget>::new();
    let data = Resource::new(
        move || (cohort.get(), save.version().get()),
        |(cohort, _)| cohort_dashboard(cohort),
    );
    view! {
        <Title text=move || t_string!(i18n, report.dashboard) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <p><a href="/coordinator/cohorts">{move || t_string!(i18n, nav.cohorts)}</a></p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || data.get().map(|result| match result {
                    Ok(dashboard) => view! { <DashboardView dashboard save /> }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

#[component]
pub fn ProgrammeDashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let chosen = Signal::derive(move || {
        query.with(|q| {
            let programme = q.get("programme").filter(|p| !p.is_empty())?;
            let year = q.get("year")?.parse::<i32>().ok()?;
            Some((programme, year))
        })
    });
    let save = ServerAction::<SaveWorkTarget>::new();
    let programmes = Resource::new(move || save.version().get(), |_| report_programmes());
    let data = Resource::new(
        move || (chosen.get(), save.version().get()),
        |(chosen, _)| async move {
            match chosen {
                Some((programme, year)) => programme_dashboard(programme, year).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Title text=move || t_string!(i18n, report.programme_dashboard) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <section class="card">
                <h1>{move || t_string!(i18n, report.programme_dashboard)}</h1>
                <p>{move || t_string!(i18n, report.programme_intro)}</p>
                <Transition fallback=|| view! { <Loading /> }>
                    {move || programmes.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || t_string!(i18n, report.no_programmes)}</p> }.into_any(),
                        Ok(list) => view! { <Chooser list chosen /> }.into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })}
                </Transition>
            </section>
            <Transition fallback=|| view! { <Loading /> }>
                {move || data.get().map(|result| match result {
                    Ok(Some(dashboard)) => view! { <DashboardView dashboard save /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

/// Programme and year, sent as the page's query so the choice can be linked.
#[component]
fn Chooser(
    list: Vec<crate::reporting::ProgrammeYears>,
    chosen: Signal<Option<(String, i32)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let first = list.first().map(|p| p.slug.clone()).unwrap_or_default();
    let programme = RwSignal::new(
        chosen
            .get_untracked()
            .map(|(programme, _)| programme)
            .unwrap_or(first),
    );
    let list = StoredValue::new(list);
    let years = move || {
        list.with_value(|list| {
            list.iter()
                .find(|p| p.slug == programme.get())
                .map(|p| p.years.clone())
                .unwrap_or_default()
        })
    };
    let chosen_year = chosen.get_untracked().map(|(_, year)| year);
    view! {
        <form method="get" action="/coordinator/dashboard" class="chooser">
            <div class="field">
                <label for="report-programme">{move || t_string!(i18n, report.programme)}</label>
                <select id="report-programme" name="programme" on:change:target=move |ev| programme.set(ev.target().value())>
                    {list.get_value().into_iter().map(|p| {
                        let selected = p.slug == programme.get_untracked();
                        view! { <option value=p.slug.clone() selected=selected>{p.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="report-year">{move || t_string!(i18n, report.year)}</label>
                <select id="report-year" name="year">
                    {move || years().into_iter().map(|year| view! {
                        <option value=year.to_string() selected=Some(year) == chosen_year>{year}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{move || t_string!(i18n, report.show)}</button>
        </form>
    }
}

/// A dashboard with its heading, links and target setting.
#[component]
fn DashboardView(dashboard: Dashboard, save: ServerAction<SaveWorkTarget>) -> impl IntoView {
    let i18n = use_i18n();
    let query = dashboard.scope.query();
    let report = format!("/coordinator/report?{query}");
    let csv = move || {
        format!(
            "{REPORT_CSV_PATH}?{query}&lang={}",
            lang_code(i18n.get_locale())
        )
    };
    let title = dashboard.title.clone();
    let programme_name = dashboard.programme_name.clone();
    let as_of = dashboard.as_of.clone();
    let cohorts = dashboard
        .cohorts
        .iter()
        .map(|(_, name)| name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="card">
            <h1>{move || fill(t_string!(i18n, report.dashboard_of), &[("name", title.clone())])}</h1>
            <p>{programme_name}" · "{move || fill(t_string!(i18n, report.as_of), &[("date", format_typed_date(i18n.get_locale(), &as_of))])}</p>
            <p class="muted">{move || fill(t_string!(i18n, report.cohorts_covered), &[("cohorts", cohorts.clone())])}</p>
            <p class="actions">
                <a class="button" href=report>{move || t_string!(i18n, report.open_report)}</a>
                <a class="button button--secondary" href=csv download="">{move || t_string!(i18n, report.download_csv)}</a>
            </p>
            <TargetForm programme=dashboard.programme.clone() target=dashboard.target save />
        </section>
        <DashboardFigures dashboard />
    }
}

/// The share in work the programme aims at, stored with the programme.
#[component]
fn TargetForm(programme: String, target: u32, save: ServerAction<SaveWorkTarget>) -> impl IntoView {
    let i18n = use_i18n();
    let value = RwSignal::new(target.to_string());
    let errors = FormErrors::new(move || {
        value.with(|v| match parse_number(v, 1, 100) {
            Some(_) => Vec::new(),
            None => vec![FieldProblem {
                field: "target".into(),
                problem: Problem::Number { min: 1, max: 100 },
            }],
        })
    });
    Effect::new(move || {
        if let Some(Err(error)) = save.value().get() {
            errors.server.set(Some(error));
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None::<AppError>);
        if errors.ready() {
            save.dispatch(SaveWorkTarget {
                programme: programme.clone(),
                target: value.get_untracked(),
            });
        }
    };
    view! {
        <form novalidate on:submit=on_submit class="target-form">
            <TextInput
                name="target"
                label=move || t_string!(i18n, report.target_field)
                kind="number"
                bind=(value.into(), Callback::new(move |v| value.set(v)))
                errors
                hint=move || t_string!(i18n, report.target_hint)
                required=true
            />
            <FormError error=errors.server fields=&["target"] />
            <button type="submit" class="button button--secondary" disabled=move || save.pending().get()>
                {move || t_string!(i18n, report.save_target)}
            </button>
        </form>
    }
}
