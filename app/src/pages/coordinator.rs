use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::{Role, role_counts};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::i18n::use_i18n;
use crate::text::role_label;

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, nav.coordinator) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Overview />
        </RoleGate>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let counts = Resource::new(|| (), |_| role_counts());
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, coordinator.title)}</h1>
            <p><a href="/coordinator/dashboard">{move || t_string!(i18n, report.programme_dashboard)}</a></p>
            <p><a href=crate::budget::BUDGET_PATH>{move || t_string!(i18n, coordinator.budget_link)}</a></p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    counts
                        .get()
                        .map(|result| match result {
                            Ok(counts) => {
                                view! {
                                    <table class="table">
                                        <caption>{move || t_string!(i18n, coordinator.by_role)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{move || t_string!(i18n, field.role)}</th>
                                                <th scope="col" class="num">{move || t_string!(i18n, coordinator.accounts)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {counts
                                                .into_iter()
                                                .map(|row| {
                                                    view! {
                                                        <tr>
                                                            <th scope="row">{move || role_label(i18n.get_locale(), row.role)}</th>
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
                            Err(error) => view! { <ErrorAlert error /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}
