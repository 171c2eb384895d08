//! The coordinator's list of applications. Opening one asks why, and the
//! reading is logged where the applicant can see it.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::components::portal::AnswersView;
use crate::i18n::use_i18n;
use crate::portal::{
    ApplicationSummary, DecideApplication, Status, ViewApplication, list_applications,
};
use crate::text::{format_moment, role_label, status_label};

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, nav.applications) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Applications />
        </RoleGate>
    }
}

#[component]
fn Applications() -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let decide = ServerAction::<DecideApplication>::new();
    let list = Resource::new(
        move || (kind.get(), status.get(), decide.version().get()),
        |(kind, status, _)| list_applications(Some(kind), Some(status)),
    );
    let open = ServerAction::<ViewApplication>::new();
    let selected = RwSignal::new(None::<ApplicationSummary>);
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, nav.applications)}</h1>
            <div class="filters">
                <div class="field">
                    <label for="filter-kind">{move || t_string!(i18n, applications.kind)}</label>
                    <select id="filter-kind" on:change:target=move |ev| kind.set(ev.target().value())>
                        <option value="">{move || t_string!(i18n, applications.all)}</option>
                        <option value="mentee">{move || role_label(i18n.get_locale(), Role::Mentee)}</option>
                        <option value="mentor">{move || role_label(i18n.get_locale(), Role::Mentor)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="filter-status">{move || t_string!(i18n, field.status)}</label>
                    <select id="filter-status" on:change:target=move |ev| status.set(ev.target().value())>
                        <option value="">{move || t_string!(i18n, applications.all)}</option>
                        {Status::ALL
                            .into_iter()
                            .filter(|s| *s != Status::Draft)
                            .map(|s| view! { <option value=s.code()>{move || status_label(i18n.get_locale(), s)}</option> })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    list.get().map(|result| match result {
                        Ok(rows) if rows.is_empty() => view! { <p class="muted">{move || t_string!(i18n, applications.none)}</p> }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t_string!(i18n, field.name)}</th>
                                            <th scope="col">{move || t_string!(i18n, applications.kind)}</th>
                                            <th scope="col">{move || t_string!(i18n, field.status)}</th>
                                            <th scope="col">{move || t_string!(i18n, applications.partner)}</th>
                                            <th scope="col">{move || t_string!(i18n, applications.submitted)}</th>
                                            <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, common.actions)}</span></th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rows
                                            .into_iter()
                                            .map(|row| {
                                                let status = row.status;
                                                let submitted = row.submitted_at;
                                                let stored = StoredValue::new(row.clone());
                                                let name = row.name.clone();
                                                view! {
                                                    <tr>
                                                        <td>{row.name.clone()}</td>
                                                        <td>{move || Role::from_code(&row.kind).map(|role| role_label(i18n.get_locale(), role)).unwrap_or_default()}</td>
                                                        <td>{move || status_label(i18n.get_locale(), status)}</td>
                                                        <td>{row.partner_name.clone().unwrap_or_default()}</td>
                                                        <td>{move || submitted.map(|at| format_moment(i18n.get_locale(), at)).unwrap_or_default()}</td>
                                                        <td>
                                                            <button
                                                                type="button"
                                                                class="link-button"
                                                                aria-label=move || format!("{} {}", t_string!(i18n, applications.open), name)
                                                                on:click=move |_| selected.set(Some(stored.get_value()))
                                                            >
                                                                {move || t_string!(i18n, applications.open)}
                                                            </button>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
                }}
            </Transition>
        </section>
        {move || selected.get().map(|row| view! { <Reader row open decide /> })}
    }
}

#[component]
fn Reader(
    row: ApplicationSummary,
    open: ServerAction<ViewApplication>,
    decide: ServerAction<DecideApplication>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open_error = action_error(open.value());
    let decide_error = action_error(decide.value());
    let account = row.account.clone();
    view! {
        <section class="card">
            <h2>{row.name.clone()}</h2>
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
                        <ActionForm action=decide attr:novalidate=true>
                            <input type="hidden" name="account" value=person.id.clone() />
                            <div class="field">
                                <label for="field-decision">{move || t_string!(i18n, applications.decision)}</label>
                                <select id="field-decision" name="status">
                                    {[Status::Accepted, Status::Waitlisted, Status::Declined]
                                        .into_iter()
                                        .map(|s| view! { <option value=s.code()>{move || status_label(i18n.get_locale(), s)}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <Field name="reason" label=move || t_string!(i18n, applications.decision_reason) error=decide_error />
                            <FormError error=decide_error fields=&["reason", "status"] />
                            <button type="submit" class="button">{move || t_string!(i18n, apply.save)}</button>
                        </ActionForm>
                    }
                })
            }}
        </section>
    }
}
