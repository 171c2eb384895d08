use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::accounts::{MIN_PASSWORD_LEN, Role};
use crate::components::auth::use_auth;
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::privacy::{DeleteMyAccount, my_access_log, my_consents};
use crate::text::{error_text, format_moment, role_label};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // Created in the page's own scope, so the server renders them with its context.
    let signed_in = move || auth.current().map(|account| account.id);
    let consents = Resource::new(signed_in, |who| async move {
        match who {
            Some(_) => my_consents().await,
            None => Ok(Vec::new()),
        }
    });
    let log = Resource::new(signed_in, |who| async move {
        match who {
            Some(_) => my_access_log().await,
            None => Ok(Vec::new()),
        }
    });
    view! {
        <Title text=move || t_string!(i18n, nav.account) />
        <RoleGate roles=&Role::ALL>
            <AccountDetails />
            <ChangePasswordForm />
            <LogoutEverywhere />
            <Privacy consents log />
        </RoleGate>
    }
}

#[component]
fn AccountDetails() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    move || {
        auth.current().map(|account| {
            let role = account.role;
            view! {
                <section class="card">
                    <h1>{move || t_string!(i18n, nav.account)}</h1>
                    <dl class="details">
                        <dt>{move || t_string!(i18n, field.name)}</dt>
                        <dd>{account.name}</dd>
                        <dt>{move || t_string!(i18n, field.email)}</dt>
                        <dd>{account.email}</dd>
                        <dt>{move || t_string!(i18n, field.role)}</dt>
                        <dd>{move || role_label(i18n.get_locale(), role)}</dd>
                    </dl>
                </section>
            }
        })
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let error = action_error(auth.change_password.value());
    let done = move || matches!(auth.change_password.value().get(), Some(Ok(())));
    view! {
        <section class="card">
            <h2>{move || t_string!(i18n, account.change_password)}</h2>
            <ActionForm action=auth.change_password attr:novalidate=true>
                <Field
                    name="current_password"
                    label=move || t_string!(i18n, account.current_password)
                    kind="password"
                    autocomplete="current-password"
                    error
                />
                <Field
                    name="new_password"
                    label=move || t_string!(i18n, account.new_password)
                    kind="password"
                    autocomplete="new-password"
                    hint=move || crate::text::fill(t_string!(i18n, field.password_hint), &[("min", (MIN_PASSWORD_LEN).to_string())])
                    error
                />
                <FormError error fields=&["current_password", "new_password"] />
                <Show when=done>
                    <p class="alert alert--success" role="status">{move || t_string!(i18n, account.password_changed)}</p>
                </Show>
                <button type="submit" class="button" disabled=move || auth.change_password.pending().get()>
                    {move || t_string!(i18n, account.change_password)}
                </button>
            </ActionForm>
        </section>
    }
}

/// Ends the account's sessions on every device, for a lost phone or a shared computer.
#[component]
fn LogoutEverywhere() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let error = action_error(auth.logout_everywhere.value());
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(_)) = auth.logout_everywhere.value().get() {
            navigate("/login", Default::default());
        }
    });
    view! {
        <section class="card">
            <h2>{move || t_string!(i18n, account.sessions_title)}</h2>
            <p>{move || t_string!(i18n, account.sessions_intro)}</p>
            <ActionForm action=auth.logout_everywhere>
                <FormError error />
                <button type="submit" class="button button--secondary" disabled=move || auth.logout_everywhere.pending().get()>
                    {move || t_string!(i18n, account.logout_everywhere)}
                </button>
            </ActionForm>
        </section>
    }
}

/// Saves the caller's data as a JSON file.
fn download_my_data(error: RwSignal<Option<AppError>>) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        use wasm_bindgen::JsCast;
        let json = match crate::privacy::my_data().await {
            Ok(json) => json,
            Err(failure) => {
                error.set(Some(failure));
                return;
            }
        };
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&json));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Some(anchor) = document()
            .create_element("a")
            .ok()
            .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            anchor.set_href(&url);
            anchor.set_download("mentorbro-my-data.json");
            anchor.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = error;
}

