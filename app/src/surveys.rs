//! Surveys of the course and employment outcomes. A coordinator defines
//! questionnaires (Likert 1–5, single choice, free text) for moments of a
//! cohort's course; each falls due for its mentees and/or mentors on a day
//! worked out in [`schedule`]; answers add up in [`summary`]. Follow-up
//! surveys also ask the mentee's employment, which records an [`outcome`].

mod functions;
pub mod outcome;
pub mod schedule;
pub mod standard;
pub mod summary;

pub use functions::*;

use serde::{Deserialize, Serialize};

use crate::error::{FieldProblem, Problem};
use crate::portal::profile::{MAX_LONG, MAX_SHORT, text_problem};
pub use outcome::{
    EmploymentStatus, OutcomeForm, OutcomeMoment, OutcomeRecord, OutcomeSource, OutcomeValues,
};
pub use summary::{QuestionSummary, ResponseRate};

/// Where participants find their surveys; a survey's own page is `SURVEYS_PATH/ID`.
pub const SURVEYS_PATH: &str = "/surveys";
/// The most questions a survey holds.
pub const MAX_QUESTIONS: usize = 30;
/// The longest question text.
pub const MAX_QUESTION: usize = 300;
/// The fewest and most options of a single-choice question.
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 10;

/// The moment of the course a survey belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    /// "Pairing fit", due the day a pair's first meeting is logged.
    FirstMeeting,
    MidCourse,
    EndOfCourse,
    #[serde(rename = "follow_up_3m")]
    FollowUp3m,
    #[serde(rename = "follow_up_6m")]
    FollowUp6m,
}

impl Moment {
    pub const ALL: [Moment; 5] = [
        Moment::FirstMeeting,
        Moment::MidCourse,
        Moment::EndOfCourse,
        Moment::FollowUp3m,
        Moment::FollowUp6m,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Moment::FirstMeeting => "first_meeting",
            Moment::MidCourse => "mid_course",
            Moment::EndOfCourse => "end_of_course",
            Moment::FollowUp3m => "follow_up_3m",
            Moment::FollowUp6m => "follow_up_6m",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|moment| moment.code() == code)
    }

    /// The employment moment a survey at this moment records, if any.
    pub fn outcome_moment(self) -> Option<OutcomeMoment> {
        match self {
            Moment::FirstMeeting => Some(OutcomeMoment::Start),
            Moment::MidCourse => None,
            Moment::EndOfCourse => Some(OutcomeMoment::End),
            Moment::FollowUp3m => Some(OutcomeMoment::FollowUp3m),
            Moment::FollowUp6m => Some(OutcomeMoment::FollowUp6m),
        }
    }

    pub fn is_follow_up(self) -> bool {
        matches!(self, Moment::FollowUp3m | Moment::FollowUp6m)
    }
}

/// Who a survey is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Mentees,
    Mentors,
    Both,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Mentees, Audience::Mentors, Audience::Both];

    pub fn code(self) -> &'static str {
        match self {
            Audience::Mentees => "mentees",
            Audience::Mentors => "mentors",
            Audience::Both => "both",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|audience| audience.code() == code)
    }

    /// Whether a member of this kind (`mentee` or `mentor`) is asked.
    pub fn includes(self, kind: &str) -> bool {
        matches!(
            (self, kind),
            (Audience::Both, _) | (Audience::Mentees, "mentee") | (Audience::Mentors, "mentor")
        )
    }
}

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Agreement with a statement, 1 (strongly disagree) to 5 (strongly agree).
    #[default]
    Likert,
    /// One of a list of options.
    Choice,
    /// Free text.
    Text,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 3] = [
        QuestionKind::Likert,
        QuestionKind::Choice,
        QuestionKind::Text,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Likert => "likert",
            QuestionKind::Choice => "choice",
            QuestionKind::Text => "text",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// A question as stored: `key` names it in answers (`q1`, `q2`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub kind: QuestionKind,
    /// Likert: the statement; otherwise the question.
    pub text: String,
    /// Single choice: the options in order.
    pub options: Vec<String>,
    pub required: bool,
}

/// A question as the coordinator types it: options one per line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub kind: QuestionKind,
    pub text: String,
    pub options: String,
    pub required: bool,
}

