//! Industry: does the mentor work where the mentee wants to (or used to) work?

use super::{Assessment, FULL_FIT};
use crate::language::same_name;
use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;

/// Fit when the mentor's industry is one the mentee has worked in, not one they target.
pub const BACKGROUND_FIT: u16 = 500;

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    let industry = mentor.industry.trim();
    let named = || industry.to_string();
    let has = |list: &[String]| !industry.is_empty() && list.iter().any(|t| same_name(t, industry));
    if has(&mentee.target_industries) {
        Assessment::new(FULL_FIT, Reason::SharedTargetIndustry { industry: named() })
    } else if has(&mentee.background.industries) {
        Assessment::new(
            BACKGROUND_FIT,
            Reason::IndustryFromBackground { industry: named() },
        )
    } else {
        Assessment::new(
            0,
            Reason::DifferentIndustry {
                mentor_industry: named(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentor(industry: &str) -> Mentor {
        Mentor {
            industry: industry.into(),
            ..Mentor::default()
        }
    }

    #[test]
    fn target_industry_matches_ignoring_case() {
        let mentee = Mentee {
            target_industries: vec!["it".into()],
            ..Mentee::default()
        };
        let a = assess(&mentee, &mentor(" IT "));
        assert_eq!(a.fit, FULL_FIT);
        assert_eq!(
            a.reason,
            Reason::SharedTargetIndustry {
                industry: "IT".into()
            }
        );
    }

    #[test]
    fn background_industry_counts_half() {
        let mut mentee = Mentee::default();
        mentee.background.industries = vec!["Shipping".into()];
        assert_eq!(assess(&mentee, &mentor("shipping")).fit, BACKGROUND_FIT);
    }

    #[test]
    fn other_or_missing_industry_fails() {
        let mentee = Mentee {
            target_industries: vec!["IT".into()],
            ..Mentee::default()
        };
        assert!(!assess(&mentee, &mentor("Retail")).passes());
        assert!(!assess(&Mentee::default(), &mentor("")).passes());
    }
}
