//! Shows a page only to the roles allowed to use it. The server functions
//! enforce access on their own; this only spares people a page they cannot use.

use leptos::prelude::*;
use leptos_i18n::t_string;

use super::auth::use_auth;
use crate::accounts::Role;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::text::error_text;

/// "Loading…" in the reader's language.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="muted">{move || t_string!(i18n, common.loading)}</p> }
}

/// An error as an alert, in the reader's language.
#[component]
pub fn ErrorAlert(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="alert alert--error" role="alert">{move || error_text(i18n.get_locale(), &error)}</p> }
}

#[component]
pub fn RoleGate(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                auth.account
                    .get()
                    .map(|account| match account {
                        Ok(Some(account)) if roles.contains(&account.role) => {
                            children.read_value()().into_any()
                        }
                        Ok(Some(_)) => {
                            view! {
                                <section class="card">
                                    <h1>{move || t_string!(i18n, gate.no_access_title)}</h1>
                                    <p role="alert">{move || t_string!(i18n, gate.no_access)}</p>
                                    <a href="/">{move || t_string!(i18n, common.back_home)}</a>
                                </section>
                            }
                                .into_any()
                        }
                        Ok(None) => {
                            view! {
                                <section class="card">
                                    <h1>{move || t_string!(i18n, gate.login_title)}</h1>
                                    <p>{move || t_string!(i18n, gate.login)}</p>
                                    <a class="button" href="/login">{move || t_string!(i18n, nav.login)}</a>
                                </section>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}
