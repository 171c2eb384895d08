//! Help: does the mentor offer what the mentee asked for?

use super::{Assessment, FULL_FIT};
use crate::help::Help;
use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;

/// Fit when the mentee did not ask for anything in particular: any mentor will do, but a
/// pair that meets a request should rank above it.
pub const NOTHING_REQUESTED_FIT: u16 = 500;

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    let wanted: Vec<Help> = Help::ALL
        .into_iter()
        .filter(|h| mentee.help_wanted.contains(h))
        .collect();
    if wanted.is_empty() {
        return Assessment::new(NOTHING_REQUESTED_FIT, Reason::NoHelpRequested);
    }
    let (offered, missing): (Vec<Help>, Vec<Help>) =
        wanted.iter().partition(|h| mentor.offers.contains(h));
    if offered.is_empty() {
        return Assessment::new(0, Reason::NoHelpOffered { wanted });
    }
    let fit = usize::from(FULL_FIT) * offered.len() / wanted.len();
    Assessment::new(
        u16::try_from(fit).unwrap_or(FULL_FIT),
        Reason::HelpOffered { offered, missing },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(wanted: &[Help], offers: &[Help]) -> Assessment {
        let mentee = Mentee {
            help_wanted: wanted.to_vec(),
            ..Mentee::default()
        };
        let mentor = Mentor {
            offers: offers.to_vec(),
            ..Mentor::default()
        };
        assess(&mentee, &mentor)
    }

    #[test]
    fn fit_is_the_share_of_requests_met() {
        let a = pair(
            &[Help::InterviewPractice, Help::CvAndLinkedin],
            &[Help::InterviewPractice],
        );
        assert_eq!(a.fit, 500);
        assert_eq!(
            a.reason,
            Reason::HelpOffered {
                offered: vec![Help::InterviewPractice],
                missing: vec![Help::CvAndLinkedin]
            }
        );
        assert_eq!(pair(&[Help::IndustryInsight], &Help::ALL).fit, FULL_FIT);
    }

    #[test]
    fn repeated_requests_count_once() {
        assert_eq!(
            pair(
                &[Help::IndustryInsight, Help::IndustryInsight],
                &[Help::IndustryInsight]
            )
            .fit,
            FULL_FIT
        );
    }

    #[test]
    fn nothing_offered_fails_and_nothing_asked_is_neutral() {
        assert!(!pair(&[Help::NetworkIntroductions], &[Help::CvAndLinkedin]).passes());
        assert_eq!(pair(&[], &[]).fit, NOTHING_REQUESTED_FIT);
    }
}
