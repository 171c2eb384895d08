//! Workshops of a cohort: the coordinator plans them, participants answer
//! whether they come, staff check in who came, and everyone can put them in
//! their calendar (a file per workshop, and a personal feed of workshops and
//! meetings).

mod functions;

pub use functions::*;

use serde::{Deserialize, Serialize};
use time::Time;

use crate::error::{FieldProblem, Problem};
use crate::portal::profile::{MAX_SHORT, parse_date, parse_number, text_problem};

/// Where calendar files are served: `CALENDAR_PATH/workshop/ID.ics` and
/// `CALENDAR_PATH/feed/TOKEN.ics`.
pub const CALENDAR_PATH: &str = "/calendar";
/// The longest description of a workshop, in characters.
pub const MAX_DESCRIPTION: usize = 4000;
/// The longest place or link, in characters.
pub const MAX_PLACE: usize = 300;
/// The shortest and longest workshop, in minutes.
pub const MINUTES: (i64, i64) = (15, 720);
/// The most places a workshop can have.
pub const MAX_CAPACITY: i64 = 1000;

/// The calendar file of one workshop.
pub fn workshop_ics_path(id: &str) -> String {
    format!("{CALENDAR_PATH}/workshop/{id}.ics")
}

/// Parses `HH:MM`, the format of `<input type="time">` (seconds, if a browser adds them, are refused).
pub fn parse_time(value: &str) -> Option<Time> {
    Time::parse(
        value.trim(),
        time::macros::format_description!("[hour]:[minute]"),
    )
    .ok()
}

/// Checks an optional web address: empty, or `https://`/`http://` with a host.
pub fn link_problem(value: &str) -> Option<Problem> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.chars().count() > MAX_PLACE {
        return Some(Problem::TooLong {
            max: MAX_PLACE as u32,
        });
    }
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "https" | "http") && url.host_str().is_some() => None,
        _ => Some(Problem::Url),
    }
}

/// A workshop as the coordinator types it: numbers, date and time as text,
/// so nothing typed is lost when a check fails.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkshopForm {
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD`, local time in Aarhus.
    pub date: String,
    /// `HH:MM`, local time in Aarhus.
    pub time: String,
    /// How long it lasts, in minutes.
    pub minutes: String,
    /// Where it happens; may be empty when there is a link.
    pub place: String,
    /// Where to join online; may be empty when there is a place.
    pub link: String,
    /// How many may come.
    pub capacity: String,
}

impl WorkshopForm {
    /// What is wrong with the form, field by field, in form order.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut add = |field: &str, problem: Problem| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                problem,
            })
        };
        if let Some(problem) = text_problem(&self.title, true, MAX_SHORT) {
            add("title", problem);
        }
        if let Some(problem) = text_problem(&self.description, false, MAX_DESCRIPTION) {
            add("description", problem);
        }
        if parse_date(&self.date).is_none() {
            add("date", Problem::Date);
        }
        if parse_time(&self.time).is_none() {
            add("time", Problem::TimeOfDay);
        }
        let (min, max) = MINUTES;
        if parse_number(&self.minutes, min, max).is_none() {
            add("minutes", Problem::Number { min, max });
        }
        let place = text_problem(&self.place, false, MAX_PLACE);
        let link = link_problem(&self.link);
        if let Some(problem) = place {
            add("place", problem);
        } else if self.place.trim().is_empty() && self.link.trim().is_empty() {
            add("place", Problem::Required);
        }
        if let Some(problem) = link {
            add("link", problem);
        }
        if parse_number(&self.capacity, 1, MAX_CAPACITY).is_none() {
            add(
                "capacity",
                Problem::Number {
                    min: 1,
                    max: MAX_CAPACITY,
                },
            );
        }
        problems
    }
}

/// A workshop with its counts, as staff and participants see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: String,
    pub cohort: String,
    pub title: String,
    pub description: String,
    pub date: String,
    pub time: String,
    pub minutes: u32,
    pub place: String,
    pub link: String,
    pub capacity: u32,
    /// How many said yes.
    pub coming: u32,
    /// How many were checked in.
    pub attended: u32,
    pub cancelled: bool,
    /// Whether it has begun (answers are then closed).
    pub started: bool,
}

impl Workshop {
    pub fn form(&self) -> WorkshopForm {
        WorkshopForm {
            title: self.title.clone(),
            description: self.description.clone(),
            date: self.date.clone(),
            time: self.time.clone(),
            minutes: self.minutes.to_string(),
            place: self.place.clone(),
            link: self.link.clone(),
            capacity: self.capacity.to_string(),
        }
    }

    /// Places nobody has taken yet.
    pub fn free_places(&self) -> u32 {
        self.capacity.saturating_sub(self.coming)
    }
}

/// A cohort's workshops, newest last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopsOfCohort {
    pub cohort: String,
    pub cohort_name: String,
    pub workshops: Vec<Workshop>,
}

/// One participant of the cohort on the check-in list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub account: String,
    pub name: String,
    /// `mentee` or `mentor`.
    pub kind: String,
    /// Their answer: yes, no, or none yet.
    pub answer: Option<bool>,
    pub attended: bool,
}

/// The check-in list of a workshop: those who said yes first, then by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceList {
    pub workshop: Workshop,
    pub cohort_name: String,
    pub people: Vec<Attendee>,
}

/// A workshop as a participant sees it, with their own answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWorkshop {
    pub workshop: Workshop,
    pub cohort_name: String,
    pub answer: Option<bool>,
}

/// The address calendar apps subscribe to for a person's workshops and meetings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeed {
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> WorkshopForm {
        WorkshopForm {
            title: "CV clinic".into(),
            description: String::new(),
            date: "2027-06-10".into(),
            time: "17:00".into(),
            minutes: "90".into(),
            place: "Erhverv Aarhus, Vestergade 55".into(),
            link: String::new(),
            capacity: "20".into(),
        }
    }

    fn fields(form: &WorkshopForm) -> Vec<String> {
        form.problems().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_complete_workshop_passes_and_each_mistake_names_its_field() {
        assert!(complete().problems().is_empty());
        let online = WorkshopForm {
            place: String::new(),
            link: "https://meet.example.dk/cv".into(),
            ..complete()
        };
        assert!(online.problems().is_empty());
        let nowhere = WorkshopForm {
            place: " ".into(),
            ..complete()
        };
        assert_eq!(fields(&nowhere), ["place"]);
        let bad = WorkshopForm {
            title: String::new(),
            date: "10/06/2027".into(),
            time: "5pm".into(),
            minutes: "5".into(),
            link: "javascript:alert(1)".into(),
            capacity: "0".into(),
            ..complete()
        };
        assert_eq!(
            fields(&bad),
            ["title", "date", "time", "minutes", "link", "capacity"]
        );
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert!(parse_time("09:30").is_some());
        assert!(parse_time("24:00").is_none());
        assert!(parse_time("9.30").is_none());
    }
}
