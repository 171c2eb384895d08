//! Mentorbro: mentor programmes for the spouses of international employees.
//!
//! This crate holds what the browser and the server share: types, pages,
//! components and server functions. Code that touches the database lives
//! under the `ssr` feature in [`backend`] and in each feature's `store`.

#![recursion_limit = "256"]

pub mod accounts;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod board;
pub mod budget;
pub mod components;
pub mod course;
pub mod error;
pub mod import;
pub mod pages;
pub mod partners;
pub mod portal;
pub mod privacy;
pub mod programmes;
pub mod reporting;
pub mod surveys;
pub mod text;
pub mod workshops;

#[allow(deprecated, missing_docs)]
mod locales {
    leptos_i18n::load_locales!();
}
pub use locales::i18n;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, lazy_route, path};

use components::auth::provide_auth;
use components::layout::Layout;
use i18n::I18nContextProvider;
use pages::{
    account::AccountPage,
    admin_accounts::AdminAccountsPage,
    admin_partners::AdminPartnersPage,
    applications::ApplicationsPage,
    apply::ApplyPage,
    attendance::AttendancePage,
    board::BoardPage,
    budget::BudgetPage,
    cohort_course::CohortCoursePage,
    cohort_workshops::CohortWorkshopsPage,
    cohorts::CohortsPage,
    coordinator::CoordinatorPage,
    course::CoursePage,
    dashboard::{CohortDashboardPage, ProgrammeDashboardPage},
    home::HomePage,
    import::ImportPage,
    invitation::InvitationPage,
    invitations::InvitationsPage,
    login::LoginPage,
    mentor::MentorPage,
    my_data::MyDataPage,
    my_surveys::{AnswerSurveyPage, MySurveysPage},
    not_found::NotFoundPage,
    outcomes::OutcomesPage,
    partner::PartnerPage,
    privacy::PrivacyPage,
    profile::ProfilePage,
    programme::ProgrammePublicPage,
    programmes::ProgrammesPage,
    report::ReportPage,
    sign_up::SignUpPage,
    surveys::CohortSurveysPage,
    welcome::WelcomePage,
    workshops::WorkshopsPage,
};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    backend::page_policy::apply();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider cookie_name="mentorbro_language">
            <Shell />
        </I18nContextProvider>
    }
}

