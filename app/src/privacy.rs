//! The person's rights over their data: what they agreed to, a copy of
//! everything held about them, who looked at it, and erasure.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::Locale;

/// A version of the consent text. Append a new version when the text changes;
/// never edit one that people have agreed to.
pub struct ConsentText {
    pub version: u32,
    /// `YYYY-MM-DD`, when this version took effect.
    pub since: &'static str,
    pub en: &'static [&'static str],
    pub da: &'static [&'static str],
}

impl ConsentText {
    pub fn paragraphs(&self, locale: Locale) -> &'static [&'static str] {
        match locale {
            Locale::en => self.en,
            Locale::da => self.da,
        }
    }
}

pub const CONSENT_TEXTS: &[ConsentText] = &[ConsentText {
    version: 1,
    since: "2026-11-27",
    en: &[
        "Erhverv Aarhus runs this mentor programme and is responsible for the personal data you give here.",
        "We use your answers to review your application, to find a mentor or mentee who fits you, and to run the course: meetings, workshops and follow-up. Coordinators of the programme can read your profile and your CV; every time they do, it is logged, and you can see that log.",
        "If a partner organisation referred you, it only sees figures for everyone it referred together, never your name or answers.",
        "We keep your data while you take part and for 12 months after your course ends. After that, your personal data is deleted and only anonymous figures remain for the programme's reports.",
        "You can download everything we hold about you, correct your answers, withdraw, or delete your account at any time from your account page.",
    ],
    da: &[
        "Erhverv Aarhus driver dette mentorprogram og er dataansvarlig for de personoplysninger, du giver her.",
        "Vi bruger dine svar til at behandle din ansøgning, til at finde en mentor eller mentee, der passer til dig, og til at gennemføre forløbet: møder, workshops og opfølgning. Programmets koordinatorer kan læse din profil og dit CV; hver gang de gør det, bliver det logget, og du kan se den log.",
        "Hvis en partnerorganisation har henvist dig, ser den kun tal for alle, den har henvist, samlet, aldrig dit navn eller dine svar.",
        "Vi gemmer dine oplysninger, mens du deltager, og i 12 måneder efter dit forløb slutter. Derefter slettes dine personoplysninger, og kun anonyme tal bliver tilbage til programmets rapporter.",
        "Du kan til enhver tid downloade alt, vi har om dig, rette dine svar, trække dig eller slette din konto fra din kontoside.",
    ],
}];

/// The version people agree to now.
pub const CURRENT_CONSENT: u32 = 1;

pub fn consent_text(version: u32) -> Option<&'static ConsentText> {
    CONSENT_TEXTS.iter().find(|text| text.version == version)
}

/// What a person agreed to, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub version: u32,
    /// Seconds since the epoch.
    pub agreed_at: i64,
}

/// One read or change of a person's record by someone else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    /// Seconds since the epoch.
    pub at: i64,
    pub actor_name: String,
    pub actor_role: String,
    pub action: String,
    pub what: String,
    pub why: String,
}

/// The consents the caller has given. Any logged-in person.
#[server(endpoint = "my_consents")]
pub async fn my_consents() -> Result<Vec<ConsentRecord>, AppError> {
    use crate::backend::{privacy, respond};
    respond(privacy::my_consents()).await
}

/// Who read or changed the caller's record, newest first. Any logged-in person.
#[server(endpoint = "my_access_log")]
pub async fn my_access_log() -> Result<Vec<AccessEntry>, AppError> {
    use crate::backend::{privacy, respond};
    respond(privacy::my_access_log()).await
}

/// Everything held about the caller, table by table. Any logged-in person.
#[server(endpoint = "my_data")]
pub async fn my_data() -> Result<String, AppError> {
    use crate::backend::{privacy, respond};
    respond(privacy::my_data()).await
}

/// Erases the caller's personal data after checking their password; keeps
/// only anonymous statistics and ends every session. Mentees, mentors and partners.
#[server(endpoint = "delete_my_account")]
pub async fn delete_my_account(password: String, confirm: Option<String>) -> Result<(), AppError> {
    use crate::backend::{privacy, respond};
    respond(privacy::delete_my_account(password, confirm.is_some())).await
}
