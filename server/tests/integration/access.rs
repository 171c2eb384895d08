//! The access-control matrix: every server function, who may call it, and a
//! test that calls each one as every kind of caller. A function missing from
//! the table, or answering a caller differently from the table, fails.
//!
//! Participants' functions take no id of another person: they act on the
//! caller's own records only. Functions that name other people's records
//! (applications, accounts, cohorts, boards) are for staff, and are called
//! here with ids of records that exist, so a refusal cannot hide behind "not found".

use crate::common;

use std::collections::BTreeSet;

use app::accounts::Role;
use axum::http::StatusCode;
use common::{Client, TestApp, logged_in_as, test_app};
use serde_json::{Value, json};

/// Who calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Mentee,
    Mentor,
    Partner,
    Coordinator,
    Admin,
}

use Caller::*;

const EVERYONE: &[Caller] = &[Anonymous, Mentee, Mentor, Partner, Coordinator, Admin];
const LOGGED_IN: &[Caller] = &[Mentee, Mentor, Partner, Coordinator, Admin];
const PARTICIPANTS: &[Caller] = &[Mentee, Mentor];
const SELF_ERASING: &[Caller] = &[Mentee, Mentor, Partner];
const STAFF: &[Caller] = &[Coordinator, Admin];
const PARTNERS: &[Caller] = &[Partner];
const ADMIN: &[Caller] = &[Admin];

