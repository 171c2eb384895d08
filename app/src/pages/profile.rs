//! The person's own application or profile: status, answers, CV, withdraw.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::components::form::{FormError, action_error};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::components::portal::AnswersView;
use crate::i18n::use_i18n;
use crate::portal::{Answers, Application, Status, WithdrawApplication, my_application};
use crate::text::{format_moment, status_explained, status_label};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    // Created in the page's own scope, so the server renders it with its context.
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let application = Resource::new(move || withdraw.version().get(), |_| my_application());
    view! {
        <Title text=move || t_string!(i18n, my_profile.title) />
        <RoleGate roles=&[Role::Mentee, Role::Mentor]>
            <Profile withdraw application />
        </RoleGate>
    }
}

#[component]
fn Profile(
    withdraw: ServerAction<WithdrawApplication>,
    application: Resource<Result<Option<crate::portal::Application>, crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = crate::components::auth::use_auth();
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                application
                    .get()
                    .map(|result| match result {
                        Ok(Some(application)) => view! { <StatusCard application withdraw /> }.into_any(),
                        Ok(None) => {
                            let start = match auth.current().map(|a| a.role) {
                                Some(Role::Mentor) => "/mentor",
                                _ => "/apply",
                            };
                            view! {
                                <section class="card">
                                    <h1>{move || t_string!(i18n, my_profile.title)}</h1>
                                    <p>{move || t_string!(i18n, my_profile.none_yet)}</p>
                                    <a class="button" href=start>{move || t_string!(i18n, my_profile.start)}</a>
                                </section>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn StatusCard(
    application: Application,
    withdraw: ServerAction<WithdrawApplication>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = application.status;
    let edit = match application.answers {
        Answers::Mentee(_) => "/apply",
        Answers::Mentor(_) => "/mentor",
    };
    let error = action_error(withdraw.value());
    let confirming = RwSignal::new(false);
    let reason = application.status_reason.clone();
    let submitted_at = application.submitted_at;
    let cv = application.cv.clone();
    let account = application.account.clone();
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, my_profile.title)}</h1>
            <p class="status" role="status">
                {move || t_string!(i18n, my_profile.status)} ": "
                <strong class=format!("badge badge--{}", status.code())>{move || status_label(i18n.get_locale(), status)}</strong>
            </p>
            <p>{move || status_explained(i18n.get_locale(), status)}</p>
            {reason.map(|reason| view! { <p class="alert alert--info">{move || t_string!(i18n, my_profile.reason)} ": " {reason.clone()}</p> })}
            {submitted_at.map(|at| view! { <p class="muted">{move || t_string!(i18n, my_profile.submitted_at)} " " {move || format_moment(i18n.get_locale(), at)}</p> })}
            <div class="actions">
                <Show when=move || status.is_editable()>
                    <a class="button" href=edit>
                        {move || if status == Status::Draft { t_string!(i18n, my_profile.continue_application) } else { t_string!(i18n, my_profile.edit) }}
                    </a>
                </Show>
                <Show when=move || status.can_withdraw() && !confirming.get()>
                    <button type="button" class="button button--secondary" on:click=move |_| confirming.set(true)>
                        {move || t_string!(i18n, my_profile.withdraw)}
                    </button>
                </Show>
            </div>
            <Show when=move || confirming.get() && status.can_withdraw()>
                <div class="alert alert--warning" role="alert">
                    <p>{move || t_string!(i18n, my_profile.withdraw_confirm)}</p>
                    <ActionForm action=withdraw>
                        <button type="submit" class="button button--danger">{move || t_string!(i18n, my_profile.withdraw_yes)}</button>
                        " "
                        <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>
                            {move || t_string!(i18n, common.cancel)}
                        </button>
                    </ActionForm>
                </div>
            </Show>
            <FormError error />
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, my_profile.answers)}</h2>
            {cv.map(|cv| {
                view! {
                    <p>
                        {move || t_string!(i18n, profile.cv)} ": "
                        <a href=format!("{}/{account}", crate::portal::CV_PATH) download=cv.file_name.clone()>{cv.file_name.clone()}</a>
                    </p>
                }
            })}
            <AnswersView answers=application.answers />
        </section>
    }
}
