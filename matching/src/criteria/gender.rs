//! Gender preference: respected when the mentee asked; otherwise every mentor fits.

use super::{Assessment, FULL_FIT};
use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    match mentee.mentor_gender {
        None => Assessment::new(FULL_FIT, Reason::NoGenderPreference),
        Some(wanted) if mentor.gender == Some(wanted) => {
            Assessment::new(FULL_FIT, Reason::GenderPreferenceMet)
        }
        Some(_) => Assessment::new(0, Reason::GenderPreferenceNotMet),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Gender;

    #[test]
    fn preference_is_met_or_not() {
        let mentee = Mentee {
            mentor_gender: Some(Gender::Woman),
            ..Mentee::default()
        };
        let woman = Mentor {
            gender: Some(Gender::Woman),
            ..Mentor::default()
        };
        assert_eq!(assess(&mentee, &woman).reason, Reason::GenderPreferenceMet);
        assert!(!assess(&mentee, &Mentor::default()).passes());
        assert!(assess(&Mentee::default(), &Mentor::default()).passes());
    }
}
