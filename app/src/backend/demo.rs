//! A fictional pilot to explore the app with: one coordinator, one
//! administrator, a partner user, two partner organisations, the programme's
//! public page, 40 mentees with submitted applications and 30 mentors with
//! submitted profiles. Only ever written into an empty database.

use mentorbro_matching::{EducationLevel, Help, LanguageLevel};

use super::{Db, password};
use crate::accounts::Role;
use crate::accounts::store::{self, CreateError};
use crate::error::AppError;
use crate::portal::profile::{
    DegreeAssessment, GENDERS, HeardFrom, LANGUAGE_LEVELS, MEETING_MODES, MEETING_TIMES,
    ResidenceBasis,
};
use crate::portal::{Answers, MenteeProfile, MentorProfile, Status};
use crate::programmes::{Intake, PageText, ProgrammePage};

/// Every demo account's password.
pub const DEMO_PASSWORD: &str = "mentorbro-demo";
/// Demo accounts' email domain.
pub const DEMO_DOMAIN: &str = "demo.mentorbro.dk";

const MENTEE_NAMES: [&str; 40] = [
    "Priya Raman",
    "Lucas Oliveira",
    "Mei Chen",
    "Ahmed Hassan",
    "Sofia Rossi",
    "Tomasz Nowak",
    "Ana García",
    "Yuki Tanaka",
    "Olena Kovalenko",
    "Carlos Mendes",
    "Fatima Zahra",
    "Irina Popescu",
    "Arjun Mehta",
    "Laura Schmidt",
    "Nguyen Thi Lan",
    "Mariam Khalil",
    "Diego Fernández",
    "Hana Novák",
    "Elif Yılmaz",
    "Rahul Iyer",
    "Chiara Bianchi",
    "Kofi Mensah",
    "Jana Horváth",
    "Wei Zhang",
    "Amira Benali",
    "Pedro Santos",
    "Ingrid Müller",
    "Sara Haddad",
    "Mateo López",
    "Aisha Bello",
    "Katarzyna Wiśniewska",
    "Daniel Costa",
    "Min-jun Park",
    "Leila Ahmadi",
    "Gabriela Silva",
    "Ravi Shankar",
    "Natalia Ivanova",
    "Emre Demir",
    "Julia Fischer",
    "Ama Owusu",
];

const MENTOR_NAMES: [&str; 30] = [
    "Mette Jensen",
    "Lars Nielsen",
    "Anne Hansen",
    "Søren Pedersen",
    "Camilla Andersen",
    "Jens Christensen",
    "Louise Larsen",
    "Mikkel Sørensen",
    "Pernille Rasmussen",
    "Henrik Jørgensen",
    "Sofie Petersen",
    "Rasmus Madsen",
    "Ida Kristensen",
    "Morten Olsen",
    "Line Thomsen",
    "Anders Poulsen",
    "Maria Johansen",
    "Thomas Møller",
    "Helle Mortensen",
    "Frederik Knudsen",
    "Karen Jakobsen",
    "Peter Lund",
    "Signe Holm",
    "Martin Schmidt",
    "Julie Eriksen",
    "Kasper Berg",
    "Trine Dahl",
    "Nikolaj Bach",
    "Hanne Vestergaard",
    "Jakob Friis",
];

/// Why demo data was not written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the database already has accounts; demo data is only added to an empty database")]
    NotEmpty,
    #[error("{0} exists already")]
    Exists(String),
    #[error(transparent)]
    App(#[from] AppError),
}

/// Writes the demo accounts; refuses when the database already has accounts.
/// The pilot's size: 40 mentees and 30 mentors.
pub async fn fill(db: &Db) -> Result<String, DemoError> {
    fill_sized(db, MENTEE_NAMES.len(), MENTOR_NAMES.len()).await
}

/// A name for the `i`-th demo person: the list's names first, then numbered repeats.
fn demo_name(names: &[&str], i: usize) -> String {
    match i / names.len() {
        0 => names[i].to_owned(),
        round => format!("{} {}", names[i % names.len()], round + 1),
    }
}

