use leptos::prelude::*;
use leptos_i18n::{t_string, td_string};
use leptos_meta::Title;

use crate::accounts::{Account, Role};
use crate::components::auth::use_auth;
use crate::components::guarded::Loading;
use crate::i18n::use_i18n;
use crate::portal::{Status, my_application};
use crate::text::{role_label, status_explained, status_label};

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    // Created here, in the page's own scope, so it is read with the server's context.
    let application = Resource::new(
        move || auth.current().map(|account| (account.id, account.role)),
        |who| async move {
            match who {
                Some((_, Role::Mentee | Role::Mentor)) => my_application().await,
                _ => Ok(None),
            }
        },
    );
    provide_context(application);
    // The match and the course in one resource, read one after the other.
    let matches = Resource::new(
        move || auth.current().map(|account| (account.id, account.role)),
        |who| async move {
            let found: Result<_, crate::error::AppError> = match who {
                Some((_, Role::Mentee | Role::Mentor)) => Ok((
                    crate::board::my_matches().await?,
                    crate::course::my_course().await?,
                )),
                _ => Ok((Vec::new(), Vec::new())),
            };
            found
        },
    );
    provide_context(matches);
    view! {
        <Title text="" />
        <Transition fallback=|| view! { <Loading /> }>
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
    let i18n = use_i18n();
    view! {
        <section class="hero">
            <h1>{move || t_string!(i18n, home.hero_title)}</h1>
            <p>{move || t_string!(i18n, home.hero_mentee)}</p>
            <p>{move || t_string!(i18n, home.hero_mentor)}</p>
            <p class="actions">
                <a class="button" href="/signup?as=mentee">{move || t_string!(i18n, home.apply_mentee)}</a>
                <a class="button button--secondary" href="/signup?as=mentor">{move || t_string!(i18n, home.become_mentor)}</a>
                <a class="button button--secondary" href="/login">{move || t_string!(i18n, nav.login)}</a>
            </p>
        </section>
    }
}

#[component]
fn Welcome(account: Account) -> impl IntoView {
    let i18n = use_i18n();
    let role = account.role;
    let next = move || match role {
        Role::Mentee | Role::Mentor => None,
        Role::Coordinator => Some(t_string!(i18n, home.next_coordinator)),
        Role::Partner => Some(t_string!(i18n, home.next_partner)),
        Role::Admin => Some(t_string!(i18n, home.next_admin)),
    };
    let name = account.name.clone();
    view! {
        <section class="card">
            <h1>{move || crate::text::fill(t_string!(i18n, home.welcome), &[("name", (name.clone()).to_string())])}</h1>
            <p>{move || t_string!(i18n, home.logged_in_as)} " " <strong>{move || role_label(i18n.get_locale(), role)}</strong></p>
            {next}
            <Show when=move || matches!(role, Role::Mentee | Role::Mentor)>
                <ApplicationCard role />
            </Show>
        </section>
        <Show when=move || matches!(role, Role::Mentee | Role::Mentor)>
            <MatchCard role />
            <CourseCard />
        </Show>
    }
}

/// The timeline of the current course, with the way to log meetings.
#[component]
fn CourseCard() -> impl IntoView {
    let i18n = use_i18n();
    let matches = expect_context::<Matches>();
    view! {
        <Transition fallback=|| ()>
            {move || matches.get().and_then(Result::ok).and_then(|(_, courses)| courses.into_iter().find(|course| course.ended.is_none())).map(|course| view! {
                <section class="card" aria-labelledby="course-title">
                    <h2 id="course-title">{move || t_string!(i18n, course.title)}</h2>
                    <crate::pages::course::Timeline course />
                    <a class="button" href="/course">{move || t_string!(i18n, course.log_meeting)}</a>
                </section>
            })}
        </Transition>
    }
}

type Matches = Resource<
    Result<(Vec<crate::board::MyMatch>, Vec<crate::course::Course>), crate::error::AppError>,
>;

/// The person's published match: who, in which cohort, and how to reach them.
#[component]
fn MatchCard(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let matches = expect_context::<Matches>();
    view! {
        <Transition fallback=|| ()>
            {move || matches.get().and_then(Result::ok).map(|(list, _)| list).filter(|list| !list.is_empty()).map(|list| view! {
                <section class="card match-card" aria-labelledby="match-title">
                    <h2 id="match-title">{move || t_string!(i18n, home.match_title)}</h2>
                    {list.into_iter().map(|found| {
                        let intro = move || {
                            let locale = i18n.get_locale();
                            let template = if role == Role::Mentee { td_string!(locale, home.match_mentor) } else { td_string!(locale, home.match_mentee) };
                            crate::text::fill(template, &[
                                ("cohort", found.cohort_name.clone()),
                                ("start", crate::text::format_typed_date(locale, &found.start)),
                                ("end", crate::text::format_typed_date(locale, &found.end)),
                            ])
                        };
                        let phone = (!found.phone.trim().is_empty()).then(|| {
                            let href = format!("tel:{}", found.phone.replace(' ', ""));
                            view! { <li><a href=href>{found.phone.clone()}</a></li> }
                        });
                        view! {
                            <p>{intro}</p>
                            <p class="match-card__name"><strong>{found.name.clone()}</strong></p>
                            <p>{found.about.clone()}</p>
                            <ul class="list">
                                <li><a href=format!("mailto:{}", found.email)>{found.email.clone()}</a></li>
                                {phone}
                            </ul>
                        }
                    }).collect_view()}
                </section>
            })}
        </Transition>
    }
}

#[component]
fn ApplicationCard(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let application = expect_context::<
        Resource<Result<Option<crate::portal::Application>, crate::error::AppError>>,
    >();
    let start = if role == Role::Mentor {
        "/mentor"
    } else {
        "/apply"
    };
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                application
                    .get()
                    .map(|result| {
                        match result.ok().flatten() {
                            Some(application) if application.status != Status::Draft => {
                                let status = application.status;
                                view! {
                                    <p>
                                        {move || t_string!(i18n, my_profile.status)} ": "
                                        <strong>{move || status_label(i18n.get_locale(), status)}</strong>
                                    </p>
                                    <p>{move || status_explained(i18n.get_locale(), status)}</p>
                                    <a class="button" href="/profile">{move || t_string!(i18n, home.see_profile)}</a>
                                }
                                    .into_any()
                            }
                            Some(_) => {
                                view! {
                                    <p>{move || t_string!(i18n, home.draft_waiting)}</p>
                                    <a class="button" href=start>{move || t_string!(i18n, my_profile.continue_application)}</a>
                                }
                                    .into_any()
                            }
                            None => {
                                view! {
                                    <p>
                                        {move || if role == Role::Mentor { t_string!(i18n, home.start_mentor) } else { t_string!(i18n, home.start_mentee) }}
                                    </p>
                                    <a class="button" href=start>{move || t_string!(i18n, my_profile.start)}</a>
                                }
                                    .into_any()
                            }
                        }
                    })
            }}
        </Transition>
    }
}
