use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::{Account, Role};
use crate::components::auth::use_auth;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text="" />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || {
                auth.account
                    .get()
                    .map(|account| match account.ok().flatten() {
                        Some(account) => view! { <Welcome account /> }.into_any(),
                        None => view! { <Intro /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn Intro() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Find your footing in the Danish job market"</h1>
            <p>
                "Moved to Aarhus with your partner's job? Mentorbro pairs you with a volunteer mentor from local business for a 3–4 month course of one-to-one meetings and shared workshops, to build your network and find work."
            </p>
            <p>
                "Working in Aarhus and know how things are done here? Become a mentor and help a newcomer's family stay."
            </p>
            <p class="actions">
                <a class="button" href="/signup">"Sign up"</a>
                <a class="button button--secondary" href="/login">"Log in"</a>
            </p>
        </section>
    }
}

#[component]
fn Welcome(account: Account) -> impl IntoView {
    let next = match account.role {
        Role::Mentee => "Your application and your match will appear here.",
        Role::Mentor => "Your mentee and your meetings will appear here.",
        Role::Coordinator => "Open the coordinator page to follow the programme.",
        Role::Partner => "Figures for the people your organisation referred will appear here.",
        Role::Admin => "Manage the accounts of coordinators and partners.",
    };
    view! {
        <section class="card">
            <h1>{format!("Welcome, {}", account.name)}</h1>
            <p>"You are logged in as " <strong>{account.role.label().to_lowercase()}</strong> "."</p>
            <p>{next}</p>
        </section>
    }
}
