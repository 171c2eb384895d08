use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::{MIN_PASSWORD_LEN, Role};
use crate::components::auth::use_auth;
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::RoleGate;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text="My account" />
        <RoleGate roles=&Role::ALL>
            <AccountDetails />
            <ChangePasswordForm />
        </RoleGate>
    }
}

#[component]
fn AccountDetails() -> impl IntoView {
    let auth = use_auth();
    move || {
        auth.current().map(|account| {
            view! {
                <section class="card">
                    <h1>"My account"</h1>
                    <dl class="details">
                        <dt>"Name"</dt>
                        <dd>{account.name}</dd>
                        <dt>"Email"</dt>
                        <dd>{account.email}</dd>
                        <dt>"Role"</dt>
                        <dd>{account.role.label()}</dd>
                    </dl>
                </section>
            }
        })
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let auth = use_auth();
    let error = action_error(auth.change_password.value());
    let done = move || matches!(auth.change_password.value().get(), Some(Ok(())));
    view! {
        <section class="card">
            <h2>"Change password"</h2>
            <ActionForm action=auth.change_password attr:novalidate=true>
                <Field
                    name="current_password"
                    label="Current password"
                    kind="password"
                    autocomplete="current-password"
                    error
                />
                <Field
                    name="new_password"
                    label="New password"
                    kind="password"
                    autocomplete="new-password"
                    hint=format!("At least {MIN_PASSWORD_LEN} characters.")
                    error
                />
                <FormError error fields=&["current_password", "new_password"] />
                <Show when=done>
                    <p class="alert alert--success" role="status">
                        "Your password has been changed. Other devices have been logged out."
                    </p>
                </Show>
                <button type="submit" class="button" disabled=move || auth.change_password.pending().get()>
                    "Change password"
                </button>
            </ActionForm>
        </section>
    }
}
