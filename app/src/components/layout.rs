//! The frame around every page: header with navigation for the caller's role, main, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::auth::use_auth;
use crate::accounts::{Account, Role};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">"Mentorbro"</a>
            <Nav />
        </header>
        <main id="main" class="site-main">
            <ErrorBoundary fallback=|errors| {
                view! {
                    <section class="card">
                        <h1>"Something went wrong"</h1>
                        <ul role="alert">
                            {move || {
                                errors
                                    .get()
                                    .into_iter()
                                    .map(|(_, error)| view! { <li>{error.to_string()}</li> })
                                    .collect_view()
                            }}
                        </ul>
                    </section>
                }
            }>{children()}</ErrorBoundary>
        </main>
        <footer class="site-footer">
            <p>"Mentorbro · mentor programmes for international spouses"</p>
        </footer>
    }
}

/// Links a role may use, in the order they appear.
pub fn nav_links(account: Option<&Account>) -> Vec<(&'static str, &'static str)> {
    let Some(account) = account else {
        return vec![("/login", "Log in"), ("/signup", "Sign up")];
    };
    let mut links = vec![("/", "Home")];
    if matches!(account.role, Role::Coordinator | Role::Admin) {
        links.push(("/coordinator", "Coordinator"));
    }
    if account.role == Role::Admin {
        links.push(("/admin/accounts", "Accounts"));
    }
    links.push(("/account", "My account"));
    links
}

#[component]
fn Nav() -> impl IntoView {
    let auth = use_auth();
    let navigate = leptos_router::hooks::use_navigate();
    // After logging out, leave pages that only made sense logged in.
    Effect::new(move || {
        if let Some(Ok(())) = auth.logout.value().get() {
            navigate("/", Default::default());
        }
    });
    view! {
        <nav aria-label="Main">
            <Transition fallback=|| ()>
                {move || {
                    auth.account
                        .get()
                        .map(|account| {
                            let account = account.ok().flatten();
                            let links = nav_links(account.as_ref())
                                .into_iter()
                                .map(|(href, label)| view! { <li><A href=href>{label}</A></li> })
                                .collect_view();
                            let who = account.map(|account| {
                                view! {
                                    <li class="nav__who">
                                        <span>{account.name}</span>
                                        <span class="badge">{account.role.label()}</span>
                                    </li>
                                    <li>
                                        <ActionForm action=auth.logout>
                                            <button type="submit" class="link-button">"Log out"</button>
                                        </ActionForm>
                                    </li>
                                }
                            });
                            view! { <ul class="nav">{links}{who}</ul> }
                        })
                }}
            </Transition>
        </nav>
    }
}
