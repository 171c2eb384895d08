//! One spreadsheet row turned into a person: cells read into the portal's
//! answers (choices by their code or their English or Danish label), then
//! checked with the portal's own rules. A row with any problem is refused.

use mentorbro_matching::{Help, LanguageLevel};
use serde::Serialize;
use time::Date;

use super::{ImportField, ImportKind};
use crate::accounts::{normalise_email, normalise_name};
use crate::error::{AppError, FieldProblem, Problem};
use crate::i18n::Locale;
use crate::portal::profile::{
    DegreeAssessment, EDUCATION_LEVELS, GENDERS, HeardFrom, LANGUAGE_LEVELS, MEETING_MODES,
    MEETING_TIMES, ResidenceBasis,
};
use crate::portal::{Answers, MenteeProfile, MentorProfile};
use crate::text;

/// A row that passed every check: who to create and what they answered.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub name: String,
    pub email: String,
    /// `en` or `da`: the account's language, and the invitation's.
    pub language: String,
    pub answers: Answers,
}

/// What rows are read against besides their own cells.
pub struct RowContext<'a> {
    pub kind: ImportKind,
    pub today: Date,
    /// The language of a row without one.
    pub default_language: &'a str,
    /// Partner organisations: id, name, code.
    pub partners: &'a [(String, String, String)],
}

/// Whether a cell would run as a formula when a spreadsheet opens it: it
/// begins with `=`, `@`, a tab or a carriage return, or with `+` or `-`
/// followed by something other than a number (a phone number is fine).
pub fn is_formula(cell: &str) -> bool {
    let Some(first) = cell.chars().next() else {
        return false;
    };
    match first {
        '=' | '@' | '\t' | '\r' => true,
        '+' | '-' => {
            let rest = &cell[1..];
            rest.trim().is_empty()
                || !rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.' | ','))
        }
        _ => false,
    }
}

/// A cell compared loosely: lower case, letters and digits only.
fn loose(value: &str) -> String {
    super::fields::header_key(value)
}

/// A choice by its code or by its label in either language.
fn choice<T: Copy + Serialize>(
    cell: &str,
    all: &[T],
    label: fn(Locale, T) -> &'static str,
) -> Option<T> {
    let wanted = loose(cell);
    all.iter().copied().find(|option| {
        let code = serde_json::to_value(option)
            .ok()
            .and_then(|value| value.as_str().map(loose));
        code.as_deref() == Some(wanted.as_str())
            || loose(label(Locale::en, *option)) == wanted
            || loose(label(Locale::da, *option)) == wanted
    })
}

/// Several choices in one cell, separated by `;`, `|`, new lines or commas.
fn choices<T: Copy + Serialize + PartialEq>(
    cell: &str,
    all: &[T],
    label: fn(Locale, T) -> &'static str,
) -> Option<Vec<T>> {
    let mut found = Vec::new();
    for part in cell
        .split([';', '|', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        // A label may hold a comma ("Weekdays, daytime"): try the whole part first.
        let picked = match choice(part, all, label) {
            Some(one) => vec![one],
            None => part
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| choice(p, all, label))
                .collect::<Option<Vec<T>>>()?,
        };
        for one in picked {
            if !found.contains(&one) {
                found.push(one);
            }
        }
    }
    Some(found)
}

fn yes_no(cell: &str) -> Option<bool> {
    match loose(cell).as_str() {
        "yes" | "ja" | "true" | "y" | "j" | "1" | "x" => Some(true),
        "no" | "nej" | "false" | "n" | "0" => Some(false),
        _ => None,
    }
}

fn language(cell: &str) -> Option<&'static str> {
    match loose(cell).as_str() {
        "en" | "english" | "engelsk" => Some("en"),
        "da" | "dk" | "danish" | "dansk" => Some("da"),
        _ => None,
    }
}

/// A date as `YYYY-MM-DD`; also reads the Danish `DD-MM-YYYY`, `DD.MM.YYYY`
/// and `DD/MM/YYYY`. Anything else is kept as typed, for the portal's check to refuse.
pub fn date_cell(cell: &str) -> String {
    let cell = cell.trim();
    let parts: Vec<&str> = cell.split(['-', '.', '/']).collect();
    if let [day, month, year] = parts.as_slice()
        && year.len() == 4
        && (1..=2).contains(&day.len())
        && (1..=2).contains(&month.len())
        && [day, month, year]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return format!("{year}-{month:0>2}-{day:0>2}");
    }
    cell.to_owned()
}

