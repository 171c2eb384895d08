//! The course after the match: meetings the pair logs, introductions the
//! mentor makes, the timeline both see, and matches that end early.

mod functions;

pub use functions::*;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{FieldProblem, Problem};
use crate::portal::profile::{MAX_LONG, MAX_SHORT, parse_date, parse_number, text_problem};

/// How a meeting took place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    InPerson,
    Online,
    Phone,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::InPerson, Mode::Online, Mode::Phone];

    pub fn code(self) -> &'static str {
        match self {
            Mode::InPerson => "in_person",
            Mode::Online => "online",
            Mode::Phone => "phone",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|mode| mode.code() == code)
    }
}

/// What a meeting was about; a pair ticks one or more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Cv,
    JobSearch,
    Network,
    Interview,
    WorkCulture,
    Language,
    Education,
    OwnBusiness,
    Family,
    Other,
}

impl Topic {
    pub const ALL: [Topic; 10] = [
        Topic::Cv,
        Topic::JobSearch,
        Topic::Network,
        Topic::Interview,
        Topic::WorkCulture,
        Topic::Language,
        Topic::Education,
        Topic::OwnBusiness,
        Topic::Family,
        Topic::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Topic::Cv => "cv",
            Topic::JobSearch => "job_search",
            Topic::Network => "network",
            Topic::Interview => "interview",
            Topic::WorkCulture => "work_culture",
            Topic::Language => "language",
            Topic::Education => "education",
            Topic::OwnBusiness => "own_business",
            Topic::Family => "family",
            Topic::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|topic| topic.code() == code)
    }
}

/// The longest a logged meeting may last, in minutes.
pub const MAX_MINUTES: i64 = 600;
/// How far ahead a meeting may be planned, in days.
pub const MAX_DAYS_AHEAD: i64 = 180;
/// How far back a meeting may be logged, in days.
pub const MAX_DAYS_BACK: i64 = 400;

/// A meeting as a person types it; numbers and dates as text, so nothing
/// typed is lost when a check fails.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub cohort: String,
    /// The other person of the pair.
    pub partner: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, optional.
    pub time: String,
    pub minutes: String,
    pub mode: Mode,
    pub topics: Vec<Topic>,
    pub notes: String,
    pub next_steps: String,
}

/// Parses `HH:MM`, the format of `<input type="time">`.
pub fn parse_time(value: &str) -> Option<time::Time> {
    time::Time::parse(
        value.trim(),
        time::macros::format_description!("[hour]:[minute]"),
    )
    .ok()
}

impl MeetingForm {
    pub fn problems(&self, today: Date) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut add = |field: &str, problem: Problem| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                problem,
            })
        };
        match parse_date(&self.date) {
            None if self.date.trim().is_empty() => add("date", Problem::Required),
            None => add("date", Problem::Date),
            Some(date) if (date - today).whole_days() > MAX_DAYS_AHEAD => {
                add("date", Problem::DateInFuture)
            }
            Some(date) if (today - date).whole_days() > MAX_DAYS_BACK => {
                add("date", Problem::DateTooEarly)
            }
            Some(_) => {}
        }
        if !self.time.trim().is_empty() && parse_time(&self.time).is_none() {
            add("time", Problem::Time);
        }
        if parse_number(&self.minutes, 5, MAX_MINUTES).is_none() {
            add(
                "minutes",
                if self.minutes.trim().is_empty() {
                    Problem::Required
                } else {
                    Problem::Number {
                        min: 5,
                        max: MAX_MINUTES,
                    }
                },
            );
        }
        if self.topics.is_empty() {
            add("topics", Problem::ChooseAtLeastOne);
        }
        if let Some(problem) = text_problem(&self.notes, false, MAX_LONG * 2) {
            add("notes", problem);
        }
        if let Some(problem) = text_problem(&self.next_steps, false, MAX_LONG) {
            add("next_steps", problem);
        }
        problems
    }
}

