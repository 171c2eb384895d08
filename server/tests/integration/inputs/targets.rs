//! Every server function that takes input, called with arguments that would
//! succeed (or fail only on one point), and which of those arguments are text,
//! numbers, dates, ids or flags. The driver replaces one argument at a time.

use serde_json::{Map, Value, json};

use super::Caller::{self, *};
use super::Records;
use super::values::Kind::{self, *};

/// How the function takes its arguments.
#[derive(Clone, Copy, Debug)]
pub enum Encoding {
    Form,
    Json,
}

pub struct Target {
    pub function: &'static str,
    pub caller: Caller,
    pub encoding: Encoding,
    pub base: Value,
    /// JSON pointers into `base` and the kind of value each holds.
    pub slots: Vec<(String, Kind)>,
}

/// Server functions that take no argument at all.
pub const NO_INPUT: &[&str] = &[
    "current_account",
    "partner_choices",
    "my_consents",
    "my_access_log",
    "my_data",
    "my_application",
    "withdraw_application",
    "my_matches",
    "my_workshops",
    "my_calendar_feed",
    "renew_calendar_feed",
    "my_course",
    "my_surveys",
    "role_counts",
    "list_partners",
    "list_programmes",
    "list_invitations",
    "list_cohorts",
    "report_programmes",
    "partner_figures",
    "list_accounts",
    "logout",
    "logout_everywhere",
];

fn form(function: &'static str, caller: Caller, fields: &[(&str, Kind, &str)]) -> Target {
    let base: Map<String, Value> = fields
        .iter()
        .map(|(name, _, value)| ((*name).to_owned(), Value::String((*value).to_owned())))
        .collect();
    Target {
        function,
        caller,
        encoding: Encoding::Form,
        base: Value::Object(base),
        slots: fields
            .iter()
            .map(|(name, kind, _)| (format!("/{name}"), *kind))
            .collect(),
    }
}

fn json(function: &'static str, caller: Caller, base: Value, slots: &[(&str, Kind)]) -> Target {
    Target {
        function,
        caller,
        encoding: Encoding::Json,
        base,
        slots: slots
            .iter()
            .map(|(pointer, kind)| ((*pointer).to_owned(), *kind))
            .collect(),
    }
}

/// The text fields of the mentee application in [`crate::common::complete_mentee`].
const MENTEE_FIELDS: &[(&str, Kind)] = &[
    ("phone", Text),
    ("postcode", Text),
    ("country_of_origin", Text),
    ("arrival_date", Date),
    ("residence_basis", Text),
    ("partner_employer", Text),
    ("danish_level", Text),
    ("education_level", Text),
    ("education_field", Text),
    ("degree_assessment", Text),
    ("years_experience", Number),
    ("target_industries", Text),
    ("skills", Text),
    ("help_wanted/0", Text),
    ("other_languages/0/language", Text),
    ("linkedin_url", Text),
    ("goals", Text),
    ("heard_from", Text),
];

const MENTOR_FIELDS: &[(&str, Kind)] = &[
    ("company", Text),
    ("role", Text),
    ("industry", Text),
    ("years_experience", Number),
    ("offers/0", Text),
    ("capacity", Number),
    ("meeting_modes/0", Text),
    ("postcode", Text),
    ("motivation", Text),
];

fn prefixed(prefix: &str, fields: &[(&str, Kind)]) -> Vec<(String, Kind)> {
    fields
        .iter()
        .map(|(field, kind)| (format!("{prefix}/{field}"), *kind))
        .collect()
}

fn with_slots(mut target: Target, slots: Vec<(String, Kind)>) -> Target {
    target.slots.extend(slots);
    target
}

