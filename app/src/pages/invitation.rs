//! An invited mentor's sign-up: the link's token opens a form filled in with
//! what the coordinator knew; an expired or used link says so.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::accounts::MIN_PASSWORD_LEN;
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::Loading;
use crate::i18n::use_i18n;
use crate::programmes::{AcceptInvitation, InvitationDetails, check_invitation};
use crate::text::error_text;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let details = Resource::new(token, check_invitation);
    view! {
        <Title text=move || t_string!(i18n, invitation.title) />
        <section class="card card--narrow">
            <h1>{move || t_string!(i18n, invitation.title)}</h1>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    details.get().map(|result| match result {
                        Ok(details) => view! { <AcceptForm token=token() details /> }.into_any(),
                        Err(error) => view! {
                            <p class="alert alert--error" role="alert">{move || error_text(i18n.get_locale(), &error)}</p>
                            <p>{move || t_string!(i18n, invitation.ask_again)}</p>
                        }
                        .into_any(),
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn AcceptForm(token: String, details: InvitationDetails) -> impl IntoView {
    let i18n = use_i18n();
    let auth = crate::components::auth::use_auth();
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = action_error(accept.value());
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(_)) = accept.value().get() {
            auth.account.refetch();
            navigate("/mentor", Default::default());
        }
    });
    let company = details.company.clone();
    view! {
        <p>{move || t_string!(i18n, invitation.intro)}</p>
        {(!company.is_empty()).then(|| view! { <p class="muted">{move || t_string!(i18n, profile.company)} ": " {company.clone()}</p> })}
        <ActionForm action=accept attr:novalidate=true>
            <input type="hidden" name="token" value=token />
            <Field name="email" label=move || t_string!(i18n, field.email) kind="email" value=details.email readonly=true error />
            <Field name="name" label=move || t_string!(i18n, field.full_name) autocomplete="name" value=details.name error />
            <Field
                name="password"
                label=move || t_string!(i18n, field.password)
                kind="password"
                autocomplete="new-password"
                hint=move || crate::text::fill(t_string!(i18n, field.password_hint), &[("min", (MIN_PASSWORD_LEN).to_string())])
                error
            />
            <FormError error fields=&["email", "name", "password"] />
            <button type="submit" class="button" disabled=move || accept.pending().get()>
                {move || t_string!(i18n, invitation.submit)}
            </button>
        </ActionForm>
    }
}
