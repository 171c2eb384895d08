//! The standard set: one survey for each moment of the course, worded in the
//! coordinator's language, so a cohort does not start from nothing.

use leptos_i18n::td_string;

use super::{Audience, Moment, QuestionForm, QuestionKind, SurveyForm};
use crate::i18n::Locale;
use crate::text::fill;

fn likert(text: &str) -> QuestionForm {
    QuestionForm {
        kind: QuestionKind::Likert,
        text: text.to_owned(),
        options: String::new(),
        required: true,
    }
}

fn free_text(text: &str) -> QuestionForm {
    QuestionForm {
        kind: QuestionKind::Text,
        text: text.to_owned(),
        options: String::new(),
        required: false,
    }
}

/// One survey per moment, in the order of [`Moment::ALL`].
pub fn standard_set(locale: Locale) -> Vec<SurveyForm> {
    let follow_up = |moment: Moment, months: u32| SurveyForm {
        title: fill(
            td_string!(locale, surveys.standard.follow_title),
            &[("months", months.to_string())],
        ),
        intro: td_string!(locale, surveys.standard.follow_intro).to_owned(),
        moment: Some(moment),
        audience: Audience::Mentees,
        includes_outcome: true,
        questions: vec![
            likert(td_string!(locale, surveys.standard.follow_q1)),
            free_text(td_string!(locale, surveys.standard.follow_q2)),
        ],
    };
    vec![
        SurveyForm {
            title: td_string!(locale, surveys.standard.fit_title).to_owned(),
            intro: td_string!(locale, surveys.standard.fit_intro).to_owned(),
            moment: Some(Moment::FirstMeeting),
            audience: Audience::Both,
            includes_outcome: false,
            questions: vec![
                likert(td_string!(locale, surveys.standard.fit_q1)),
                likert(td_string!(locale, surveys.standard.fit_q2)),
                QuestionForm {
                    kind: QuestionKind::Choice,
                    text: td_string!(locale, surveys.standard.fit_q3).to_owned(),
                    options: td_string!(locale, surveys.standard.fit_q3_options).to_owned(),
                    required: true,
                },
                free_text(td_string!(locale, surveys.standard.fit_q4)),
            ],
        },
        SurveyForm {
            title: td_string!(locale, surveys.standard.mid_title).to_owned(),
            intro: td_string!(locale, surveys.standard.mid_intro).to_owned(),
            moment: Some(Moment::MidCourse),
            audience: Audience::Both,
            includes_outcome: false,
            questions: vec![
                likert(td_string!(locale, surveys.standard.mid_q1)),
                likert(td_string!(locale, surveys.standard.mid_q2)),
                free_text(td_string!(locale, surveys.standard.mid_q3)),
            ],
        },
        SurveyForm {
            title: td_string!(locale, surveys.standard.end_title).to_owned(),
            intro: td_string!(locale, surveys.standard.end_intro).to_owned(),
            moment: Some(Moment::EndOfCourse),
            audience: Audience::Both,
            includes_outcome: true,
            questions: vec![
                likert(td_string!(locale, surveys.standard.end_q1)),
                likert(td_string!(locale, surveys.standard.end_q2)),
                likert(td_string!(locale, surveys.standard.end_q3)),
                free_text(td_string!(locale, surveys.standard.end_q4)),
            ],
        },
        follow_up(Moment::FollowUp3m, 3),
        follow_up(Moment::FollowUp6m, 6),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_set_covers_every_moment_and_is_valid_in_both_languages() {
        for locale in [Locale::en, Locale::da] {
            let set = standard_set(locale);
            let moments: Vec<_> = set.iter().filter_map(|s| s.moment).collect();
            assert_eq!(moments, Moment::ALL);
            for survey in &set {
                assert_eq!(survey.problems(), vec![], "{}", survey.title);
            }
        }
        assert_ne!(
            standard_set(Locale::en)[0].title,
            standard_set(Locale::da)[0].title
        );
        assert!(standard_set(Locale::en)[3].title.contains('3'));
    }
}