fn help_label(locale: Locale, help: Help) -> &'static str {
    text::help_label(locale, help)
}

fn level_label(locale: Locale, level: LanguageLevel) -> &'static str {
    text::level_label(locale, level)
}

/// Reads and checks one row. `cells` are the row's cells, `mapping` the field of each column.
pub fn read_row(
    context: &RowContext,
    mapping: &[Option<ImportField>],
    cells: &[String],
) -> Result<Person, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut refuse = |field: ImportField, problem: Problem| {
        problems.push(FieldProblem {
            field: field.code().to_owned(),
            problem,
        })
    };
    let mut name = String::new();
    let mut email = String::new();
    let mut chosen_language = None;
    let mut mentee = MenteeProfile::default();
    let mut mentor = MentorProfile::default();
    for (field, cell) in mapping.iter().zip(cells) {
        let Some(field) = *field else { continue };
        if is_formula(cell) {
            refuse(field, Problem::Formula);
            continue;
        }
        let value = cell.trim();
        if value.is_empty() {
            continue;
        }
        let text = value.to_owned();
        // A choice that is given but not one of the options.
        let mut unknown = false;
        macro_rules! pick {
            ($target:expr, $parsed:expr) => {
                match $parsed {
                    Some(parsed) => $target = Some(parsed),
                    None => unknown = true,
                }
            };
        }
        macro_rules! pick_many {
            ($target:expr, $parsed:expr) => {
                match $parsed {
                    Some(parsed) => $target = parsed,
                    None => unknown = true,
                }
            };
        }
        use ImportField as F;
        match (context.kind, field) {
            (_, F::Name) => name = text,
            (_, F::Email) => email = text,
            (_, F::Language) => pick!(chosen_language, language(value)),
            (ImportKind::Mentee, F::Phone) => mentee.phone = text,
            (ImportKind::Mentee, F::Postcode) => mentee.postcode = text,
            (_, F::CountryOfOrigin) => mentee.country_of_origin = text,
            (_, F::ArrivalDate) => mentee.arrival_date = date_cell(value),
            (_, F::ResidenceBasis) => pick!(
                mentee.residence_basis,
                choice(value, &ResidenceBasis::ALL, text::residence_label)
            ),
            (_, F::MayWork) => pick!(mentee.may_work, yes_no(value)),
            (_, F::PartnerEmployer) => mentee.partner_employer = text,
            (ImportKind::Mentee, F::DanishLevel) => {
                pick!(
                    mentee.danish_level,
                    choice(value, &LANGUAGE_LEVELS, level_label)
                )
            }
            (ImportKind::Mentee, F::EnglishLevel) => {
                pick!(
                    mentee.english_level,
                    choice(value, &LANGUAGE_LEVELS, level_label)
                )
            }
            (ImportKind::Mentee, F::EducationLevel) => pick!(
                mentee.education_level,
                choice(value, &EDUCATION_LEVELS, text::education_label)
            ),
            (ImportKind::Mentee, F::EducationField) => mentee.education_field = text,
            (_, F::EducationCountry) => mentee.education_country = text,
            (_, F::DegreeAssessment) => pick!(
                mentee.degree_assessment,
                choice(value, &DegreeAssessment::ALL, text::assessment_label)
            ),
            (ImportKind::Mentee, F::YearsExperience) => mentee.years_experience = text,
            (_, F::Industries) => mentee.industries = text,
            (_, F::Roles) => mentee.roles = text,
            (_, F::TargetIndustries) => mentee.target_industries = text,
            (_, F::TargetRoles) => mentee.target_roles = text,
            (_, F::Skills) => mentee.skills = text,
            (_, F::HelpWanted) => {
                pick_many!(mentee.help_wanted, choices(value, &Help::ALL, help_label))
            }
            (ImportKind::Mentee, F::MeetingTimes) => pick_many!(
                mentee.meeting_times,
                choices(value, &MEETING_TIMES, text::time_label)
            ),
            (ImportKind::Mentee, F::MeetingModes) => pick_many!(
                mentee.meeting_modes,
                choices(value, &MEETING_MODES, text::mode_label)
            ),
            (_, F::MentorGender) => {
                pick!(
                    mentee.mentor_gender,
                    choice(value, &GENDERS, text::gender_label)
                )
            }
            (ImportKind::Mentee, F::LinkedinUrl) => mentee.linkedin_url = text,
            (_, F::Goals) => mentee.goals = text,
            (_, F::HeardFrom) => pick!(
                mentee.heard_from,
                choice(value, &HeardFrom::ALL, text::heard_label)
            ),
            (_, F::Partner) => {
                let wanted = loose(value);
                pick!(
                    mentee.partner,
                    context
                        .partners
                        .iter()
                        .find(|(_, name, code)| loose(name) == wanted || loose(code) == wanted)
                        .map(|(id, _, _)| id.clone())
                )
            }
            (ImportKind::Mentor, F::Phone) => mentor.phone = text,
            (ImportKind::Mentor, F::Postcode) => mentor.postcode = text,
            (ImportKind::Mentor, F::DanishLevel) => {
                pick!(
                    mentor.danish_level,
                    choice(value, &LANGUAGE_LEVELS, level_label)
                )
            }
            (ImportKind::Mentor, F::EnglishLevel) => {
                pick!(
                    mentor.english_level,
                    choice(value, &LANGUAGE_LEVELS, level_label)
                )
            }
            (ImportKind::Mentor, F::EducationLevel) => pick!(
                mentor.education_level,
                choice(value, &EDUCATION_LEVELS, text::education_label)
            ),
            (ImportKind::Mentor, F::EducationField) => mentor.education_field = text,
            (ImportKind::Mentor, F::YearsExperience) => mentor.years_experience = text,
            (ImportKind::Mentor, F::MeetingTimes) => pick_many!(
                mentor.meeting_times,
                choices(value, &MEETING_TIMES, text::time_label)
            ),
            (ImportKind::Mentor, F::MeetingModes) => pick_many!(
                mentor.meeting_modes,
                choices(value, &MEETING_MODES, text::mode_label)
            ),
            (ImportKind::Mentor, F::LinkedinUrl) => mentor.linkedin_url = text,
            (_, F::Company) => mentor.company = text,
            (_, F::Role) => mentor.role = text,
            (_, F::Industry) => mentor.industry = text,
            (_, F::Offers) => pick_many!(mentor.offers, choices(value, &Help::ALL, help_label)),
            (_, F::Capacity) => mentor.capacity = text,
            (_, F::Gender) => pick!(mentor.gender, choice(value, &GENDERS, text::gender_label)),
            (_, F::Preferences) => mentor.preferences = text,
            (_, F::Motivation) => mentor.motivation = text,
        }
        if unknown {
            refuse(field, Problem::UnknownChoice);
        }
    }
    let name = normalise_name(&name).map_err(|error| first(error, ImportField::Name));
    let email = normalise_email(&email).map_err(|error| first(error, ImportField::Email));
    for problem in [name.as_ref().err(), email.as_ref().err()]
        .into_iter()
        .flatten()
    {
        if !problems.iter().any(|p| p.field == problem.field) {
            problems.push(problem.clone());
        }
    }
    let answers = match context.kind {
        ImportKind::Mentee => Answers::Mentee(mentee),
        ImportKind::Mentor => Answers::Mentor(mentor),
    };
    let rule_problems = match &answers {
        Answers::Mentee(profile) => profile.problems(context.today),
        Answers::Mentor(profile) => profile.problems(context.today),
    };
    for problem in rule_problems {
        // A cell already refused keeps its first problem.
        if !problems.iter().any(|p| p.field == problem.field) {
            problems.push(problem);
        }
    }
    match (name, email) {
        (Ok(name), Ok(email)) if problems.is_empty() => Ok(Person {
            name,
            email,
            language: chosen_language
                .unwrap_or(if context.default_language == "da" {
                    "da"
                } else {
                    "en"
                })
                .to_owned(),
            answers,
        }),
        _ => Err(problems),
    }
}

