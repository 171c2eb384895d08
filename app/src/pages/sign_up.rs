use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::accounts::MIN_PASSWORD_LEN;
use crate::components::auth::use_auth;
use crate::components::form::{Field, FormError, action_error};

#[component]
pub fn SignUpPage() -> impl IntoView {
    let auth = use_auth();
    let error = action_error(auth.sign_up.value());
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(_)) = auth.sign_up.value().get() {
            navigate("/", Default::default());
        }
    });
    let role_error = move || {
        error
            .get()
            .filter(|error| error.field() == Some("role"))
            .map(|error| view! { <p class="field__error" id="role-error">{error.to_string()}</p> })
    };
    view! {
        <Title text="Sign up" />
        <section class="card card--narrow">
            <h1>"Sign up"</h1>
            <p>
                "Mentorbro pairs the spouses of international employees with volunteer mentors from local business."
            </p>
            <ActionForm action=auth.sign_up attr:novalidate=true>
                <fieldset class="choice" aria-describedby="role-error">
                    <legend>"I want to join as"</legend>
                    <label>
                        <input type="radio" name="role" value="mentee" checked />
                        " a mentee: I am looking for work in Denmark"
                    </label>
                    <label>
                        <input type="radio" name="role" value="mentor" />
                        " a mentor: I want to help someone into the Danish job market"
                    </label>
                    {role_error}
                </fieldset>
                <Field name="name" label="Full name" autocomplete="name" error />
                <Field name="email" label="Email" kind="email" autocomplete="email" error />
                <Field
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="new-password"
                    hint=format!("At least {MIN_PASSWORD_LEN} characters.")
                    error
                />
                <FormError error fields=&["name", "email", "password", "role"] />
                <button type="submit" class="button" disabled=move || auth.sign_up.pending().get()>
                    "Create account"
                </button>
            </ActionForm>
            <p>"Already have an account? " <a href="/login">"Log in"</a></p>
        </section>
    }
}
