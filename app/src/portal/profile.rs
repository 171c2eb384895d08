//! What mentees and mentors tell the programme about themselves, and the
//! rules those answers must follow. The same checks run in the browser, as
//! the person types, and on the server, which has the last word.
//!
//! Drafts keep every answer as typed (numbers and dates as text), so nothing
//! is lost when a check fails; [`super::matching`] turns a complete profile
//! into the matching engine's types.

use mentorbro_matching::{
    EducationLevel, Gender, Help, LanguageLevel, LanguageSkill, MeetingMode, MeetingTime,
};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{FieldProblem, Problem};

pub const MAX_SHORT: usize = 120;
pub const MAX_LONG: usize = 2000;
pub const MAX_LIST_ITEMS: usize = 8;
pub const MAX_LANGUAGES: usize = 6;
pub const MAX_YEARS: i64 = 60;
pub const MAX_MENTOR_CAPACITY: i64 = 3;

/// Why someone may live in Denmark; decides whether they may take a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidenceBasis {
    AccompanyingFamily,
    EuCitizen,
    NordicCitizen,
    OwnWorkPermit,
    Other,
}

impl ResidenceBasis {
    pub const ALL: [ResidenceBasis; 5] = [
        ResidenceBasis::AccompanyingFamily,
        ResidenceBasis::EuCitizen,
        ResidenceBasis::NordicCitizen,
        ResidenceBasis::OwnWorkPermit,
        ResidenceBasis::Other,
    ];
}

/// Whether a foreign degree has been assessed (vurderet) for recognition in Denmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DegreeAssessment {
    Assessed,
    InProgress,
    NotAssessed,
    NotNeeded,
}

impl DegreeAssessment {
    pub const ALL: [DegreeAssessment; 4] = [
        DegreeAssessment::Assessed,
        DegreeAssessment::InProgress,
        DegreeAssessment::NotAssessed,
        DegreeAssessment::NotNeeded,
    ];
}

/// How someone heard of the programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeardFrom {
    Partner,
    PartnersEmployer,
    Friend,
    SocialMedia,
    Event,
    Other,
}

impl HeardFrom {
    pub const ALL: [HeardFrom; 6] = [
        HeardFrom::Partner,
        HeardFrom::PartnersEmployer,
        HeardFrom::Friend,
        HeardFrom::SocialMedia,
        HeardFrom::Event,
        HeardFrom::Other,
    ];
}

/// Every level a person can pick for a language, Danish modules included.
pub const LANGUAGE_LEVELS: [LanguageLevel; 10] = [
    LanguageLevel::None,
    LanguageLevel::Basic,
    LanguageLevel::Module1,
    LanguageLevel::Module2,
    LanguageLevel::Module3,
    LanguageLevel::Conversational,
    LanguageLevel::Module4,
    LanguageLevel::Module5,
    LanguageLevel::Fluent,
    LanguageLevel::Native,
];

pub const EDUCATION_LEVELS: [EducationLevel; 6] = [
    EducationLevel::None,
    EducationLevel::UpperSecondary,
    EducationLevel::Vocational,
    EducationLevel::Bachelor,
    EducationLevel::Master,
    EducationLevel::Doctorate,
];

pub const MEETING_TIMES: [MeetingTime; 3] = [
    MeetingTime::WeekdayDaytime,
    MeetingTime::WeekdayEvening,
    MeetingTime::Weekend,
];

pub const MEETING_MODES: [MeetingMode; 2] = [MeetingMode::InPerson, MeetingMode::Online];

pub const GENDERS: [Gender; 3] = [Gender::Woman, Gender::Man, Gender::NonBinary];

