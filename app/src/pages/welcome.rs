//! An imported person's welcome: the link from their invitation email lets
//! them choose a password and agree to the consent text; then they are
//! logged in and see their application or profile.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::accounts::MIN_PASSWORD_LEN;
use crate::components::form::{FormError, FormErrors};
use crate::components::guarded::Loading;
use crate::components::portal::ConsentBox;
use crate::error::{FieldProblem, Problem};
use crate::i18n::use_i18n;
use crate::import::{AcceptWelcome, WelcomeDetails, load_welcome_details};
use crate::privacy::CURRENT_CONSENT;
use crate::text::{error_text, fill, problem_text};

#[component]
pub fn WelcomePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let details = Resource::new(token, load_welcome_details);
    view! {
        <Title text=move || t_string!(i18n, welcome.title) />
        <section class="card card--narrow">
            <h1>{move || t_string!(i18n, welcome.title)}</h1>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    details.get().map(|result| match result {
                        Ok(details) => view! { <WelcomeForm token=token() details /> }.into_any(),
                        Err(error) => view! {
                            <p class="alert alert--error" role="alert">{move || error_text(i18n.get_locale(), &error)}</p>
                            <p>{move || t_string!(i18n, welcome.ask_again)}</p>
                        }
                        .into_any(),
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn WelcomeForm(token: String, details: WelcomeDetails) -> impl IntoView {
    let i18n = use_i18n();
    let auth = crate::components::auth::use_auth();
    let accept = ServerAction::<AcceptWelcome>::new();
    let password = RwSignal::new(String::new());
    let agreed = RwSignal::new(false);
    let errors = FormErrors::new(move || {
        let mut problems = Vec::new();
        if password.with(|p| p.chars().count() < MIN_PASSWORD_LEN) {
            problems.push(FieldProblem {
                field: "password".into(),
                problem: Problem::TooShort {
                    min: MIN_PASSWORD_LEN as u32,
                },
            });
        }
        if !agreed.get() {
            problems.push(FieldProblem {
                field: "consent".into(),
                problem: Problem::Consent,
            });
        }
        problems
    });
    let navigate = use_navigate();
    Effect::new(move || match accept.value().get() {
        Some(Ok(_)) => {
            auth.account.refetch();
            navigate("/profile", Default::default());
        }
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let password_message = Signal::derive(move || {
        errors
            .problem("password")
            .map(|problem| problem_text(i18n.get_locale(), &problem))
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            accept.dispatch(AcceptWelcome {
                token: token.clone(),
                password: password.get_untracked(),
                consent_version: CURRENT_CONSENT,
            });
        }
    };
    let name = details.name.clone();
    view! {
        <p>{move || fill(t_string!(i18n, welcome.intro), &[("name", name.clone())])}</p>
        <form novalidate on:submit=on_submit>
            <div class="field">
                <label for="welcome-email">{move || t_string!(i18n, field.email)}</label>
                <input id="welcome-email" type="email" value=details.email readonly=true autocomplete="username" />
            </div>
            <div class="field" class:field--invalid=move || password_message.with(Option::is_some)>
                <label for="field-password">{move || t_string!(i18n, field.password)}</label>
                <p class="field__hint" id="field-password-hint">
                    {move || fill(t_string!(i18n, field.password_hint), &[("min", MIN_PASSWORD_LEN.to_string())])}
                </p>
                <input
                    id="field-password"
                    type="password"
                    autocomplete="new-password"
                    aria-invalid=move || password_message.with(Option::is_some).then_some("true")
                    aria-describedby=move || if password_message.with(Option::is_some) { "field-password-hint field-password-error" } else { "field-password-hint" }
                    prop:value=move || password.get()
                    on:input:target=move |ev| password.set(ev.target().value())
                    on:blur=move |_| errors.touch("password")
                />
                {move || password_message.get().map(|text| view! { <p class="field__error" id="field-password-error">{text}</p> })}
            </div>
            <ConsentBox agreed errors />
            <FormError error=errors.server fields=&["password", "consent"] />
            <button type="submit" class="button" disabled=move || accept.pending().get()>
                {move || t_string!(i18n, welcome.submit)}
            </button>
        </form>
    }
}
