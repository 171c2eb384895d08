//! Everything held about the person, readable: the same export as the JSON
//! download, laid out table by table.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::i18n::use_i18n;
use crate::privacy::my_data;

#[component]
pub fn MyDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| my_data());
    view! {
        <Title text=move || t_string!(i18n, account.my_data) />
        <RoleGate roles=&Role::ALL>
            <Data data />
        </RoleGate>
    }
}

#[component]
fn Data(data: Resource<Result<String, crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, account.my_data)}</h1>
            <p>{move || t_string!(i18n, account.my_data_intro)}</p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    data.get().map(|result| match result {
                        Ok(json) => {
                            let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
                            view! { <ValueView value /> }.into_any()
                        }
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
                }}
            </Transition>
        </section>
    }
}

fn heading(key: &str) -> String {
    key.replace('_', " ")
}

/// A JSON value as nested lists a person can read.
#[component]
fn ValueView(value: serde_json::Value) -> AnyView {
    match value {
        serde_json::Value::Object(map) => view! {
            <dl class="details details--nested">
                {map
                    .into_iter()
                    .map(|(key, value)| view! { <dt>{heading(&key)}</dt><dd><ValueView value /></dd> })
                    .collect_view()}
            </dl>
        }
        .into_any(),
        serde_json::Value::Array(items) if items.is_empty() => view! { <span class="muted">"–"</span> }.into_any(),
        serde_json::Value::Array(items) => view! {
            <ol class="data-list">
                {items.into_iter().map(|value| view! { <li><ValueView value /></li> }).collect_view()}
            </ol>
        }
        .into_any(),
        serde_json::Value::Null => view! { <span class="muted">"–"</span> }.into_any(),
        serde_json::Value::String(text) => text.into_any(),
        other => other.to_string().into_any(),
    }
}