impl QuestionForm {
    /// The options typed, one per line, blank lines dropped.
    pub fn option_list(&self) -> Vec<String> {
        self.options
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// A survey as the coordinator types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyForm {
    pub title: String,
    pub intro: String,
    pub moment: Option<Moment>,
    pub audience: Audience,
    /// Ask mentees their employment too (always so in follow-ups).
    pub includes_outcome: bool,
    pub questions: Vec<QuestionForm>,
}

/// The field name of question `index` (`part` is `text` or `options`).
pub fn question_field(index: usize, part: &str) -> String {
    format!("question.{index}.{part}")
}

impl SurveyForm {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut add =
            |field: String, problem: Problem| problems.push(FieldProblem { field, problem });
        if let Some(problem) = text_problem(&self.title, true, MAX_SHORT) {
            add("title".into(), problem);
        }
        if let Some(problem) = text_problem(&self.intro, false, MAX_LONG) {
            add("intro".into(), problem);
        }
        match self.moment {
            None => add("moment".into(), Problem::Required),
            Some(moment) => {
                let asks = self.includes_outcome || moment.is_follow_up();
                if asks && (moment.outcome_moment().is_none() || self.audience == Audience::Mentors)
                {
                    add("includes_outcome".into(), Problem::NoOutcomeHere);
                }
            }
        }
        if self.questions.is_empty() {
            add("questions".into(), Problem::ChooseAtLeastOne);
        }
        if self.questions.len() > MAX_QUESTIONS {
            add(
                "questions".into(),
                Problem::TooMany {
                    max: MAX_QUESTIONS as u32,
                },
            );
        }
        for (index, question) in self.questions.iter().enumerate() {
            if let Some(problem) = text_problem(&question.text, true, MAX_QUESTION) {
                add(question_field(index, "text"), problem);
            }
            if question.kind == QuestionKind::Choice {
                let options = question.option_list();
                if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&options.len()) {
                    add(question_field(index, "options"), Problem::ChoiceOptions);
                } else if let Some(problem) = options
                    .iter()
                    .find_map(|option| text_problem(option, true, MAX_SHORT))
                {
                    add(question_field(index, "options"), problem);
                }
            }
        }
        problems
    }

    /// The questions to store, keyed by position.
    pub fn questions(&self) -> Vec<Question> {
        self.questions
            .iter()
            .enumerate()
            .map(|(index, question)| Question {
                key: format!("q{}", index + 1),
                kind: question.kind,
                text: question.text.trim().to_owned(),
                options: if question.kind == QuestionKind::Choice {
                    question.option_list()
                } else {
                    Vec::new()
                },
                required: question.required,
            })
            .collect()
    }
}

/// A survey of a cohort.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub id: String,
    pub cohort: String,
    pub title: String,
    pub intro: String,
    pub moment: Moment,
    pub audience: Audience,
    pub includes_outcome: bool,
    pub questions: Vec<Question>,
}

impl Survey {
    /// Whether mentees answering it also report their employment.
    pub fn asks_outcome(&self) -> bool {
        (self.includes_outcome || self.moment.is_follow_up())
            && self.moment.outcome_moment().is_some()
            && self.audience != Audience::Mentors
    }

    /// A form holding this survey, to edit it.
    pub fn form(&self) -> SurveyForm {
        SurveyForm {
            title: self.title.clone(),
            intro: self.intro.clone(),
            moment: Some(self.moment),
            audience: self.audience,
            includes_outcome: self.includes_outcome,
            questions: self
                .questions
                .iter()
                .map(|question| QuestionForm {
                    kind: question.kind,
                    text: question.text.clone(),
                    options: question.options.join("\n"),
                    required: question.required,
                })
                .collect(),
        }
    }
}

/// One answer to one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub value: AnswerValue,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerValue {
    Likert(u8),
    /// The option's position.
    Choice(u32),
    Text(String),
}

/// The field name of the answer to question `index`.
pub fn answer_field(index: usize) -> String {
    format!("answer.{index}")
}

