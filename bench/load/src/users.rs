//! Who the virtual users are and what they do. Coordinators and the
//! administrator read the matching board and move a card of their own onto a
//! mentor and back; mentors of a published pair log a meeting and delete it
//! again (so the data stays the size of a real programme); everyone opens the
//! home page and their course. Visitors of the `hello` mix only GET `/`.

use serde_json::{Value, json};

use crate::report::Kind;
use crate::session::{Body, Session};

/// Logins an account may make in a burst (see `LoginLimiter::with_defaults`).
pub const LOGINS_PER_ACCOUNT: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mix {
    /// Pages, board reads, card moves and meetings, as people use the app.
    Realistic,
    /// Read-only server functions only, after the login: staff read the
    /// board, mentors and mentees their own application, course and matches.
    Reads,
    /// `GET /` without pause and without logging in: the ceiling, against
    /// `mentorbro-hello` (or any server).
    Hello,
}

/// A virtual user: the account it logs in as and its own work.
#[derive(Clone, Debug)]
pub enum User {
    /// A coordinator's (or the administrator's) browser with a card of its
    /// own: a mentee without a pair and a mentor with a free place.
    Staff {
        email: String,
        mentee: String,
        mentor: String,
    },
    Mentor {
        email: String,
    },
    Mentee {
        email: String,
    },
    /// Nobody logged in.
    Visitor,
}

impl User {
    /// The account it logs in as; a visitor has none.
    pub fn email(&self) -> Option<&str> {
        match self {
            Self::Staff { email, .. } | Self::Mentor { email } | Self::Mentee { email } => {
                Some(email)
            }
            Self::Visitor => None,
        }
    }
}

