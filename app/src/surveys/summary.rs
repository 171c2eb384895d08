//! What a survey's answers add up to: response rate, and per question the
//! Likert mean and distribution, the count of each choice, or the free texts.
//! Plain arithmetic, shared by the coordinator's page and the dashboard.

use serde::{Deserialize, Serialize};

use super::outcome::{OutcomeRecord, latest_by_moment};
use super::{Answer, AnswerValue, Moment, Question, QuestionKind, Survey};

/// How many people answered a survey out of those it is due for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseRate {
    pub answered: u32,
    pub due: u32,
}

impl ResponseRate {
    /// The rate in whole percent, `None` while the survey is due for nobody.
    pub fn percent(self) -> Option<u32> {
        (self.due > 0).then(|| {
            let answered = self.answered.min(self.due);
            ((f64::from(answered) * 100.0 / f64::from(self.due)).round()) as u32
        })
    }
}

/// The answers to one question, added up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub key: String,
    pub text: String,
    pub kind: QuestionKind,
    /// How many people answered this question.
    pub answered: u32,
    /// Likert: people per point 1 to 5; choice: people per option.
    pub counts: Vec<u32>,
    /// Likert: the mean, 1 to 5.
    pub mean: Option<f64>,
    /// Choice: the options, in order.
    pub options: Vec<String>,
    /// Free text: every non-empty answer.
    pub texts: Vec<String>,
}

/// Adds up every person's answers to `questions`. Answers to questions the
/// survey no longer has, or out of range, are ignored.
pub fn summarise(questions: &[Question], answers: &[Vec<Answer>]) -> Vec<QuestionSummary> {
    questions
        .iter()
        .map(|question| {
            let mut summary = QuestionSummary {
                key: question.key.clone(),
                text: question.text.clone(),
                kind: question.kind,
                answered: 0,
                counts: match question.kind {
                    QuestionKind::Likert => vec![0; 5],
                    QuestionKind::Choice => vec![0; question.options.len()],
                    QuestionKind::Text => Vec::new(),
                },
                mean: None,
                options: question.options.clone(),
                texts: Vec::new(),
            };
            let given = answers
                .iter()
                .flat_map(|person| person.iter().find(|a| a.question == question.key));
            let mut total = 0u32;
            for answer in given {
                match (&answer.value, question.kind) {
                    (AnswerValue::Likert(point), QuestionKind::Likert)
                        if (1..=5).contains(point) =>
                    {
                        summary.counts[usize::from(*point - 1)] += 1;
                        total += u32::from(*point);
                        summary.answered += 1;
                    }
                    (AnswerValue::Choice(index), QuestionKind::Choice) => {
                        if let Some(count) = summary.counts.get_mut(*index as usize) {
                            *count += 1;
                            summary.answered += 1;
                        }
                    }
                    (AnswerValue::Text(text), QuestionKind::Text) if !text.trim().is_empty() => {
                        summary.texts.push(text.clone());
                        summary.answered += 1;
                    }
                    _ => {}
                }
            }
            if question.kind == QuestionKind::Likert && summary.answered > 0 {
                summary.mean = Some(f64::from(total) / f64::from(summary.answered));
            }
            summary
        })
        .collect()
}

/// A survey's figures for the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyFigures {
    pub survey: String,
    pub title: String,
    pub moment: Moment,
    pub rate: ResponseRate,
    /// `(question key, mean)` of each Likert question someone answered.
    pub likert_means: Vec<(String, f64)>,
}

/// What the dashboard reads of a cohort: each survey's response rate and
/// Likert means, and each mentee's current outcome per moment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortSummary {
    pub surveys: Vec<SurveyFigures>,
    /// The latest record per mentee and moment, by mentee then moment.
    pub outcomes: Vec<OutcomeRecord>,
}

/// A survey's figures from its response rate and answers.
pub fn survey_figures(
    survey: &Survey,
    rate: ResponseRate,
    answers: &[Vec<Answer>],
) -> SurveyFigures {
    SurveyFigures {
        survey: survey.id.clone(),
        title: survey.title.clone(),
        moment: survey.moment,
        rate,
        likert_means: summarise(&survey.questions, answers)
            .into_iter()
            .filter_map(|question| question.mean.map(|mean| (question.key, mean)))
            .collect(),
    }
}