#[component]
fn Privacy(
    consents: Resource<Result<Vec<crate::privacy::ConsentRecord>, AppError>>,
    log: Resource<Result<Vec<crate::privacy::AccessEntry>, AppError>>,
) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let download_error = RwSignal::new(None::<AppError>);
    let delete = ServerAction::<DeleteMyAccount>::new();
    let delete_error = action_error(delete.value());
    Effect::new(move || {
        if let Some(Ok(())) = delete.value().get() {
            auth.account.refetch();
            navigate("/?deleted=1", Default::default());
        }
    });
    let may_delete = move || {
        auth.current()
            .is_some_and(|account| account.role.may_erase_self())
    };
    view! {
        <section class="card">
            <h2>{move || t_string!(i18n, account.privacy_title)}</h2>
            <h3>{move || t_string!(i18n, account.consents)}</h3>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    consents.get().map(|result| match result {
                        Ok(consents) if consents.is_empty() => view! { <p class="muted">{move || t_string!(i18n, account.no_consents)}</p> }.into_any(),
                        Ok(consents) => view! {
                            <ul>
                                {consents
                                    .into_iter()
                                    .map(|consent| {
                                        view! {
                                            <li>
                                                <a href=format!("/privacy#version-{}", consent.version)>
                                                    {move || crate::text::fill(t_string!(i18n, account.consent_version), &[("version", (consent.version).to_string())])}
                                                </a>
                                                " · " {move || format_moment(i18n.get_locale(), consent.agreed_at)}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
                }}
            </Transition>
            <h3>{move || t_string!(i18n, account.my_data)}</h3>
            <p>{move || t_string!(i18n, account.my_data_intro)}</p>
            <p class="actions">
                <button type="button" class="button" on:click=move |_| download_my_data(download_error)>
                    {move || t_string!(i18n, account.download)}
                </button>
                <a class="button button--secondary" href="/account/data">{move || t_string!(i18n, account.view_data)}</a>
            </p>
            {move || download_error.get().map(|error| view! { <p class="alert alert--error" role="alert">{error_text(i18n.get_locale(), &error)}</p> })}
            <h3>{move || t_string!(i18n, account.access_log)}</h3>
            <p>{move || t_string!(i18n, account.access_log_intro)}</p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    log.get().map(|result| match result {
                        Ok(entries) if entries.is_empty() => view! { <p class="muted">{move || t_string!(i18n, account.access_log_empty)}</p> }.into_any(),
                        Ok(entries) => view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t_string!(i18n, account.when)}</th>
                                            <th scope="col">{move || t_string!(i18n, account.who)}</th>
                                            <th scope="col">{move || t_string!(i18n, account.what)}</th>
                                            <th scope="col">{move || t_string!(i18n, account.why)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {entries
                                            .into_iter()
                                            .map(|entry| {
                                                let role = crate::accounts::Role::from_code(&entry.actor_role);
                                                view! {
                                                    <tr>
                                                        <td>{move || format_moment(i18n.get_locale(), entry.at)}</td>
                                                        <td>{entry.actor_name.clone()} " (" {move || role.map(|role| role_label(i18n.get_locale(), role)).unwrap_or_default()} ")"</td>
                                                        <td>{format!("{}: {}", entry.action, entry.what)}</td>
                                                        <td>{entry.why.clone()}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
                }}
            </Transition>
        </section>
        <Show when=may_delete>
            <section class="card card--danger">
                <h2>{move || t_string!(i18n, account.delete_title)}</h2>
                <p>{move || t_string!(i18n, account.delete_intro)}</p>
                <ActionForm action=delete attr:novalidate=true>
                    <Field name="password" label=move || t_string!(i18n, account.current_password) kind="password" autocomplete="current-password" error=delete_error />
                    <div class="field" class:field--invalid=move || delete_error.get().and_then(|e| e.problem_for("confirm").cloned()).is_some()>
                        <label class="choice__option" for="field-confirm">
                            <input type="checkbox" id="field-confirm" name="confirm" value="yes" />
                            {move || t_string!(i18n, account.delete_confirm)}
                        </label>
                        {move || {
                            delete_error
                                .get()
                                .and_then(|e| e.problem_for("confirm").cloned())
                                .map(|problem| view! { <p class="field__error" id="field-confirm-error">{crate::text::problem_text(i18n.get_locale(), &problem)}</p> })
                        }}
                    </div>
                    <FormError error=delete_error fields=&["password", "confirm"] />
                    <button type="submit" class="button button--danger" disabled=move || delete.pending().get()>
                        {move || t_string!(i18n, account.delete_submit)}
                    </button>
                </ActionForm>
            </section>
        </Show>
    }
}
