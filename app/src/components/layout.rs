//! The frame around every page: header with navigation for the caller's role
//! and the language switch, main, footer.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_router::components::A;

use super::auth::use_auth;
use crate::accounts::{Account, Role, SetLanguage};
use crate::i18n::{Locale, use_i18n};
use crate::text::{error_text, role_label};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{move || t_string!(i18n, app.skip)}</a>
        <header class="site-header">
            <a class="brand" href="/">"Mentorbro"</a>
            <Nav />
            <LanguageSwitch />
        </header>
        <main id="main" class="site-main">
            <ErrorBoundary fallback=move |errors| {
                view! {
                    <section class="card">
                        <h1>{move || t_string!(i18n, app.error_title)}</h1>
                        <ul role="alert">
                            {move || {
                                errors
                                    .get()
                                    .into_iter()
                                    .map(|(_, error)| {
                                        let text = error
                                            .downcast_ref::<crate::error::AppError>()
                                            .map(|error| error_text(i18n.get_locale(), error))
                                            .unwrap_or_else(|| error.to_string());
                                        view! { <li>{text}</li> }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    </section>
                }
            }>{children()}</ErrorBoundary>
        </main>
        <footer class="site-footer">
            <p>{move || t_string!(i18n, app.footer)} " · " <a href="/privacy">{move || t_string!(i18n, nav.privacy)}</a></p>
        </footer>
    }
}

/// Where a link goes and the key of its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavLink {
    Home,
    Login,
    SignUp,
    Application,
    MentorProfile,
    Workshops,
    Course,
    Surveys,
    Coordinator,
    Dashboard,
    PartnerFigures,
    Applications,
    Cohorts,
    Programmes,
    Invitations,
    Budget,
    Import,
    Accounts,
    Partners,
    Account,
}

impl NavLink {
    pub fn href(self) -> &'static str {
        match self {
            NavLink::Home => "/",
            NavLink::Login => "/login",
            NavLink::SignUp => "/signup",
            NavLink::Application => "/profile",
            NavLink::MentorProfile => "/profile",
            NavLink::Workshops => "/workshops",
            NavLink::Course => "/course",
            NavLink::Surveys => crate::surveys::SURVEYS_PATH,
            NavLink::Coordinator => "/coordinator",
            NavLink::Dashboard => "/coordinator/dashboard",
            NavLink::PartnerFigures => "/partner",
            NavLink::Applications => "/coordinator/applications",
            NavLink::Cohorts => "/coordinator/cohorts",
            NavLink::Programmes => "/coordinator/programmes",
            NavLink::Invitations => "/coordinator/invitations",
            NavLink::Budget => crate::budget::BUDGET_PATH,
            NavLink::Import => "/coordinator/import",
            NavLink::Accounts => "/admin/accounts",
            NavLink::Partners => "/admin/partners",
            NavLink::Account => "/account",
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        use leptos_i18n::td_string;
        match self {
            NavLink::Home => td_string!(locale, nav.home),
            NavLink::Login => td_string!(locale, nav.login),
            NavLink::SignUp => td_string!(locale, nav.signup),
            NavLink::Application => td_string!(locale, nav.application),
            NavLink::MentorProfile => td_string!(locale, nav.mentor_profile),
            NavLink::Workshops => td_string!(locale, workshops.nav),
            NavLink::Course => td_string!(locale, course.nav),
            NavLink::Surveys => td_string!(locale, surveys.nav),
            NavLink::Coordinator => td_string!(locale, nav.coordinator),
            NavLink::Dashboard => td_string!(locale, report.nav),
            NavLink::PartnerFigures => td_string!(locale, report.partner_nav),
            NavLink::Applications => td_string!(locale, nav.applications),
            NavLink::Cohorts => td_string!(locale, nav.cohorts),
            NavLink::Programmes => td_string!(locale, nav.programmes),
            NavLink::Invitations => td_string!(locale, nav.invitations),
            NavLink::Budget => td_string!(locale, nav.budget),
            NavLink::Import => td_string!(locale, nav.import),
            NavLink::Accounts => td_string!(locale, nav.accounts),
            NavLink::Partners => td_string!(locale, nav.partners),
            NavLink::Account => td_string!(locale, nav.account),
        }
    }
}

/// Whether `link` is marked as the current page only on its own address:
/// when another of `links` lies under it, as every coordinator page lies
/// under the overview's `/coordinator`. The others stay current on the pages
/// beneath them (Cohorts on a cohort's board).
pub fn current_only_on_itself(link: NavLink, links: &[NavLink]) -> bool {
    let href = link.href();
    links.iter().any(|other| {
        other
            .href()
            .strip_prefix(href)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// Links a role may use, in the order they appear.
pub fn nav_links(account: Option<&Account>) -> Vec<NavLink> {
    let Some(account) = account else {
        return vec![NavLink::Login, NavLink::SignUp];
    };
    let mut links = vec![NavLink::Home];
    match account.role {
        Role::Mentee => links.extend([
            NavLink::Application,
            NavLink::Course,
            NavLink::Workshops,
            NavLink::Surveys,
        ]),
        Role::Mentor => links.extend([
            NavLink::MentorProfile,
            NavLink::Course,
            NavLink::Workshops,
            NavLink::Surveys,
        ]),
        Role::Coordinator | Role::Admin => links.extend([
            NavLink::Coordinator,
            NavLink::Dashboard,
            NavLink::Applications,
            NavLink::Cohorts,
            NavLink::Programmes,
            NavLink::Invitations,
            NavLink::Budget,
            NavLink::Import,
        ]),
        Role::Partner => links.push(NavLink::PartnerFigures),
    }
    if account.role == Role::Admin {
        links.extend([NavLink::Accounts, NavLink::Partners]);
    }
    links.push(NavLink::Account);
    links
}

#[component]
fn Nav() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let navigate = leptos_router::hooks::use_navigate();
    // After logging out, leave pages that only made sense logged in.
    Effect::new(move || {
        if let Some(Ok(())) = auth.logout.value().get() {
            navigate("/", Default::default());
        }
    });
    view! {
        <nav aria-label=move || t_string!(i18n, nav.main)>
            <Transition fallback=|| ()>
                {move || {
                    auth.account
                        .get()
                        .map(|account| {
                            let account = account.ok().flatten();
                            let links = nav_links(account.as_ref());
                            let links = links
                                .iter()
                                .map(|&link| {
                                    let exact = current_only_on_itself(link, &links);
                                    view! { <li><A href=link.href() exact>{move || link.label(i18n.get_locale())}</A></li> }
                                })
                                .collect_view();
                            let who = account.map(|account| {
                                let role = account.role;
                                view! {
                                    <li class="nav__who">
                                        <span>{account.name}</span>
                                        <span class="badge">{move || role_label(i18n.get_locale(), role)}</span>
                                    </li>
                                    <li>
                                        <ActionForm action=auth.logout>
                                            <button type="submit" class="link-button">{move || t_string!(i18n, nav.logout)}</button>
                                        </ActionForm>
                                    </li>
                                }
                            });
                            view! { <ul class="nav">{links}{who}</ul> }
                        })
                }}
            </Transition>
        </nav>
    }
}

/// English / Dansk. The choice is kept in a cookie, and for a logged-in
/// person in their account, so it follows them to other devices.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let remember = ServerAction::<SetLanguage>::new();
    // When someone logs in, their saved language wins once.
    let applied_for = StoredValue::new(None::<String>);
    Effect::new(move || {
        if let Some(account) = auth.current()
            && applied_for.get_value().as_deref() != Some(account.id.as_str())
        {
            applied_for.set_value(Some(account.id.clone()));
            let saved = match account.language.as_str() {
                "da" => Locale::da,
                _ => Locale::en,
            };
            if saved != i18n.get_locale_untracked() {
                i18n.set_locale(saved);
            }
        }
    });
    let choose = move |locale: Locale| {
        i18n.set_locale(locale);
        if auth.current().is_some() {
            remember.dispatch(SetLanguage {
                language: leptos_i18n::Locale::as_str(locale).to_owned(),
            });
        }
    };
    let button = move |locale: Locale, label: &'static str, lang: &'static str| {
        view! {
            <button
                type="button"
                class="language__option"
                lang=lang
                aria-pressed=move || if i18n.get_locale() == locale { "true" } else { "false" }
                on:click=move |_| choose(locale)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="language" role="group" aria-label=move || t_string!(i18n, nav.language)>
            {button(Locale::en, "English", "en")}
            {button(Locale::da, "Dansk", "da")}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links_of(role: Role) -> Vec<NavLink> {
        let account = Account {
            id: "a".into(),
            email: "a@example.org".into(),
            name: "A".into(),
            role,
            active: true,
            language: "en".into(),
        };
        nav_links(Some(&account))
    }

    #[test]
    fn the_coordinators_overview_is_current_only_on_its_own_page() {
        let links = links_of(Role::Coordinator);
        assert!(current_only_on_itself(NavLink::Coordinator, &links));
        for link in [
            NavLink::Home,
            NavLink::Cohorts,
            NavLink::Dashboard,
            NavLink::Account,
        ] {
            assert!(!current_only_on_itself(link, &links), "{link:?}");
        }
    }

    #[test]
    fn a_mentees_links_stay_current_on_the_pages_beneath_them() {
        let links = links_of(Role::Mentee);
        assert!(
            links
                .iter()
                .all(|&link| !current_only_on_itself(link, &links))
        );
    }
}