/// As [`fill`], with any number of mentees and mentors (for trying the board at scale).
pub async fn fill_sized(
    db: &Db,
    mentee_count: usize,
    mentor_count: usize,
) -> Result<String, DemoError> {
    let existing = store::count_by_role(db).await?;
    if existing.iter().any(|(_, count)| *count > 0) {
        return Err(DemoError::NotEmpty);
    }
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let mut people: Vec<(String, String, Role)> = vec![
        (
            "Camilla Thorsen".into(),
            format!("coordinator@{DEMO_DOMAIN}"),
            Role::Coordinator,
        ),
        (
            "Administrator".into(),
            format!("admin@{DEMO_DOMAIN}"),
            Role::Admin,
        ),
        (
            "International Employment Unit".into(),
            format!("partner@{DEMO_DOMAIN}"),
            Role::Partner,
        ),
    ];
    people.extend((0..mentee_count).map(|i| {
        (
            demo_name(&MENTEE_NAMES, i),
            format!("mentee{:02}@{DEMO_DOMAIN}", i + 1),
            Role::Mentee,
        )
    }));
    people.extend((0..mentor_count).map(|i| {
        (
            demo_name(&MENTOR_NAMES, i),
            format!("mentor{:02}@{DEMO_DOMAIN}", i + 1),
            Role::Mentor,
        )
    }));
    let partners = [
        super::partners::create_partner(
            db,
            "International Employment Unit, Aarhus Municipality",
            "aarhus-ieu",
        )
        .await?,
        super::partners::create_partner(
            db,
            "Expat Partner Programme, Aarhus University",
            "au-expat",
        )
        .await?,
    ];
    let mut mentees = 0;
    let mut mentors = 0;
    let mut members: Vec<(String, &str, i64)> = Vec::new();
    for (name, email, role) in &people {
        let row =
            store::create(db, email, name, *role, &hash)
                .await
                .map_err(|error| match error {
                    CreateError::EmailTaken => DemoError::Exists(email.clone()),
                    CreateError::Database(error) => DemoError::App(store::db_error(error)),
                })?;
        let id = super::db::key_string(&row.id);
        let answers = match role {
            Role::Mentee => {
                mentees += 1;
                let partner = &partners[mentees % partners.len()];
                Answers::Mentee(mentee_answers(mentees, &partner.id))
            }
            Role::Mentor => {
                mentors += 1;
                Answers::Mentor(mentor_answers(mentors))
            }
            Role::Partner => {
                db.query("UPDATE $account SET partner = $partner")
                    .bind(("account", row.id.clone()))
                    .bind(("partner", super::db::record("partner", &partners[0].id)))
                    .await
                    .and_then(|response| response.check())
                    .map_err(store::db_error)?;
                continue;
            }
            _ => continue,
        };
        super::privacy::record_consent(db, &id, crate::privacy::CURRENT_CONSENT).await?;
        crate::portal::store::save(db, &id, &answers, 4, Status::Submitted).await?;
        members.push(match &answers {
            Answers::Mentee(_) => (id, "mentee", 0),
            Answers::Mentor(profile) => (id, "mentor", profile.capacity.parse().unwrap_or(1)),
        });
    }
    programme_page(db).await?;
    cohort(db, &members).await?;
    Ok(format!(
        "added {} demo accounts (1 coordinator, 1 admin, 1 partner, {} mentees and {} mentors with submitted applications), 2 partner organisations, the programme page /p/aarhus-spouses and the cohort Spring 2027 with everyone accepted into it (board at /coordinator/cohorts/{DEMO_COHORT}/board); password for all: {DEMO_PASSWORD}",
        people.len(),
        mentee_count,
        mentor_count
    ))
}

const COUNTRIES: [&str; 10] = [
    "India", "Brazil", "China", "Egypt", "Italy", "Poland", "Spain", "Japan", "Ukraine", "Portugal",
];
const INDUSTRIES: [&str; 8] = [
    "IT",
    "Life science",
    "Energy",
    "Construction",
    "Finance",
    "Education",
    "Logistics",
    "Marketing",
];
const ROLES: [&str; 8] = [
    "Software developer",
    "Lab technician",
    "Project engineer",
    "Site manager",
    "Accountant",
    "Teacher",
    "Supply chain planner",
    "Marketing coordinator",
];
const POSTCODES: [&str; 8] = [
    "8000", "8200", "8210", "8230", "8240", "8260", "8270", "8520",
];