/// A spouse's application, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MenteeProfile {
    // Step 1: about you.
    pub phone: String,
    pub postcode: String,
    pub country_of_origin: String,
    /// `YYYY-MM-DD`.
    pub arrival_date: String,
    pub residence_basis: Option<ResidenceBasis>,
    pub may_work: Option<bool>,
    pub partner_employer: String,
    // Step 2: languages and education.
    pub danish_level: Option<LanguageLevel>,
    pub english_level: Option<LanguageLevel>,
    pub other_languages: Vec<LanguageSkill>,
    pub education_level: Option<EducationLevel>,
    pub education_field: String,
    pub education_country: String,
    pub degree_assessment: Option<DegreeAssessment>,
    // Step 3: work and goals.
    pub years_experience: String,
    /// Comma-separated.
    pub industries: String,
    pub roles: String,
    pub target_industries: String,
    pub target_roles: String,
    pub skills: String,
    pub help_wanted: Vec<Help>,
    pub meeting_times: Vec<MeetingTime>,
    pub meeting_modes: Vec<MeetingMode>,
    pub mentor_gender: Option<Gender>,
    pub linkedin_url: String,
    pub goals: String,
    // Step 4: how you found us.
    pub heard_from: Option<HeardFrom>,
    /// Partner organisation id, when referred.
    pub partner: Option<String>,
}

/// A volunteer mentor's profile, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MentorProfile {
    pub phone: String,
    pub company: String,
    pub role: String,
    pub industry: String,
    pub years_experience: String,
    pub education_level: Option<EducationLevel>,
    pub education_field: String,
    pub danish_level: Option<LanguageLevel>,
    pub english_level: Option<LanguageLevel>,
    pub other_languages: Vec<LanguageSkill>,
    pub offers: Vec<Help>,
    /// 1–3, as typed.
    pub capacity: String,
    pub meeting_times: Vec<MeetingTime>,
    pub meeting_modes: Vec<MeetingMode>,
    pub postcode: String,
    pub gender: Option<Gender>,
    pub linkedin_url: String,
    pub preferences: String,
    pub motivation: String,
}

/// The steps of the mentee application, in order.
pub const MENTEE_STEPS: u8 = 4;

/// Collects the problems of one form; field names are the struct's.
struct Check {
    today: Date,
    problems: Vec<FieldProblem>,
}

impl Check {
    fn new(today: Date) -> Self {
        Self {
            today,
            problems: Vec::new(),
        }
    }

    fn add(&mut self, field: &str, problem: Problem) {
        self.problems.push(FieldProblem {
            field: field.to_owned(),
            problem,
        });
    }

    fn text(&mut self, field: &str, value: &str, required: bool, max: usize) {
        if let Some(problem) = text_problem(value, required, max) {
            self.add(field, problem);
        }
    }

    fn chosen<T>(&mut self, field: &str, value: &Option<T>) {
        if value.is_none() {
            self.add(field, Problem::Required);
        }
    }

    fn some_of<T>(&mut self, field: &str, values: &[T], max: usize) {
        if values.is_empty() {
            self.add(field, Problem::ChooseAtLeastOne);
        } else if values.len() > max {
            self.add(field, Problem::TooMany { max: max as u32 });
        }
    }

    fn list(&mut self, field: &str, value: &str, required: bool) {
        if let Some(problem) = text_problem(value, required, MAX_LONG) {
            self.add(field, problem);
        } else if split_list(value).count() > MAX_LIST_ITEMS {
            self.add(
                field,
                Problem::TooMany {
                    max: MAX_LIST_ITEMS as u32,
                },
            );
        } else if split_list(value).any(|item| item.chars().count() > MAX_SHORT) {
            self.add(
                field,
                Problem::TooLong {
                    max: MAX_SHORT as u32,
                },
            );
        }
    }

    fn number(&mut self, field: &str, value: &str, min: i64, max: i64) {
        if value.trim().is_empty() {
            self.add(field, Problem::Required);
        } else if parse_number(value, min, max).is_none() {
            self.add(field, Problem::Number { min, max });
        }
    }

    fn phone(&mut self, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        if !is_phone(value) {
            self.add("phone", Problem::Phone);
        }
    }