/// A logged meeting as one of the pair sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: String,
    pub date: String,
    pub time: Option<String>,
    pub minutes: u32,
    pub mode: Mode,
    pub topics: Vec<Topic>,
    pub notes: String,
    pub next_steps: String,
    /// Whether the reader logged it.
    pub mine: bool,
    pub logged_by: String,
    pub confirmed: bool,
}

/// How a mentor introduced their mentee.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntroductionKind {
    #[default]
    Coffee,
    Referral,
    Event,
}

impl IntroductionKind {
    pub const ALL: [IntroductionKind; 3] = [
        IntroductionKind::Coffee,
        IntroductionKind::Referral,
        IntroductionKind::Event,
    ];

    pub fn code(self) -> &'static str {
        match self {
            IntroductionKind::Coffee => "coffee",
            IntroductionKind::Referral => "referral",
            IntroductionKind::Event => "event",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// What came of an introduction so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntroductionOutcome {
    #[default]
    Pending,
    Met,
    Interview,
    Job,
    Nothing,
}

impl IntroductionOutcome {
    pub const ALL: [IntroductionOutcome; 5] = [
        IntroductionOutcome::Pending,
        IntroductionOutcome::Met,
        IntroductionOutcome::Interview,
        IntroductionOutcome::Job,
        IntroductionOutcome::Nothing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            IntroductionOutcome::Pending => "pending",
            IntroductionOutcome::Met => "met",
            IntroductionOutcome::Interview => "interview",
            IntroductionOutcome::Job => "job",
            IntroductionOutcome::Nothing => "nothing",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|outcome| outcome.code() == code)
    }
}

/// An introduction as the mentor types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntroductionForm {
    pub cohort: String,
    pub mentee: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub company: String,
    /// The role of the person introduced, e.g. "Head of HR".
    pub role: String,
    pub kind: IntroductionKind,
    pub outcome: IntroductionOutcome,
    pub note: String,
}

impl IntroductionForm {
    pub fn problems(&self, today: Date) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut add = |field: &str, problem: Problem| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                problem,
            })
        };
        match parse_date(&self.date) {
            None if self.date.trim().is_empty() => add("date", Problem::Required),
            None => add("date", Problem::Date),
            Some(date) if date > today => add("date", Problem::DateInFuture),
            Some(date) if (today - date).whole_days() > MAX_DAYS_BACK => {
                add("date", Problem::DateTooEarly)
            }
            Some(_) => {}
        }
        if let Some(problem) = text_problem(&self.company, true, MAX_SHORT) {
            add("company", problem);
        }
        if let Some(problem) = text_problem(&self.role, false, MAX_SHORT) {
            add("role", problem);
        }
        if let Some(problem) = text_problem(&self.note, false, MAX_LONG) {
            add("note", problem);
        }
        problems
    }
}

/// An introduction as the pair sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introduction {
    pub id: String,
    pub form: IntroductionForm,
}

/// Why a match ended before the cohort's end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    JobFound,
    MovedAway,
    #[default]
    NotAGoodFit,
    NoContact,
    Personal,
    Other,
}

impl EndReason {
    pub const ALL: [EndReason; 6] = [
        EndReason::JobFound,
        EndReason::MovedAway,
        EndReason::NotAGoodFit,
        EndReason::NoContact,
        EndReason::Personal,
        EndReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EndReason::JobFound => "job_found",
            EndReason::MovedAway => "moved_away",
            EndReason::NotAGoodFit => "not_a_good_fit",
            EndReason::NoContact => "no_contact",
            EndReason::Personal => "personal",
            EndReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.code() == code)
    }

    /// Whether the mentee goes back to the board's pool for a new mentor;
    /// otherwise they leave the course.
    pub fn rematch(self) -> bool {
        matches!(self, EndReason::NotAGoodFit | EndReason::NoContact)
    }
}

/// Whether the reader is the mentee or the mentor of a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Mentee,
    Mentor,
}

