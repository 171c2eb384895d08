//! A programme's public page, and invitations that bring mentors in.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::accounts::Account;
use crate::error::{AppError, FieldProblem, Problem};
use crate::portal::profile::{MAX_LONG, MAX_SHORT, parse_date, parse_number, text_problem};

/// Whether the next cohort takes applications.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intake {
    #[default]
    Open,
    Closed,
    Full,
}

impl Intake {
    pub const ALL: [Intake; 3] = [Intake::Open, Intake::Closed, Intake::Full];
}

/// The words of a programme page in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageText {
    pub intro: String,
    pub audience: String,
    pub how_it_works: String,
    /// Questions and answers: blocks separated by a blank line, the first line the question.
    pub faq: String,
}

/// A programme's public page, as the coordinator edits it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammePage {
    /// The address: `/p/SLUG`.
    pub slug: String,
    pub name: String,
    pub organisation: String,
    pub contact_email: String,
    pub contact_phone: String,
    /// `YYYY-MM-DD`.
    pub next_start: String,
    /// `YYYY-MM-DD`, the last day to apply.
    pub deadline: String,
    pub places: String,
    pub intake: Intake,
    pub en: PageText,
    pub da: PageText,
}

/// Whether people can apply today, as the public page says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IntakeState {
    Open,
    Closed,
    Full,
    DeadlinePassed,
}

impl ProgrammePage {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut add = |field: &str, problem: Problem| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                problem,
            })
        };
        if !is_slug(&self.slug) {
            add("slug", Problem::Slug);
        }
        for (field, value, required, max) in [
            ("name", &self.name, true, MAX_SHORT),
            ("organisation", &self.organisation, true, MAX_SHORT),
            ("contact_phone", &self.contact_phone, false, 40),
            ("en.intro", &self.en.intro, true, MAX_LONG),
            ("en.audience", &self.en.audience, false, MAX_LONG),
            ("en.how_it_works", &self.en.how_it_works, false, MAX_LONG),
            ("en.faq", &self.en.faq, false, 3 * MAX_LONG),
            ("da.intro", &self.da.intro, true, MAX_LONG),
            ("da.audience", &self.da.audience, false, MAX_LONG),
            ("da.how_it_works", &self.da.how_it_works, false, MAX_LONG),
            ("da.faq", &self.da.faq, false, 3 * MAX_LONG),
        ] {
            if let Some(problem) = text_problem(value, required, max) {
                add(field, problem);
            }
        }
        if crate::accounts::normalise_email(&self.contact_email).is_err() {
            add("contact_email", Problem::Email);
        }
        let start = parse_date(&self.next_start);
        let deadline = parse_date(&self.deadline);
        if !self.next_start.trim().is_empty() && start.is_none() {
            add("next_start", Problem::Date);
        }
        if !self.deadline.trim().is_empty() && deadline.is_none() {
            add("deadline", Problem::Date);
        }
        if let (Some(start), Some(deadline)) = (start, deadline)
            && deadline > start
        {
            add("deadline", Problem::DateOrder);
        }
        if !self.places.trim().is_empty() && parse_number(&self.places, 1, 1000).is_none() {
            add("places", Problem::Number { min: 1, max: 1000 });
        }
        problems
    }

    pub fn intake_state(&self, today: time::Date) -> IntakeState {
        match self.intake {
            Intake::Closed => IntakeState::Closed,
            Intake::Full => IntakeState::Full,
            Intake::Open => match parse_date(&self.deadline) {
                Some(deadline) if deadline < today => IntakeState::DeadlinePassed,
                _ => IntakeState::Open,
            },
        }
    }
}

/// Splits FAQ text into (question, answer) pairs.
pub fn faq_entries(faq: &str) -> Vec<(String, String)> {
    faq.replace("\r\n", "\n")
        .split("\n\n")
        .filter_map(|block| {
            let block = block.trim();
            let (question, answer) = block.split_once('\n').unwrap_or((block, ""));
            (!question.trim().is_empty())
                .then(|| (question.trim().to_owned(), answer.trim().to_owned()))
        })
        .collect()
}