pub fn targets(r: &Records) -> Vec<Target> {
    let (cohort, mentee, mentor, other) = (
        r.cohort.as_str(),
        r.mentee.as_str(),
        r.mentor.as_str(),
        r.unmatched.as_str(),
    );
    let programme = "aarhus-spouses";
    vec![
        // Anyone.
        form(
            "login",
            Anonymous,
            &[
                ("email", Text, "nobody@example.dk"),
                ("password", Text, "wrong-password"),
            ],
        ),
        form(
            "sign_up",
            Anonymous,
            &[
                ("name", Text, "New Person"),
                ("email", Text, "new@example.dk"),
                ("password", Text, "a-long-enough-password"),
                ("role", Text, "mentee"),
                ("referral", Text, "no-such-code"),
                ("language", Text, "da"),
            ],
        ),
        form("programme_page", Anonymous, &[("slug", Text, programme)]),
        form(
            "invitation_details",
            Anonymous,
            &[("token", Id, "unknown-token")],
        ),
        form(
            "accept_invitation",
            Anonymous,
            &[
                ("token", Id, "unknown-token"),
                ("name", Text, "A Person"),
                ("password", Text, "a-long-enough-password"),
            ],
        ),
        form(
            "referral_partner",
            Anonymous,
            &[("code", Text, "no-such-code")],
        ),
        form(
            "welcome_details",
            Anonymous,
            &[("token", Id, "unknown-token")],
        ),
        form(
            "accept_welcome",
            Anonymous,
            &[
                ("token", Id, "unknown-token"),
                ("password", Text, "a-long-enough-password"),
                ("consent_version", Number, "1"),
            ],
        ),
        // Anyone logged in. The password is wrong, so neither changes the account.
        form("set_language", Mentee, &[("language", Text, "da")]),
        form(
            "change_password",
            Mentee,
            &[
                ("current_password", Text, "wrong-password"),
                ("new_password", Text, "another-long-password"),
            ],
        ),
        form(
            "delete_my_account",
            Mentee,
            &[
                ("password", Text, "wrong-password"),
                ("confirm", Text, "yes"),
            ],
        ),
        // Participants.
        form(
            "answer_workshop",
            Mentee,
            &[("id", Id, &r.workshop), ("coming", Flag, "true")],
        ),
        json(
            "log_meeting",
            Mentee,
            json!({ "form": {
                "cohort": cohort, "partner": mentor, "date": "2027-03-01", "time": "10:00",
                "minutes": "60", "mode": "online", "topics": ["cv"], "notes": "Notes", "next_steps": "Steps"
            }}),
            &[
                ("/form/cohort", Id),
                ("/form/partner", Id),
                ("/form/date", Date),
                ("/form/time", Date),
                ("/form/minutes", Number),
                ("/form/mode", Text),
                ("/form/topics/0", Text),
                ("/form/notes", Text),
                ("/form/next_steps", Text),
            ],
        ),
        form("confirm_meeting", Mentor, &[("id", Id, &r.meeting)]),
        form("delete_meeting", Mentor, &[("id", Id, &r.meeting)]),
        json(
            "save_introduction",
            Mentor,
            json!({ "id": null, "form": {
                "cohort": cohort, "mentee": mentee, "date": "2027-03-01", "company": "Arla",
                "role": "Engineer", "kind": "coffee", "outcome": "pending", "note": "Note"
            }}),
            &[
                ("/id", Id),
                ("/form/cohort", Id),
                ("/form/mentee", Id),
                ("/form/date", Date),
                ("/form/company", Text),
                ("/form/role", Text),
                ("/form/kind", Text),
                ("/form/outcome", Text),
                ("/form/note", Text),
            ],
        ),
        with_slots(
            json(
                "save_mentee_draft",
                Applicant,
                json!({ "answers": crate::common::complete_mentee("fuzz"), "step": 2 }),
                &[("/step", Number)],
            ),
            prefixed("/answers", MENTEE_FIELDS),
        ),
        with_slots(
            json(
                "submit_mentee_application",
                Applicant,
                json!({ "answers": crate::common::complete_mentee("fuzz"), "consent_version": 0 }),
                &[("/consent_version", Number)],
            ),
            prefixed("/answers", MENTEE_FIELDS),
        ),
        with_slots(
            json(
                "save_mentor_profile",
                Volunteer,
                json!({ "answers": crate::common::complete_mentor(), "consent_version": 0 }),
                &[("/consent_version", Number)],
            ),
            prefixed("/answers", MENTOR_FIELDS),
        ),
        form("survey_to_answer", Mentee, &[("id", Id, &r.survey)]),
        json(
            "answer_survey",
            Mentee,
            json!({ "id": r.survey, "answers": ["4"], "outcome": null }),
            &[("/id", Id), ("/answers/0", Text)],
        ),
        // Staff.
        form(
            "list_applications",
            Coordinator,
            &[("kind", Text, "mentee"), ("status", Text, "submitted")],
        ),
        form(
            "view_application",
            Coordinator,
            &[("account", Id, other), ("reason", Text, "Review")],
        ),
        json(
            "decide_applications",
            Coordinator,
            json!({ "accounts": ["no-such-account"], "status": "waitlisted", "reason": "Full", "cohort": cohort }),
            &[
                ("/accounts/0", Id),
                ("/status", Text),
                ("/reason", Text),
                ("/cohort", Id),
            ],
        ),
        json(
            "save_programme",
            Coordinator,
            json!({ "page": crate::common::programme(programme), "original_slug": programme }),
            &[
                ("/original_slug", Id),
                ("/page/slug", Text),
                ("/page/name", Text),
                ("/page/organisation", Text),
                ("/page/contact_email", Text),
                ("/page/next_start", Date),
                ("/page/deadline", Date),
                ("/page/places", Number),
                ("/page/intake", Text),
                ("/page/en/intro", Text),
                ("/page/da/faq", Text),
            ],
        ),
        form(
            "invite_mentor",
            Coordinator,
            &[
                ("email", Text, "invited@example.dk"),
                ("name", Text, "Invited Mentor"),
                ("company", Text, "Arla"),
            ],
        ),
        form("load_cohort", Coordinator, &[("id", Id, cohort)]),
        json(
            "save_cohort",
            Coordinator,
            json!({ "id": cohort, "form": {
                "programme": programme, "name": "Spring 2027", "start": "2027-02-01",
                "end": "2027-05-31", "places": "40", "status": "matching"
            }}),
            &[
                ("/id", Id),
                ("/form/programme", Text),
                ("/form/name", Text),
                ("/form/start", Date),
                ("/form/end", Date),
                ("/form/places", Number),
                ("/form/status", Text),
            ],
        ),
        form(
            "remove_from_cohort",
            Coordinator,
            &[("cohort", Id, cohort), ("account", Id, "not-a-member")],
        ),
        form("board_people", Coordinator, &[("cohort", Id, cohort)]),
        form("board_state", Coordinator, &[("cohort", Id, cohort)]),
        form(
            "move_mentee",
            Coordinator,
            &[
                ("cohort", Id, cohort),
                ("mentee", Id, other),
                ("from", Id, "not-a-member"),
                ("to", Id, "not-a-member"),
            ],
        ),
        form(
            "lock_pair",
            Coordinator,
            &[
                ("cohort", Id, cohort),
                ("mentee", Id, mentee),
                ("locked", Flag, "true"),
            ],
        ),
        form(
            "forbid_pair",
            Coordinator,
            &[
                ("cohort", Id, cohort),
                ("mentee", Id, other),
                ("mentor", Id, "not-a-member"),
                ("forbidden", Flag, "true"),
            ],
        ),
        form("suggest_pairs", Coordinator, &[("cohort", Id, cohort)]),
        json(
            "accept_suggestions",
            Coordinator,
            json!({ "cohort": cohort, "pairs": [{ "mentee": other, "mentor": "not-a-member", "fit": 50 }] }),
            &[
                ("/cohort", Id),
                ("/pairs/0/mentee", Id),
                ("/pairs/0/mentor", Id),
                ("/pairs/0/fit", Number),
            ],
        ),
        form(
            "explain_pair",
            Coordinator,
            &[
                ("cohort", Id, cohort),
                ("mentee", Id, mentee),
                ("mentor", Id, mentor),
                ("language", Text, "da"),
            ],
        ),
        form("cohort_course", Coordinator, &[("cohort", Id, cohort)]),
        json(
            "end_match",
            Coordinator,
            json!({ "cohort": cohort, "mentee": other, "reason": "not_a_good_fit", "note": "Note" }),
            &[
                ("/cohort", Id),
                ("/mentee", Id),
                ("/reason", Text),
                ("/note", Text),
            ],
        ),
        form("publish_board", Coordinator, &[("cohort", Id, cohort)]),
        form("cohort_workshops", Coordinator, &[("cohort", Id, cohort)]),
        json(
            "save_workshop",
            Coordinator,
            json!({ "id": r.workshop, "cohort": cohort, "form": {
                "title": "CV clinic", "description": "Bring your CV", "date": "2099-06-10", "time": "17:00",
                "minutes": "90", "place": "Vestergade 55", "link": "https://example.dk/meet", "capacity": "10"
            }}),
            &[
                ("/id", Id),
                ("/cohort", Id),
                ("/form/title", Text),
                ("/form/description", Text),
                ("/form/date", Date),
                ("/form/time", Date),
                ("/form/minutes", Number),
                ("/form/place", Text),
                ("/form/link", Text),
                ("/form/capacity", Number),
            ],
        ),
        form(
            "workshop_attendance",
            Coordinator,
            &[("id", Id, &r.workshop)],
        ),
        form(
            "set_attendance",
            Coordinator,
            &[
                ("workshop", Id, &r.workshop),
                ("account", Id, mentee),
                ("attended", Flag, "false"),
            ],
        ),
        form(
            "cancel_workshop",
            Coordinator,
            &[("id", Id, "no-such-workshop")],
        ),
        form("cohort_surveys", Coordinator, &[("cohort", Id, cohort)]),
        json(
            "save_survey",
            Coordinator,
            json!({ "cohort": cohort, "id": null, "form": {
                "title": "Fit", "intro": "Tell us", "moment": "mid_course", "audience": "both", "includes_outcome": false,
                "questions": [{ "kind": "one_choice", "text": "How?", "options": "Good\nBad", "required": true }]
            }}),
            &[
                ("/cohort", Id),
                ("/id", Id),
                ("/form/title", Text),
                ("/form/intro", Text),
                ("/form/moment", Text),
                ("/form/audience", Text),
                ("/form/includes_outcome", Flag),
                ("/form/questions/0/kind", Text),
                ("/form/questions/0/text", Text),
                ("/form/questions/0/options", Text),
            ],
        ),
        form(
            "delete_survey",
            Coordinator,
            &[("id", Id, "no-such-survey")],
        ),
        form(
            "create_standard_surveys",
            Coordinator,
            &[("cohort", Id, cohort), ("language", Text, "xx")],
        ),
        form("cohort_outcomes", Coordinator, &[("cohort", Id, cohort)]),
        json(
            "record_outcome",
            Coordinator,
            json!({ "cohort": cohort, "mentee": mentee, "form": {
                "moment": "start", "status": "ordinary_job", "hours": "37", "matches_education": true,
                "industry": "Energy", "found_on": "2027-03-01", "in_aarhus": true, "note": "Note"
            }}),
            &[
                ("/cohort", Id),
                ("/mentee", Id),
                ("/form/moment", Text),
                ("/form/status", Text),
                ("/form/hours", Number),
                ("/form/industry", Text),
                ("/form/found_on", Date),
                ("/form/note", Text),
            ],
        ),
        form("cohort_dashboard", Coordinator, &[("cohort", Id, cohort)]),
        form(
            "programme_dashboard",
            Coordinator,
            &[("programme", Text, programme), ("year", Number, "2027")],
        ),
        form(
            "save_work_target",
            Coordinator,
            &[("programme", Text, programme), ("target", Number, "70")],
        ),
        form(
            "load_budget",
            Coordinator,
            &[("programme", Text, programme), ("year", Number, "2027")],
        ),
        json(
            "save_budget",
            Coordinator,
            json!({ "programme": programme, "year": 2027, "form": { "grant": "450.000", "lines": ["50.000", "0", "0", "0", "0", "0"] } }),
            &[
                ("/programme", Text),
                ("/year", Number),
                ("/form/grant", Number),
                ("/form/lines/0", Number),
            ],
        ),
        json(
            "save_expense",
            Coordinator,
            json!({ "programme": programme, "year": 2027, "id": r.expense, "form": {
                "date": "2027-03-01", "amount": "1.234,50", "category": "workshops", "note": "Coffee"
            }}),
            &[
                ("/programme", Text),
                ("/year", Number),
                ("/id", Id),
                ("/form/date", Date),
                ("/form/amount", Number),
                ("/form/category", Text),
                ("/form/note", Text),
            ],
        ),
        form(
            "delete_expense",
            Coordinator,
            &[("id", Id, "no-such-expense")],
        ),
        form("import_preview", Coordinator, &[("id", Id, &r.import)]),
        json(
            "map_import",
            Coordinator,
            json!({ "id": r.import, "mapping": ["name", "email"] }),
            &[("/id", Id), ("/mapping/0", Text)],
        ),
        json(
            "fix_import_row",
            Coordinator,
            json!({ "id": r.import, "line": 2, "values": [["email", "fixed@example.dk"]] }),
            &[
                ("/id", Id),
                ("/line", Number),
                ("/values/0/0", Text),
                ("/values/0/1", Text),
            ],
        ),
        form(
            "import_batch",
            Coordinator,
            &[("id", Id, "no-such-session")],
        ),
        form(
            "discard_import",
            Coordinator,
            &[("id", Id, "no-such-session")],
        ),
        // Administrators.
        form(
            "create_account",
            Admin,
            &[
                ("name", Text, "Staff Person"),
                ("email", Text, "staff@example.dk"),
                ("role", Text, "coordinator"),
                ("password", Text, "short"),
            ],
        ),
        form(
            "set_account_active",
            Admin,
            &[("id", Id, "no-such-account"), ("active", Flag, "true")],
        ),
        form(
            "create_partner",
            Admin,
            &[("name", Text, "Aarhus Kommune"), ("code", Text, "aak")],
        ),
    ]
}
