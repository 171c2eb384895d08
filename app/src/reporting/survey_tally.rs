//! A cohort's survey figures kept between dashboard reads: everything but
//! how many people a survey is due for, which depends on the day and is kept
//! as the members who have not answered, by the day the survey falls due
//! for them.

use serde::{Deserialize, Serialize};
use time::Date;

use super::tally::Days;
use crate::surveys::Moment;
use crate::surveys::summary::{ResponseRate, SurveyFigures};

/// One survey of a cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyTally {
    pub survey: String,
    pub title: String,
    pub moment: Moment,
    pub answered: u32,
    /// `(question key, mean)`, each mean as the bits of its `f64`, which
    /// JSON keeps exactly (a decimal number may come back one bit off).
    pub likert_means: Vec<(String, u64)>,
    /// Members who have not answered, by the day it falls due for them.
    pub unanswered_due: Days,
}

impl SurveyTally {
    /// The tally of a survey's figures (whatever their `rate.due`) and the
    /// days it falls due for each member who has not answered.
    pub fn new(figures: SurveyFigures, unanswered: impl IntoIterator<Item = Date>) -> Self {
        let mut unanswered_due = Days::new();
        for day in unanswered {
            *unanswered_due.entry(day.to_julian_day()).or_default() += 1;
        }
        SurveyTally {
            survey: figures.survey,
            title: figures.title,
            moment: figures.moment,
            answered: figures.rate.answered,
            likert_means: figures
                .likert_means
                .into_iter()
                .map(|(key, mean)| (key, mean.to_bits()))
                .collect(),
            unanswered_due,
        }
    }

    /// The survey's figures as of `today`: due for those who answered and
    /// those it fell due for by then.
    pub fn figures(&self, today: Date) -> SurveyFigures {
        let late: u32 = self
            .unanswered_due
            .range(..=today.to_julian_day())
            .map(|(_, n)| n)
            .sum();
        SurveyFigures {
            survey: self.survey.clone(),
            title: self.title.clone(),
            moment: self.moment,
            rate: ResponseRate {
                answered: self.answered,
                due: self.answered + late,
            },
            likert_means: self
                .likert_means
                .iter()
                .map(|(key, bits)| (key.clone(), f64::from_bits(*bits)))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn due_grows_with_the_days_of_those_who_have_not_answered() {
        let figures = SurveyFigures {
            survey: "s".into(),
            title: "Midway".into(),
            moment: Moment::MidCourse,
            rate: ResponseRate {
                answered: 2,
                due: 9,
            },
            likert_means: vec![("q".into(), 0.1 + 0.2)],
        };
        let tally = SurveyTally::new(
            figures,
            [
                date!(2027 - 03 - 01),
                date!(2027 - 03 - 01),
                date!(2027 - 04 - 01),
            ],
        );
        assert_eq!(tally.figures(date!(2027 - 02 - 28)).rate.due, 2);
        assert_eq!(tally.figures(date!(2027 - 03 - 01)).rate.due, 4);
        assert_eq!(tally.figures(date!(2027 - 05 - 01)).rate.due, 5);
        let back: SurveyTally =
            serde_json::from_str(&serde_json::to_string(&tally).expect("json")).expect("back");
        assert_eq!(
            back.figures(date!(2027 - 05 - 01)).likert_means,
            vec![("q".into(), 0.1 + 0.2)]
        );
    }
}
