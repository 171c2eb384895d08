use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, not_found.title) />
        <section class="card">
            <h1>{move || t_string!(i18n, not_found.title)}</h1>
            <p>{move || t_string!(i18n, not_found.text)}</p>
            <a class="button" href="/">{move || t_string!(i18n, common.back_home)}</a>
        </section>
    }
}
