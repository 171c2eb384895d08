//! The Mentorbro fields a spreadsheet column can fill, and a first guess of
//! each column's field from its header, in English or Danish.

use serde::{Deserialize, Serialize};

use super::ImportKind;

/// A field of an account, mentee application or mentor profile. The codes
/// are the names of the portal's fields, so its problems name them directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Name,
    Email,
    Language,
    Phone,
    Postcode,
    CountryOfOrigin,
    ArrivalDate,
    ResidenceBasis,
    MayWork,
    PartnerEmployer,
    DanishLevel,
    EnglishLevel,
    EducationLevel,
    EducationField,
    EducationCountry,
    DegreeAssessment,
    YearsExperience,
    Industries,
    Roles,
    TargetIndustries,
    TargetRoles,
    Skills,
    HelpWanted,
    MeetingTimes,
    MeetingModes,
    MentorGender,
    LinkedinUrl,
    Goals,
    HeardFrom,
    Partner,
    Company,
    Role,
    Industry,
    Offers,
    Capacity,
    Gender,
    Preferences,
    Motivation,
}

use ImportField::*;

/// A mentee's fields, in the order of the application.
pub const MENTEE_FIELDS: &[ImportField] = &[
    Name,
    Email,
    Language,
    Phone,
    Postcode,
    CountryOfOrigin,
    ArrivalDate,
    ResidenceBasis,
    MayWork,
    PartnerEmployer,
    DanishLevel,
    EnglishLevel,
    EducationLevel,
    EducationField,
    EducationCountry,
    DegreeAssessment,
    YearsExperience,
    Industries,
    Roles,
    TargetIndustries,
    TargetRoles,
    Skills,
    HelpWanted,
    MeetingTimes,
    MeetingModes,
    MentorGender,
    LinkedinUrl,
    Goals,
    HeardFrom,
    Partner,
];

/// A mentor's fields, in the order of the profile form.
pub const MENTOR_FIELDS: &[ImportField] = &[
    Name,
    Email,
    Language,
    Phone,
    Company,
    Role,
    Industry,
    YearsExperience,
    EducationLevel,
    EducationField,
    DanishLevel,
    EnglishLevel,
    Offers,
    Capacity,
    MeetingTimes,
    MeetingModes,
    Postcode,
    Gender,
    LinkedinUrl,
    Preferences,
    Motivation,
];

impl ImportField {
    /// The field's code: the portal's name for it.
    pub fn code(self) -> &'static str {
        match self {
            Name => "name",
            Email => "email",
            Language => "language",
            Phone => "phone",
            Postcode => "postcode",
            CountryOfOrigin => "country_of_origin",
            ArrivalDate => "arrival_date",
            ResidenceBasis => "residence_basis",
            MayWork => "may_work",
            PartnerEmployer => "partner_employer",
            DanishLevel => "danish_level",
            EnglishLevel => "english_level",
            EducationLevel => "education_level",
            EducationField => "education_field",
            EducationCountry => "education_country",
            DegreeAssessment => "degree_assessment",
            YearsExperience => "years_experience",
            Industries => "industries",
            Roles => "roles",
            TargetIndustries => "target_industries",
            TargetRoles => "target_roles",
            Skills => "skills",
            HelpWanted => "help_wanted",
            MeetingTimes => "meeting_times",
            MeetingModes => "meeting_modes",
            MentorGender => "mentor_gender",
            LinkedinUrl => "linkedin_url",
            Goals => "goals",
            HeardFrom => "heard_from",
            Partner => "partner",
            Company => "company",
            Role => "role",
            Industry => "industry",
            Offers => "offers",
            Capacity => "capacity",
            Gender => "gender",
            Preferences => "preferences",
            Motivation => "motivation",
        }
    }

    pub fn from_code(code: &str) -> Option<ImportField> {
        MENTEE_FIELDS
            .iter()
            .chain(MENTOR_FIELDS)
            .copied()
            .find(|field| field.code() == code)
    }

    /// The fields a file of this kind can fill.
    pub fn of_kind(kind: ImportKind) -> &'static [ImportField] {
        match kind {
            ImportKind::Mentee => MENTEE_FIELDS,
            ImportKind::Mentor => MENTOR_FIELDS,
        }
    }

    /// Header words (lower case, letters and digits only) that name this field.
    fn header_words(self) -> &'static [&'static str] {
        match self {
            Name => &["name", "fullname", "navn", "fuldtnavn", "fuldenavn"],
            Email => &[
                "email",
                "mail",
                "emailaddress",
                "emailadresse",
                "mailadresse",
            ],
            Language => &["language", "sprog", "preferredlanguage", "foretrukketsprog"],
            Phone => &[
                "phone",
                "phonenumber",
                "mobile",
                "telefon",
                "telefonnummer",
                "tlf",
                "tlfnr",
                "mobil",
            ],
            Postcode => &[
                "postcode",
                "postalcode",
                "zip",
                "zipcode",
                "postnummer",
                "postnr",
            ],
            CountryOfOrigin => &["country", "countryoforigin", "land", "oprindelsesland"],
            ArrivalDate => &["arrival", "arrivaldate", "ankomst", "ankomstdato"],
            ResidenceBasis => &["residence", "residencebasis", "opholdsgrundlag"],
            MayWork => &[
                "maywork",
                "workpermit",
                "mayworkindenmark",
                "arbejdstilladelse",
                "maaarbejde",
            ],
            PartnerEmployer => &[
                "partneremployer",
                "partnersemployer",
                "partnerensarbejdsgiver",
                "aegtefaellesarbejdsgiver",
            ],
            DanishLevel => &["danish", "danishlevel", "dansk", "danskniveau"],
            EnglishLevel => &["english", "englishlevel", "engelsk", "engelskniveau"],
            EducationLevel => &[
                "education",
                "educationlevel",
                "highesteducation",
                "uddannelse",
                "uddannelsesniveau",
                "hoejesteuddannelse",
            ],
            EducationField => &[
                "educationfield",
                "fieldofstudy",
                "fagomraade",
                "studieretning",
            ],
            EducationCountry => &["educationcountry", "countryofeducation", "uddannelsesland"],
            DegreeAssessment => &["degreeassessment", "assessment", "vurdering"],
            YearsExperience => &[
                "experience",
                "yearsexperience",
                "yearsofexperience",
                "erfaring",
                "aarserfaring",
                "antalaarserfaring",
            ],
            Industries => &["industries", "brancher"],
            Roles => &["roles", "roller"],
            TargetIndustries => &["targetindustries", "oenskedebrancher", "maalbrancher"],
            TargetRoles => &["targetroles", "oenskederoller", "maalroller"],
            Skills => &["skills", "kompetencer", "faerdigheder"],
            HelpWanted => &["help", "helpwanted", "hjaelp", "oenskethjaelp"],
            MeetingTimes => &[
                "meetingtimes",
                "availability",
                "tidspunkter",
                "moedetidspunkter",
            ],
            MeetingModes => &["meetingmodes", "meetingmode", "moedeform", "moedeformer"],
            MentorGender => &["mentorgender", "mentorskoen", "oensketkoen"],
            LinkedinUrl => &[
                "linkedin",
                "linkedinurl",
                "linkedinprofile",
                "linkedinprofil",
            ],
            Goals => &["goals", "goal", "maal"],
            HeardFrom => &["heardfrom", "source", "kilde", "hoertom"],
            Partner => &["partner", "referredby", "partnerorganisation", "henvistaf"],
            Company => &["company", "firma", "virksomhed"],
            Role => &["role", "jobtitle", "title", "rolle", "stilling", "jobtitel"],
            Industry => &["industry", "branche"],
            Offers => &["offers", "canhelpwith", "tilbyder", "kanhjaelpemed"],
            Capacity => &["capacity", "kapacitet", "mentees", "antalmentees"],
            Gender => &["gender", "koen"],
            Preferences => &["preferences", "praeferencer", "oensker"],
            Motivation => &["motivation"],
        }
    }
}

