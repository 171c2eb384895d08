//! What a mentee asks help with and what a mentor offers: one shared vocabulary.

use serde::{Deserialize, Serialize};

/// A kind of help in the mentor programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Help {
    /// Reviewing the CV and LinkedIn profile.
    CvAndLinkedin,
    /// Introducing the mentee to people in the mentor's network.
    NetworkIntroductions,
    /// Practising job interviews.
    InterviewPractice,
    /// Insight into an industry: who hires, how, and what they look for.
    IndustryInsight,
    /// How Danish workplaces work: flat hierarchy, meetings, unwritten rules.
    DanishWorkplaceCulture,
}

impl Help {
    /// Every kind of help, in a fixed order.
    pub const ALL: [Help; 5] = [
        Help::CvAndLinkedin,
        Help::NetworkIntroductions,
        Help::InterviewPractice,
        Help::IndustryInsight,
        Help::DanishWorkplaceCulture,
    ];

    /// A stable code (the serde name), for storage and translation keys.
    pub const fn code(self) -> &'static str {
        match self {
            Help::CvAndLinkedin => "cv_and_linkedin",
            Help::NetworkIntroductions => "network_introductions",
            Help::InterviewPractice => "interview_practice",
            Help::IndustryInsight => "industry_insight",
            Help::DanishWorkplaceCulture => "danish_workplace_culture",
        }
    }

    /// The help with this [`code`](Help::code), if any.
    pub fn from_code(code: &str) -> Option<Help> {
        Help::ALL.into_iter().find(|h| h.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for h in Help::ALL {
            assert_eq!(Help::from_code(h.code()), Some(h));
            let json = serde_json::to_string(&h).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", h.code()));
        }
        assert_eq!(Help::from_code("cooking"), None);
    }
}
