//! A fictional pilot to explore the app with: one coordinator, one
//! administrator, 40 mentees and 30 mentors. Only ever written into an empty
//! database.

use super::{Db, password};
use crate::accounts::Role;
use crate::accounts::store::{self, CreateError};
use crate::error::AppError;

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
pub async fn fill(db: &Db) -> Result<String, DemoError> {
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
    people.extend(MENTEE_NAMES.iter().enumerate().map(|(i, name)| {
        (
            name.to_string(),
            format!("mentee{:02}@{DEMO_DOMAIN}", i + 1),
            Role::Mentee,
        )
    }));
    people.extend(MENTOR_NAMES.iter().enumerate().map(|(i, name)| {
        (
            name.to_string(),
            format!("mentor{:02}@{DEMO_DOMAIN}", i + 1),
            Role::Mentor,
        )
    }));
    for (name, email, role) in &people {
        store::create(db, email, name, *role, &hash)
            .await
            .map_err(|error| match error {
                CreateError::EmailTaken => DemoError::Exists(email.clone()),
                CreateError::Database(error) => DemoError::App(store::db_error(error)),
            })?;
    }
    Ok(format!(
        "added {} demo accounts (1 coordinator, 1 admin, 1 partner, {} mentees, {} mentors); password for all: {DEMO_PASSWORD}",
        people.len(),
        MENTEE_NAMES.len(),
        MENTOR_NAMES.len()
    ))
}
