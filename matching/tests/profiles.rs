//! From profiles to an explained, optimal matching, as the app will use it.

use mentorbro_matching::explain::en;
use mentorbro_matching::*;

fn mentee(industry: &str, help: &[Help], danish: LanguageLevel) -> Mentee {
    Mentee {
        target_industries: vec![industry.into()],
        target_roles: vec!["Project manager".into()],
        languages: vec![
            LanguageSkill::new("English", LanguageLevel::Fluent),
            LanguageSkill::new("Danish", danish),
        ],
        help_wanted: help.to_vec(),
        availability: Availability {
            times: vec![MeetingTime::WeekdayEvening],
            modes: vec![],
        },
        ..Mentee::default()
    }
}

fn mentor(industry: &str, offers: &[Help], capacity: u8) -> Mentor {
    Mentor {
        industry: industry.into(),
        role: "Senior project manager".into(),
        years_experience: 12,
        languages: vec![
            LanguageSkill::new("Danish", LanguageLevel::Native),
            LanguageSkill::new("English", LanguageLevel::Fluent),
        ],
        offers: offers.to_vec(),
        capacity,
        ..Mentor::default()
    }
}

#[test]
fn explanation_lists_every_criterion_with_reasons() {
    let e = explain(
        &mentee("IT", &[Help::InterviewPractice], LanguageLevel::Module2),
        &mentor("it", &[Help::InterviewPractice], 1),
        &Weights::default(),
    );
    assert!(e.is_possible());
    assert_eq!(e.criteria.len(), Criterion::ALL.len());
    assert_eq!(Some(e.total), e.score());
    assert_eq!(
        e.criteria[0].reason,
        Reason::SharedTargetIndustry {
            industry: "it".into()
        }
    );
    assert_eq!(e.criteria[0].contribution, 8000);
    let text = en::lines(&e).join("\n");
    assert!(text.contains(
        "Industry +8000 (weight 8): mentor works in it, an industry the mentee is aiming for"
    ));
    assert!(text.contains("shared language: English (fluent)"));
}

#[test]
fn impossible_pair_names_the_failed_must_have() {
    let mut m = mentee("IT", &[], LanguageLevel::None);
    m.mentor_gender = Some(Gender::Woman);
    let e = explain(&m, &mentor("IT", &[], 1), &Weights::default());
    assert_eq!(e.failed_must_haves, vec![Criterion::GenderPreference]);
    assert_eq!(e.score(), None);
    assert_eq!(score(&m, &mentor("IT", &[], 1), &Weights::default()), None);
    assert!(en::lines(&e)[0].contains("Not possible: fails the must-have Gender preference"));
}

#[test]
fn score_agrees_with_explain() {
    let weights = Weights::default();
    for (a, b) in [("IT", "IT"), ("IT", "Retail"), ("Shipping", "Shipping")] {
        let m = mentee(
            a,
            &[Help::CvAndLinkedin, Help::IndustryInsight],
            LanguageLevel::Module5,
        );
        let n = mentor(b, &[Help::IndustryInsight], 2);
        assert_eq!(score(&m, &n, &weights), explain(&m, &n, &weights).score());
    }
}

#[test]
fn cohort_matching_respects_capacity_and_industry() {
    let mentees = vec![
        mentee("IT", &[Help::InterviewPractice], LanguageLevel::None),
        mentee("IT", &[Help::CvAndLinkedin], LanguageLevel::None),
        mentee(
            "Finance",
            &[Help::NetworkIntroductions],
            LanguageLevel::None,
        ),
    ];
    let mentors = vec![
        mentor("IT", &[Help::InterviewPractice, Help::CvAndLinkedin], 2),
        mentor("Finance", &[Help::NetworkIntroductions], 1),
        mentor("Retail", &Help::ALL, 0),
    ];
    let inst = instance(&mentees, &mentors, &Weights::default());
    let a = solve(&inst).expect("valid");
    assert_eq!(a.mentor_of(3), vec![Some(0), Some(0), Some(1)]);
}
