//! Coordinators plan a cohort's workshops: list with who comes and who came,
//! create, edit, cancel, and open each workshop's check-in.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::Role;
use crate::bind;
use crate::components::form::{FormError, FormErrors, TextInput};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::i18n::use_i18n;
use crate::text::fill;
use crate::workshops::{
    CancelWorkshop, SaveWorkshop, Workshop, WorkshopForm, WorkshopsOfCohort, cohort_workshops,
};

#[component]
pub fn CohortWorkshopsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let cohort = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    let save = ServerAction::<SaveWorkshop>::new();
    let cancel = ServerAction::<CancelWorkshop>::new();
    let list = Resource::new(
        move || (cohort.get(), save.version().get(), cancel.version().get()),
        |(cohort, _, _)| cohort_workshops(cohort),
    );
    view! {
        <Title text=move || t_string!(i18n, workshops.nav) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Transition fallback=|| view! { <Loading /> }>
                {move || list.get().map(|result| match result {
                    Ok(found) => view! { <Workshops found save cancel /> }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

/// "10 June 2027 at 17:00 (90 min)" in the reader's language.
pub fn when_text(locale: crate::i18n::Locale, workshop: &Workshop) -> String {
    use leptos_i18n::td_string;
    fill(
        td_string!(locale, workshops.when_text),
        &[
            (
                "date",
                crate::text::format_typed_date(locale, &workshop.date),
            ),
            ("time", workshop.time.clone()),
            ("minutes", workshop.minutes.to_string()),
        ],
    )
}

#[component]
fn Workshops(
    found: WorkshopsOfCohort,
    save: ServerAction<SaveWorkshop>,
    cancel: ServerAction<CancelWorkshop>,
) -> impl IntoView {
    let i18n = use_i18n();
    // `None`: no form open; `Some(None)`: a new workshop; `Some(Some(w))`: editing `w`.
    let editing = RwSignal::new(None::<Option<Workshop>>);
    let cohort = StoredValue::new(found.cohort.clone());
    let cohort_name = found.cohort_name.clone();
    let cancel_error = Signal::derive(move || cancel.value().get().and_then(Result::err));
    let items = found
        .workshops
        .into_iter()
        .map(|workshop| view! { <WorkshopItem workshop editing cancel /> })
        .collect_view();
    let empty = items.is_empty();
    view! {
        <section class="card">
            <p><a href="/coordinator/cohorts">{move || t_string!(i18n, workshops.back_to_cohorts)}</a></p>
            <h1>{move || fill(t_string!(i18n, workshops.heading), &[("cohort", cohort_name.clone())])}</h1>
            <p>{move || t_string!(i18n, workshops.intro)}</p>
            <FormError error=cancel_error />
            {if empty {
                view! { <p class="muted">{move || t_string!(i18n, workshops.none)}</p> }.into_any()
            } else {
                view! { <ul class="workshop-list">{items}</ul> }.into_any()
            }}
            <button type="button" class="button" on:click=move |_| editing.set(Some(None))>
                {move || t_string!(i18n, workshops.new)}
            </button>
        </section>
        {move || editing.get().map(|workshop| view! { <WorkshopEditor workshop cohort=cohort.get_value() save editing /> })}
    }
}

#[component]
fn WorkshopItem(
    workshop: Workshop,
    editing: RwSignal<Option<Option<Workshop>>>,
    cancel: ServerAction<CancelWorkshop>,
) -> impl IntoView {
    let i18n = use_i18n();
    let stored = StoredValue::new(workshop.clone());
    let title = StoredValue::new(workshop.title.clone());
    let check_in = format!("/coordinator/workshops/{}/attendance", workshop.id);
    let heading_id = format!("workshop-{}", workshop.id);
    let labelled_by = heading_id.clone();
    let when = {
        let workshop = workshop.clone();
        move || when_text(i18n.get_locale(), &workshop)
    };
    let place = (!workshop.place.is_empty()).then(|| workshop.place.clone());
    let link = (!workshop.link.is_empty()).then(|| {
        let href = workshop.link.clone();
        view! { <a href=href.clone() rel="noopener noreferrer">{href.clone()}</a> }
    });
    let counts = format!("{} / {}", workshop.coming, workshop.capacity);
    let cancelled = workshop.cancelled;
    let id = workshop.id.clone();
    let on_cancel = move |_| {
        let question = fill(
            t_string!(i18n, workshops.cancel_confirm),
            &[("title", title.get_value())],
        );
        if window().confirm_with_message(&question).unwrap_or(false) {
            cancel.dispatch(CancelWorkshop { id: id.clone() });
        }
    };
    view! {
        <li class="workshop-item" class:workshop-item--cancelled=cancelled>
            <article aria-labelledby=labelled_by>
                <h2 id=heading_id>
                    {workshop.title.clone()}
                    {cancelled.then(|| view! { " " <span class="badge">{move || t_string!(i18n, workshops.cancelled)}</span> })}
                </h2>
                <dl class="workshop-item__facts">
                    <div><dt>{move || t_string!(i18n, workshops.when)}</dt><dd>{when}</dd></div>
                    <div><dt>{move || t_string!(i18n, workshops.location)}</dt><dd>{place}{(!workshop.place.is_empty() && link.is_some()).then_some(" · ")}{link}</dd></div>
                    <div><dt>{move || t_string!(i18n, workshops.counts)}</dt><dd>{counts}</dd></div>
                    <div><dt>{move || t_string!(i18n, workshops.attended)}</dt><dd>{workshop.attended}</dd></div>
                </dl>
                <div class="actions">
                    <a class="button" href=check_in aria-label=move || fill(t_string!(i18n, workshops.check_in_label), &[("title", title.get_value())])>
                        {move || t_string!(i18n, workshops.check_in)}
                    </a>
                    <button
                        type="button"
                        class="button button--secondary"
                        aria-label=move || fill(t_string!(i18n, workshops.edit_label), &[("title", title.get_value())])
                        on:click=move |_| editing.set(Some(Some(stored.get_value())))
                    >
                        {move || t_string!(i18n, common.edit)}
                    </button>
                    {(!cancelled).then(|| view! {
                        <button
                            type="button"
                            class="link-button"
                            aria-label=move || fill(t_string!(i18n, workshops.cancel_label), &[("title", title.get_value())])
                            on:click=on_cancel
                        >
                            {move || t_string!(i18n, workshops.cancel)}
                        </button>
                    })}
                </div>
            </article>
        </li>
    }
}

#[component]
fn WorkshopEditor(
    workshop: Option<Workshop>,
    cohort: String,
    save: ServerAction<SaveWorkshop>,
    editing: RwSignal<Option<Option<Workshop>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = workshop.as_ref().map(|workshop| workshop.id.clone());
    let draft =
        RwSignal::new(
            workshop
                .as_ref()
                .map(Workshop::form)
                .unwrap_or_else(|| WorkshopForm {
                    minutes: "90".into(),
                    capacity: "20".into(),
                    ..WorkshopForm::default()
                }),
        );
    let errors = FormErrors::new(move || draft.with(WorkshopForm::problems));
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => editing.set(None),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            save.dispatch(SaveWorkshop {
                id: id.clone(),
                cohort: cohort.clone(),
                form: draft.get_untracked(),
            });
        }
    };
    view! {
        <section class="card" aria-labelledby="workshop-form-title">
            <h2 id="workshop-form-title">{move || t_string!(i18n, workshops.edit_title)}</h2>
            <form novalidate on:submit=on_submit>
                <TextInput name="title" label=move || t_string!(i18n, workshops.title) bind=bind!(draft.title) errors required=true />
                <TextInput name="description" label=move || t_string!(i18n, workshops.description) bind=bind!(draft.description) errors multiline=true />
                <div class="workshop-form__when">
                    <TextInput name="date" label=move || t_string!(i18n, workshops.date) kind="date" bind=bind!(draft.date) errors required=true />
                    <TextInput name="time" label=move || t_string!(i18n, workshops.time) kind="time" bind=bind!(draft.time) errors required=true hint=move || t_string!(i18n, workshops.time_hint) />
                    <TextInput name="minutes" label=move || t_string!(i18n, workshops.minutes) kind="number" bind=bind!(draft.minutes) errors required=true />
                </div>
                <TextInput name="place" label=move || t_string!(i18n, workshops.place) bind=bind!(draft.place) errors hint=move || t_string!(i18n, workshops.place_hint) />
                <TextInput name="link" label=move || t_string!(i18n, workshops.link) kind="url" bind=bind!(draft.link) errors hint=move || t_string!(i18n, workshops.link_hint) />
                <TextInput name="capacity" label=move || t_string!(i18n, workshops.capacity) kind="number" bind=bind!(draft.capacity) errors required=true />
                <FormError error=errors.server fields=&["title", "description", "date", "time", "minutes", "place", "link", "capacity"] />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>{move || t_string!(i18n, apply.save)}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| editing.set(None)>{move || t_string!(i18n, common.cancel)}</button>
                </div>
            </form>
        </section>
    }
}