fn pick<T: Copy>(items: &[T], n: usize) -> T {
    items[n % items.len()]
}

fn mentee_answers(n: usize, partner: &str) -> MenteeProfile {
    let industry = pick(&INDUSTRIES, n);
    let referred = n.is_multiple_of(2);
    MenteeProfile {
        phone: format!("+45 20 {:02} {:02} {:02}", n, n * 3 % 100, n * 7 % 100),
        postcode: pick(&POSTCODES, n * 3).to_owned(),
        country_of_origin: pick(&COUNTRIES, n).to_owned(),
        arrival_date: format!("2026-{:02}-{:02}", 1 + n % 9, 1 + n % 27),
        residence_basis: Some(pick(&ResidenceBasis::ALL, n % 3)),
        may_work: Some(true),
        partner_employer: pick(
            &[
                "Vestas",
                "Aarhus University",
                "Arla",
                "Grundfos",
                "Novo Nordisk",
            ],
            n,
        )
        .to_owned(),
        danish_level: Some(pick(&LANGUAGE_LEVELS[..5], n)),
        english_level: Some(pick(
            &[
                LanguageLevel::Fluent,
                LanguageLevel::Native,
                LanguageLevel::Conversational,
            ],
            n,
        )),
        other_languages: Vec::new(),
        education_level: Some(pick(
            &[
                EducationLevel::Bachelor,
                EducationLevel::Master,
                EducationLevel::Doctorate,
            ],
            n,
        )),
        education_field: pick(&ROLES, n + 1).to_owned(),
        education_country: pick(&COUNTRIES, n).to_owned(),
        degree_assessment: Some(pick(&DegreeAssessment::ALL, n)),
        years_experience: (2 + n % 15).to_string(),
        industries: industry.to_owned(),
        roles: pick(&ROLES, n).to_owned(),
        target_industries: format!("{industry}, {}", pick(&INDUSTRIES, n + 3)),
        target_roles: pick(&ROLES, n).to_owned(),
        skills: String::new(),
        help_wanted: vec![pick(&Help::ALL, n), pick(&Help::ALL, n + 2)],
        meeting_times: vec![pick(&MEETING_TIMES, n)],
        meeting_modes: vec![pick(&MEETING_MODES, n)],
        mentor_gender: None,
        linkedin_url: String::new(),
        goals: format!("A job in {} in the Aarhus area.", industry.to_lowercase()),
        heard_from: Some(if referred {
            HeardFrom::Partner
        } else {
            HeardFrom::Friend
        }),
        partner: referred.then(|| partner.to_owned()),
    }
}

fn mentor_answers(n: usize) -> MentorProfile {
    MentorProfile {
        phone: String::new(),
        company: pick(
            &[
                "Vestas",
                "Arla",
                "Systematic",
                "Netcompany",
                "Aarhus Kommune",
                "Salling Group",
            ],
            n,
        )
        .to_owned(),
        role: pick(&ROLES, n + 2).to_owned(),
        industry: pick(&INDUSTRIES, n).to_owned(),
        years_experience: (8 + n % 20).to_string(),
        education_level: Some(EducationLevel::Master),
        education_field: pick(&ROLES, n).to_owned(),
        danish_level: Some(LanguageLevel::Native),
        english_level: Some(LanguageLevel::Fluent),
        other_languages: Vec::new(),
        offers: vec![
            pick(&Help::ALL, n),
            pick(&Help::ALL, n + 1),
            pick(&Help::ALL, n + 3),
        ],
        capacity: (1 + n % 2).to_string(),
        meeting_times: vec![pick(&MEETING_TIMES, n), pick(&MEETING_TIMES, n + 1)],
        meeting_modes: MEETING_MODES.to_vec(),
        postcode: pick(&POSTCODES, n).to_owned(),
        gender: Some(pick(&GENDERS, n % 2)),
        linkedin_url: String::new(),
        preferences: String::new(),
        motivation: "I want to help a newcomer's family stay in Aarhus.".to_owned(),
    }
}

