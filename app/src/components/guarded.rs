//! Shows a page only to the roles allowed to use it. The server functions
//! enforce access on their own; this only spares people a page they cannot use.

use leptos::prelude::*;

use super::auth::use_auth;
use crate::accounts::Role;

#[component]
pub fn RoleGate(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
                                    <h1>"No access"</h1>
                                    <p role="alert">"You do not have access to this page."</p>
                                    <a href="/">"Back to the start page"</a>
                                </section>
                            }
                                .into_any()
                        }
                        Ok(None) => {
                            view! {
                                <section class="card">
                                    <h1>"Please log in"</h1>
                                    <p>"You need to log in to see this page."</p>
                                    <a class="button" href="/login">"Log in"</a>
                                </section>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! { <p class="alert alert--error" role="alert">{error.to_string()}</p> }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
