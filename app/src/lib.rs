//! Mentorbro: mentor programmes for the spouses of international employees.
//!
//! This crate holds what the browser and the server share: types, pages,
//! components and server functions. Code that touches the database lives
//! under the `ssr` feature in [`backend`] and in each feature's `store`.

pub mod accounts;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod error;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::auth::provide_auth;
use components::layout::Layout;
use pages::{
    account::AccountPage, admin_accounts::AdminAccountsPage, coordinator::CoordinatorPage,
    home::HomePage, login::LoginPage, not_found::NotFoundPage, sign_up::SignUpPage,
};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    backend::page_policy::apply();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_auth();
    // Effects run only in the browser, after hydration: tests and scripts wait for this mark.
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/mentorbro.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Mentorbro".to_owned() } else { format!("{page} · Mentorbro") }
        } />
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/signup") view=SignUpPage />
                    <Route path=path!("/account") view=AccountPage />
                    <Route path=path!("/coordinator") view=CoordinatorPage />
                    <Route path=path!("/admin/accounts") view=AdminAccountsPage />
                </Routes>
            </Layout>
        </Router>
    }
}