/// What became of one row in a check of the whole file.
#[derive(Clone, Debug, PartialEq)]
pub enum Checked {
    Ready(Box<Person>),
    /// An account with this email exists: the row will be skipped.
    Exists,
    Refused(Vec<FieldProblem>),
}

/// Checks every row: each with [`read_row`], a repeated email refused on its
/// later rows, and emails in `existing` (lower case) marked as present.
pub fn check_all(
    context: &RowContext,
    mapping: &[Option<ImportField>],
    rows: &[Vec<String>],
    existing: &std::collections::HashSet<String>,
) -> Vec<Checked> {
    let mut seen = std::collections::HashSet::new();
    rows.iter()
        .map(|cells| {
            let email = mapping
                .iter()
                .zip(cells)
                .find(|(field, _)| **field == Some(ImportField::Email))
                .and_then(|(_, cell)| normalise_email(cell).ok());
            let repeated = email
                .as_ref()
                .is_some_and(|email| !seen.insert(email.clone()));
            match read_row(context, mapping, cells) {
                _ if repeated => Checked::Refused(vec![FieldProblem {
                    field: ImportField::Email.code().to_owned(),
                    problem: Problem::DuplicateInFile,
                }]),
                Ok(person) if existing.contains(&person.email) => Checked::Exists,
                Err(_) if email.as_ref().is_some_and(|email| existing.contains(email)) => {
                    Checked::Exists
                }
                Ok(person) => Checked::Ready(Box::new(person)),
                Err(problems) => Checked::Refused(problems),
            }
        })
        .collect()
}