/// One published match as one of the pair follows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub cohort: String,
    pub cohort_name: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
    pub side: Side,
    /// The other person.
    pub partner: String,
    pub partner_name: String,
    /// `YYYY-MM-DD` of publication.
    pub matched_on: Option<String>,
    /// Newest first.
    pub meetings: Vec<Meeting>,
    /// Newest first.
    pub introductions: Vec<Introduction>,
    /// When and why the match ended early, if it did.
    pub ended: Option<(String, EndReason)>,
}

/// What the timeline shows at a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moment {
    Matched,
    Meeting { confirmed: bool },
    Introduction { company: String },
    Ended(EndReason),
    CourseEnd,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: Date,
    pub moment: Moment,
    /// Whether the date is still to come.
    pub ahead: bool,
}

/// The course's moments in date order: the match, meetings, introductions,
/// and its end, whether early or on the cohort's end date.
pub fn timeline(course: &Course, today: Date) -> Vec<TimelineEntry> {
    let mut entries = Vec::new();
    let mut add = |date: Option<Date>, moment: Moment| {
        if let Some(date) = date {
            entries.push(TimelineEntry {
                date,
                moment,
                ahead: date > today,
            });
        }
    };
    add(
        course.matched_on.as_deref().and_then(parse_date),
        Moment::Matched,
    );
    for meeting in &course.meetings {
        add(
            parse_date(&meeting.date),
            Moment::Meeting {
                confirmed: meeting.confirmed,
            },
        );
    }
    for introduction in &course.introductions {
        add(
            parse_date(&introduction.form.date),
            Moment::Introduction {
                company: introduction.form.company.clone(),
            },
        );
    }
    match &course.ended {
        Some((date, reason)) => add(parse_date(date), Moment::Ended(*reason)),
        None => add(parse_date(&course.end), Moment::CourseEnd),
    }
    // Stable: on one date the match comes first and the end last.
    entries.sort_by_key(|entry| entry.date);
    entries
}

/// A pair of a cohort as the coordinator follows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairActivity {
    pub mentee: String,
    pub mentee_name: String,
    pub mentor: String,
    pub mentor_name: String,
    pub matched_on: Option<String>,
    pub meetings: u32,
    pub confirmed: u32,
    pub minutes: u32,
    /// `YYYY-MM-DD` of the latest meeting so far.
    pub last_meeting: Option<String>,
    pub introductions: u32,
    /// No meeting for the cohort's number of quiet weeks.
    pub quiet: bool,
}

/// A match that ended early.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndedMatch {
    pub mentee: String,
    pub mentee_name: String,
    pub mentor_name: String,
    pub reason: EndReason,
    pub note: String,
    /// `YYYY-MM-DD`.
    pub ended_on: String,
    /// Whether the mentee is back in the pool, waiting for a new mentor.
    pub in_pool: bool,
}

/// A cohort's course: its published pairs and the matches that ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortCourse {
    pub cohort: String,
    pub cohort_name: String,
    pub quiet_weeks: u32,
    pub pairs: Vec<PairActivity>,
    pub ended: Vec<EndedMatch>,
}

