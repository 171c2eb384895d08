use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::components::auth::use_auth;
use crate::components::form::{Field, FormError, action_error};
use crate::i18n::use_i18n;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let error = action_error(auth.login.value());
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(_)) = auth.login.value().get() {
            navigate("/", Default::default());
        }
    });
    view! {
        <Title text=move || t_string!(i18n, login.title) />
        <section class="card card--narrow">
            <h1>{move || t_string!(i18n, login.title)}</h1>
            <ActionForm action=auth.login attr:novalidate=true>
                <Field name="email" label=move || t_string!(i18n, field.email) kind="email" autocomplete="username" error />
                <Field
                    name="password"
                    label=move || t_string!(i18n, field.password)
                    kind="password"
                    autocomplete="current-password"
                    error
                />
                <FormError error fields=&["email", "password"] />
                <button type="submit" class="button" disabled=move || auth.login.pending().get()>
                    {move || t_string!(i18n, login.submit)}
                </button>
            </ActionForm>
            <p>{move || t_string!(i18n, login.new_here)} " " <a href="/signup">{move || t_string!(i18n, login.sign_up_link)}</a></p>
        </section>
    }
}
