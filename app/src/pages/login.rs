use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::components::auth::use_auth;
use crate::components::form::{Field, FormError, action_error};

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let error = action_error(auth.login.value());
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(_)) = auth.login.value().get() {
            navigate("/", Default::default());
        }
    });
    view! {
        <Title text="Log in" />
        <section class="card card--narrow">
            <h1>"Log in"</h1>
            <ActionForm action=auth.login attr:novalidate=true>
                <Field name="email" label="Email" kind="email" autocomplete="username" error />
                <Field
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="current-password"
                    error
                />
                <FormError error fields=&["email", "password"] />
                <button type="submit" class="button" disabled=move || auth.login.pending().get()>
                    "Log in"
                </button>
            </ActionForm>
            <p>"New here? " <a href="/signup">"Sign up as a mentee or a mentor"</a></p>
        </section>
    }
}