/// Whether a pair counts as quiet: no meeting (or since the match, none yet)
/// for `weeks` weeks before `today`.
pub fn is_quiet(
    matched_on: Option<Date>,
    last_meeting: Option<Date>,
    weeks: u32,
    today: Date,
) -> bool {
    let Some(since) = last_meeting.filter(|&date| date <= today).or(matched_on) else {
        return false;
    };
    (today - since).whole_days() >= i64::from(weeks) * 7
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn meeting_form() -> MeetingForm {
        MeetingForm {
            cohort: "c".into(),
            partner: "p".into(),
            date: "2027-03-02".into(),
            time: "17:30".into(),
            minutes: "60".into(),
            mode: Mode::InPerson,
            topics: vec![Topic::Cv],
            notes: "Went through the CV.".into(),
            next_steps: String::new(),
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn a_complete_meeting_has_no_problems() {
        assert!(meeting_form().problems(date!(2027 - 03 - 05)).is_empty());
    }

    #[test]
    fn a_meeting_needs_a_sensible_date_length_and_topic() {
        let today = date!(2027 - 03 - 05);
        let mut form = meeting_form();
        form.date = "5/3/2027".into();
        form.time = "25:00".into();
        form.minutes = "2".into();
        form.topics.clear();
        assert_eq!(
            fields(&form.problems(today)),
            ["date", "time", "minutes", "topics"]
        );
        form = meeting_form();
        form.date = "2028-01-01".into();
        assert_eq!(
            form.problems(today)[0].problem,
            Problem::DateInFuture,
            "more than half a year ahead"
        );
        form.date = "2025-01-01".into();
        assert_eq!(form.problems(today)[0].problem, Problem::DateTooEarly);
        form = meeting_form();
        form.minutes = String::new();
        assert_eq!(form.problems(today)[0].problem, Problem::Required);
        form = meeting_form();
        form.notes = "x".repeat(MAX_LONG * 2 + 1);
        assert_eq!(fields(&form.problems(today)), ["notes"]);
    }

    #[test]
    fn an_introduction_needs_a_company_and_a_past_date() {
        let today = date!(2027 - 03 - 05);
        let form = IntroductionForm {
            date: "2027-03-06".into(),
            company: "  ".into(),
            ..Default::default()
        };
        let problems = form.problems(today);
        assert_eq!(fields(&problems), ["date", "company"]);
        assert_eq!(problems[0].problem, Problem::DateInFuture);
    }

    #[test]
    fn codes_read_back() {
        for topic in Topic::ALL {
            assert_eq!(Topic::from_code(topic.code()), Some(topic));
        }
        for reason in EndReason::ALL {
            assert_eq!(EndReason::from_code(reason.code()), Some(reason));
        }
        assert_eq!(Mode::from_code("fax"), None);
    }

    fn course() -> Course {
        Course {
            cohort: "c".into(),
            cohort_name: "Spring".into(),
            start: "2027-02-01".into(),
            end: "2027-05-31".into(),
            side: Side::Mentee,
            partner: "m".into(),
            partner_name: "Mette".into(),
            matched_on: Some("2027-02-03".into()),
            meetings: vec![Meeting {
                id: "1".into(),
                date: "2027-02-10".into(),
                time: None,
                minutes: 60,
                mode: Mode::Online,
                topics: vec![Topic::Network],
                notes: String::new(),
                next_steps: String::new(),
                mine: true,
                logged_by: "Ana".into(),
                confirmed: false,
            }],
            introductions: Vec::new(),
            ended: None,
        }
    }

    #[test]
    fn the_timeline_runs_from_match_to_end_in_date_order() {
        let entries = timeline(&course(), date!(2027 - 02 - 20));
        let moments: Vec<_> = entries.iter().map(|e| (e.date, e.ahead)).collect();
        assert_eq!(
            moments,
            [
                (date!(2027 - 02 - 03), false),
                (date!(2027 - 02 - 10), false),
                (date!(2027 - 05 - 31), true)
            ]
        );
        assert_eq!(entries[2].moment, Moment::CourseEnd);
    }

    #[test]
    fn an_early_end_replaces_the_course_end() {
        let mut course = course();
        course.ended = Some(("2027-03-01".into(), EndReason::JobFound));
        let entries = timeline(&course, date!(2027 - 03 - 02));
        assert_eq!(
            entries.last().map(|e| &e.moment),
            Some(&Moment::Ended(EndReason::JobFound))
        );
        assert!(!entries.iter().any(|e| e.moment == Moment::CourseEnd));
    }

    #[test]
    fn quiet_counts_from_the_last_meeting_or_the_match() {
        let today = date!(2027 - 03 - 22);
        let matched = Some(date!(2027 - 03 - 01));
        assert!(
            is_quiet(matched, None, 3, today),
            "21 days without any meeting"
        );
        assert!(!is_quiet(matched, None, 4, today));
        assert!(!is_quiet(matched, Some(date!(2027 - 03 - 15)), 3, today));
        // A meeting planned ahead does not count as contact yet.
        assert!(is_quiet(matched, Some(date!(2027 - 04 - 01)), 3, today));
        assert!(!is_quiet(None, None, 3, today), "not matched yet");
    }
}