    fn postcode(&mut self, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            self.add("postcode", Problem::Required);
        } else if !(value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit())) {
            self.add("postcode", Problem::Postcode);
        }
    }

    fn linkedin(&mut self, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        if let Some(problem) = linkedin_problem(value) {
            self.add("linkedin_url", problem);
        }
    }

    fn languages(&mut self, languages: &[LanguageSkill]) {
        if languages.len() > MAX_LANGUAGES {
            self.add(
                "other_languages",
                Problem::TooMany {
                    max: MAX_LANGUAGES as u32,
                },
            );
            return;
        }
        for language in languages {
            if let Some(problem) = text_problem(&language.language, true, 60) {
                self.add("other_languages", problem);
                return;
            }
        }
    }

    fn past_date(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(field, Problem::Required);
            return;
        }
        match parse_date(value) {
            None => self.add(field, Problem::Date),
            Some(date) if date > self.today => self.add(field, Problem::DateInFuture),
            Some(date) if date.year() < 1950 => self.add(field, Problem::DateTooEarly),
            Some(_) => {}
        }
    }

    fn finish(self) -> Vec<FieldProblem> {
        self.problems
    }
}

impl MenteeProfile {
    /// Problems with the answers of one step (1-based).
    pub fn problems_in_step(&self, step: u8, today: Date) -> Vec<FieldProblem> {
        let mut check = Check::new(today);
        match step {
            1 => {
                check.phone(&self.phone);
                check.postcode(&self.postcode);
                check.text("country_of_origin", &self.country_of_origin, true, 80);
                check.past_date("arrival_date", &self.arrival_date);
                check.chosen("residence_basis", &self.residence_basis);
                check.chosen("may_work", &self.may_work);
                check.text("partner_employer", &self.partner_employer, false, MAX_SHORT);
            }
            2 => {
                check.chosen("danish_level", &self.danish_level);
                check.chosen("english_level", &self.english_level);
                check.languages(&self.other_languages);
                check.chosen("education_level", &self.education_level);
                let studied = self
                    .education_level
                    .is_some_and(|level| level > EducationLevel::UpperSecondary);
                check.text("education_field", &self.education_field, studied, MAX_SHORT);
                check.text("education_country", &self.education_country, studied, 80);
                if studied {
                    check.chosen("degree_assessment", &self.degree_assessment);
                }
            }
            3 => {
                check.number("years_experience", &self.years_experience, 0, MAX_YEARS);
                check.list("industries", &self.industries, false);
                check.list("roles", &self.roles, false);
                check.list("target_industries", &self.target_industries, true);
                check.list("target_roles", &self.target_roles, false);
                check.text("skills", &self.skills, false, MAX_LONG);
                check.some_of("help_wanted", &self.help_wanted, Help::ALL.len());
                check.some_of("meeting_times", &self.meeting_times, MEETING_TIMES.len());
                check.some_of("meeting_modes", &self.meeting_modes, MEETING_MODES.len());
                check.linkedin(&self.linkedin_url);
                check.text("goals", &self.goals, true, MAX_LONG);
            }
            4 => {
                check.chosen("heard_from", &self.heard_from);
                if self.heard_from == Some(HeardFrom::Partner) && self.partner.is_none() {
                    check.add("partner", Problem::Required);
                }
            }
            _ => check.add("step", Problem::Malformed),
        }
        check.finish()
    }

    /// Problems anywhere in the application.
    pub fn problems(&self, today: Date) -> Vec<FieldProblem> {
        (1..=MENTEE_STEPS)
            .flat_map(|step| self.problems_in_step(step, today))
            .collect()
    }

    /// The step a field belongs to, so a refused submission can show it.
    pub fn step_of(field: &str) -> u8 {
        match field {
            "phone" | "postcode" | "country_of_origin" | "arrival_date" | "residence_basis"
            | "may_work" | "partner_employer" => 1,
            "danish_level" | "english_level" | "other_languages" | "education_level"
            | "education_field" | "education_country" | "degree_assessment" => 2,
            "heard_from" | "partner" | "consent" => 4,
            _ => 3,
        }
    }
}

