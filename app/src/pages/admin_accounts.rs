use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::{
    Account, CreateAccount, MIN_PASSWORD_LEN, Role, SetAccountActive, list_accounts,
};
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::RoleGate;

#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    view! {
        <Title text="Accounts" />
        <RoleGate roles=&[Role::Admin]>
            <Accounts />
        </RoleGate>
    }
}

#[component]
fn Accounts() -> impl IntoView {
    let create = ServerAction::<CreateAccount>::new();
    let set_active = ServerAction::<SetAccountActive>::new();
    let accounts = Resource::new(
        move || (create.version().get(), set_active.version().get()),
        |_| list_accounts(),
    );
    let create_error = action_error(create.value());
    let toggle_error = action_error(set_active.value());
    view! {
        <section class="card">
            <h1>"Accounts"</h1>
            <h2>"Create an account"</h2>
            <p class="muted">
                "Coordinators, partners and administrators are created here. Give the person their initial password in person; they can change it under My account."
            </p>
            <ActionForm action=create attr:novalidate=true>
                <Field name="name" label="Full name" error=create_error />
                <Field name="email" label="Email" kind="email" error=create_error />
                <div class="field">
                    <label for="field-role">"Role"</label>
                    <select id="field-role" name="role">
                        {Role::ALL
                            .into_iter()
                            .map(|role| view! { <option value=role.code()>{role.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <Field
                    name="password"
                    label="Initial password"
                    kind="password"
                    autocomplete="new-password"
                    hint=format!("At least {MIN_PASSWORD_LEN} characters.")
                    error=create_error
                />
                <FormError error=create_error fields=&["name", "email", "password"] />
                <button type="submit" class="button">"Create account"</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>"All accounts"</h2>
            <FormError error=toggle_error />
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || {
                    accounts
                        .get()
                        .map(|result| match result {
                            Ok(accounts) => view! { <AccountTable accounts set_active /> }.into_any(),
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

#[component]
fn AccountTable(
    accounts: Vec<Account>,
    set_active: ServerAction<SetAccountActive>,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">
                            <span class="visually-hidden">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {accounts
                        .into_iter()
                        .map(|account| {
                            let label = if account.active { "Deactivate" } else { "Reactivate" };
                            view! {
                                <tr>
                                    <td>{account.name.clone()}</td>
                                    <td>{account.email.clone()}</td>
                                    <td>{account.role.label()}</td>
                                    <td>{if account.active { "Active" } else { "Deactivated" }}</td>
                                    <td>
                                        <ActionForm action=set_active>
                                            <input type="hidden" name="id" value=account.id.clone() />
                                            <input
                                                type="hidden"
                                                name="active"
                                                value=(!account.active).to_string()
                                            />
                                            <button
                                                type="submit"
                                                class="link-button"
                                                aria-label=format!("{label} {}", account.name)
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