pub fn is_slug(slug: &str) -> bool {
    (2..=60).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
}

/// An invitation as the coordinator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub email: String,
    pub name: String,
    pub company: String,
    /// Seconds since the epoch.
    pub expires_at: i64,
    pub used: bool,
}

/// A new invitation with its link; the token is shown once and stored only as a hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub invitation: Invitation,
    /// `/invite/TOKEN`.
    pub path: String,
    /// Whether the link also goes out by email.
    pub emailed: bool,
}

/// What the invited mentor sees before signing up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationDetails {
    pub email: String,
    pub name: String,
    pub company: String,
}

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 14;

/// A programme's public page. Anyone.
#[server(endpoint = "programme_page")]
pub async fn load_programme_page(slug: String) -> Result<ProgrammePage, AppError> {
    use crate::backend::{programmes, respond};
    respond(programmes::page(slug)).await
}

/// Every programme page. Coordinators and admins.
#[server(endpoint = "list_programmes")]
pub async fn list_programmes() -> Result<Vec<ProgrammePage>, AppError> {
    use crate::backend::{programmes, respond};
    respond(programmes::list()).await
}

/// Creates or updates a programme page; `original_slug` names the page being
/// edited. Coordinators and admins.
#[server(endpoint = "save_programme", input = Json)]
pub async fn save_programme(
    page: ProgrammePage,
    original_slug: Option<String>,
) -> Result<ProgrammePage, AppError> {
    use crate::backend::{programmes, respond};
    respond(programmes::save(page, original_slug)).await
}

/// Invites a mentor; returns the link to send. Coordinators and admins.
#[server(endpoint = "invite_mentor")]
pub async fn invite_mentor(
    email: String,
    name: String,
    company: String,
) -> Result<NewInvitation, AppError> {
    use crate::backend::{invitations, respond};
    respond(invitations::invite(email, name, company)).await
}

/// Invitations sent, newest first. Coordinators and admins.
#[server(endpoint = "list_invitations")]
pub async fn list_invitations() -> Result<Vec<Invitation>, AppError> {
    use crate::backend::{invitations, respond};
    respond(invitations::list()).await
}

/// The invitation behind a link, if it can still be used. Anyone with the link.
#[server(endpoint = "invitation_details")]
pub async fn check_invitation(token: String) -> Result<InvitationDetails, AppError> {
    use crate::backend::{invitations, respond};
    respond(invitations::details(token)).await
}

/// Creates the invited mentor's account and logs it in; the link then stops
/// working. Anyone with the link.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
) -> Result<Account, AppError> {
    use crate::backend::{invitations, respond};
    respond(invitations::accept(token, name, password)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn page() -> ProgrammePage {
        ProgrammePage {
            slug: "aarhus-spouses".into(),
            name: "Mentor programme for international spouses".into(),
            organisation: "Erhverv Aarhus".into(),
            contact_email: "mentor@erhvervaarhus.dk".into(),
            next_start: "2027-02-01".into(),
            deadline: "2027-01-10".into(),
            places: "35".into(),
            en: PageText {
                intro: "Find your footing.".into(),
                ..Default::default()
            },
            da: PageText {
                intro: "Find fodfæste.".into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_page_is_valid_and_open_until_the_deadline() {
        let page = page();
        assert_eq!(page.problems(), vec![]);
        assert_eq!(page.intake_state(date!(2027 - 01 - 10)), IntakeState::Open);
        assert_eq!(
            page.intake_state(date!(2027 - 01 - 11)),
            IntakeState::DeadlinePassed
        );
    }

    #[test]
    fn bad_slug_dates_and_missing_danish_are_named() {
        let mut page = page();
        page.slug = "Aarhus Spouses".into();
        page.deadline = "2027-03-01".into();
        page.da.intro.clear();
        let fields: Vec<_> = page.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["slug", "da.intro", "deadline"]);
    }

    #[test]
    fn faq_blocks_split_into_questions_and_answers() {
        let entries = faq_entries(
            "Who can apply?\nSpouses of international employees.\n\nWhat does it cost?\nNothing.",
        );
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1], ("What does it cost?".into(), "Nothing.".into()));
    }
}
