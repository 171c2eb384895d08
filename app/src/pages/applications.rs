//! The coordinator's review queue: filter applications, decide one or many at
//! once (accept into a cohort, waitlist, decline with a reason). Opening one
//! asks why, and the reading is logged where the applicant can see it.

use std::collections::{BTreeSet, HashSet};

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::board::{Cohort, CohortStatus, decide_applications, list_cohorts};
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::components::portal::AnswersView;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::portal::{
    ApplicationPage, ApplicationQuery, ApplicationSummary, PartnerChoice, Status, ViewApplication,
    list_applications, partner_choices,
};
use crate::text::{error_text, format_moment, format_number, role_label, status_label};

type Rows = Resource<Result<ApplicationPage, AppError>>;
type Cohorts = Resource<Result<Vec<Cohort>, AppError>>;

/// Rows a read adds to the list.
const PAGE: usize = 50;

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(ApplicationQuery {
        status: Some(Status::Submitted.code().to_owned()),
        ..ApplicationQuery::default()
    });
    // Pages of rows shown; a new query starts again from one.
    let pages = RwSignal::new(1_usize);
    let decided = RwSignal::new(0_u32);
    let rows = Resource::new(
        move || (query.get(), pages.get(), decided.get()),
        |(query, pages, _)| {
            list_applications(ApplicationQuery {
                limit: Some((pages * PAGE).to_string()),
                ..query
            })
        },
    );
    let cohorts = Resource::new(|| (), |_| list_cohorts());
    let partners = Resource::new(|| (), |_| partner_choices());
    view! {
        <Title text=move || t_string!(i18n, nav.applications) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Applications query pages decided rows cohorts partners />
        </RoleGate>
    }
}

