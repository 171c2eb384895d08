//! A programme's public page: readable without JavaScript, in both languages.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::guarded::{ErrorAlert, Loading};
use crate::i18n::{Locale, use_i18n};
use crate::portal::profile::today;
use crate::programmes::{IntakeState, ProgrammePage, faq_entries, load_programme_page};
use crate::text::{format_typed_date, intake_state_text};

#[component]
pub fn ProgrammePublicPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        load_programme_page,
    );
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                page.get()
                    .map(|result| match result {
                        Ok(page) => view! { <Public page /> }.into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

#[component]
fn Public(page: ProgrammePage) -> impl IntoView {
    let i18n = use_i18n();
    let state = page.intake_state(today());
    let page = StoredValue::new(page);
    let text = move |pick: fn(&crate::programmes::PageText) -> String| {
        page.with_value(|page| match i18n.get_locale() {
            Locale::en => pick(&page.en),
            Locale::da => pick(&page.da),
        })
    };
    let paragraphs = move |pick: fn(&crate::programmes::PageText) -> String| {
        text(pick)
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| view! { <p>{p.trim().to_owned()}</p> })
            .collect_view()
    };
    let name = page.with_value(|p| p.name.clone());
    let description = page.with_value(|p| p.en.intro.chars().take(160).collect::<String>());
    let (start, deadline, places) =
        page.with_value(|p| (p.next_start.clone(), p.deadline.clone(), p.places.clone()));
    let (email, phone, organisation) = page.with_value(|p| {
        (
            p.contact_email.clone(),
            p.contact_phone.clone(),
            p.organisation.clone(),
        )
    });
    view! {
        <Title text=name.clone() />
        <Meta name="description" content=description />
        <article class="programme">
            <header class="hero">
                <p class="muted">{organisation.clone()}</p>
                <h1>{name.clone()}</h1>
                {move || paragraphs(|t| t.intro.clone())}
                <p class=format!("intake intake--{}", if state == IntakeState::Open { "open" } else { "closed" })>
                    <strong>{move || intake_state_text(i18n.get_locale(), state)}</strong>
                </p>
                <p class="actions">
                    {(state == IntakeState::Open)
                        .then(|| view! { <a class="button" href="/signup?as=mentee">{move || t_string!(i18n, programme.apply_mentee)}</a> })}
                    <a class="button button--secondary" href="/signup?as=mentor">{move || t_string!(i18n, programme.become_mentor)}</a>
                </p>
            </header>
            <section class="card">
                <h2>{move || t_string!(i18n, programme.dates)}</h2>
                <dl class="details">
                    {(!start.is_empty()).then(|| {
                        let start = start.clone();
                        view! { <dt>{move || t_string!(i18n, programme.next_start)}</dt><dd>{move || format_typed_date(i18n.get_locale(), &start)}</dd> }
                    })}
                    {(!deadline.is_empty()).then(|| {
                        let deadline = deadline.clone();
                        view! { <dt>{move || t_string!(i18n, programme.deadline)}</dt><dd>{move || format_typed_date(i18n.get_locale(), &deadline)}</dd> }
                    })}
                    {(!places.is_empty()).then(|| view! { <dt>{move || t_string!(i18n, programme.places)}</dt><dd>{places.clone()}</dd> })}
                </dl>
            </section>
            <Show when=move || !text(|t| t.audience.clone()).trim().is_empty()>
                <section class="card">
                    <h2>{move || t_string!(i18n, programme.audience)}</h2>
                    {move || paragraphs(|t| t.audience.clone())}
                </section>
            </Show>
            <Show when=move || !text(|t| t.how_it_works.clone()).trim().is_empty()>
                <section class="card">
                    <h2>{move || t_string!(i18n, programme.how)}</h2>
                    {move || paragraphs(|t| t.how_it_works.clone())}
                </section>
            </Show>
            <Show when=move || !faq_entries(&text(|t| t.faq.clone())).is_empty()>
                <section class="card">
                    <h2>{move || t_string!(i18n, programme.faq)}</h2>
                    {move || {
                        faq_entries(&text(|t| t.faq.clone()))
                            .into_iter()
                            .map(|(question, answer)| view! { <h3>{question}</h3><p>{answer}</p> })
                            .collect_view()
                    }}
                </section>
            </Show>
            <section class="card">
                <h2>{move || t_string!(i18n, programme.contact)}</h2>
                <p>
                    {organisation} <br />
                    <a href=format!("mailto:{email}")>{email.clone()}</a>
                    {(!phone.is_empty()).then(|| view! { <br /> {phone.clone()} })}
                </p>
            </section>
        </article>
    }
}
