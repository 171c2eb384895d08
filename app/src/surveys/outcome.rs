//! Employment outcomes: what a mentee does at the start, at the end, and three
//! and six months after the course, and whether the family still lives in
//! the Aarhus area. Records are never changed: the latest one of a moment is
//! the current status, the others are its history.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{FieldProblem, Problem};
use crate::portal::profile::{MAX_LONG, MAX_SHORT, parse_date, parse_number, text_problem};

/// The moments at which a mentee's employment is recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeMoment {
    Start,
    End,
    #[serde(rename = "follow_up_3m")]
    FollowUp3m,
    #[serde(rename = "follow_up_6m")]
    FollowUp6m,
}

impl OutcomeMoment {
    pub const ALL: [OutcomeMoment; 4] = [
        OutcomeMoment::Start,
        OutcomeMoment::End,
        OutcomeMoment::FollowUp3m,
        OutcomeMoment::FollowUp6m,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OutcomeMoment::Start => "start",
            OutcomeMoment::End => "end",
            OutcomeMoment::FollowUp3m => "follow_up_3m",
            OutcomeMoment::FollowUp6m => "follow_up_6m",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|moment| moment.code() == code)
    }

    /// Position in [`Self::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What a mentee does for a living.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentStatus {
    NotWorking,
    OrdinaryJob,
    /// A job with a wage subsidy (løntilskud).
    SubsidisedJob,
    Internship,
    OwnCompany,
    Education,
}

impl EmploymentStatus {
    pub const ALL: [EmploymentStatus; 6] = [
        EmploymentStatus::NotWorking,
        EmploymentStatus::OrdinaryJob,
        EmploymentStatus::SubsidisedJob,
        EmploymentStatus::Internship,
        EmploymentStatus::OwnCompany,
        EmploymentStatus::Education,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EmploymentStatus::NotWorking => "not_working",
            EmploymentStatus::OrdinaryJob => "ordinary_job",
            EmploymentStatus::SubsidisedJob => "subsidised_job",
            EmploymentStatus::Internship => "internship",
            EmploymentStatus::OwnCompany => "own_company",
            EmploymentStatus::Education => "education",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// Whether this is work, so hours, industry, the fit with the person's
    /// education and the date it was found are asked.
    pub fn is_work(self) -> bool {
        !matches!(
            self,
            EmploymentStatus::NotWorking | EmploymentStatus::Education
        )
    }
}

/// The most hours a week anyone records.
pub const MAX_HOURS: i64 = 80;

/// An outcome as typed (hours and date as text, so nothing typed is lost).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutcomeForm {
    /// Chosen by a coordinator; a survey answer takes its survey's moment.
    pub moment: Option<OutcomeMoment>,
    pub status: Option<EmploymentStatus>,
    pub hours: String,
    pub matches_education: Option<bool>,
    pub industry: String,
    /// `YYYY-MM-DD`.
    pub found_on: String,
    pub in_aarhus: Option<bool>,
    pub note: String,
}

/// An outcome that passed its checks, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeValues {
    pub moment: OutcomeMoment,
    pub status: EmploymentStatus,
    pub hours: Option<u8>,
    pub matches_education: Option<bool>,
    pub industry: String,
    pub found_on: Option<String>,
    pub in_aarhus: bool,
    pub note: String,
}

impl OutcomeForm {
    /// What is wrong with the form; `needs_moment` when the moment is chosen
    /// in the form rather than given by a survey.
    pub fn problems(&self, needs_moment: bool, today: Date) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut add = |field: &str, problem: Problem| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                problem,
            })
        };
        if needs_moment && self.moment.is_none() {
            add("moment", Problem::Required);
        }
        match self.status {
            None => add("status", Problem::Required),
            Some(status) if status.is_work() => {
                if parse_number(&self.hours, 1, MAX_HOURS).is_none() {
                    add(
                        "hours",
                        Problem::Number {
                            min: 1,
                            max: MAX_HOURS,
                        },
                    );
                }
                if self.matches_education.is_none() {
                    add("matches_education", Problem::Required);
                }
                if let Some(problem) = text_problem(&self.industry, true, MAX_SHORT) {
                    add("industry", problem);
                }
                match parse_date(&self.found_on) {
                    None => add("found_on", Problem::Date),
                    Some(date) if date > today => add("found_on", Problem::DateInFuture),
                    Some(date) if date.year() < 2000 => add("found_on", Problem::DateTooEarly),
                    Some(_) => {}
                }
            }
            Some(_) => {}
        }
        if self.in_aarhus.is_none() {
            add("in_aarhus", Problem::Required);
        }
        if let Some(problem) = text_problem(&self.note, false, MAX_LONG) {
            add("note", problem);
        }
        problems
    }

    /// The values to store, or every problem. Work details are dropped for a
    /// status that is not work, so they cannot linger from an earlier choice.
    pub fn values(
        &self,
        moment: Option<OutcomeMoment>,
        today: Date,
    ) -> Result<OutcomeValues, Vec<FieldProblem>> {
        let moment = moment.or(self.moment);
        let mut problems = self.problems(moment.is_none(), today);
        let (Some(moment), Some(status), Some(in_aarhus)) = (moment, self.status, self.in_aarhus)
        else {
            if problems.is_empty() {
                problems.push(FieldProblem {
                    field: "moment".into(),
                    problem: Problem::Required,
                });
            }
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let work = status.is_work();
        Ok(OutcomeValues {
            moment,
            status,
            hours: work
                .then(|| parse_number(&self.hours, 1, MAX_HOURS))
                .flatten()
                .map(|hours| hours as u8),
            matches_education: self.matches_education.filter(|_| work),
            industry: if work {
                self.industry.trim().to_owned()
            } else {
                String::new()
            },
            found_on: work.then(|| self.found_on.trim().to_owned()),
            in_aarhus,
            note: self.note.trim().to_owned(),
        })
    }
}

