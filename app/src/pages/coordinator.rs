use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::{Role, role_counts};
use crate::components::guarded::RoleGate;

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    view! {
        <Title text="Coordinator" />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Overview />
        </RoleGate>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let counts = Resource::new(|| (), |_| role_counts());
    view! {
        <section class="card">
            <h1>"Programme overview"</h1>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || {
                    counts
                        .get()
                        .map(|result| match result {
                            Ok(counts) => {
                                view! {
                                    <table class="table">
                                        <caption>"Active accounts by role"</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Role"</th>
                                                <th scope="col" class="num">"Accounts"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {counts
                                                .into_iter()
                                                .map(|row| {
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{row.role.label()}</th>
                                                            <td class="num">{row.count}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
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
        </section>
    }
}