/// The key of the demo cohort, whose board holds every demo participant.
pub const DEMO_COHORT: &str = "demo-spring-2027";

/// A cohort in matching with every participant accepted into it.
async fn cohort(db: &Db, members: &[(String, &str, i64)]) -> Result<(), AppError> {
    let weights = serde_json::to_value(mentorbro_matching::Weights::default())
        .map_err(|_| AppError::Internal)?;
    let members: Vec<serde_json::Value> = members
        .iter()
        .map(|(id, kind, capacity)| serde_json::json!({ "id": id, "kind": kind, "capacity": capacity }))
        .collect();
    db.query(
        "BEGIN TRANSACTION;
         CREATE $cohort CONTENT {
            programme: 'aarhus-spouses', name: 'Spring 2027', start: '2027-02-01', end: '2027-05-31',
            places: $places, status: 'matching', weights: $weights, updated_at: time::now()
         };
         FOR $member IN $members {
            LET $account = type::record('account', $member.id);
            CREATE type::record('cohort_member', $key + '_' + $member.id) CONTENT {
                cohort: $cohort, account: $account, kind: $member.kind, capacity: $member.capacity
            };
            UPDATE type::record('application', $member.id) SET status = 'accepted';
         };
         COMMIT TRANSACTION;",
    )
    .bind(("cohort", super::db::record("cohort", DEMO_COHORT)))
    .bind(("key", DEMO_COHORT))
    .bind((
        "places",
        members.iter().filter(|m| m["kind"] == "mentee").count().clamp(1, 1000) as i64,
    ))
    .bind(("weights", weights))
    .bind(("members", members))
    .await
    .and_then(|response| response.check())
    .map_err(store::db_error)?;
    Ok(())
}

async fn programme_page(db: &Db) -> Result<(), AppError> {
    let page = ProgrammePage {
        slug: "aarhus-spouses".into(),
        name: "Mentor programme for international spouses".into(),
        organisation: "Erhverv Aarhus".into(),
        contact_email: "mentor@demo.mentorbro.dk".into(),
        contact_phone: "+45 89 00 00 00".into(),
        next_start: "2027-02-01".into(),
        deadline: "2027-01-10".into(),
        places: "35".into(),
        intake: Intake::Open,
        en: PageText {
            intro: "Moved to Aarhus with your partner's job? A volunteer mentor from local business helps you build a network and find work, over a 3–4 month course of one-to-one meetings and shared workshops.".into(),
            audience: "Spouses and partners of international employees in the Aarhus area who want to work in Denmark.".into(),
            how_it_works: "Apply here. A coordinator reviews your application and matches you with a mentor whose work and network fit your goals. You meet about every second week and join the cohort's workshops.".into(),
            faq: "What does it cost?\nNothing. The programme is funded by Erhverv Aarhus and its partners.\n\nDo I need to speak Danish?\nNo. Most mentors speak English.".into(),
        },
        da: PageText {
            intro: "Flyttet til Aarhus på grund af din partners job? En frivillig mentor fra det lokale erhvervsliv hjælper dig med at opbygge netværk og finde arbejde i et forløb på 3–4 måneder med møder og fælles workshops.".into(),
            audience: "Ægtefæller og partnere til internationale medarbejdere i Aarhusområdet, som gerne vil arbejde i Danmark.".into(),
            how_it_works: "Søg her. En koordinator gennemgår din ansøgning og finder en mentor, hvis arbejde og netværk passer til dine mål. I mødes cirka hver anden uge og deltager i holdets workshops.".into(),
            faq: "Hvad koster det?\nIntet. Programmet er finansieret af Erhverv Aarhus og partnerne.\n\nSkal jeg kunne tale dansk?\nNej. De fleste mentorer taler engelsk.".into(),
        },
    };
    db.query("CREATE programme CONTENT { slug: $slug, name: $name, page: $page, updated_at: time::now() }")
        .bind(("slug", page.slug.clone()))
        .bind(("name", page.name.clone()))
        .bind(("page", serde_json::to_value(&page).map_err(|_| AppError::Internal)?))
        .await
        .and_then(|response| response.check())
        .map_err(store::db_error)?;
    Ok(())
}