impl MentorProfile {
    pub fn problems(&self, today: Date) -> Vec<FieldProblem> {
        let mut check = Check::new(today);
        check.phone(&self.phone);
        check.text("company", &self.company, true, MAX_SHORT);
        check.text("role", &self.role, true, MAX_SHORT);
        check.text("industry", &self.industry, true, MAX_SHORT);
        check.number("years_experience", &self.years_experience, 0, MAX_YEARS);
        check.text("education_field", &self.education_field, false, MAX_SHORT);
        check.chosen("danish_level", &self.danish_level);
        check.chosen("english_level", &self.english_level);
        check.languages(&self.other_languages);
        check.some_of("offers", &self.offers, Help::ALL.len());
        check.number("capacity", &self.capacity, 1, MAX_MENTOR_CAPACITY);
        check.some_of("meeting_times", &self.meeting_times, MEETING_TIMES.len());
        check.some_of("meeting_modes", &self.meeting_modes, MEETING_MODES.len());
        check.postcode(&self.postcode);
        check.linkedin(&self.linkedin_url);
        check.text("preferences", &self.preferences, false, MAX_LONG);
        check.text("motivation", &self.motivation, true, MAX_LONG);
        check.finish()
    }
}

/// Today's date in UTC, in the browser and on the server alike.
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// The problem with a free-text answer, if any.
pub fn text_problem(value: &str, required: bool, max: usize) -> Option<Problem> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return required.then_some(Problem::Required);
    }
    if trimmed.chars().count() > max {
        return Some(Problem::TooLong { max: max as u32 });
    }
    // Line breaks and tabs are fine in long answers; other control characters are not.
    if trimmed
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Some(Problem::InvalidCharacters);
    }
    None
}

/// The items of a comma-separated answer, trimmed, empty ones dropped.
pub fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

pub fn parse_number(value: &str, min: i64, max: i64) -> Option<i64> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
}

/// Parses `YYYY-MM-DD`, the format of `<input type="date">`.
pub fn parse_date(value: &str) -> Option<Date> {
    let value = value.trim();
    // Four-digit years only: `time` also reads a sign ("-2027-01-01"), a date
    // nobody means and the database cannot store.
    if value.len() != 10 || !value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Date::parse(
        value,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// Digits with optional `+`, spaces, dashes and brackets; 8 to 15 digits.
pub fn is_phone(value: &str) -> bool {
    let value = value.trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
        && value.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
        })
}