/// How a function is called: form fields or a JSON body.
enum Args {
    Form(Vec<(&'static str, String)>),
    Json(Value),
}

/// Ids of real records, for the functions that name them.
struct Ids {
    cohort: String,
    mentee: String,
    mentor: String,
    workshop: String,
}

/// One row: the function, the arguments it is called with, and who may call it.
fn matrix(ids: &Ids) -> Vec<(&'static str, Args, &'static [Caller])> {
    let form = |fields: &[(&'static str, &str)]| {
        Args::Form(
            fields
                .iter()
                .map(|(name, value)| (*name, (*value).to_owned()))
                .collect(),
        )
    };
    let (cohort, mentee, mentor, workshop) = (
        ids.cohort.as_str(),
        ids.mentee.as_str(),
        ids.mentor.as_str(),
        ids.workshop.as_str(),
    );
    vec![
        // Anyone: public pages, sign-up and login (with input that is refused, so nothing changes).
        ("current_account", form(&[]), EVERYONE),
        (
            "login",
            form(&[
                ("email", "nobody@example.dk"),
                ("password", "wrong-password"),
            ]),
            EVERYONE,
        ),
        (
            "sign_up",
            form(&[
                ("name", ""),
                ("email", "bad"),
                ("password", "x"),
                ("role", "mentee"),
            ]),
            EVERYONE,
        ),
        (
            "programme_page",
            form(&[("slug", "aarhus-spouses")]),
            EVERYONE,
        ),
        (
            "invitation_details",
            form(&[("token", "unknown-token")]),
            EVERYONE,
        ),
        (
            "accept_invitation",
            form(&[
                ("token", "unknown-token"),
                ("name", "A"),
                ("password", "a-long-enough-password"),
            ]),
            EVERYONE,
        ),
        (
            "referral_partner",
            form(&[("code", "no-such-code")]),
            EVERYONE,
        ),
        ("partner_choices", form(&[]), EVERYONE),
        (
            "welcome_details",
            form(&[("token", "unknown-token")]),
            EVERYONE,
        ),
        (
            "accept_welcome",
            form(&[
                ("token", "unknown-token"),
                ("password", "a-long-enough-password"),
                ("consent_version", "1"),
            ]),
            EVERYONE,
        ),
        // Anyone logged in, on their own records.
        ("set_language", form(&[("language", "en")]), LOGGED_IN),
        ("my_consents", form(&[]), LOGGED_IN),
        ("my_access_log", form(&[]), LOGGED_IN),
        ("my_data", form(&[]), LOGGED_IN),
        (
            "change_password",
            form(&[
                ("current_password", "wrong-password"),
                ("new_password", "another-long-password"),
            ]),
            LOGGED_IN,
        ),
        (
            "delete_my_account",
            form(&[("password", "wrong-password"), ("confirm", "yes")]),
            SELF_ERASING,
        ),
        // Participants, on their own application and match.
        ("my_application", form(&[]), PARTICIPANTS),
        ("withdraw_application", form(&[]), PARTICIPANTS),
        ("my_matches", form(&[]), PARTICIPANTS),
        ("my_workshops", form(&[]), PARTICIPANTS),
        (
            "answer_workshop",
            form(&[("id", workshop), ("coming", "true")]),
            PARTICIPANTS,
        ),
        ("my_calendar_feed", form(&[]), PARTICIPANTS),
        ("renew_calendar_feed", form(&[]), PARTICIPANTS),
        ("my_course", form(&[]), PARTICIPANTS),
        (
            "log_meeting",
            Args::Json(json!({ "form": {
                "cohort": cohort, "partner": mentor, "date": "2027-03-01",
                "minutes": "60", "mode": "online", "topics": ["cv"]
            }})),
            PARTICIPANTS,
        ),
        (
            "confirm_meeting",
            form(&[("id", "no-such-meeting")]),
            PARTICIPANTS,
        ),
        (
            "delete_meeting",
            form(&[("id", "no-such-meeting")]),
            PARTICIPANTS,
        ),
        (
            "save_introduction",
            Args::Json(json!({ "id": null, "form": {
                "cohort": cohort, "mentee": mentee, "date": "2027-03-01", "company": "Arla"
            }})),
            &[Mentor],
        ),
        (
            "save_mentee_draft",
            Args::Json(json!({ "answers": {}, "step": 1 })),
            &[Mentee],
        ),
        (
            "submit_mentee_application",
            Args::Json(json!({ "answers": {}, "consent_version": 1 })),
            &[Mentee],
        ),
        (
            "save_mentor_profile",
            Args::Json(json!({ "answers": {}, "consent_version": 1 })),
            &[Mentor],
        ),
        // Staff: applications, programmes, invitations, cohorts and boards.
        ("role_counts", form(&[]), STAFF),
        ("list_partners", form(&[]), STAFF),
        ("list_applications", form(&[]), STAFF),
        (
            "view_application",
            form(&[("account", mentee), ("reason", "")]),
            STAFF,
        ),
        (
            "decide_applications",
            Args::Json(
                json!({ "accounts": [], "status": "accepted", "reason": "", "cohort": null }),
            ),
            STAFF,
        ),
        ("list_programmes", form(&[]), STAFF),
        (
            "save_programme",
            Args::Json(json!({ "page": {}, "original_slug": null })),
            STAFF,
        ),
        (
            "invite_mentor",
            form(&[("email", "bad"), ("name", ""), ("company", "")]),
            STAFF,
        ),
        ("list_invitations", form(&[]), STAFF),
        ("list_cohorts", form(&[]), STAFF),
        ("load_cohort", form(&[("id", cohort)]), STAFF),
        (
            "save_cohort",
            Args::Json(json!({ "id": cohort, "form": {} })),
            STAFF,
        ),
        (
            "remove_from_cohort",
            form(&[("cohort", cohort), ("account", "not-a-member")]),
            STAFF,
        ),
        ("board_people", form(&[("cohort", cohort)]), STAFF),
        ("board_state", form(&[("cohort", cohort)]), STAFF),
        (
            "move_mentee",
            form(&[
                ("cohort", cohort),
                ("mentee", mentee),
                ("to", "not-a-member"),
            ]),
            STAFF,
        ),
        (
            "lock_pair",
            form(&[("cohort", cohort), ("mentee", mentee), ("locked", "true")]),
            STAFF,
        ),
        (
            "forbid_pair",
            form(&[
                ("cohort", cohort),
                ("mentee", mentee),
                ("mentor", "not-a-member"),
                ("forbidden", "true"),
            ]),
            STAFF,
        ),
        ("suggest_pairs", form(&[("cohort", cohort)]), STAFF),
        (
            "accept_suggestions",
            Args::Json(json!({ "cohort": cohort, "pairs": [] })),
            STAFF,
        ),
        (
            "explain_pair",
            form(&[
                ("cohort", cohort),
                ("mentee", mentee),
                ("mentor", mentor),
                ("language", "en"),
            ]),
            STAFF,
        ),
        ("cohort_course", form(&[("cohort", cohort)]), STAFF),
        (
            "end_match",
            Args::Json(json!({
                "cohort": cohort, "mentee": "no-such-mentee", "reason": "not_a_good_fit", "note": ""
            })),
            STAFF,
        ),
        (
            "publish_board",
            form(&[("cohort", "no-such-cohort")]),
            STAFF,
        ),
        ("cohort_workshops", form(&[("cohort", cohort)]), STAFF),
        (
            "save_workshop",
            Args::Json(json!({ "id": workshop, "cohort": cohort, "form": {} })),
            STAFF,
        ),
        ("workshop_attendance", form(&[("id", workshop)]), STAFF),
        (
            "set_attendance",
            form(&[
                ("workshop", workshop),
                ("account", mentee),
                ("attended", "false"),
            ]),
            STAFF,
        ),
        ("cancel_workshop", form(&[("id", workshop)]), STAFF),
        // Staff: surveys and outcomes.
        ("cohort_surveys", form(&[("cohort", cohort)]), STAFF),
        (
            "save_survey",
            Args::Json(json!({ "cohort": cohort, "id": null, "form": {} })),
            STAFF,
        ),
        ("delete_survey", form(&[("id", "no-such-survey")]), STAFF),
        (
            "create_standard_surveys",
            form(&[("cohort", cohort), ("language", "xx")]),
            STAFF,
        ),
        ("cohort_outcomes", form(&[("cohort", cohort)]), STAFF),
        (
            "record_outcome",
            Args::Json(json!({ "cohort": cohort, "mentee": mentee, "form": {} })),
            STAFF,
        ),
        // Reporting: dashboards and targets for staff, the partner view for partners.
        ("cohort_dashboard", form(&[("cohort", cohort)]), STAFF),
        (
            "programme_dashboard",
            form(&[("programme", "aarhus-spouses"), ("year", "2027")]),
            STAFF,
        ),
        ("report_programmes", form(&[]), STAFF),
        (
            "save_work_target",
            form(&[("programme", "aarhus-spouses"), ("target", "0")]),
            STAFF,
        ),
        ("partner_figures", form(&[]), PARTNERS),
        // The budget of a programme's year, against its grant.
        (
            "load_budget",
            form(&[("programme", "aarhus-spouses"), ("year", "2027")]),
            STAFF,
        ),
        (
            "save_budget",
            Args::Json(json!({ "programme": "aarhus-spouses", "year": 2027, "form": {} })),
            STAFF,
        ),
        (
            "save_expense",
            Args::Json(
                json!({ "programme": "aarhus-spouses", "year": 2027, "id": null, "form": {} }),
            ),
            STAFF,
        ),
        ("delete_expense", form(&[("id", "no-such-expense")]), STAFF),
        // Staff: importing people from a spreadsheet.
        ("import_preview", form(&[("id", "no-such-session")]), STAFF),
        (
            "map_import",
            Args::Json(json!({ "id": "no-such-session", "mapping": [] })),
            STAFF,
        ),
        (
            "fix_import_row",
            Args::Json(json!({ "id": "no-such-session", "line": 2, "values": [] })),
            STAFF,
        ),
        ("import_batch", form(&[("id", "no-such-session")]), STAFF),
        ("discard_import", form(&[("id", "no-such-session")]), STAFF),
        // Participants, on the surveys of their own cohorts.
        ("my_surveys", form(&[]), PARTICIPANTS),
        (
            "survey_to_answer",
            form(&[("id", "no-such-survey")]),
            PARTICIPANTS,
        ),
        (
            "answer_survey",
            Args::Json(json!({ "id": "no-such-survey", "answers": [], "outcome": null })),
            PARTICIPANTS,
        ),
        // Administrators: accounts and partner organisations.
        ("list_accounts", form(&[]), ADMIN),
        (
            "create_account",
            form(&[
                ("name", ""),
                ("email", "bad"),
                ("role", "coordinator"),
                ("password", "x"),
            ]),
            ADMIN,
        ),
        (
            "set_account_active",
            form(&[("id", "no-such-account"), ("active", "true")]),
            ADMIN,
        ),
        ("create_partner", form(&[("name", ""), ("code", "")]), ADMIN),
        // Last: they end every caller's session.
        ("logout_everywhere", form(&[]), LOGGED_IN),
        ("logout", form(&[]), EVERYONE),
    ]
}

/// Whether the answer refuses the caller for who they are (not for what they sent).
fn refused(reply: &common::Reply) -> bool {
    matches!(
        (reply.status, reply.body.as_str()),
        (StatusCode::UNAUTHORIZED, Some("Unauthenticated"))
            | (StatusCode::FORBIDDEN, Some("Forbidden"))
    )
}

async fn call(client: &mut Client, app: &TestApp, function: &str, args: &Args) -> common::Reply {
    match args {
        Args::Form(fields) => {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            client.call(app, function, &fields).await
        }
        Args::Json(body) => client.call_json(app, function, body.clone()).await,
    }
}

#[tokio::test]
async fn every_server_function_answers_every_caller_as_the_matrix_says() {
    let app = test_app().await;
    // First, while the database is empty: a cohort with one mentee and one mentor in it.
    app::backend::demo::fill_sized(&app.db, 1, 1)
        .await
        .expect("demo data");
    let mut clients = vec![(Anonymous, Client::default())];
    for (caller, role, email) in [
        (Mentee, Role::Mentee, "ana@example.dk"),
        (Mentor, Role::Mentor, "lars@example.dk"),
        (Partner, Role::Partner, "partner@example.dk"),
        (Coordinator, Role::Coordinator, "camilla@example.dk"),
        (Admin, Role::Admin, "admin@example.dk"),
    ] {
        clients.push((caller, logged_in_as(&app, role, email).await));
    }
    let key = |table: &str| {
        let db = app.db.clone();
        let table = table.to_owned();
        async move {
            let ids: Vec<String> = db
                .query("SELECT VALUE record::id(account) FROM cohort_member WHERE kind = $kind")
                .bind(("kind", table))
                .await
                .and_then(|mut response| response.take(0))
                .expect("member");
            ids.into_iter().next().expect("one member")
        }
    };
    app.db
        .query(
            "CREATE workshop:access SET cohort = type::record('cohort', $cohort), title = 'CV clinic',
                description = '', date = '2099-06-10', time = '17:00', minutes = 90,
                starts_at = d'2099-06-10T15:00:00Z', ends_at = d'2099-06-10T16:30:00Z',
                place = 'Vestergade 55', link = '', capacity = 10, updated_at = time::now()",
        )
        .bind(("cohort", app::backend::demo::DEMO_COHORT))
        .await
        .and_then(|response| response.check())
        .expect("workshop");
    let ids = Ids {
        cohort: app::backend::demo::DEMO_COHORT.to_owned(),
        mentee: key("mentee").await,
        mentor: key("mentor").await,
        workshop: "access".to_owned(),
    };

    let table = matrix(&ids);
    let listed: BTreeSet<&str> = table.iter().map(|(name, ..)| *name).collect();
    let registered: BTreeSet<&str> = server_fn::axum::server_fn_paths()
        .filter_map(|(path, _)| path.strip_prefix("/api/"))
        .collect();
    assert_eq!(
        registered.difference(&listed).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "server functions missing from the access matrix"
    );
    assert_eq!(
        listed.difference(&registered).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "the access matrix names functions that do not exist"
    );

    let mut wrong = Vec::new();
    for (function, args, allowed) in &table {
        for (caller, client) in clients.iter_mut() {
            let reply = call(client, &app, function, args).await;
            assert!(
                reply.status != StatusCode::INTERNAL_SERVER_ERROR,
                "{function} as {caller:?}: server error {}",
                reply.text
            );
            let expected_allowed = allowed.contains(caller);
            if refused(&reply) == expected_allowed {
                wrong.push(format!(
                    "{function} as {caller:?}: expected {}, got {} {}",
                    if expected_allowed {
                        "allowed"
                    } else {
                        "refused"
                    },
                    reply.status,
                    reply.text.chars().take(120).collect::<String>()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "access differs from the matrix:\n{}",
        wrong.join("\n")
    );
}
