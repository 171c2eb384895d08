//! A cohort's employment outcomes for its coordinators: each mentee's current
//! status at the start, the end and 3 and 6 months after; recording or
//! correcting one (a new record: the history keeps the old), and the history.

use leptos::html;
use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::Role;
use crate::components::form::{FormError, FormErrors};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::components::outcome_form::{
    OUTCOME_FIELDS, OutcomeFields, outcome_summary, recorded_line,
};
use crate::i18n::use_i18n;
use crate::portal::profile::today;
use crate::surveys::{
    CohortOutcomes, MenteeOutcomes, OutcomeMoment, RecordOutcome, load_cohort_outcomes,
};
use crate::text::{fill, outcome_moment_label};

#[component]
pub fn OutcomesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let cohort = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    let record = ServerAction::<RecordOutcome>::new();
    let data = Resource::new(
        move || (cohort.get(), record.version().get()),
        |(cohort, _)| load_cohort_outcomes(cohort),
    );
    // Kept here, so they outlast the list's refresh after a save: the mentee
    // whose outcomes are open, and the one last saved.
    let open = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    view! {
        <Title text=move || t_string!(i18n, outcomes.title) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Transition fallback=|| view! { <Loading /> }>
                {move || data.get().map(|result| match result {
                    Ok(data) => view! { <Outcomes data record open saved /> }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

#[component]
fn Outcomes(
    data: CohortOutcomes,
    record: ServerAction<RecordOutcome>,
    open: RwSignal<Option<String>>,
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cohort = data.cohort.id.clone();
    let surveys = format!("/coordinator/cohorts/{cohort}/surveys");
    let name = data.cohort.name.clone();
    let mentees = StoredValue::new(data.mentees.clone());
    let chosen = move || {
        open.get()
            .and_then(|key| mentees.with_value(|all| all.iter().find(|m| m.mentee == key).cloned()))
    };
    let cohort = StoredValue::new(cohort);
    view! {
        <section class="card">
            <p><a href="/coordinator/cohorts">{move || t_string!(i18n, nav.cohorts)}</a></p>
            <h1>{move || fill(t_string!(i18n, outcomes.page_title), &[("cohort", name.clone())])}</h1>
            <p>{move || t_string!(i18n, outcomes.intro)}</p>
            <p><a href=surveys>{move || t_string!(i18n, surveys.title)}</a></p>
            {if data.mentees.is_empty() {
                view! { <p class="muted">{move || t_string!(i18n, outcomes.none)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                        <table class="table outcomes-table">
                            <thead>
                                <tr>
                                    <th scope="col">{move || t_string!(i18n, outcomes.mentee)}</th>
                                    {OutcomeMoment::ALL.into_iter().map(|moment| view! {
                                        <th scope="col">{move || outcome_moment_label(i18n.get_locale(), moment)}</th>
                                    }).collect_view()}
                                    <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, common.actions)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {data.mentees.into_iter().map(|mentee| view! { <MenteeRow mentee open record /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        {move || chosen().map(|mentee| view! { <MenteeCard mentee cohort=cohort.get_value() record open saved /> })}
    }
}

#[component]
fn MenteeRow(
    mentee: MenteeOutcomes,
    open: RwSignal<Option<String>>,
    record: ServerAction<RecordOutcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = mentee.mentee.clone();
    let name = mentee.name.clone();
    view! {
        <tr>
            <th scope="row">{mentee.name.clone()}</th>
            {mentee.latest.into_iter().map(|latest| view! {
                <td>
                    {move || match &latest {
                        Some(record) => outcome_summary(i18n.get_locale(), record),
                        None => t_string!(i18n, outcomes.not_recorded).to_owned(),
                    }}
                </td>
            }).collect_view()}
            <td class="actions">
                <button
                    type="button"
                    class="link-button"
                    aria-label=move || format!("{} {}", t_string!(i18n, outcomes.record), name)
                    on:click=move |_| {
                        record.value().set(None);
                        open.set(Some(key.clone()));
                    }
                >
                    {move || t_string!(i18n, outcomes.record)}
                </button>
            </td>
        </tr>
    }
}

/// One mentee: the form to record or correct an outcome, and the history.
#[component]
fn MenteeCard(
    mentee: MenteeOutcomes,
    cohort: String,
    record: ServerAction<RecordOutcome>,
    open: RwSignal<Option<String>>,
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Start from the newest record, so a correction changes only what was wrong.
    let draft = RwSignal::new(mentee.history.first().map(|r| r.form()).unwrap_or_default());
    let errors = FormErrors::new(move || draft.with(|d| d.problems(true, today())));
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move || {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let key = mentee.mentee.clone();
    let this = key.clone();
    // The action's value is cleared whenever another mentee is opened, so an
    // answer here is about this mentee.
    Effect::new(move || match record.value().get() {
        Some(Ok(())) => saved.set(Some(this.clone())),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let shown = key.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        saved.set(None);
        if errors.ready() {
            record.dispatch(RecordOutcome {
                cohort: cohort.clone(),
                mentee: key.clone(),
                form: draft.get_untracked(),
            });
        }
    };
    let name = mentee.name.clone();
    let history = mentee.history.clone();
    view! {
        <section class="card" aria-labelledby="outcome-form-title">
            <h2 id="outcome-form-title" tabindex="-1" node_ref=heading>
                {move || fill(t_string!(i18n, outcomes.record_for), &[("name", name.clone())])}
            </h2>
            <form novalidate on:submit=on_submit>
                <OutcomeFields draft errors with_moment=true />
                <FormError error=errors.server fields=OUTCOME_FIELDS />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || record.pending().get()>{move || t_string!(i18n, outcomes.save)}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| open.set(None)>{move || t_string!(i18n, common.cancel)}</button>
                </div>
                <div role="status">
                    <Show when=move || saved.with(|saved| saved.as_ref() == Some(&shown))>
                        <p class="alert alert--success">{move || t_string!(i18n, outcomes.saved)}</p>
                    </Show>
                </div>
            </form>
            <h3>{move || t_string!(i18n, outcomes.history)}</h3>
            {if history.is_empty() {
                view! { <p class="muted">{move || t_string!(i18n, outcomes.no_history)}</p> }.into_any()
            } else {
                view! {
                    <ol class="outcome-history">
                        {history.into_iter().map(|entry| {
                            let moment = entry.values.moment;
                            let note = entry.values.note.clone();
                            let line = entry.clone();
                            view! {
                                <li>
                                    <strong>{move || outcome_moment_label(i18n.get_locale(), moment)}</strong>": "
                                    {move || outcome_summary(i18n.get_locale(), &entry)}
                                    <br />
                                    <span class="muted">{move || recorded_line(i18n.get_locale(), &line)}</span>
                                    {(!note.is_empty()).then(|| view! { <br /><span>{note.clone()}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