/// Everything inside the language context.
#[component]
fn Shell() -> impl IntoView {
    provide_auth();

    view! {
        <Stylesheet id="leptos" href="/pkg/mentorbro.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Mentorbro".to_owned() } else { format!("{page} · Mentorbro") }
        } />
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/signup") view={Lazy::<SignUpRoute>::new()} />
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} />
                    <Route path=path!("/coordinator") view={Lazy::<CoordinatorRoute>::new()} />
                    <Route path=path!("/admin/accounts") view={Lazy::<AdminAccountsRoute>::new()} />
                    <Route path=path!("/admin/partners") view={Lazy::<AdminPartnersRoute>::new()} />
                    <Route path=path!("/apply") view={Lazy::<ApplyRoute>::new()} />
                    <Route path=path!("/mentor") view={Lazy::<MentorRoute>::new()} />
                    <Route path=path!("/profile") view={Lazy::<ProfileRoute>::new()} />
                    <Route path=path!("/privacy") view={Lazy::<PrivacyRoute>::new()} />
                    <Route path=path!("/account/data") view={Lazy::<MyDataRoute>::new()} />
                    <Route path=path!("/p/:slug") view=ProgrammePublicPage ssr=SsrMode::Async />
                    <Route path=path!("/invite/:token") view=InvitationPage ssr=SsrMode::InOrder />
                    <Route path=path!("/coordinator/applications") view={Lazy::<ApplicationsRoute>::new()} />
                    <Route path=path!("/coordinator/programmes") view={Lazy::<ProgrammesRoute>::new()} />
                    <Route path=path!("/coordinator/cohorts") view={Lazy::<CohortsRoute>::new()} />
                    <Route path=path!("/coordinator/cohorts/:id/board") view={Lazy::<BoardRoute>::new()} />
                    <Route path=path!("/coordinator/cohorts/:id/workshops") view={Lazy::<CohortWorkshopsRoute>::new()} />
                    <Route path=path!("/coordinator/workshops/:id/attendance") view={Lazy::<AttendanceRoute>::new()} />
                    <Route path=path!("/workshops") view={Lazy::<WorkshopsRoute>::new()} />
                    <Route path=path!("/coordinator/cohorts/:id/course") view={Lazy::<CohortCourseRoute>::new()} />
                    <Route path=path!("/course") view={Lazy::<CourseRoute>::new()} />
                    <Route path=path!("/coordinator/cohorts/:id/surveys") view={Lazy::<CohortSurveysRoute>::new()} />
                    <Route path=path!("/coordinator/cohorts/:id/outcomes") view={Lazy::<OutcomesRoute>::new()} />
                    <Route path=path!("/surveys") view={Lazy::<MySurveysRoute>::new()} />
                    <Route path=path!("/surveys/:id") view={Lazy::<AnswerSurveyRoute>::new()} />
                    <Route path=path!("/coordinator/invitations") view={Lazy::<InvitationsRoute>::new()} />
                    <Route path=path!("/coordinator/cohorts/:id/dashboard") view={Lazy::<CohortDashboardRoute>::new()} />
                    <Route path=path!("/coordinator/dashboard") view={Lazy::<ProgrammeDashboardRoute>::new()} />
                    <Route path=path!("/coordinator/report") view={Lazy::<ReportRoute>::new()} />
                    <Route path=path!("/partner") view={Lazy::<PartnerRoute>::new()} />
                    <Route path=path!("/coordinator/budget") view={Lazy::<BudgetRoute>::new()} />
                    <Route path=path!("/coordinator/import") view={Lazy::<ImportRoute>::new()} />
                    <Route path=path!("/welcome/:token") view=WelcomePage ssr=SsrMode::InOrder />
                </Routes>
            </Layout>
        </Router>
    }
}

/// Routes whose page code is split out of the WebAssembly every visitor
/// loads (`cargo leptos build --split`) and fetched the first time one of
/// them opens: every page but those a visit starts on (the home page, the
/// login, and the links people are sent: a programme's page, an invitation,
/// a welcome). The page loads its own data, so `data` has nothing to start.
macro_rules! lazy_routes {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_routes! {
    CoordinatorRoute => CoordinatorPage,
    AdminAccountsRoute => AdminAccountsPage,
    AdminPartnersRoute => AdminPartnersPage,
    ApplicationsRoute => ApplicationsPage,
    ProgrammesRoute => ProgrammesPage,
    CohortsRoute => CohortsPage,
    BoardRoute => BoardPage,
    CohortWorkshopsRoute => CohortWorkshopsPage,
    AttendanceRoute => AttendancePage,
    CohortCourseRoute => CohortCoursePage,
    CohortSurveysRoute => CohortSurveysPage,
    OutcomesRoute => OutcomesPage,
    InvitationsRoute => InvitationsPage,
    CohortDashboardRoute => CohortDashboardPage,
    ProgrammeDashboardRoute => ProgrammeDashboardPage,
    ReportRoute => ReportPage,
    PartnerRoute => PartnerPage,
    BudgetRoute => BudgetPage,
    ImportRoute => ImportPage,
    SignUpRoute => SignUpPage,
    AccountRoute => AccountPage,
    ApplyRoute => ApplyPage,
    MentorRoute => MentorPage,
    ProfileRoute => ProfilePage,
    PrivacyRoute => PrivacyPage,
    MyDataRoute => MyDataPage,
    WorkshopsRoute => WorkshopsPage,
    CourseRoute => CoursePage,
    MySurveysRoute => MySurveysPage,
    AnswerSurveyRoute => AnswerSurveyPage,
}
