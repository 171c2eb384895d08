//! The consent text, every version of it, in the reader's language.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::i18n::use_i18n;
use crate::privacy::{CONSENT_TEXTS, CURRENT_CONSENT};
use crate::text::format_typed_date;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, privacy.title) />
        <section class="card">
            <h1>{move || t_string!(i18n, privacy.title)}</h1>
            <p>{move || t_string!(i18n, privacy.intro)}</p>
            {CONSENT_TEXTS
                .iter()
                .rev()
                .map(|text| {
                    let current = text.version == CURRENT_CONSENT;
                    view! {
                        <article class="consent__version" id=format!("version-{}", text.version)>
                            <h2>
                                {move || crate::text::fill(t_string!(i18n, privacy.version), &[("version", (text.version).to_string())])}
                                " · " {move || format_typed_date(i18n.get_locale(), text.since)}
                                {current.then(|| view! { " " <span class="badge">{move || t_string!(i18n, privacy.current)}</span> })}
                            </h2>
                            {move || {
                                text.paragraphs(i18n.get_locale())
                                    .iter()
                                    .map(|paragraph| view! { <p>{*paragraph}</p> })
                                    .collect_view()
                            }}
                        </article>
                    }
                })
                .collect_view()}
        </section>
    }
}