/// Who recorded an outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeSource {
    /// The mentee, answering a survey.
    Survey,
    Coordinator,
}

/// One stored outcome record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    pub id: String,
    pub mentee: String,
    pub values: OutcomeValues,
    pub source: OutcomeSource,
    pub recorded_by_name: String,
    /// Milliseconds since the epoch.
    pub recorded_at: i64,
}

impl OutcomeRecord {
    /// A form holding this record's values, to correct it.
    pub fn form(&self) -> OutcomeForm {
        let values = &self.values;
        OutcomeForm {
            moment: Some(values.moment),
            status: Some(values.status),
            hours: values.hours.map(|h| h.to_string()).unwrap_or_default(),
            matches_education: values.matches_education,
            industry: values.industry.clone(),
            found_on: values.found_on.clone().unwrap_or_default(),
            in_aarhus: Some(values.in_aarhus),
            note: values.note.clone(),
        }
    }
}

/// The current record of each moment for one mentee, in the order of
/// [`OutcomeMoment::ALL`]: the latest record of that moment. Of two records
/// made in the same millisecond, the one later in `records` wins.
pub fn latest_by_moment(records: &[OutcomeRecord]) -> [Option<&OutcomeRecord>; 4] {
    let mut latest: [Option<&OutcomeRecord>; 4] = [None; 4];
    for record in records {
        let slot = &mut latest[record.values.moment.index()];
        if slot.is_none_or(|current| current.recorded_at <= record.recorded_at) {
            *slot = Some(record);
        }
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2027 - 09 - 01);

    fn job() -> OutcomeForm {
        OutcomeForm {
            moment: Some(OutcomeMoment::FollowUp3m),
            status: Some(EmploymentStatus::OrdinaryJob),
            hours: "37".into(),
            matches_education: Some(true),
            industry: "Energy".into(),
            found_on: "2027-08-15".into(),
            in_aarhus: Some(true),
            note: String::new(),
        }
    }

    fn fields(problems: Vec<FieldProblem>) -> Vec<String> {
        problems.into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_job_needs_hours_fit_industry_and_a_date_not_in_the_future() {
        assert_eq!(job().problems(true, TODAY), vec![]);
        let mut form = job();
        form.hours = "0".into();
        form.matches_education = None;
        form.industry = " ".into();
        form.found_on = "2027-09-02".into();
        assert_eq!(
            fields(form.problems(true, TODAY)),
            ["hours", "matches_education", "industry", "found_on"]
        );
    }

    #[test]
    fn not_working_asks_only_status_and_residence_and_drops_work_details() {
        let mut form = job();
        form.status = Some(EmploymentStatus::NotWorking);
        form.hours = "x".into();
        let values = form.values(None, TODAY).expect("valid");
        assert_eq!(values.hours, None);
        assert_eq!(values.industry, "");
        assert_eq!(values.found_on, None);
        assert_eq!(values.matches_education, None);
        form.in_aarhus = None;
        form.status = None;
        assert_eq!(
            fields(form.values(None, TODAY).unwrap_err()),
            ["status", "in_aarhus"]
        );
    }

    #[test]
    fn a_survey_gives_the_moment_and_a_coordinator_must_choose_it() {
        let mut form = job();
        form.moment = None;
        assert_eq!(fields(form.values(None, TODAY).unwrap_err()), ["moment"]);
        let values = form
            .values(Some(OutcomeMoment::FollowUp6m), TODAY)
            .expect("valid");
        assert_eq!(values.moment, OutcomeMoment::FollowUp6m);
        assert_eq!(values.hours, Some(37));
    }

    fn record(id: &str, moment: OutcomeMoment, at: i64, status: EmploymentStatus) -> OutcomeRecord {
        let mut form = job();
        form.status = Some(status);
        OutcomeRecord {
            id: id.into(),
            mentee: "m".into(),
            values: form.values(Some(moment), TODAY).expect("valid"),
            source: OutcomeSource::Coordinator,
            recorded_by_name: "Camilla".into(),
            recorded_at: at,
        }
    }

    #[test]
    fn the_latest_record_of_each_moment_wins() {
        use EmploymentStatus::*;
        use OutcomeMoment::*;
        let records = [
            record("a", Start, 10, NotWorking),
            record("b", FollowUp3m, 30, Internship),
            record("c", FollowUp3m, 50, OrdinaryJob),
            record("d", FollowUp3m, 40, Education),
            record("e", End, 20, NotWorking),
            record("f", End, 20, SubsidisedJob),
        ];
        let latest = latest_by_moment(&records);
        let ids: Vec<Option<&str>> = latest.iter().map(|r| r.map(|r| r.id.as_str())).collect();
        assert_eq!(ids, [Some("a"), Some("f"), Some("c"), None]);
    }
}