/// A header reduced to lower-case letters and digits, with Danish letters
/// spelled out (æ → ae, ø → oe, å → aa), so "E-mail" and "Årserfaring" compare.
pub fn header_key(header: &str) -> String {
    let mut key = String::with_capacity(header.len());
    for c in header.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => key.push_str("ae"),
            'ø' => key.push_str("oe"),
            'å' => key.push_str("aa"),
            c if c.is_alphanumeric() => key.push(c),
            _ => {}
        }
    }
    key
}

/// The best first guess of each column's field: a header naming a field of
/// this kind maps to it, each field to one column at most.
pub fn guess_mapping(kind: ImportKind, headers: &[String]) -> Vec<Option<ImportField>> {
    let fields = ImportField::of_kind(kind);
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|header| {
            let key = header_key(header);
            let found = fields.iter().copied().find(|field| {
                !taken.contains(field)
                    && (field.header_words().contains(&key.as_str())
                        || key == header_key(field.code()))
            });
            if let Some(field) = found {
                taken.push(field);
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn danish_and_english_headers_are_recognised() {
        let mapping = guess_mapping(
            ImportKind::Mentee,
            &headers(&[
                "Navn",
                "E-mail",
                "Telefon",
                "Postnr.",
                "Ankomstdato",
                "Dansk",
                "Mål",
                "Må arbejde",
            ]),
        );
        assert_eq!(
            mapping,
            vec![
                Some(Name),
                Some(Email),
                Some(Phone),
                Some(Postcode),
                Some(ArrivalDate),
                Some(DanishLevel),
                Some(Goals),
                Some(MayWork)
            ]
        );
        let mapping = guess_mapping(
            ImportKind::Mentor,
            &headers(&[
                "Full name",
                "Email address",
                "Company",
                "Job title",
                "Notes",
            ]),
        );
        assert_eq!(
            mapping,
            vec![Some(Name), Some(Email), Some(Company), Some(Role), None]
        );
    }

    #[test]
    fn a_field_is_guessed_for_one_column_only_and_only_of_its_kind() {
        let mapping = guess_mapping(ImportKind::Mentee, &headers(&["Name", "Navn", "Company"]));
        assert_eq!(mapping, vec![Some(Name), None, None]);
    }

    #[test]
    fn every_field_has_a_unique_code_that_reads_back() {
        let mut codes = std::collections::HashSet::new();
        for field in MENTEE_FIELDS.iter().chain(MENTOR_FIELDS) {
            assert_eq!(ImportField::from_code(field.code()), Some(*field));
            codes.insert(field.code());
        }
        assert_eq!(codes.len(), 38);
    }
}
