//! Coordinators invite mentors: a link that works once, for a fixed time.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::components::form::{Field, FormError, action_error};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::i18n::use_i18n;
use crate::programmes::{INVITATION_DAYS, InviteMentor, list_invitations};
use crate::text::format_moment;

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, nav.invitations) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Invitations />
        </RoleGate>
    }
}

#[component]
fn Invitations() -> impl IntoView {
    let i18n = use_i18n();
    let invite = ServerAction::<InviteMentor>::new();
    let error = action_error(invite.value());
    let invitations = Resource::new(move || invite.version().get(), |_| list_invitations());
    let origin = move || {
        #[cfg(feature = "hydrate")]
        {
            window().location().origin().unwrap_or_default()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            String::new()
        }
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, nav.invitations)}</h1>
            <p>{move || crate::text::fill(t_string!(i18n, invitations.intro), &[("days", (INVITATION_DAYS).to_string())])}</p>
            <ActionForm action=invite attr:novalidate=true>
                <Field name="name" label=move || t_string!(i18n, field.full_name) error />
                <Field name="email" label=move || t_string!(i18n, field.email) kind="email" error />
                <Field name="company" label=move || t_string!(i18n, profile.company) error />
                <FormError error fields=&["name", "email", "company"] />
                <button type="submit" class="button" disabled=move || invite.pending().get()>
                    {move || t_string!(i18n, invitations.submit)}
                </button>
            </ActionForm>
            {move || {
                invite.value().get().and_then(Result::ok).map(|created| {
                    let link = format!("{}{}", origin(), created.path);
                    let emailed = created.emailed;
                    let email = created.invitation.email;
                    view! {
                        <div class="alert alert--success" role="status">
                            <p>{move || crate::text::fill(t_string!(i18n, invitations.created), &[("email", email.clone())])}</p>
                            {emailed.then(|| view! { <p>{move || t_string!(i18n, invitations.emailed)}</p> })}
                            <label for="invitation-link">{move || t_string!(i18n, invitations.link)}</label>
                            <input id="invitation-link" type="text" readonly value=link.clone() class="copy" />
                        </div>
                    }
                })
            }}
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, invitations.sent)}</h2>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    invitations.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || t_string!(i18n, invitations.none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                                <table class="table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t_string!(i18n, field.name)}</th>
                                            <th scope="col">{move || t_string!(i18n, field.email)}</th>
                                            <th scope="col">{move || t_string!(i18n, profile.company)}</th>
                                            <th scope="col">{move || t_string!(i18n, field.status)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|invitation| {
                                                let expires = invitation.expires_at;
                                                let state = move || {
                                                    if invitation.used {
                                                        t_string!(i18n, invitations.used).to_owned()
                                                    } else if expires < now {
                                                        t_string!(i18n, invitations.expired).to_owned()
                                                    } else {
                                                        format!("{} {}", t_string!(i18n, invitations.valid_until), format_moment(i18n.get_locale(), expires))
                                                    }
                                                };
                                                view! {
                                                    <tr>
                                                        <td>{invitation.name.clone()}</td>
                                                        <td>{invitation.email.clone()}</td>
                                                        <td>{invitation.company.clone()}</td>
                                                        <td>{state}</td>
                                                    </tr>
                                                }
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
