//! Experience: a mentor should have walked further down the road than the mentee.

use super::{Assessment, FULL_FIT};
use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;

/// Years more than the mentee that make the mentor clearly more experienced.
pub const CLEAR_LEAD_YEARS: u8 = 3;
/// Fit when the mentor has at least as many years, but not a clear lead.
pub const SIMILAR_FIT: u16 = 600;

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    let (mentor_years, mentee_years) = (mentor.years_experience, mentee.background.years);
    if u16::from(mentor_years) >= u16::from(mentee_years) + u16::from(CLEAR_LEAD_YEARS) {
        Assessment::new(
            FULL_FIT,
            Reason::MentorMoreExperienced {
                mentor_years,
                mentee_years,
            },
        )
    } else if mentor_years >= mentee_years {
        Assessment::new(
            SIMILAR_FIT,
            Reason::SimilarExperience {
                mentor_years,
                mentee_years,
            },
        )
    } else {
        Assessment::new(
            0,
            Reason::MentorLessExperienced {
                mentor_years,
                mentee_years,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(mentor_years: u8, mentee_years: u8) -> u16 {
        let mut mentee = Mentee::default();
        mentee.background.years = mentee_years;
        let mentor = Mentor {
            years_experience: mentor_years,
            ..Mentor::default()
        };
        assess(&mentee, &mentor).fit
    }

    #[test]
    fn more_years_fit_better() {
        assert_eq!(fit(15, 5), FULL_FIT);
        assert_eq!(fit(7, 5), SIMILAR_FIT);
        assert_eq!(fit(3, 5), 0);
        assert_eq!(fit(255, 255), SIMILAR_FIT);
    }
}
