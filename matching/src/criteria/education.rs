//! Education: did they study the same field, or does the mentor work in the mentee's?

use super::{Assessment, FULL_FIT};
use crate::language::same_name;
use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;

/// Same field, but the mentee's degree is higher than the mentor's.
pub const SAME_FIELD_LOWER_LEVEL_FIT: u16 = 800;
/// The mentee's field of study is the mentor's industry.
pub const FIELD_IS_INDUSTRY_FIT: u16 = 600;

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    let field = mentee.education.field.trim();
    let named = || field.to_string();
    if field.is_empty() {
        return Assessment::new(0, Reason::DifferentEducationField);
    }
    if same_name(field, &mentor.education.field) {
        let fit = if mentor.education.level >= mentee.education.level {
            FULL_FIT
        } else {
            SAME_FIELD_LOWER_LEVEL_FIT
        };
        return Assessment::new(fit, Reason::SameEducationField { field: named() });
    }
    if same_name(field, &mentor.industry) {
        return Assessment::new(
            FIELD_IS_INDUSTRY_FIT,
            Reason::EducationFieldMatchesIndustry { field: named() },
        );
    }
    Assessment::new(0, Reason::DifferentEducationField)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Education, EducationLevel};

    fn education(field: &str, level: EducationLevel) -> Education {
        Education {
            field: field.into(),
            level,
        }
    }

    #[test]
    fn same_field_same_or_higher_level() {
        let mentee = Mentee {
            education: education("Biology", EducationLevel::Master),
            ..Mentee::default()
        };
        let mut mentor = Mentor {
            education: education("biology", EducationLevel::Doctorate),
            ..Mentor::default()
        };
        assert_eq!(assess(&mentee, &mentor).fit, FULL_FIT);
        mentor.education.level = EducationLevel::Bachelor;
        assert_eq!(assess(&mentee, &mentor).fit, SAME_FIELD_LOWER_LEVEL_FIT);
    }

    #[test]
    fn field_matching_industry() {
        let mentee = Mentee {
            education: education("Logistics", EducationLevel::Bachelor),
            ..Mentee::default()
        };
        let mentor = Mentor {
            industry: "Logistics".into(),
            ..Mentor::default()
        };
        assert_eq!(assess(&mentee, &mentor).fit, FIELD_IS_INDUSTRY_FIT);
    }

    #[test]
    fn unrelated_or_unknown_field_fails() {
        let mentee = Mentee {
            education: education("Law", EducationLevel::Master),
            ..Mentee::default()
        };
        assert!(!assess(&mentee, &Mentor::default()).passes());
        assert!(!assess(&Mentee::default(), &Mentor::default()).passes());
    }
}
