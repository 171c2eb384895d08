//! Coordinators write each programme's public page in English and Danish.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::bind;
use crate::components::form::{Choice, FormError, FormErrors, TextInput};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::i18n::use_i18n;
use crate::programmes::{Intake, ProgrammePage, SaveProgramme, list_programmes};
use crate::text::intake_label;

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, nav.programmes) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Programmes />
        </RoleGate>
    }
}

#[component]
fn Programmes() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveProgramme>::new();
    let programmes = Resource::new(move || save.version().get(), |_| list_programmes());
    // `None`: no form open; `Some(None)`: a new page; `Some(Some(slug))`: editing.
    let editing = RwSignal::new(None::<Option<ProgrammePage>>);
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, nav.programmes)}</h1>
            <p>{move || t_string!(i18n, programmes.intro)}</p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    programmes.get().map(|result| match result {
                        Ok(pages) if pages.is_empty() => view! { <p class="muted">{move || t_string!(i18n, programmes.none)}</p> }.into_any(),
                        Ok(pages) => view! {
                            <ul class="list">
                                {pages
                                    .into_iter()
                                    .map(|page| {
                                        let href = format!("/p/{}", page.slug);
                                        let name = page.name.clone();
                                        let stored = StoredValue::new(page);
                                        view! {
                                            <li>
                                                <a href=href.clone()>{name.clone()}</a>
                                                " · " <code>{href}</code> " "
                                                <button
                                                    type="button"
                                                    class="link-button"
                                                    aria-label=move || format!("{} {}", t_string!(i18n, common.edit), name)
                                                    on:click=move |_| editing.set(Some(Some(stored.get_value())))
                                                >
                                                    {move || t_string!(i18n, common.edit)}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
                }}
            </Transition>
            <button type="button" class="button" on:click=move |_| editing.set(Some(None))>
                {move || t_string!(i18n, programmes.new)}
            </button>
        </section>
        {move || {
            editing
                .get()
                .map(|page| view! { <ProgrammeForm page save editing /> })
        }}
    }
}

#[component]
fn ProgrammeForm(
    page: Option<ProgrammePage>,
    save: ServerAction<SaveProgramme>,
    editing: RwSignal<Option<Option<ProgrammePage>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let original_slug = page.as_ref().map(|page| page.slug.clone());
    let draft = RwSignal::new(page.unwrap_or_default());
    let errors = FormErrors::new(move || draft.with(ProgrammePage::problems));
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => editing.set(None),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            save.dispatch(SaveProgramme {
                page: draft.get_untracked(),
                original_slug: original_slug.clone(),
            });
        }
    };
    view! {
        <section class="card">
            <h2>{move || t_string!(i18n, programmes.edit_title)}</h2>
            <form novalidate on:submit=on_submit>
                <TextInput name="name" label=move || t_string!(i18n, programmes.name) bind=bind!(draft.name) errors required=true />
                <TextInput name="slug" label=move || t_string!(i18n, programmes.slug) bind=bind!(draft.slug) errors required=true hint=move || t_string!(i18n, programmes.slug_hint) />
                <TextInput name="organisation" label=move || t_string!(i18n, programmes.organisation) bind=bind!(draft.organisation) errors required=true />
                <TextInput name="contact_email" label=move || t_string!(i18n, programmes.contact_email) kind="email" bind=bind!(draft.contact_email) errors required=true />
                <TextInput name="contact_phone" label=move || t_string!(i18n, programmes.contact_phone) kind="tel" bind=bind!(draft.contact_phone) errors />
                <TextInput name="next_start" label=move || t_string!(i18n, programme.next_start) kind="date" bind=bind!(draft.next_start) errors />
                <TextInput name="deadline" label=move || t_string!(i18n, programme.deadline) kind="date" bind=bind!(draft.deadline) errors />
                <TextInput name="places" label=move || t_string!(i18n, programme.places) kind="number" bind=bind!(draft.places) errors />
                <Choice
                    name="intake"
                    label=move || t_string!(i18n, programmes.intake)
                    bind=(
                        Signal::derive(move || Some(draft.with(|d| d.intake))),
                        Callback::new(move |value: Option<Intake>| draft.update(|d| d.intake = value.unwrap_or_default())),
                    )
                    options=Intake::ALL.to_vec()
                    label_of=intake_label
                    errors
                />
                <fieldset class="fieldset">
                    <legend>"English"</legend>
                    <TextInput name="en.intro" label=move || t_string!(i18n, programmes.intro_field) bind=bind!(draft.en.intro) errors required=true multiline=true />
                    <TextInput name="en.audience" label=move || t_string!(i18n, programme.audience) bind=bind!(draft.en.audience) errors multiline=true />
                    <TextInput name="en.how_it_works" label=move || t_string!(i18n, programme.how) bind=bind!(draft.en.how_it_works) errors multiline=true />
                    <TextInput name="en.faq" label=move || t_string!(i18n, programme.faq) bind=bind!(draft.en.faq) errors multiline=true hint=move || t_string!(i18n, programmes.faq_hint) />
                </fieldset>
                <fieldset class="fieldset" lang="da">
                    <legend>"Dansk"</legend>
                    <TextInput name="da.intro" label=move || t_string!(i18n, programmes.intro_field) bind=bind!(draft.da.intro) errors required=true multiline=true />
                    <TextInput name="da.audience" label=move || t_string!(i18n, programme.audience) bind=bind!(draft.da.audience) errors multiline=true />
                    <TextInput name="da.how_it_works" label=move || t_string!(i18n, programme.how) bind=bind!(draft.da.how_it_works) errors multiline=true />
                    <TextInput name="da.faq" label=move || t_string!(i18n, programme.faq) bind=bind!(draft.da.faq) errors multiline=true hint=move || t_string!(i18n, programmes.faq_hint) />
                </fieldset>
                <FormError error=errors.server fields=&["name", "slug", "organisation", "contact_email", "contact_phone", "next_start", "deadline", "places", "en.intro", "en.audience", "en.how_it_works", "en.faq", "da.intro", "da.audience", "da.how_it_works", "da.faq"] />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>{move || t_string!(i18n, apply.save)}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| editing.set(None)>{move || t_string!(i18n, common.cancel)}</button>
                </div>
            </form>
        </section>
    }
}
