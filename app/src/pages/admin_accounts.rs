use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::{
    Account, CreateAccount, MIN_PASSWORD_LEN, Role, SetAccountActive, list_accounts,
};
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::i18n::use_i18n;
use crate::partners::list_partners;
use crate::text::{problem_text, role_label};

#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, nav.accounts) />
        <RoleGate roles=&[Role::Admin]>
            <Accounts />
        </RoleGate>
    }
}

#[component]
fn Accounts() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateAccount>::new();
    let set_active = ServerAction::<SetAccountActive>::new();
    let accounts = Resource::new(
        move || (create.version().get(), set_active.version().get()),
        |_| list_accounts(),
    );
    let partners = Resource::new(|| (), |_| list_partners());
    let create_error = action_error(create.value());
    let toggle_error = action_error(set_active.value());
    let partner_error = move || {
        create_error
            .get()
            .and_then(|error| error.problem_for("partner").cloned())
            .map(|problem| view! { <p class="field__error" id="field-partner-error">{problem_text(i18n.get_locale(), &problem)}</p> })
    };
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, nav.accounts)}</h1>
            <h2>{move || t_string!(i18n, admin.create_title)}</h2>
            <p class="muted">{move || t_string!(i18n, admin.create_intro)}</p>
            <ActionForm action=create attr:novalidate=true>
                <Field name="name" label=move || t_string!(i18n, field.full_name) error=create_error />
                <Field name="email" label=move || t_string!(i18n, field.email) kind="email" error=create_error />
                <div class="field">
                    <label for="field-role">{move || t_string!(i18n, field.role)}</label>
                    <select id="field-role" name="role">
                        {Role::ALL
                            .into_iter()
                            .map(|role| view! { <option value=role.code()>{move || role_label(i18n.get_locale(), role)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-partner">{move || t_string!(i18n, admin.partner_organisation)}</label>
                    <p class="field__hint" id="field-partner-hint">{move || t_string!(i18n, admin.partner_hint)}</p>
                    <select id="field-partner" name="partner" aria-describedby="field-partner-hint">
                        <option value="">{move || t_string!(i18n, admin.no_partner)}</option>
                        <Transition fallback=|| ()>
                            {move || {
                                partners
                                    .get()
                                    .and_then(Result::ok)
                                    .unwrap_or_default()
                                    .into_iter()
                                    .map(|partner| view! { <option value=partner.id>{partner.name}</option> })
                                    .collect_view()
                            }}
                        </Transition>
                    </select>
                    {partner_error}
                </div>
                <Field
                    name="password"
                    label=move || t_string!(i18n, admin.initial_password)
                    kind="password"
                    autocomplete="new-password"
                    hint=move || crate::text::fill(t_string!(i18n, field.password_hint), &[("min", (MIN_PASSWORD_LEN).to_string())])
                    error=create_error
                />
                <FormError error=create_error fields=&["name", "email", "password", "partner"] />
                <button type="submit" class="button">{move || t_string!(i18n, admin.create_submit)}</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, admin.all_accounts)}</h2>
            <FormError error=toggle_error />
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    accounts
                        .get()
                        .map(|result| match result {
                            Ok(accounts) => view! { <AccountTable accounts set_active /> }.into_any(),
                            Err(error) => view! { <ErrorAlert error /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn AccountTable(
    accounts: Vec<Account>,
    set_active: ServerAction<SetAccountActive>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, field.name)}</th>
                        <th scope="col">{move || t_string!(i18n, field.email)}</th>
                        <th scope="col">{move || t_string!(i18n, field.role)}</th>
                        <th scope="col">{move || t_string!(i18n, field.status)}</th>
                        <th scope="col">
                            <span class="visually-hidden">{move || t_string!(i18n, common.actions)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {accounts
                        .into_iter()
                        .map(|account| {
                            let active = account.active;
                            let label = move || {
                                if active {
                                    t_string!(i18n, admin.deactivate)
                                } else {
                                    t_string!(i18n, admin.reactivate)
                                }
                            };
                            let name = account.name.clone();
                            let role = account.role;
                            view! {
                                <tr>
                                    <td>{account.name.clone()}</td>
                                    <td>{account.email.clone()}</td>
                                    <td>{move || role_label(i18n.get_locale(), role)}</td>
                                    <td>
                                        {move || {
                                            if active {
                                                t_string!(i18n, admin.active)
                                            } else {
                                                t_string!(i18n, admin.deactivated)
                                            }
                                        }}
                                    </td>
                                    <td>
                                        <ActionForm action=set_active>
                                            <input type="hidden" name="id" value=account.id.clone() />
                                            <input type="hidden" name="active" value=(!active).to_string() />
                                            <button
                                                type="submit"
                                                class="link-button"
                                                aria-label=move || format!("{} {}", label(), name)
                                            >
                                                {label}
                                            </button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