fn first(error: AppError, field: ImportField) -> FieldProblem {
    let problem = match error {
        AppError::Invalid(mut problems) if !problems.is_empty() => problems.remove(0).problem,
        _ => Problem::Malformed,
    };
    FieldProblem {
        field: field.code().to_owned(),
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ImportField as F;
    use time::macros::date;

    pub(crate) fn context(kind: ImportKind) -> RowContext<'static> {
        RowContext {
            kind,
            today: date!(2026 - 11 - 27),
            default_language: "da",
            partners: &[],
        }
    }

    pub(crate) const MENTEE_COLUMNS: &[F] = &[
        F::Name,
        F::Email,
        F::Phone,
        F::Postcode,
        F::CountryOfOrigin,
        F::ArrivalDate,
        F::ResidenceBasis,
        F::MayWork,
        F::DanishLevel,
        F::EnglishLevel,
        F::EducationLevel,
        F::YearsExperience,
        F::TargetIndustries,
        F::HelpWanted,
        F::MeetingTimes,
        F::MeetingModes,
        F::Goals,
        F::HeardFrom,
    ];

    pub(crate) fn mentee_cells() -> Vec<String> {
        [
            "Søren Ærø",
            "Soren@Example.dk",
            "+45 12 34 56 78",
            "8000",
            "Brazil",
            "01.03.2026",
            "Accompanying family member",
            "ja",
            "Danish module 1",
            "flydende",
            "upper_secondary",
            "8",
            "Construction, Energy",
            "Introductions to my network; CV and LinkedIn",
            "Weekdays, daytime",
            "online",
            "A job as a project engineer.",
            "friend",
        ]
        .iter()
        .map(|cell| (*cell).to_owned())
        .collect()
    }

    fn mapping(columns: &[F]) -> Vec<Option<F>> {
        columns.iter().copied().map(Some).collect()
    }

    #[test]
    fn a_good_row_reads_labels_codes_and_danish_dates() {
        let person = read_row(
            &context(ImportKind::Mentee),
            &mapping(MENTEE_COLUMNS),
            &mentee_cells(),
        )
        .expect("valid row");
        assert_eq!(person.name, "Søren Ærø");
        assert_eq!(person.email, "soren@example.dk");
        assert_eq!(person.language, "da");
        let Answers::Mentee(profile) = person.answers else {
            panic!("mentee answers")
        };
        assert_eq!(profile.arrival_date, "2026-03-01");
        assert_eq!(profile.may_work, Some(true));
        assert_eq!(profile.english_level, Some(LanguageLevel::Fluent));
        assert_eq!(
            profile.help_wanted,
            vec![Help::NetworkIntroductions, Help::CvAndLinkedin]
        );
        assert_eq!(
            profile.meeting_times,
            vec![mentorbro_matching::MeetingTime::WeekdayDaytime]
        );
    }

    #[test]
    fn problems_are_named_per_field_with_the_portals_rules() {
        let mut cells = mentee_cells();
        cells[1] = "not-an-email".into();
        cells[3] = "80000".into();
        cells[8] = "excellent".into();
        cells[16] = String::new();
        let problems = read_row(
            &context(ImportKind::Mentee),
            &mapping(MENTEE_COLUMNS),
            &cells,
        )
        .expect_err("invalid row");
        let named: Vec<(&str, &Problem)> = problems
            .iter()
            .map(|p| (p.field.as_str(), &p.problem))
            .collect();
        assert!(named.contains(&("email", &Problem::Email)), "{named:?}");
        assert!(
            named.contains(&("postcode", &Problem::Postcode)),
            "{named:?}"
        );
        assert!(
            named.contains(&("danish_level", &Problem::UnknownChoice)),
            "{named:?}"
        );
        assert!(named.contains(&("goals", &Problem::Required)), "{named:?}");
    }

    #[test]
    fn formula_cells_are_refused_but_phone_numbers_are_not() {
        for formula in [
            "=cmd|' /C calc'!A0",
            "@SUM(A1)",
            "+cmd|x",
            "-2+3",
            "\tx",
            "\rx",
            "=1+1",
        ] {
            assert!(is_formula(formula), "{formula:?}");
        }
        for fine in ["+45 12 34 56 78", "-5", "Søren", "8000", "", "a=b"] {
            assert!(!is_formula(fine), "{fine}");
        }
        let mut cells = mentee_cells();
        cells[0] = "=HYPERLINK(\"http://evil\")".into();
        let problems = read_row(
            &context(ImportKind::Mentee),
            &mapping(MENTEE_COLUMNS),
            &cells,
        )
        .expect_err("formula refused");
        assert_eq!(
            problems,
            vec![FieldProblem {
                field: "name".into(),
                problem: Problem::Formula
            }]
        );
    }

    #[test]
    fn a_mentor_row_follows_the_mentor_profile_rules() {
        let columns = [
            F::Name,
            F::Email,
            F::Language,
            F::Company,
            F::Role,
            F::Industry,
            F::YearsExperience,
            F::DanishLevel,
            F::EnglishLevel,
            F::Offers,
            F::Capacity,
            F::MeetingTimes,
            F::MeetingModes,
            F::Postcode,
            F::Motivation,
        ];
        let mut cells: Vec<String> = [
            "Mette Kjær",
            "mette@example.dk",
            "English",
            "Vestas",
            "Engineering manager",
            "Energy",
            "15",
            "native",
            "fluent",
            "industry_insight",
            "2",
            "weekend",
            "Online",
            "8200",
            "I was new once.",
        ]
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
        let person =
            read_row(&context(ImportKind::Mentor), &mapping(&columns), &cells).expect("valid");
        assert_eq!(person.language, "en");
        assert!(matches!(person.answers, Answers::Mentor(_)));
        cells[10] = "4".into();
        let problems = read_row(&context(ImportKind::Mentor), &mapping(&columns), &cells)
            .expect_err("capacity");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "capacity");
    }

    #[test]
    fn repeated_and_existing_emails_are_told_apart() {
        let first = mentee_cells();
        let mut second = mentee_cells();
        second[1] = "SOREN@example.dk".into();
        let mut other = mentee_cells();
        other[1] = "ana@example.dk".into();
        let existing = ["ana@example.dk".to_owned()].into_iter().collect();
        let checked = check_all(
            &context(ImportKind::Mentee),
            &mapping(MENTEE_COLUMNS),
            &[first, second, other],
            &existing,
        );
        assert!(matches!(checked[0], Checked::Ready(_)));
        assert_eq!(
            checked[1],
            Checked::Refused(vec![FieldProblem {
                field: "email".into(),
                problem: Problem::DuplicateInFile
            }])
        );
        assert_eq!(checked[2], Checked::Exists);
    }

    proptest::proptest! {
        #[test]
        fn random_cells_never_panic_and_no_bad_row_is_accepted(
            replaced in proptest::collection::vec(
                proptest::option::of("(?s)[=+\\-@\t\r]?.{0,40}"),
                MENTEE_COLUMNS.len(),
            ),
            kind in proptest::prop_oneof![
                proptest::strategy::Just(ImportKind::Mentee),
                proptest::strategy::Just(ImportKind::Mentor)
            ],
        ) {
            let cells: Vec<String> = mentee_cells()
                .into_iter()
                .zip(replaced)
                .map(|(good, random)| random.unwrap_or(good))
                .collect();
            let context = context(kind);
            let mapping: Vec<Option<F>> = MENTEE_COLUMNS
                .iter()
                .map(|field| ImportField::of_kind(kind).contains(field).then_some(*field))
                .collect();
            if let Ok(person) = read_row(&context, &mapping, &cells) {
                for (field, cell) in mapping.iter().zip(&cells) {
                    proptest::prop_assert!(field.is_none() || !is_formula(cell), "{:?}", cell);
                }
                proptest::prop_assert!(normalise_email(&person.email).is_ok());
                proptest::prop_assert!(normalise_name(&person.name).is_ok());
                let problems = match &person.answers {
                    Answers::Mentee(profile) => profile.problems(context.today),
                    Answers::Mentor(profile) => profile.problems(context.today),
                };
                proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
            }
        }
    }
}
