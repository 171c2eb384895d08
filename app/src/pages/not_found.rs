use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found" />
        <section class="card">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <a class="button" href="/">"Go to the start page"</a>
        </section>
    }
}
