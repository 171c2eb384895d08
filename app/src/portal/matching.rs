//! Turns portal answers into the matching engine's profiles. Every answer the
//! engine can use is carried over; the rest (contact details, free text) stays
//! in the portal.

use mentorbro_matching::{
    Availability, Background, Education, EducationLevel, LanguageLevel, LanguageSkill, Location,
    Mentee, Mentor,
};

use super::profile::{MAX_MENTOR_CAPACITY, parse_number, split_list};
use super::{MenteeProfile, MentorProfile};

/// Aarhus-area postcodes with their place name and position in kilometres
/// east and north of Aarhus City Hall.
const PLACES: &[(&str, &str, f32, f32)] = &[
    ("8000", "Aarhus C", 0.0, 0.0),
    ("8200", "Aarhus N", -0.5, 4.0),
    ("8210", "Aarhus V", -3.5, 1.5),
    ("8220", "Brabrand", -6.5, 0.5),
    ("8230", "Åbyhøj", -3.0, 0.0),
    ("8240", "Risskov", 2.0, 4.5),
    ("8245", "Risskov Ø", 3.5, 5.5),
    ("8250", "Egå", 4.5, 8.0),
    ("8260", "Viby J", -2.5, -3.5),
    ("8270", "Højbjerg", 0.0, -5.0),
    ("8300", "Odder", -3.0, -22.0),
    ("8310", "Tranbjerg J", -4.0, -8.0),
    ("8320", "Mårslet", -1.5, -10.0),
    ("8330", "Beder", 1.0, -11.0),
    ("8340", "Malling", 1.5, -14.0),
    ("8355", "Solbjerg", -8.5, -10.0),
    ("8361", "Hasselager", -5.5, -7.0),
    ("8362", "Hørning", -11.0, -10.0),
    ("8370", "Hadsten", -10.0, 22.0),
    ("8380", "Trige", -3.0, 11.0),
    ("8381", "Tilst", -7.0, 5.0),
    ("8382", "Hinnerup", -9.5, 13.0),
    ("8400", "Ebeltoft", 40.0, -2.0),
    ("8410", "Rønde", 25.0, 8.0),
    ("8462", "Harlev J", -13.0, -1.5),
    ("8464", "Galten", -17.0, -3.0),
    ("8471", "Sabro", -10.5, 6.0),
    ("8520", "Lystrup", 2.0, 10.5),
    ("8530", "Hjortshøj", 6.0, 10.0),
    ("8541", "Skødstrup", 8.5, 12.0),
    ("8600", "Silkeborg", -38.0, -5.0),
    ("8660", "Skanderborg", -12.0, -22.0),
    ("8700", "Horsens", -15.0, -42.0),
    ("8800", "Viborg", -50.0, 28.0),
    ("8900", "Randers", -10.0, 35.0),
];

/// Where a postcode is; outside the table, the place is named by its postcode
/// and put at City Hall, so the distance criterion treats it as central.
pub fn location(postcode: &str) -> Location {
    let postcode = postcode.trim();
    match PLACES.iter().find(|(code, ..)| *code == postcode) {
        Some((_, area, east_km, north_km)) => Location {
            area: (*area).to_owned(),
            east_km: *east_km,
            north_km: *north_km,
        },
        None => Location {
            area: postcode.to_owned(),
            east_km: 0.0,
            north_km: 0.0,
        },
    }
}

fn list(value: &str) -> Vec<String> {
    split_list(value).map(str::to_owned).collect()
}

fn languages(
    danish: Option<LanguageLevel>,
    english: Option<LanguageLevel>,
    others: &[LanguageSkill],
) -> Vec<LanguageSkill> {
    let mut all = Vec::with_capacity(others.len() + 2);
    if let Some(level) = danish {
        all.push(LanguageSkill::new("Danish", level));
    }
    if let Some(level) = english {
        all.push(LanguageSkill::new("English", level));
    }
    all.extend(
        others
            .iter()
            .filter(|skill| !skill.language.trim().is_empty())
            .cloned(),
    );
    all
}

fn years(value: &str) -> u8 {
    parse_number(value, 0, i64::from(u8::MAX)).unwrap_or(0) as u8
}

impl MenteeProfile {
    pub fn to_matching(&self) -> Mentee {
        Mentee {
            target_industries: list(&self.target_industries),
            target_roles: list(&self.target_roles),
            education: Education {
                field: self.education_field.trim().to_owned(),
                level: self.education_level.unwrap_or(EducationLevel::None),
            },
            background: Background {
                years: years(&self.years_experience),
                industries: list(&self.industries),
                roles: list(&self.roles),
            },
            languages: languages(self.danish_level, self.english_level, &self.other_languages),
            help_wanted: self.help_wanted.clone(),
            availability: Availability {
                times: self.meeting_times.clone(),
                modes: self.meeting_modes.clone(),
            },
            location: location(&self.postcode),
            max_travel_km: None,
            mentor_gender: self.mentor_gender,
        }
    }
}