/// Checks a LinkedIn profile address: `https://` on linkedin.com.
pub fn linkedin_problem(value: &str) -> Option<Problem> {
    let value = value.trim();
    if value.chars().count() > 300 {
        return Some(Problem::TooLong { max: 300 });
    }
    let Ok(url) = url::Url::parse(value) else {
        return Some(Problem::Url);
    };
    if url.scheme() != "https" && url.scheme() != "http" {
        return Some(Problem::Url);
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        None
    } else {
        Some(Problem::Linkedin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 27);

    pub(crate) fn complete_mentee() -> MenteeProfile {
        MenteeProfile {
            phone: "+45 12 34 56 78".into(),
            postcode: "8000".into(),
            country_of_origin: "Brazil".into(),
            arrival_date: "2026-03-01".into(),
            residence_basis: Some(ResidenceBasis::AccompanyingFamily),
            may_work: Some(true),
            danish_level: Some(LanguageLevel::Module1),
            english_level: Some(LanguageLevel::Fluent),
            education_level: Some(EducationLevel::Master),
            education_field: "Civil engineering".into(),
            education_country: "Brazil".into(),
            degree_assessment: Some(DegreeAssessment::InProgress),
            years_experience: "8".into(),
            target_industries: "Construction, Energy".into(),
            help_wanted: vec![Help::NetworkIntroductions],
            meeting_times: vec![MeetingTime::WeekdayDaytime],
            meeting_modes: vec![MeetingMode::InPerson],
            goals: "A job as a project engineer.".into(),
            heard_from: Some(HeardFrom::Friend),
            ..Default::default()
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn a_complete_mentee_application_has_no_problems() {
        assert_eq!(complete_mentee().problems(TODAY), vec![]);
    }

    #[test]
    fn an_empty_step_names_every_required_field() {
        let empty = MenteeProfile::default();
        assert_eq!(
            fields(&empty.problems_in_step(1, TODAY)),
            [
                "postcode",
                "country_of_origin",
                "arrival_date",
                "residence_basis",
                "may_work"
            ]
        );
        assert_eq!(
            fields(&empty.problems_in_step(3, TODAY)),
            [
                "years_experience",
                "target_industries",
                "help_wanted",
                "meeting_times",
                "meeting_modes",
                "goals"
            ]
        );
    }

    #[test]
    fn dates_have_four_digit_years_without_a_sign() {
        assert!(parse_date(" 2027-03-01 ").is_some());
        for value in [
            "-2027-01-01",
            "+2027-01-01",
            "99999-01-01",
            "0-01-01",
            "2027-3-1",
        ] {
            assert!(parse_date(value).is_none(), "{value}");
        }
    }

    #[test]
    fn dates_must_be_real_and_in_the_past() {
        let mut profile = complete_mentee();
        for (value, problem) in [
            ("2026-13-01", Problem::Date),
            ("yesterday", Problem::Date),
            ("2027-01-01", Problem::DateInFuture),
            ("1900-01-01", Problem::DateTooEarly),
        ] {
            profile.arrival_date = value.into();
            let problems = profile.problems_in_step(1, TODAY);
            assert_eq!(problems.len(), 1, "{value}");
            assert_eq!(problems[0].problem, problem, "{value}");
        }
    }

    #[test]
    fn lengths_lists_and_numbers_are_bounded() {
        let mut profile = complete_mentee();
        profile.goals = "x".repeat(MAX_LONG + 1);
        profile.years_experience = "61".into();
        profile.target_industries = (0..9)
            .map(|i| format!("industry {i}"))
            .collect::<Vec<_>>()
            .join(",");
        let problems = profile.problems_in_step(3, TODAY);
        assert_eq!(
            problems
                .iter()
                .map(|p| (p.field.as_str(), p.problem.clone()))
                .collect::<Vec<_>>(),
            vec![
                ("years_experience", Problem::Number { min: 0, max: 60 }),
                ("target_industries", Problem::TooMany { max: 8 }),
                ("goals", Problem::TooLong { max: 2000 }),
            ]
        );
    }

    #[test]
    fn phone_postcode_and_linkedin_shapes() {
        assert!(is_phone("+45 12 34 56 78"));
        assert!(is_phone("12345678"));
        assert!(!is_phone("1234"));
        assert!(!is_phone("12+345678"));
        assert!(!is_phone("call me"));
        assert_eq!(linkedin_problem("https://www.linkedin.com/in/ana"), None);
        assert_eq!(linkedin_problem("https://dk.linkedin.com/in/ana"), None);
        assert_eq!(linkedin_problem("linkedin.com/in/ana"), Some(Problem::Url));
        assert_eq!(
            linkedin_problem("https://evil.com/linkedin.com"),
            Some(Problem::Linkedin)
        );
        assert_eq!(linkedin_problem("javascript:alert(1)"), Some(Problem::Url));
        let mut profile = complete_mentee();
        profile.postcode = "80000".into();
        assert_eq!(fields(&profile.problems_in_step(1, TODAY)), ["postcode"]);
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_are_kept() {
        assert_eq!(text_problem("two\nlines", true, 100), None);
        assert_eq!(
            text_problem("bell\u{7}", true, 100),
            Some(Problem::InvalidCharacters)
        );
    }

    #[test]
    fn a_referral_needs_the_partner() {
        let mut profile = complete_mentee();
        profile.heard_from = Some(HeardFrom::Partner);
        assert_eq!(fields(&profile.problems_in_step(4, TODAY)), ["partner"]);
        profile.partner = Some("municipality".into());
        assert!(profile.problems_in_step(4, TODAY).is_empty());
    }

    #[test]
    fn mentor_capacity_is_one_to_three() {
        let mut mentor = MentorProfile {
            company: "Vestas".into(),
            role: "Engineering manager".into(),
            industry: "Energy".into(),
            years_experience: "15".into(),
            danish_level: Some(LanguageLevel::Native),
            english_level: Some(LanguageLevel::Fluent),
            offers: vec![Help::IndustryInsight],
            capacity: "2".into(),
            meeting_times: vec![MeetingTime::WeekdayEvening],
            meeting_modes: vec![MeetingMode::Online],
            postcode: "8200".into(),
            motivation: "I was new once.".into(),
            ..Default::default()
        };
        assert!(mentor.problems(TODAY).is_empty());
        mentor.capacity = "4".into();
        assert_eq!(fields(&mentor.problems(TODAY)), ["capacity"]);
    }
}
