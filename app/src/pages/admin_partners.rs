//! Administrators register partner organisations and hand out their referral links.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::i18n::use_i18n;
use crate::partners::{CreatePartner, list_partners};

#[component]
pub fn AdminPartnersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, nav.partners) />
        <RoleGate roles=&[Role::Admin]>
            <Partners />
        </RoleGate>
    }
}

#[component]
fn Partners() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreatePartner>::new();
    let error = action_error(create.value());
    let partners = Resource::new(move || create.version().get(), |_| list_partners());
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, nav.partners)}</h1>
            <p>{move || t_string!(i18n, partners.intro)}</p>
            <ActionForm action=create attr:novalidate=true>
                <Field name="name" label=move || t_string!(i18n, partners.name) error />
                <Field name="code" label=move || t_string!(i18n, partners.code) hint=move || t_string!(i18n, partners.code_hint) error />
                <FormError error fields=&["name", "code"] />
                <button type="submit" class="button" disabled=move || create.pending().get()>{move || t_string!(i18n, partners.submit)}</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, partners.list)}</h2>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    partners.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || t_string!(i18n, partners.none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t_string!(i18n, partners.name)}</th>
                                            <th scope="col">{move || t_string!(i18n, partners.link)}</th>
                                            <th scope="col" class="num">{move || t_string!(i18n, partners.referrals)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|partner| view! {
                                                <tr>
                                                    <td>{partner.name.clone()}</td>
                                                    <td><code>{format!("/signup?ref={}", partner.code)}</code></td>
                                                    <td class="num">{move || crate::text::format_number(i18n.get_locale(), partner.referrals)}</td>
                                                </tr>
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
    }
}
