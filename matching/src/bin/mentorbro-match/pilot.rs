//! A synthetic pilot cohort (40 spouses, 30 mentors by default) with varied, realistic
//! profiles, generated from a seed so benchmarks can be repeated exactly.

use mentorbro_matching::{
    Availability, Background, Education, EducationLevel, Gender, Help, LanguageLevel,
    LanguageSkill, Location, MeetingMode, MeetingTime, Mentee, Mentor,
};

const INDUSTRIES: [&str; 10] = [
    "IT",
    "Life science",
    "Finance",
    "Engineering",
    "Education",
    "Health",
    "Logistics",
    "Energy",
    "Marketing",
    "Public sector",
];
const ROLES: [&str; 10] = [
    "Software developer",
    "Data analyst",
    "Project manager",
    "Mechanical engineer",
    "Teacher",
    "Nurse",
    "Accountant",
    "Marketing coordinator",
    "Research scientist",
    "HR partner",
];
const FIELDS: [&str; 8] = [
    "Computer science",
    "Biology",
    "Economics",
    "Mechanical engineering",
    "Education",
    "Nursing",
    "Logistics",
    "Marketing",
];
const OTHER_LANGUAGES: [&str; 6] = [
    "German",
    "Spanish",
    "Hindi",
    "Chinese",
    "Arabic",
    "Portuguese",
];

/// xorshift64*: tiny, deterministic, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn helps(rng: &mut Rng, percent: u64) -> Vec<Help> {
    Help::ALL
        .into_iter()
        .filter(|_| rng.chance(percent))
        .collect()
}

fn availability(rng: &mut Rng) -> Availability {
    let times = [
        MeetingTime::WeekdayDaytime,
        MeetingTime::WeekdayEvening,
        MeetingTime::Weekend,
    ];
    let modes = [MeetingMode::InPerson, MeetingMode::Online];
    let mut a = Availability {
        times: times.into_iter().filter(|_| rng.chance(60)).collect(),
        modes: modes.into_iter().filter(|_| rng.chance(75)).collect(),
    };
    if a.times.is_empty() {
        a.times.push(MeetingTime::WeekdayEvening);
    }
    a
}

fn location(rng: &mut Rng) -> Location {
    let area = [
        "Aarhus C",
        "Aarhus N",
        "Aarhus V",
        "Viby",
        "Risskov",
        "Brabrand",
        "Skejby",
        "Hasselager",
    ];
    Location {
        area: rng.pick(&area).to_string(),
        east_km: rng.below(300) as f32 / 10.0 - 15.0,
        north_km: rng.below(300) as f32 / 10.0 - 15.0,
    }
}

fn level(rng: &mut Rng, levels: &[LanguageLevel]) -> LanguageLevel {
    levels[rng.below(levels.len())]
}

/// `mentees` spouses and `mentors` volunteers.
pub fn cohort(seed: u64, mentees: usize, mentors: usize) -> (Vec<Mentee>, Vec<Mentor>) {
    use LanguageLevel::*;
    let mut rng = Rng::new(seed);
    let gender = |rng: &mut Rng| [Gender::Woman, Gender::Man][rng.below(2)];
    let spouses = (0..mentees)
        .map(|_| Mentee {
            target_industries: vec![rng.pick(&INDUSTRIES).into(), rng.pick(&INDUSTRIES).into()],
            target_roles: vec![rng.pick(&ROLES).into()],
            education: Education {
                field: rng.pick(&FIELDS).into(),
                level: [
                    EducationLevel::Bachelor,
                    EducationLevel::Master,
                    EducationLevel::Doctorate,
                ][rng.below(3)],
            },
            background: Background {
                years: rng.below(15) as u8,
                industries: vec![rng.pick(&INDUSTRIES).into()],
                roles: vec![rng.pick(&ROLES).into()],
            },
            languages: vec![
                LanguageSkill::new(
                    "English",
                    level(&mut rng, &[Conversational, Fluent, Fluent, Native]),
                ),
                LanguageSkill::new(
                    "Danish",
                    level(
                        &mut rng,
                        &[None, Module1, Module2, Module3, Module4, Module5],
                    ),
                ),
                LanguageSkill::new(rng.pick(&OTHER_LANGUAGES), Native),
            ],
            help_wanted: helps(&mut rng, 45),
            availability: availability(&mut rng),
            location: location(&mut rng),
            max_travel_km: rng.chance(30).then_some(15),
            mentor_gender: if rng.chance(15) {
                Some(gender(&mut rng))
            } else {
                Option::None
            },
        })
        .collect();
    let volunteers = (0..mentors)
        .map(|_| Mentor {
            industry: rng.pick(&INDUSTRIES).into(),
            role: rng.pick(&ROLES).into(),
            years_experience: 5 + rng.below(25) as u8,
            education: Education {
                field: rng.pick(&FIELDS).into(),
                level: EducationLevel::Master,
            },
            languages: vec![
                LanguageSkill::new("Danish", Native),
                LanguageSkill::new(
                    "English",
                    level(&mut rng, &[Conversational, Fluent, Fluent]),
                ),
                LanguageSkill::new(rng.pick(&OTHER_LANGUAGES), Conversational),
            ],
            offers: helps(&mut rng, 60),
            availability: availability(&mut rng),
            location: location(&mut rng),
            gender: Some(gender(&mut rng)),
            capacity: [1, 1, 1, 1, 1, 1, 1, 2, 2, 3][rng.below(10)],
        })
        .collect();
    (spouses, volunteers)
}