impl MentorProfile {
    pub fn to_matching(&self) -> Mentor {
        Mentor {
            industry: self.industry.trim().to_owned(),
            role: self.role.trim().to_owned(),
            years_experience: years(&self.years_experience),
            education: Education {
                field: self.education_field.trim().to_owned(),
                level: self.education_level.unwrap_or(EducationLevel::None),
            },
            languages: languages(self.danish_level, self.english_level, &self.other_languages),
            offers: self.offers.clone(),
            availability: Availability {
                times: self.meeting_times.clone(),
                modes: self.meeting_modes.clone(),
            },
            location: location(&self.postcode),
            gender: self.gender,
            capacity: parse_number(&self.capacity, 1, MAX_MENTOR_CAPACITY).unwrap_or(1) as u8,
        }
    }
}

#[cfg(test)]
mod tests {
    use mentorbro_matching::{Gender, Help, MeetingMode, MeetingTime, Weights, explain};

    use super::*;

    fn mentee() -> MenteeProfile {
        MenteeProfile {
            postcode: "8200".into(),
            danish_level: Some(LanguageLevel::Module2),
            english_level: Some(LanguageLevel::Fluent),
            other_languages: vec![LanguageSkill::new("Portuguese", LanguageLevel::Native)],
            education_level: Some(EducationLevel::Master),
            education_field: " Civil engineering ".into(),
            years_experience: "8".into(),
            industries: "Construction; Infrastructure".into(),
            roles: "Project engineer".into(),
            target_industries: "Construction, Energy".into(),
            target_roles: "Project manager".into(),
            help_wanted: vec![Help::NetworkIntroductions, Help::CvAndLinkedin],
            meeting_times: vec![MeetingTime::WeekdayEvening],
            meeting_modes: vec![MeetingMode::InPerson, MeetingMode::Online],
            mentor_gender: Some(Gender::Woman),
            ..Default::default()
        }
    }

    #[test]
    fn every_matching_answer_of_a_mentee_is_carried_over() {
        let converted = mentee().to_matching();
        assert_eq!(converted.target_industries, ["Construction", "Energy"]);
        assert_eq!(converted.target_roles, ["Project manager"]);
        assert_eq!(
            converted.background.industries,
            ["Construction", "Infrastructure"]
        );
        assert_eq!(converted.background.roles, ["Project engineer"]);
        assert_eq!(converted.background.years, 8);
        assert_eq!(converted.education.field, "Civil engineering");
        assert_eq!(converted.education.level, EducationLevel::Master);
        assert_eq!(
            converted.languages,
            vec![
                LanguageSkill::new("Danish", LanguageLevel::Module2),
                LanguageSkill::new("English", LanguageLevel::Fluent),
                LanguageSkill::new("Portuguese", LanguageLevel::Native),
            ]
        );
        assert_eq!(
            converted.help_wanted,
            vec![Help::NetworkIntroductions, Help::CvAndLinkedin]
        );
        assert_eq!(
            converted.availability.times,
            vec![MeetingTime::WeekdayEvening]
        );
        assert_eq!(converted.availability.modes.len(), 2);
        assert_eq!(converted.location.area, "Aarhus N");
        assert_eq!(converted.mentor_gender, Some(Gender::Woman));
    }

    #[test]
    fn every_matching_answer_of_a_mentor_is_carried_over_and_scores() {
        let mentor = MentorProfile {
            company: "Per Aarsleff".into(),
            role: "Project director".into(),
            industry: "Construction".into(),
            years_experience: "20".into(),
            education_level: Some(EducationLevel::Master),
            education_field: "Civil engineering".into(),
            danish_level: Some(LanguageLevel::Native),
            english_level: Some(LanguageLevel::Fluent),
            offers: vec![Help::NetworkIntroductions, Help::IndustryInsight],
            capacity: "2".into(),
            meeting_times: vec![MeetingTime::WeekdayEvening],
            meeting_modes: vec![MeetingMode::InPerson],
            postcode: "8000".into(),
            gender: Some(Gender::Woman),
            ..Default::default()
        }
        .to_matching();
        assert_eq!(mentor.industry, "Construction");
        assert_eq!(mentor.role, "Project director");
        assert_eq!(mentor.years_experience, 20);
        assert_eq!(mentor.capacity, 2);
        assert_eq!(mentor.location.area, "Aarhus C");
        assert_eq!(mentor.gender, Some(Gender::Woman));
        assert_eq!(mentor.languages.len(), 2);
        let explanation = explain(&mentee().to_matching(), &mentor, &Weights::default());
        assert!(explanation.failed_must_haves.is_empty(), "{explanation:?}");
        assert!(explanation.total > 0);
    }

    #[test]
    fn unknown_postcodes_keep_their_code() {
        assert_eq!(location("2100").area, "2100");
        assert!(location("8000").distance_km(&location("8900")) > 30.0);
    }
}