#[component]
fn Applications(
    query: RwSignal<ApplicationQuery>,
    pages: RwSignal<usize>,
    decided: RwSignal<u32>,
    rows: Rows,
    cohorts: Cohorts,
    partners: Resource<Result<Vec<PartnerChoice>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let selected = RwSignal::new(HashSet::<String>::new());
    let opened = RwSignal::new(None::<ApplicationSummary>);
    // The rows of the last answer, kept while the next one loads.
    let visible = Memo::new(move |_| {
        rows.get()
            .and_then(Result::ok)
            .map(|page| page.rows)
            .unwrap_or_default()
    });
    let more = move || {
        rows.get()
            .and_then(Result::ok)
            .is_some_and(|page| page.more)
    };
    // The working languages of the rows shown, offered while typing.
    let languages = move || {
        visible
            .get()
            .into_iter()
            .flat_map(|row| row.languages)
            .collect::<BTreeSet<_>>()
    };
    let set_filter = move |update: fn(&mut ApplicationQuery, Option<String>)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            pages.set(1);
            query.update(|query| update(query, Some(value)));
        }
    };
    let all_checked = move || {
        let visible = visible.get();
        !visible.is_empty() && selected.with(|s| visible.iter().all(|row| s.contains(&row.account)))
    };
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, nav.applications)}</h1>
            <div class="filters">
                <div class="field">
                    <label for="filter-search">{move || t_string!(i18n, applications.search)}</label>
                    <input id="filter-search" type="search" autocomplete="off" on:input=set_filter(|q, v| q.search = v) />
                </div>
                <div class="field">
                    <label for="filter-kind">{move || t_string!(i18n, applications.kind)}</label>
                    <select id="filter-kind" on:change=set_filter(|q, v| q.kind = v)>
                        <option value="">{move || t_string!(i18n, applications.all)}</option>
                        <option value="mentee">{move || role_label(i18n.get_locale(), Role::Mentee)}</option>
                        <option value="mentor">{move || role_label(i18n.get_locale(), Role::Mentor)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="filter-status">{move || t_string!(i18n, field.status)}</label>
                    <select id="filter-status" on:change=set_filter(|q, v| q.status = v)>
                        <option value="">{move || t_string!(i18n, applications.all)}</option>
                        {Status::ALL
                            .into_iter()
                            .filter(|s| *s != Status::Draft)
                            .map(|s| view! { <option value=s.code() selected=move || query.with(|q| q.status.as_deref() == Some(s.code()))>{move || status_label(i18n.get_locale(), s)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-partner">{move || t_string!(i18n, applications.partner)}</label>
                    <select id="filter-partner" on:change=set_filter(|q, v| q.partner = v)>
                        <option value="">{move || t_string!(i18n, applications.all)}</option>
                        {move || partners.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| view! { <option value=p.id>{p.name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-language">{move || t_string!(i18n, applications.language)}</label>
                    <input id="filter-language" type="search" list="filter-languages" autocomplete="off" on:input=set_filter(|q, v| q.language = v) />
                    <datalist id="filter-languages">
                        {move || languages().into_iter().map(|l| view! { <option value=l></option> }).collect_view()}
                    </datalist>
                </div>
                <div class="field">
                    <label for="filter-industry">{move || t_string!(i18n, applications.industry)}</label>
                    <input id="filter-industry" type="search" on:input=set_filter(|q, v| q.industry = v) />
                </div>
                <div class="field">
                    <label for="filter-from">{move || t_string!(i18n, applications.from)}</label>
                    <input id="filter-from" type="date" on:change=set_filter(|q, v| q.from = v) />
                </div>
                <div class="field">
                    <label for="filter-to">{move || t_string!(i18n, applications.to)}</label>
                    <input id="filter-to" type="date" on:change=set_filter(|q, v| q.to = v) />
                </div>
            </div>
            <Transition fallback=|| view! { <Loading /> }>
                {move || rows.get().map(|result| match result {
                    Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    Ok(_) if visible.with(Vec::is_empty) => view! { <p class="muted">{move || t_string!(i18n, applications.none)}</p> }.into_any(),
                    Ok(_) => view! {
                        <p class="muted" aria-live="polite">
                            {move || {
                                let count = format_number(i18n.get_locale(), visible.with(Vec::len) as u64);
                                if more() {
                                    crate::text::fill(t_string!(i18n, applications.count_more), &[("count", count)])
                                } else {
                                    crate::text::fill(t_string!(i18n, applications.count), &[("count", count)])
                                }
                            }}
                        </p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">
                                            <input
                                                type="checkbox"
                                                id="select-all"
                                                aria-label=move || t_string!(i18n, applications.select_all)
                                                prop:checked=all_checked
                                                on:change:target=move |ev| {
                                                    let on = ev.target().checked();
                                                    let ids: Vec<String> = visible.get().into_iter().map(|row| row.account).collect();
                                                    selected.update(|s| for id in ids { if on { s.insert(id); } else { s.remove(&id); } });
                                                }
                                            />
                                        </th>
                                        <th scope="col">{move || t_string!(i18n, field.name)}</th>
                                        <th scope="col">{move || t_string!(i18n, applications.kind)}</th>
                                        <th scope="col">{move || t_string!(i18n, field.status)}</th>
                                        <th scope="col">{move || t_string!(i18n, applications.industry)}</th>
                                        <th scope="col">{move || t_string!(i18n, applications.language)}</th>
                                        <th scope="col">{move || t_string!(i18n, applications.partner)}</th>
                                        <th scope="col">{move || t_string!(i18n, applications.cohort)}</th>
                                        <th scope="col">{move || t_string!(i18n, applications.submitted)}</th>
                                        <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, common.actions)}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    <For each=move || visible.get() key=|row| (row.account.clone(), row.status, row.cohorts.clone()) let:row>
                                        {
                                            let account = row.account.clone();
                                            let check_account = account.clone();
                                            let status = row.status;
                                            let submitted = row.submitted_at;
                                            let stored = StoredValue::new(row.clone());
                                            let name = row.name.clone();
                                            let label_name = name.clone();
                                            view! {
                                                <tr>
                                                    <td>
                                                        <input
                                                            type="checkbox"
                                                            class="select-row"
                                                            aria-label=move || format!("{} {}", t_string!(i18n, applications.select), label_name)
                                                            prop:checked=move || selected.with(|s| s.contains(&check_account))
                                                            on:change:target=move |ev| {
                                                                let on = ev.target().checked();
                                                                let id = account.clone();
                                                                selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                                            }
                                                        />
                                                    </td>
                                                    <td>{row.name.clone()}</td>
                                                    <td>{move || Role::from_code(&row.kind).map(|role| role_label(i18n.get_locale(), role)).unwrap_or_default()}</td>
                                                    <td>{move || status_label(i18n.get_locale(), status)}</td>
                                                    <td>{row.industry.clone()}</td>
                                                    <td>{row.languages.join(", ")}</td>
                                                    <td>{row.partner_name.clone().unwrap_or_default()}</td>
                                                    <td>{row.cohorts.join(", ")}</td>
                                                    <td>{move || submitted.map(|at| format_moment(i18n.get_locale(), at)).unwrap_or_default()}</td>
                                                    <td>
                                                        <button
                                                            type="button"
                                                            class="link-button"
                                                            aria-label=move || format!("{} {}", t_string!(i18n, applications.open), name)
                                                            on:click=move |_| opened.set(Some(stored.get_value()))
                                                        >
                                                            {move || t_string!(i18n, applications.open)}
                                                        </button>
                                                    </td>
                                                </tr>
                                            }
                                        }
                                    </For>
                                </tbody>
                            </table>
                        </div>
                        <Show when=more>
                            <button type="button" class="button button--secondary" on:click=move |_| pages.update(|n| *n += 1)>
                                {move || t_string!(i18n, applications.more)}
                            </button>
                        </Show>
                    }
                    .into_any(),
                })}
            </Transition>
        </section>
        {move || {
            let chosen: Vec<String> = selected.with(|s| {
                visible.get().into_iter().map(|row| row.account).filter(|id| s.contains(id)).collect()
            });
            (!chosen.is_empty()).then(|| {
                let count = chosen.len();
                view! {
                    <section class="card" aria-labelledby="bulk-title">
                        <h2 id="bulk-title">
                            {move || crate::text::fill(t_string!(i18n, applications.bulk_title), &[("count", count.to_string())])}
                        </h2>
                        <Decision
                            accounts=chosen
                            cohorts
                            on_done=Callback::new(move |_| {
                                selected.set(HashSet::new());
                                decided.update(|n| *n += 1);
                            })
                        />
                    </section>
                }
            })
        }}
        {move || opened.get().map(|row| view! {
            <Reader row cohorts on_done=Callback::new(move |_| { opened.set(None); decided.update(|n| *n += 1); }) />
        })}
    }
}

/// Accept (into a cohort), waitlist or decline the given applications.
#[component]
fn Decision(accounts: Vec<String>, cohorts: Cohorts, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let decision = RwSignal::new(Status::Accepted.code().to_owned());
    let cohort = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let accounts = StoredValue::new(accounts);
    let decide = Action::new(move |(status, reason, cohort): &(String, String, String)| {
        let accounts = accounts.get_value();
        let cohort = (!cohort.is_empty()).then(|| cohort.clone());
        decide_applications(accounts, status.clone(), reason.clone(), cohort)
    });
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        if let Some(result) = decide.value().get() {
            match result {
                Ok(_) => {
                    error.set(None);
                    on_done.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
        }
    });
    let open_cohorts = move || {
        cohorts
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|c| c.status != CohortStatus::Completed)
            .collect::<Vec<_>>()
    };
    view! {
        <form
            class="stack"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                decide.dispatch((decision.get(), reason.get(), cohort.get()));
            }
        >
            <div class="field">
                <label for="field-decision">{move || t_string!(i18n, applications.decision)}</label>
                <select id="field-decision" name="status" on:change:target=move |ev| decision.set(ev.target().value())>
                    {[Status::Accepted, Status::Waitlisted, Status::Declined]
                        .into_iter()
                        .map(|s| view! { <option value=s.code()>{move || status_label(i18n.get_locale(), s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <Show when=move || decision.get() == Status::Accepted.code()>
                <div class="field">
                    <label for="field-cohort">{move || t_string!(i18n, applications.into_cohort)}</label>
                    <select id="field-cohort" name="cohort" on:change:target=move |ev| cohort.set(ev.target().value())>
                        <option value="">{move || t_string!(i18n, applications.no_cohort_yet)}</option>
                        {move || open_cohorts().into_iter().map(|c| view! { <option value=c.id.clone() selected=cohort.get_untracked() == c.id>{c.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
            </Show>
            <div class="field">
                <label for="field-decision-reason">{move || t_string!(i18n, applications.decision_reason)}</label>
                <textarea id="field-decision-reason" name="reason" rows="2" on:input:target=move |ev| reason.set(ev.target().value())></textarea>
            </div>
            {move || error.get().map(|error| view! { <p class="alert alert--error" role="alert">{move || error_text(i18n.get_locale(), &error)}</p> })}
            <button type="submit" class="button" disabled=move || decide.pending().get()>
                {move || t_string!(i18n, applications.apply_decision)}
            </button>
        </form>
    }
}

#[component]
fn Reader(row: ApplicationSummary, cohorts: Cohorts, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let open = ServerAction::<ViewApplication>::new();
    let open_error = action_error(open.value());
    let account = row.account.clone();
    view! {
        <section class="card" aria-labelledby="reader-title">
            <h2 id="reader-title">{row.name.clone()}</h2>
            <p>{move || t_string!(i18n, applications.reason_intro)}</p>
            <ActionForm action=open attr:novalidate=true>
                <input type="hidden" name="account" value=row.account.clone() />
                <Field name="reason" label=move || t_string!(i18n, applications.reason) error=open_error />
                <FormError error=open_error fields=&["reason"] />
                <button type="submit" class="button">{move || t_string!(i18n, applications.read)}</button>
            </ActionForm>
            {move || {
                open.value().get().and_then(Result::ok).filter(|(person, _)| person.id == account).map(|(person, application)| {
                    let cv = application.cv.clone().map(|cv| {
                        view! {
                            <p>
                                {move || t_string!(i18n, profile.cv)} ": "
                                <a href=format!("{}/{}", crate::portal::CV_PATH, person.id) download=cv.file_name.clone()>{cv.file_name.clone()}</a>
                            </p>
                        }
                    });
                    view! {
                        <p><a href=format!("mailto:{}", person.email)>{person.email.clone()}</a></p>
                        {cv}
                        <AnswersView answers=application.answers />
                        <h3>{move || t_string!(i18n, applications.decide)}</h3>
                        <Decision accounts=vec![person.id.clone()] cohorts on_done />
                    }
                })
            }}
        </section>
    }
}