/// The board the users work on, made ready by the coordinator: if no pair
/// is published yet, each mentor gets a mentee they fit and the board is
/// published. Returns the users: one staff user per 20 (at least one, at most
/// one per free card and eight), the rest mentors and mentees in turn.
pub async fn prepare(
    setup: &mut Session,
    cohort: &str,
    domain: &str,
    users: usize,
) -> Result<Vec<User>, String> {
    let people = setup
        .call(
            Kind::BoardPeople,
            "board_people",
            Body::Form(&[("cohort", cohort)]),
        )
        .await?;
    let ids = |kind: &str| -> Vec<String> {
        people[kind]
            .as_array()
            .map(|people| {
                people
                    .iter()
                    .filter_map(|person| Some(person["id"].as_str()?.to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (mentees, mentors) = (ids("mentees"), ids("mentors"));
    let capacity: Vec<u64> = people["mentors"]
        .as_array()
        .map(|mentors| {
            mentors
                .iter()
                .map(|mentor| mentor["capacity"].as_u64().unwrap_or(0))
                .collect()
        })
        .unwrap_or_default();
    let fit = people["fit"].as_array().cloned().unwrap_or_default();
    let fits = |mentee: usize, mentor: usize| {
        fit.get(mentee * mentors.len() + mentor)
            .and_then(Value::as_u64)
            .is_some_and(|fit| fit <= 100)
    };
    if mentees.is_empty() || mentors.is_empty() {
        return Err(format!(
            "cohort {cohort} has no mentees or no mentors: load the demo data first"
        ));
    }

    let mut paired = pairs(setup, cohort).await?;
    if !paired.iter().any(|(_, _, published)| *published) {
        for (mentor, mentor_id) in mentors.iter().enumerate() {
            let free = (0..mentees.len()).find(|mentee| {
                fits(*mentee, mentor)
                    && !paired
                        .iter()
                        .any(|(taken, _, _)| *taken == mentees[*mentee])
            });
            let Some(mentee) = free else { continue };
            let args = [
                ("cohort", cohort),
                ("mentee", &mentees[mentee]),
                ("to", mentor_id),
            ];
            setup
                .call(Kind::MoveCard, "move_mentee", Body::Form(&args))
                .await?;
            paired.push((mentees[mentee].clone(), mentor_id.clone(), false));
        }
        setup
            .call(
                Kind::MoveCard,
                "publish_board",
                Body::Form(&[("cohort", cohort)]),
            )
            .await?;
    }

    // Cards of their own for the staff users: nobody else moves them.
    let mut cards = Vec::new();
    for (mentor, id) in mentors.iter().enumerate() {
        let load = paired.iter().filter(|(_, of, _)| of == id).count() as u64;
        if load >= capacity[mentor] {
            continue;
        }
        let free = (0..mentees.len()).find(|mentee| {
            fits(*mentee, mentor)
                && !paired
                    .iter()
                    .any(|(taken, _, _)| *taken == mentees[*mentee])
                && !cards
                    .iter()
                    .any(|(taken, _): &(String, String)| *taken == mentees[*mentee])
        });
        if let Some(mentee) = free {
            cards.push((mentees[mentee].clone(), id.clone()));
        }
    }
    let staff = (users / 20).clamp(1, 8).min(cards.len()).min(users);
    let mut out: Vec<User> = cards
        .into_iter()
        .take(staff)
        .enumerate()
        .map(|(n, (mentee, mentor))| User::Staff {
            email: format!(
                "{}@{domain}",
                if n % 2 == 0 { "coordinator" } else { "admin" }
            ),
            mentee,
            mentor,
        })
        .collect();
    for n in 0..users - out.len() {
        out.push(if n % 2 == 0 {
            User::Mentor {
                email: format!("mentor{:02}@{domain}", n / 2 % mentors.len() + 1),
            }
        } else {
            User::Mentee {
                email: format!("mentee{:02}@{domain}", n / 2 % mentees.len() + 1),
            }
        });
    }
    let most = out
        .iter()
        .map(|user| {
            out.iter()
                .filter(|other| other.email() == user.email())
                .count()
        })
        .max()
        .unwrap_or(0);
    // The coordinator's own setup login is one more.
    if most + 1 > LOGINS_PER_ACCOUNT {
        return Err(format!(
            "{users} users need {most} logins of one account, more than the {LOGINS_PER_ACCOUNT} a minute the server allows; use fewer users or a larger demo (demo-data --mentees N --mentors M)"
        ));
    }
    Ok(out)
}

/// The board's pairs: `(mentee, mentor, published)`.
async fn pairs(setup: &mut Session, cohort: &str) -> Result<Vec<(String, String, bool)>, String> {
    let state = setup
        .call(
            Kind::BoardState,
            "board_state",
            Body::Form(&[("cohort", cohort)]),
        )
        .await?;
    let pairs = state["pairings"].as_array().cloned().unwrap_or_default();
    Ok(pairs
        .iter()
        .filter_map(|pair| {
            Some((
                pair["mentee"].as_str()?.to_owned(),
                pair["mentor"].as_str()?.to_owned(),
                pair["published"].as_bool()?,
            ))
        })
        .collect())
}

/// One round of a user's work.
pub async fn work(
    session: &mut Session,
    user: &User,
    cohort: &str,
    mix: Mix,
    today: &str,
) -> Result<(), String> {
    let board = [("cohort", cohort)];
    match (user, mix) {
        (_, Mix::Hello) | (User::Visitor, _) => {
            session.page(Kind::Hello, "/").await?;
        }
        (User::Staff { .. }, Mix::Reads) => {
            session
                .call(Kind::BoardPeople, "board_people", Body::Form(&board))
                .await?;
            session
                .call(Kind::BoardState, "board_state", Body::Form(&board))
                .await?;
        }
        (User::Staff { mentee, mentor, .. }, Mix::Realistic) => {
            session.page(Kind::HomePage, "/").await?;
            session
                .call(Kind::BoardPeople, "board_people", Body::Form(&board))
                .await?;
            session
                .call(Kind::BoardState, "board_state", Body::Form(&board))
                .await?;
            let onto = [("cohort", cohort), ("mentee", mentee), ("to", mentor)];
            session
                .call(Kind::MoveCard, "move_mentee", Body::Form(&onto))
                .await?;
            let back = [("cohort", cohort), ("mentee", mentee), ("from", mentor)];
            session
                .call(Kind::MoveCard, "move_mentee", Body::Form(&back))
                .await?;
        }
        (_, Mix::Reads) => {
            session
                .call(Kind::MyApplication, "my_application", Body::Form(&[]))
                .await?;
            session
                .call(Kind::MyCourse, "my_course", Body::Form(&[]))
                .await?;
            session
                .call(Kind::MyMatches, "my_matches", Body::Form(&[]))
                .await?;
        }
        (User::Mentee { .. }, Mix::Realistic) => {
            session.page(Kind::HomePage, "/").await?;
            session
                .call(Kind::MyCourse, "my_course", Body::Form(&[]))
                .await?;
            session
                .call(Kind::MyMatches, "my_matches", Body::Form(&[]))
                .await?;
        }
        (User::Mentor { .. }, Mix::Realistic) => {
            session.page(Kind::HomePage, "/").await?;
            let courses = session
                .call(Kind::MyCourse, "my_course", Body::Form(&[]))
                .await?;
            let course = courses
                .as_array()
                .and_then(|courses| courses.iter().find(|course| course["ended"].is_null()));
            if let Some(course) = course {
                let form = json!({ "form": {
                    "cohort": course["cohort"], "partner": course["partner"], "date": today,
                    "time": "17:00", "minutes": "60", "mode": "in_person",
                    "topics": ["cv", "network"], "notes": "Load test meeting.", "next_steps": ""
                }});
                let logged = session
                    .call(Kind::LogMeeting, "log_meeting", Body::Json(form))
                    .await?;
                let id = logged["id"]
                    .as_str()
                    .ok_or("log_meeting: no meeting id")?
                    .to_owned();
                session
                    .call(
                        Kind::DeleteMeeting,
                        "delete_meeting",
                        Body::Form(&[("id", &id)]),
                    )
                    .await?;
            }
        }
    }
    Ok(())
}
