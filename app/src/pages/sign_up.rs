use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::accounts::MIN_PASSWORD_LEN;
use crate::components::auth::use_auth;
use crate::components::form::{Field, FormError, action_error};
use crate::i18n::use_i18n;
use crate::partners::referral_partner;
use crate::text::problem_text;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let error = action_error(auth.sign_up.value());
    let navigate = use_navigate();
    let query = use_query_map();
    let referral = move || query.with(|q| q.get("ref").unwrap_or_default());
    let as_mentor = move || query.with(|q| q.get("as").as_deref() == Some("mentor"));
    let partner = Resource::new(referral, |code| async move {
        if code.is_empty() {
            Ok(None)
        } else {
            referral_partner(code).await
        }
    });
    Effect::new(move || {
        if let Some(Ok(account)) = auth.sign_up.value().get() {
            let next = match account.role {
                crate::accounts::Role::Mentee => "/apply",
                crate::accounts::Role::Mentor => "/mentor",
                _ => "/",
            };
            navigate(next, Default::default());
        }
    });
    let role_error = move || {
        error
            .get()
            .and_then(|error| error.problem_for("role").cloned())
            .map(|problem| view! { <p class="field__error" id="role-error">{problem_text(i18n.get_locale(), &problem)}</p> })
    };
    view! {
        <Title text=move || t_string!(i18n, sign_up.title) />
        <section class="card card--narrow">
            <h1>{move || t_string!(i18n, sign_up.title)}</h1>
            <p>{move || t_string!(i18n, sign_up.intro)}</p>
            <Transition fallback=|| ()>
                {move || {
                    partner
                        .get()
                        .and_then(Result::ok)
                        .flatten()
                        .map(|partner| {
                            view! {
                                <p class="alert alert--info">
                                    {move || crate::text::fill(t_string!(i18n, sign_up.referred_by), &[("partner", (partner.name.clone()).to_string())])}
                                </p>
                            }
                        })
                }}
            </Transition>
            <ActionForm action=auth.sign_up attr:novalidate=true>
                <input type="hidden" name="referral" prop:value=referral />
                <input type="hidden" name="language" prop:value=move || leptos_i18n::Locale::as_str(i18n.get_locale()) />
                <fieldset class="choice" aria-describedby="role-error">
                    <legend>{move || t_string!(i18n, sign_up.join_as)}</legend>
                    <label class="choice__option">
                        <input type="radio" name="role" value="mentee" prop:checked=move || !as_mentor() />
                        {move || t_string!(i18n, sign_up.as_mentee)}
                    </label>
                    <label class="choice__option">
                        <input type="radio" name="role" value="mentor" prop:checked=as_mentor />
                        {move || t_string!(i18n, sign_up.as_mentor)}
                    </label>
                    {role_error}
                </fieldset>
                <Field name="name" label=move || t_string!(i18n, field.full_name) autocomplete="name" error />
                <Field name="email" label=move || t_string!(i18n, field.email) kind="email" autocomplete="email" error />
                <Field
                    name="password"
                    label=move || t_string!(i18n, field.password)
                    kind="password"
                    autocomplete="new-password"
                    hint=move || crate::text::fill(t_string!(i18n, field.password_hint), &[("min", (MIN_PASSWORD_LEN).to_string())])
                    error
                />
                <FormError error fields=&["name", "email", "password", "role"] />
                <button type="submit" class="button" disabled=move || auth.sign_up.pending().get()>
                    {move || t_string!(i18n, sign_up.submit)}
                </button>
            </ActionForm>
            <p>{move || t_string!(i18n, sign_up.have_account)} " " <a href="/login">{move || t_string!(i18n, nav.login)}</a></p>
        </section>
    }
}