/// The latest record per mentee and moment, from records oldest first.
pub fn latest_outcomes(records: &[OutcomeRecord]) -> Vec<OutcomeRecord> {
    let mut mentees: Vec<&str> = records.iter().map(|r| r.mentee.as_str()).collect();
    mentees.sort_unstable();
    mentees.dedup();
    mentees
        .into_iter()
        .flat_map(|mentee| {
            let own: Vec<OutcomeRecord> = records
                .iter()
                .filter(|r| r.mentee == mentee)
                .cloned()
                .collect();
            latest_by_moment(&own)
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(key: &str, kind: QuestionKind, options: &[&str]) -> Question {
        Question {
            key: key.into(),
            kind,
            text: format!("Question {key}"),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            required: false,
        }
    }

    fn answer(question: &str, value: AnswerValue) -> Answer {
        Answer {
            question: question.into(),
            value,
        }
    }

    #[test]
    fn likert_choice_and_text_answers_add_up() {
        let questions = [
            question("q1", QuestionKind::Likert, &[]),
            question("q2", QuestionKind::Choice, &["Weekly", "Monthly"]),
            question("q3", QuestionKind::Text, &[]),
        ];
        let answers = vec![
            vec![
                answer("q1", AnswerValue::Likert(5)),
                answer("q2", AnswerValue::Choice(0)),
                answer("q3", AnswerValue::Text("Great mentor".into())),
            ],
            vec![
                answer("q1", AnswerValue::Likert(4)),
                answer("q2", AnswerValue::Choice(0)),
            ],
            vec![
                answer("q1", AnswerValue::Likert(2)),
                answer("q2", AnswerValue::Choice(1)),
                answer("q3", AnswerValue::Text("  ".into())),
            ],
            // Out of range or of the wrong kind: ignored.
            vec![
                answer("q1", AnswerValue::Likert(9)),
                answer("q2", AnswerValue::Choice(7)),
                answer("q9", AnswerValue::Likert(1)),
            ],
        ];
        let summary = summarise(&questions, &answers);
        assert_eq!(summary[0].counts, [0, 1, 0, 1, 1]);
        assert_eq!(summary[0].answered, 3);
        assert_eq!(summary[0].mean, Some(11.0 / 3.0));
        assert_eq!(summary[1].counts, [2, 1]);
        assert_eq!(summary[1].mean, None);
        assert_eq!(summary[2].texts, ["Great mentor"]);
        assert_eq!(summary[2].answered, 1);
    }

    #[test]
    fn no_answers_give_no_mean() {
        let summary = summarise(&[question("q1", QuestionKind::Likert, &[])], &[]);
        assert_eq!(summary[0].mean, None);
        assert_eq!(summary[0].answered, 0);
    }

    #[test]
    fn the_response_rate_is_rounded_and_absent_while_nobody_is_due() {
        assert_eq!(
            ResponseRate {
                answered: 1,
                due: 3
            }
            .percent(),
            Some(33)
        );
        assert_eq!(
            ResponseRate {
                answered: 2,
                due: 3
            }
            .percent(),
            Some(67)
        );
        assert_eq!(
            ResponseRate {
                answered: 0,
                due: 0
            }
            .percent(),
            None
        );
        assert_eq!(
            ResponseRate {
                answered: 4,
                due: 3
            }
            .percent(),
            Some(100)
        );
    }

    #[test]
    fn the_dashboard_reads_means_and_the_latest_outcome_of_each_mentee_and_moment() {
        use crate::surveys::{
            Audience, EmploymentStatus, OutcomeForm, OutcomeMoment, OutcomeSource,
        };
        let survey = Survey {
            id: "s1".into(),
            cohort: "c".into(),
            title: "Mid-course".into(),
            intro: String::new(),
            moment: Moment::MidCourse,
            audience: Audience::Both,
            includes_outcome: false,
            questions: vec![
                question("q1", QuestionKind::Likert, &[]),
                question("q2", QuestionKind::Text, &[]),
            ],
        };
        let answers = vec![
            vec![answer("q1", AnswerValue::Likert(4))],
            vec![answer("q1", AnswerValue::Likert(5))],
        ];
        let rate = ResponseRate {
            answered: 2,
            due: 4,
        };
        let figures = survey_figures(&survey, rate, &answers);
        assert_eq!(figures.likert_means, [("q1".to_owned(), 4.5)]);
        assert_eq!(figures.rate.percent(), Some(50));

        let today = time::macros::date!(2027 - 09 - 01);
        let record = |mentee: &str, moment, at, status| {
            let form = OutcomeForm {
                status: Some(status),
                in_aarhus: Some(true),
                ..OutcomeForm::default()
            };
            OutcomeRecord {
                id: format!("{mentee}{at}"),
                mentee: mentee.into(),
                values: form.values(Some(moment), today).expect("valid"),
                source: OutcomeSource::Survey,
                recorded_by_name: mentee.into(),
                recorded_at: at,
            }
        };
        let records = [
            record("bo", OutcomeMoment::End, 1, EmploymentStatus::NotWorking),
            record("ana", OutcomeMoment::End, 2, EmploymentStatus::NotWorking),
            record("bo", OutcomeMoment::End, 3, EmploymentStatus::Education),
            record("ana", OutcomeMoment::Start, 4, EmploymentStatus::NotWorking),
        ];
        let latest: Vec<String> = latest_outcomes(&records)
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(latest, ["ana4", "ana2", "bo3"]);
    }
}