/// Checks answers typed as text, one per question in order (Likert `1`–`5`,
/// a choice by its option's position, free text as typed; empty when
/// skipped), and turns them into the answers to store.
pub fn check_answers(
    questions: &[Question],
    typed: &[String],
) -> Result<Vec<Answer>, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut answers = Vec::new();
    if typed.len() > questions.len() {
        problems.push(FieldProblem {
            field: String::new(),
            problem: Problem::Malformed,
        });
    }
    for (index, question) in questions.iter().enumerate() {
        let value = typed.get(index).map(|v| v.trim()).unwrap_or_default();
        let mut problem = |problem| {
            problems.push(FieldProblem {
                field: answer_field(index),
                problem,
            })
        };
        if value.is_empty() {
            if question.required {
                problem(Problem::Required);
            }
            continue;
        }
        let value = match question.kind {
            QuestionKind::Likert => match value.parse::<u8>() {
                Ok(point) if (1..=5).contains(&point) => AnswerValue::Likert(point),
                _ => {
                    problem(Problem::UnknownChoice);
                    continue;
                }
            },
            QuestionKind::Choice => match value.parse::<u32>() {
                Ok(index) if (index as usize) < question.options.len() => {
                    AnswerValue::Choice(index)
                }
                _ => {
                    problem(Problem::UnknownChoice);
                    continue;
                }
            },
            QuestionKind::Text => match text_problem(value, false, MAX_LONG) {
                Some(found) => {
                    problem(found);
                    continue;
                }
                None => AnswerValue::Text(value.to_owned()),
            },
        };
        answers.push(Answer {
            question: question.key.clone(),
            value,
        });
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

/// The answers stored, typed back as text in question order (to show them).
pub fn typed_answers(questions: &[Question], answers: &[Answer]) -> Vec<String> {
    questions
        .iter()
        .map(|question| {
            match answers
                .iter()
                .find(|a| a.question == question.key)
                .map(|a| &a.value)
            {
                Some(AnswerValue::Likert(point)) => point.to_string(),
                Some(AnswerValue::Choice(index)) => index.to_string(),
                Some(AnswerValue::Text(text)) => text.clone(),
                None => String::new(),
            }
        })
        .collect()
}

/// A survey as its participant lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySurvey {
    pub id: String,
    pub title: String,
    pub moment: Moment,
    pub cohort_name: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    /// Seconds since the epoch, once answered.
    pub answered_at: Option<i64>,
}

/// A survey to answer, or answered, with what its participant gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyToAnswer {
    pub survey: Survey,
    pub cohort_name: String,
    pub due_on: String,
    /// Whether the caller is asked their employment.
    pub asks_outcome: bool,
    /// The answers given, typed as in [`check_answers`], once answered.
    pub answered: Option<Vec<String>>,
    /// The employment recorded with the answer.
    pub outcome: Option<OutcomeValues>,
}

/// A survey with its answers added up, for the coordinator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyReport {
    pub survey: Survey,
    pub rate: ResponseRate,
    pub questions: Vec<QuestionSummary>,
    /// Answers lock the survey against changes.
    pub editable: bool,
}

/// A cohort's surveys.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortSurveys {
    pub cohort: crate::board::Cohort,
    pub surveys: Vec<SurveyReport>,
}

/// One mentee's outcomes: the current record per moment and the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenteeOutcomes {
    pub mentee: String,
    pub name: String,
    /// In the order of [`OutcomeMoment::ALL`].
    pub latest: Vec<Option<OutcomeRecord>>,
    /// Newest first.
    pub history: Vec<OutcomeRecord>,
}

