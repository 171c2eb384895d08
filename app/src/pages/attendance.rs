//! Check-in on the day: the cohort's participants (those who said yes first),
//! a name filter and one big toggle per person, saved on each tap. Made for a
//! phone in one hand at the door.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::Role;
use crate::components::form::FormError;
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::cohort_workshops::when_text;
use crate::text::fill;
use crate::workshops::{AttendanceList, Attendee, set_attendance, workshop_attendance};

#[component]
pub fn AttendancePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    let list = Resource::new(move || id.get(), workshop_attendance);
    view! {
        <Title text=move || t_string!(i18n, workshops.check_in) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Transition fallback=|| view! { <Loading /> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <CheckIn list /> }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

#[component]
fn CheckIn(list: AttendanceList) -> impl IntoView {
    let i18n = use_i18n();
    let workshop = StoredValue::new(list.workshop.clone());
    let here = RwSignal::new(
        list.people
            .iter()
            .filter(|person| person.attended)
            .map(|person| person.account.clone())
            .collect::<HashSet<String>>(),
    );
    let filter = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let back = format!("/coordinator/cohorts/{}/workshops", list.workshop.cohort);
    let title = list.workshop.title.clone();
    let coming = list.workshop.coming;
    let summary = move || {
        fill(
            t_string!(i18n, workshops.attendance_summary),
            &[
                ("attended", here.with(HashSet::len).to_string()),
                ("coming", coming.to_string()),
            ],
        )
    };
    let names = StoredValue::new(
        list.people
            .iter()
            .map(|person| person.name.to_lowercase())
            .collect::<Vec<_>>(),
    );
    let nobody = move || {
        let wanted = filter.with(|f| f.trim().to_lowercase());
        !wanted.is_empty() && names.with_value(|names| !names.iter().any(|n| n.contains(&wanted)))
    };
    let people = list
        .people
        .into_iter()
        .map(
            |person| view! { <Person person workshop=workshop.get_value().id here filter error /> },
        )
        .collect_view();
    view! {
        <section class="card attendance">
            <p><a href=back>{move || t_string!(i18n, workshops.back_to_workshops)}</a></p>
            <h1>{move || fill(t_string!(i18n, workshops.attendance_heading), &[("title", title.clone())])}</h1>
            <p class="muted">{move || when_text(i18n.get_locale(), &workshop.get_value())} " · " {list.cohort_name.clone()}</p>
            <p>{move || t_string!(i18n, workshops.attendance_intro)}</p>
            <p class="attendance__summary" role="status">{summary}</p>
            <FormError error />
            <div class="field">
                <label for="attendance-filter">{move || t_string!(i18n, workshops.filter)}</label>
                <input
                    id="attendance-filter"
                    type="search"
                    autocomplete="off"
                    prop:value=move || filter.get()
                    on:input:target=move |ev| filter.set(ev.target().value())
                />
            </div>
            <ul class="attendance__list">{people}</ul>
            <Show when=nobody>
                <p class="muted">{move || t_string!(i18n, workshops.nobody)}</p>
            </Show>
        </section>
    }
}

#[component]
fn Person(
    person: Attendee,
    workshop: String,
    here: RwSignal<HashSet<String>>,
    filter: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let account = StoredValue::new(person.account.clone());
    let workshop = StoredValue::new(workshop);
    let lower = person.name.to_lowercase();
    let hidden = move || {
        let wanted = filter.with(|f| f.trim().to_lowercase());
        !wanted.is_empty() && !lower.contains(&wanted)
    };
    let pressed = move || here.with(|here| account.with_value(|a| here.contains(a)));
    let saving = RwSignal::new(false);
    let answer = person.answer;
    let toggle = move |_| {
        let attended = !pressed();
        let key = account.get_value();
        // Shown at once; put back if the server refuses.
        here.update(|here| {
            if attended {
                here.insert(key.clone());
            } else {
                here.remove(&key);
            }
        });
        saving.set(true);
        error.set(None);
        spawn_local(async move {
            let result = set_attendance(workshop.get_value(), key.clone(), attended).await;
            saving.set(false);
            if let Err(refused) = result {
                here.update(|here| {
                    if attended {
                        here.remove(&key);
                    } else {
                        here.insert(key);
                    }
                });
                error.set(Some(refused));
            }
        });
    };
    view! {
        <li hidden=hidden>
            <button
                type="button"
                class="attendance__toggle"
                class:attendance__toggle--here=pressed
                aria-pressed=move || if pressed() { "true" } else { "false" }
                aria-busy=move || saving.get().then_some("true")
                on:click=toggle
            >
                <span class="attendance__name">{person.name.clone()}</span>
                <span class="attendance__answer">
                    {move || match answer {
                        Some(true) => t_string!(i18n, workshops.answer_yes),
                        Some(false) => t_string!(i18n, workshops.answer_no),
                        None => t_string!(i18n, workshops.answer_none),
                    }}
                </span>
                <span class="attendance__state">
                    {move || if pressed() { t_string!(i18n, workshops.came) } else { t_string!(i18n, workshops.not_came) }}
                </span>
            </button>
        </li>
    }
}