/// The outcomes of a cohort's mentees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortOutcomes {
    pub cohort: crate::board::Cohort,
    pub mentees: Vec<MenteeOutcomes>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SurveyForm {
        SurveyForm {
            title: "Pairing fit".into(),
            intro: String::new(),
            moment: Some(Moment::FirstMeeting),
            audience: Audience::Both,
            includes_outcome: false,
            questions: vec![
                QuestionForm {
                    kind: QuestionKind::Likert,
                    text: "My mentor understands my goals.".into(),
                    options: String::new(),
                    required: true,
                },
                QuestionForm {
                    kind: QuestionKind::Choice,
                    text: "How often will you meet?".into(),
                    options: "Weekly\n\n Every other week \nMonthly".into(),
                    required: false,
                },
                QuestionForm {
                    kind: QuestionKind::Text,
                    text: "Anything else?".into(),
                    options: "ignored".into(),
                    required: false,
                },
            ],
        }
    }

    fn fields(problems: Vec<FieldProblem>) -> Vec<String> {
        problems.into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_complete_survey_is_valid_and_keys_questions_by_position() {
        assert_eq!(form().problems(), vec![]);
        let questions = form().questions();
        let keys: Vec<_> = questions.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, ["q1", "q2", "q3"]);
        assert_eq!(
            questions[1].options,
            ["Weekly", "Every other week", "Monthly"]
        );
        assert!(questions[2].options.is_empty());
    }

    #[test]
    fn every_problem_of_a_survey_is_named() {
        let mut f = form();
        f.title = " ".into();
        f.moment = None;
        f.questions[0].text = String::new();
        f.questions[1].options = "Only one".into();
        assert_eq!(
            fields(f.problems()),
            ["title", "moment", "question.0.text", "question.1.options"]
        );
        f.questions.clear();
        assert!(fields(f.problems()).contains(&"questions".to_owned()));
    }

    #[test]
    fn employment_is_asked_only_of_mentees_at_a_moment_that_has_one() {
        let mut f = form();
        f.includes_outcome = true;
        assert_eq!(f.problems(), vec![]);
        f.moment = Some(Moment::MidCourse);
        assert_eq!(fields(f.problems()), ["includes_outcome"]);
        f.moment = Some(Moment::FollowUp3m);
        f.includes_outcome = false;
        f.audience = Audience::Mentors;
        assert_eq!(fields(f.problems()), ["includes_outcome"]);
        f.audience = Audience::Mentees;
        assert_eq!(f.problems(), vec![]);
    }

    fn survey() -> Survey {
        let f = form();
        Survey {
            id: "s".into(),
            cohort: "c".into(),
            title: f.title.clone(),
            intro: String::new(),
            moment: Moment::FirstMeeting,
            audience: Audience::Both,
            includes_outcome: false,
            questions: f.questions(),
        }
    }

    #[test]
    fn answers_are_checked_against_their_questions() {
        let questions = survey().questions;
        let typed = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>();
        let answers = check_answers(&questions, &typed(&["4", "2", " Thanks "])).expect("valid");
        assert_eq!(answers[0].value, AnswerValue::Likert(4));
        assert_eq!(answers[1].value, AnswerValue::Choice(2));
        assert_eq!(answers[2].value, AnswerValue::Text("Thanks".into()));
        assert_eq!(typed_answers(&questions, &answers), ["4", "2", "Thanks"]);

        let skipped = check_answers(&questions, &typed(&["5"])).expect("optional ones skipped");
        assert_eq!(skipped.len(), 1);
        assert_eq!(
            fields(check_answers(&questions, &typed(&["", "3", ""])).unwrap_err()),
            ["answer.0", "answer.1"]
        );
        assert_eq!(
            fields(check_answers(&questions, &typed(&["6"])).unwrap_err()),
            ["answer.0"]
        );
        assert!(check_answers(&questions, &typed(&["1", "", "", "extra"])).is_err());
    }

    #[test]
    fn follow_ups_ask_employment_of_mentees() {
        let mut s = survey();
        assert!(!s.asks_outcome());
        s.moment = Moment::FollowUp6m;
        assert!(s.asks_outcome());
        s.audience = Audience::Mentors;
        assert!(!s.asks_outcome());
        s.audience = Audience::Mentees;
        s.moment = Moment::MidCourse;
        s.includes_outcome = true;
        assert!(!s.asks_outcome());
    }

    #[test]
    fn codes_round_trip() {
        for moment in Moment::ALL {
            assert_eq!(Moment::from_code(moment.code()), Some(moment));
            // The wire name is the stored code.
            assert_eq!(
                serde_json::to_value(moment).ok(),
                Some(moment.code().into())
            );
        }
        for moment in OutcomeMoment::ALL {
            assert_eq!(
                serde_json::to_value(moment).ok(),
                Some(moment.code().into())
            );
        }
        for audience in Audience::ALL {
            assert_eq!(Audience::from_code(audience.code()), Some(audience));
        }
        for kind in QuestionKind::ALL {
            assert_eq!(QuestionKind::from_code(kind.code()), Some(kind));
        }
        assert!(Audience::Both.includes("mentor"));
        assert!(!Audience::Mentees.includes("mentor"));
    }
}
