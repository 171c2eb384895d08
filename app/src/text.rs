//! Words for codes: errors, problems, roles, statuses and answer choices in
//! the reader's language, and dates the way each language writes them.

use leptos_i18n::td_string;
use mentorbro_matching::{EducationLevel, Gender, Help, LanguageLevel, MeetingMode, MeetingTime};

use crate::accounts::Role;
use crate::error::{AppError, Problem};
use crate::i18n::Locale;
use crate::portal::Status;
use crate::portal::profile::{DegreeAssessment, HeardFrom, ResidenceBasis};
use crate::programmes::{Intake, IntakeState};

/// Puts values into a text's `{name}` places.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

pub fn error_text(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::Unauthenticated => td_string!(locale, error.unauthenticated).to_string(),
        AppError::Forbidden => td_string!(locale, error.forbidden).to_string(),
        AppError::BadCredentials => td_string!(locale, error.bad_credentials).to_string(),
        AppError::RateLimited { retry_after_secs } => crate::text::fill(
            td_string!(locale, error.rate_limited),
            &[("secs", (*retry_after_secs).to_string())],
        )
        .to_string(),
        AppError::Invalid(problems) => match problems.first() {
            Some(first) => problem_text(locale, &first.problem),
            None => td_string!(locale, problem.malformed).to_string(),
        },
        AppError::NotFound => td_string!(locale, error.not_found).to_string(),
        AppError::Conflict => td_string!(locale, error.conflict).to_string(),
        AppError::Internal => td_string!(locale, error.internal).to_string(),
        AppError::Transport(_) => td_string!(locale, error.transport).to_string(),
    }
}

/// The names of matching criteria given by code, joined for a sentence.
pub fn criteria_names(locale: Locale, codes: &[String]) -> String {
    codes
        .iter()
        .map(|code| {
            let criterion = mentorbro_matching::Criterion::ALL
                .into_iter()
                .find(|criterion| criterion.code() == code);
            criterion.map_or_else(|| code.clone(), |c| criterion_label(locale, c).to_owned())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn problem_text(locale: Locale, problem: &Problem) -> String {
    match problem {
        Problem::Required => td_string!(locale, problem.required).to_string(),
        Problem::TooLong { max } => crate::text::fill(
            td_string!(locale, problem.too_long),
            &[("max", (*max).to_string())],
        )
        .to_string(),
        Problem::TooShort { min } => crate::text::fill(
            td_string!(locale, problem.too_short),
            &[("min", (*min).to_string())],
        )
        .to_string(),
        Problem::InvalidCharacters => td_string!(locale, problem.invalid_characters).to_string(),
        Problem::Email => td_string!(locale, problem.email).to_string(),
        Problem::Url => td_string!(locale, problem.url).to_string(),
        Problem::Linkedin => td_string!(locale, problem.linkedin).to_string(),
        Problem::Phone => td_string!(locale, problem.phone).to_string(),
        Problem::Postcode => td_string!(locale, problem.postcode).to_string(),
        Problem::Date => td_string!(locale, problem.date).to_string(),
        Problem::DateInFuture => td_string!(locale, problem.date_in_future).to_string(),
        Problem::DateTooEarly => td_string!(locale, problem.date_too_early).to_string(),
        Problem::DateOrder => td_string!(locale, problem.date_order).to_string(),
        Problem::Time => td_string!(locale, problem.time).to_string(),
        Problem::Number { min, max } => crate::text::fill(
            td_string!(locale, problem.number),
            &[("min", (*min).to_string()), ("max", (*max).to_string())],
        )
        .to_string(),
        Problem::UnknownChoice => td_string!(locale, problem.unknown_choice).to_string(),
        Problem::ChooseAtLeastOne => td_string!(locale, problem.choose_at_least_one).to_string(),
        Problem::TooMany { max } => crate::text::fill(
            td_string!(locale, problem.too_many),
            &[("max", (*max).to_string())],
        )
        .to_string(),
        Problem::Consent => td_string!(locale, problem.consent).to_string(),
        Problem::NotPdf => td_string!(locale, problem.not_pdf).to_string(),
        Problem::FileTooLarge { max_mb } => crate::text::fill(
            td_string!(locale, problem.file_too_large),
            &[("max", (*max_mb).to_string())],
        )
        .to_string(),
        Problem::SignUpRefused => td_string!(locale, problem.sign_up_refused).to_string(),
        Problem::EmailTaken => td_string!(locale, problem.email_taken).to_string(),
        Problem::WrongPassword => td_string!(locale, problem.wrong_password).to_string(),
        Problem::CannotDeactivateSelf => {
            td_string!(locale, problem.cannot_deactivate_self).to_string()
        }
        Problem::Slug => td_string!(locale, problem.slug).to_string(),
        Problem::SlugTaken => td_string!(locale, problem.slug_taken).to_string(),
        Problem::InvitationExpired => td_string!(locale, problem.invitation_expired).to_string(),
        Problem::InvitationUsed => td_string!(locale, problem.invitation_used).to_string(),
        Problem::InvitationUnknown => td_string!(locale, problem.invitation_unknown).to_string(),
        Problem::ApplicationsClosed => td_string!(locale, problem.applications_closed).to_string(),
        Problem::NoOutcomeHere => td_string!(locale, problem.no_outcome_here).to_string(),
        Problem::ChoiceOptions => td_string!(locale, problem.choice_options).to_string(),
        Problem::SurveyLocked => td_string!(locale, problem.survey_locked).to_string(),
        Problem::SurveyNotDue => td_string!(locale, problem.survey_not_due).to_string(),
        Problem::AlreadyAnswered => td_string!(locale, problem.already_answered).to_string(),
        Problem::NotEditable => td_string!(locale, problem.not_editable).to_string(),
        Problem::Malformed => td_string!(locale, problem.malformed).to_string(),
        Problem::EndBeforeStart => td_string!(locale, problem.end_before_start).to_string(),
        Problem::TimeOfDay => td_string!(locale, workshops.problem_time).to_string(),
        Problem::WorkshopFull => td_string!(locale, workshops.problem_full).to_string(),
        Problem::WorkshopStarted => td_string!(locale, workshops.problem_started).to_string(),
        Problem::WorkshopCancelled => td_string!(locale, workshops.problem_cancelled).to_string(),
        Problem::MentorFull { capacity } => crate::text::fill(
            td_string!(locale, problem.mentor_full),
            &[("capacity", capacity.to_string())],
        )
        .to_string(),
        Problem::MustHave { criteria } => crate::text::fill(
            td_string!(locale, problem.must_have),
            &[("criteria", criteria_names(locale, criteria))],
        )
        .to_string(),
        Problem::PairForbidden => td_string!(locale, problem.pair_forbidden).to_string(),
        Problem::NotInCohort => td_string!(locale, problem.not_in_cohort).to_string(),
        Problem::MovedMeanwhile => td_string!(locale, problem.moved_meanwhile).to_string(),
        Problem::PairPublished => td_string!(locale, problem.pair_published).to_string(),
        Problem::NotDecidable => td_string!(locale, problem.not_decidable).to_string(),
        Problem::Amount => td_string!(locale, budget.problem_amount).to_string(),
        Problem::AmountNegative => td_string!(locale, budget.problem_negative).to_string(),
        Problem::AmountZero => td_string!(locale, budget.problem_zero).to_string(),
        Problem::AmountTooLarge { max } => fill(
            td_string!(locale, budget.problem_too_large),
            &[("max", money(locale, *max))],
        ),
        Problem::LinesOverGrant { lines, grant } => fill(
            td_string!(locale, budget.problem_over_grant),
            &[
                ("lines", money(locale, *lines)),
                ("grant", money(locale, *grant)),
            ],
        ),
        Problem::DateOutsideYear { year } => fill(
            td_string!(locale, budget.problem_year),
            &[("year", year.to_string())],
        ),
        Problem::Formula => td_string!(locale, problem.formula).to_string(),
        Problem::NotCsv => td_string!(locale, problem.not_csv).to_string(),
        Problem::NoRows => td_string!(locale, problem.no_rows).to_string(),
        Problem::TooManyRows { max } => crate::text::fill(
            td_string!(locale, problem.too_many_rows),
            &[("max", format_number(locale, u64::from(*max)))],
        ),
        Problem::DuplicateInFile => td_string!(locale, problem.duplicate_in_file).to_string(),
        Problem::MappedTwice => td_string!(locale, problem.mapped_twice).to_string(),
    }
}

pub fn role_label(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Mentee => td_string!(locale, role.mentee),
        Role::Mentor => td_string!(locale, role.mentor),
        Role::Coordinator => td_string!(locale, role.coordinator),
        Role::Partner => td_string!(locale, role.partner),
        Role::Admin => td_string!(locale, role.admin),
    }
}

pub fn status_label(locale: Locale, status: Status) -> &'static str {
    match status {
        Status::Draft => td_string!(locale, status.draft),
        Status::Submitted => td_string!(locale, status.submitted),
        Status::Accepted => td_string!(locale, status.accepted),
        Status::Waitlisted => td_string!(locale, status.waitlisted),
        Status::Declined => td_string!(locale, status.declined),
        Status::InCohort => td_string!(locale, status.in_cohort),
        Status::Completed => td_string!(locale, status.completed),
        Status::Withdrawn => td_string!(locale, status.withdrawn),
    }
}

pub fn status_explained(locale: Locale, status: Status) -> &'static str {
    match status {
        Status::Draft => td_string!(locale, status_help.draft),
        Status::Submitted => td_string!(locale, status_help.submitted),
        Status::Accepted => td_string!(locale, status_help.accepted),
        Status::Waitlisted => td_string!(locale, status_help.waitlisted),
        Status::Declined => td_string!(locale, status_help.declined),
        Status::InCohort => td_string!(locale, status_help.in_cohort),
        Status::Completed => td_string!(locale, status_help.completed),
        Status::Withdrawn => td_string!(locale, status_help.withdrawn),
    }
}

pub fn help_label(locale: Locale, help: Help) -> &'static str {
    match help {
        Help::CvAndLinkedin => td_string!(locale, help.cv_and_linkedin),
        Help::NetworkIntroductions => td_string!(locale, help.network_introductions),
        Help::InterviewPractice => td_string!(locale, help.interview_practice),
        Help::IndustryInsight => td_string!(locale, help.industry_insight),
        Help::DanishWorkplaceCulture => td_string!(locale, help.danish_workplace_culture),
    }
}

pub fn level_label(locale: Locale, level: LanguageLevel) -> &'static str {
    match level {
        LanguageLevel::None => td_string!(locale, level.none),
        LanguageLevel::Basic => td_string!(locale, level.basic),
        LanguageLevel::Module1 => td_string!(locale, level.module1),
        LanguageLevel::Module2 => td_string!(locale, level.module2),
        LanguageLevel::Module3 => td_string!(locale, level.module3),
        LanguageLevel::Conversational => td_string!(locale, level.conversational),
        LanguageLevel::Module4 => td_string!(locale, level.module4),
        LanguageLevel::Module5 => td_string!(locale, level.module5),
        LanguageLevel::Fluent => td_string!(locale, level.fluent),
        LanguageLevel::Native => td_string!(locale, level.native),
    }
}

pub fn education_label(locale: Locale, level: EducationLevel) -> &'static str {
    match level {
        EducationLevel::None => td_string!(locale, education.none),
        EducationLevel::UpperSecondary => td_string!(locale, education.upper_secondary),
        EducationLevel::Vocational => td_string!(locale, education.vocational),
        EducationLevel::Bachelor => td_string!(locale, education.bachelor),
        EducationLevel::Master => td_string!(locale, education.master),
        EducationLevel::Doctorate => td_string!(locale, education.doctorate),
    }
}

pub fn time_label(locale: Locale, time: MeetingTime) -> &'static str {
    match time {
        MeetingTime::WeekdayDaytime => td_string!(locale, meeting.weekday_daytime),
        MeetingTime::WeekdayEvening => td_string!(locale, meeting.weekday_evening),
        MeetingTime::Weekend => td_string!(locale, meeting.weekend),
    }
}

pub fn mode_label(locale: Locale, mode: MeetingMode) -> &'static str {
    match mode {
        MeetingMode::InPerson => td_string!(locale, meeting.in_person),
        MeetingMode::Online => td_string!(locale, meeting.online),
    }
}

pub fn gender_label(locale: Locale, gender: Gender) -> &'static str {
    match gender {
        Gender::Woman => td_string!(locale, gender.woman),
        Gender::Man => td_string!(locale, gender.man),
        Gender::NonBinary => td_string!(locale, gender.non_binary),
    }
}

pub fn residence_label(locale: Locale, basis: ResidenceBasis) -> &'static str {
    match basis {
        ResidenceBasis::AccompanyingFamily => td_string!(locale, residence.accompanying_family),
        ResidenceBasis::EuCitizen => td_string!(locale, residence.eu_citizen),
        ResidenceBasis::NordicCitizen => td_string!(locale, residence.nordic_citizen),
        ResidenceBasis::OwnWorkPermit => td_string!(locale, residence.own_work_permit),
        ResidenceBasis::Other => td_string!(locale, residence.other),
    }
}

pub fn assessment_label(locale: Locale, assessment: DegreeAssessment) -> &'static str {
    match assessment {
        DegreeAssessment::Assessed => td_string!(locale, assessment.assessed),
        DegreeAssessment::InProgress => td_string!(locale, assessment.in_progress),
        DegreeAssessment::NotAssessed => td_string!(locale, assessment.not_assessed),
        DegreeAssessment::NotNeeded => td_string!(locale, assessment.not_needed),
    }
}

pub fn heard_label(locale: Locale, heard: HeardFrom) -> &'static str {
    match heard {
        HeardFrom::Partner => td_string!(locale, heard.partner),
        HeardFrom::PartnersEmployer => td_string!(locale, heard.partners_employer),
        HeardFrom::Friend => td_string!(locale, heard.friend),
        HeardFrom::SocialMedia => td_string!(locale, heard.social_media),
        HeardFrom::Event => td_string!(locale, heard.event),
        HeardFrom::Other => td_string!(locale, heard.other),
    }
}

pub fn yes_no(locale: Locale, value: bool) -> &'static str {
    if value {
        td_string!(locale, common.yes)
    } else {
        td_string!(locale, common.no)
    }
}

pub fn cohort_status_label(locale: Locale, status: crate::board::CohortStatus) -> &'static str {
    use crate::board::CohortStatus;
    match status {
        CohortStatus::Planning => td_string!(locale, cohort_status.planning),
        CohortStatus::Matching => td_string!(locale, cohort_status.matching),
        CohortStatus::Running => td_string!(locale, cohort_status.running),
        CohortStatus::Completed => td_string!(locale, cohort_status.completed),
    }
}

pub fn end_reason_label(locale: Locale, reason: crate::course::EndReason) -> &'static str {
    use crate::course::EndReason;
    match reason {
        EndReason::JobFound => td_string!(locale, course.end_job_found),
        EndReason::MovedAway => td_string!(locale, course.end_moved_away),
        EndReason::NotAGoodFit => td_string!(locale, course.end_not_a_good_fit),
        EndReason::NoContact => td_string!(locale, course.end_no_contact),
        EndReason::Personal => td_string!(locale, course.end_personal),
        EndReason::Other => td_string!(locale, course.end_other),
    }
}

pub fn topic_label(locale: Locale, topic: crate::course::Topic) -> &'static str {
    use crate::course::Topic;
    match topic {
        Topic::Cv => td_string!(locale, course.topic_cv),
        Topic::JobSearch => td_string!(locale, course.topic_job_search),
        Topic::Network => td_string!(locale, course.topic_network),
        Topic::Interview => td_string!(locale, course.topic_interview),
        Topic::WorkCulture => td_string!(locale, course.topic_work_culture),
        Topic::Language => td_string!(locale, course.topic_language),
        Topic::Education => td_string!(locale, course.topic_education),
        Topic::OwnBusiness => td_string!(locale, course.topic_own_business),
        Topic::Family => td_string!(locale, course.topic_family),
        Topic::Other => td_string!(locale, course.topic_other),
    }
}

pub fn course_mode_label(locale: Locale, mode: crate::course::Mode) -> &'static str {
    use crate::course::Mode;
    match mode {
        Mode::InPerson => td_string!(locale, course.mode_in_person),
        Mode::Online => td_string!(locale, course.mode_online),
        Mode::Phone => td_string!(locale, course.mode_phone),
    }
}

pub fn introduction_kind_label(
    locale: Locale,
    kind: crate::course::IntroductionKind,
) -> &'static str {
    use crate::course::IntroductionKind;
    match kind {
        IntroductionKind::Coffee => td_string!(locale, course.kind_coffee),
        IntroductionKind::Referral => td_string!(locale, course.kind_referral),
        IntroductionKind::Event => td_string!(locale, course.kind_event),
    }
}

pub fn introduction_outcome_label(
    locale: Locale,
    outcome: crate::course::IntroductionOutcome,
) -> &'static str {
    use crate::course::IntroductionOutcome;
    match outcome {
        IntroductionOutcome::Pending => td_string!(locale, course.outcome_pending),
        IntroductionOutcome::Met => td_string!(locale, course.outcome_met),
        IntroductionOutcome::Interview => td_string!(locale, course.outcome_interview),
        IntroductionOutcome::Job => td_string!(locale, course.outcome_job),
        IntroductionOutcome::Nothing => td_string!(locale, course.outcome_nothing),
    }
}

/// A matching criterion's name.
pub fn criterion_label(locale: Locale, criterion: mentorbro_matching::Criterion) -> &'static str {
    match locale {
        Locale::da => mentorbro_matching::explain::da::criterion(criterion),
        Locale::en => mentorbro_matching::explain::en::criterion(criterion),
    }
}

pub fn intake_label(locale: Locale, intake: Intake) -> &'static str {
    match intake {
        Intake::Open => td_string!(locale, intake.open),
        Intake::Closed => td_string!(locale, intake.closed),
        Intake::Full => td_string!(locale, intake.full),
    }
}

pub fn intake_state_text(locale: Locale, state: IntakeState) -> &'static str {
    match state {
        IntakeState::Open => td_string!(locale, intake.state_open),
        IntakeState::Closed => td_string!(locale, intake.state_closed),
        IntakeState::Full => td_string!(locale, intake.state_full),
        IntakeState::DeadlinePassed => td_string!(locale, intake.state_deadline_passed),
    }
}

pub fn moment_label(locale: Locale, moment: crate::surveys::Moment) -> &'static str {
    use crate::surveys::Moment;
    match moment {
        Moment::FirstMeeting => td_string!(locale, surveys.moment.first_meeting),
        Moment::MidCourse => td_string!(locale, surveys.moment.mid_course),
        Moment::EndOfCourse => td_string!(locale, surveys.moment.end_of_course),
        Moment::FollowUp3m => td_string!(locale, surveys.moment.follow_up_3m),
        Moment::FollowUp6m => td_string!(locale, surveys.moment.follow_up_6m),
    }
}

pub fn audience_label(locale: Locale, audience: crate::surveys::Audience) -> &'static str {
    use crate::surveys::Audience;
    match audience {
        Audience::Mentees => td_string!(locale, surveys.audience.mentees),
        Audience::Mentors => td_string!(locale, surveys.audience.mentors),
        Audience::Both => td_string!(locale, surveys.audience.both),
    }
}

pub fn question_kind_label(locale: Locale, kind: crate::surveys::QuestionKind) -> &'static str {
    use crate::surveys::QuestionKind;
    match kind {
        QuestionKind::Likert => td_string!(locale, surveys.kind.likert),
        QuestionKind::Choice => td_string!(locale, surveys.kind.choice),
        QuestionKind::Text => td_string!(locale, surveys.kind.text),
    }
}

/// The words of a Likert point, 1 (strongly disagree) to 5 (strongly agree).
pub fn likert_label(locale: Locale, point: u8) -> &'static str {
    match point {
        1 => td_string!(locale, surveys.likert.strongly_disagree),
        2 => td_string!(locale, surveys.likert.disagree),
        3 => td_string!(locale, surveys.likert.neutral),
        4 => td_string!(locale, surveys.likert.agree),
        _ => td_string!(locale, surveys.likert.strongly_agree),
    }
}

pub fn outcome_moment_label(locale: Locale, moment: crate::surveys::OutcomeMoment) -> &'static str {
    use crate::surveys::OutcomeMoment;
    match moment {
        OutcomeMoment::Start => td_string!(locale, outcomes.moment.start),
        OutcomeMoment::End => td_string!(locale, outcomes.moment.end),
        OutcomeMoment::FollowUp3m => td_string!(locale, outcomes.moment.follow_up_3m),
        OutcomeMoment::FollowUp6m => td_string!(locale, outcomes.moment.follow_up_6m),
    }
}

pub fn employment_label(locale: Locale, status: crate::surveys::EmploymentStatus) -> &'static str {
    use crate::surveys::EmploymentStatus;
    match status {
        EmploymentStatus::NotWorking => td_string!(locale, outcomes.status.not_working),
        EmploymentStatus::OrdinaryJob => td_string!(locale, outcomes.status.ordinary_job),
        EmploymentStatus::SubsidisedJob => td_string!(locale, outcomes.status.subsidised_job),
        EmploymentStatus::Internship => td_string!(locale, outcomes.status.internship),
        EmploymentStatus::OwnCompany => td_string!(locale, outcomes.status.own_company),
        EmploymentStatus::Education => td_string!(locale, outcomes.status.education),
    }
}

fn month_name(locale: Locale, month: time::Month) -> &'static str {
    use time::Month::*;
    match month {
        January => td_string!(locale, month.january),
        February => td_string!(locale, month.february),
        March => td_string!(locale, month.march),
        April => td_string!(locale, month.april),
        May => td_string!(locale, month.may),
        June => td_string!(locale, month.june),
        July => td_string!(locale, month.july),
        August => td_string!(locale, month.august),
        September => td_string!(locale, month.september),
        October => td_string!(locale, month.october),
        November => td_string!(locale, month.november),
        December => td_string!(locale, month.december),
    }
}

/// A date as the language writes it: "27 November 2026", "27. november 2026".
pub fn format_date(locale: Locale, date: time::Date) -> String {
    let month = month_name(locale, date.month());
    match locale {
        Locale::en => format!("{} {month} {}", date.day(), date.year()),
        Locale::da => format!("{}. {month} {}", date.day(), date.year()),
    }
}

/// A moment (seconds since the epoch, shown in UTC) with date and time of day.
pub fn format_moment(locale: Locale, secs: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(secs) {
        Ok(moment) => format!(
            "{} {:02}:{:02}",
            format_date(locale, moment.date()),
            moment.hour(),
            moment.minute()
        ),
        Err(_) => String::new(),
    }
}

/// A typed `YYYY-MM-DD` date in the language's words, or as typed if it is not a date.
pub fn format_typed_date(locale: Locale, value: &str) -> String {
    crate::portal::profile::parse_date(value)
        .map(|date| format_date(locale, date))
        .unwrap_or_else(|| value.to_owned())
}

/// How the language writes amounts of money.
pub fn money_style(locale: Locale) -> crate::budget::amount::Style {
    match locale {
        Locale::en => crate::budget::amount::Style::English,
        Locale::da => crate::budget::amount::Style::Danish,
    }
}

/// An amount in øre as the language writes it: `DKK 450,000.00` / `450.000,00 kr.`
pub fn money(locale: Locale, ore: i64) -> String {
    crate::budget::amount::format_amount(money_style(locale), ore)
}

pub fn category_label(locale: Locale, category: crate::budget::Category) -> &'static str {
    use crate::budget::Category;
    match category {
        Category::Communication => td_string!(locale, budget.category.communication),
        Category::MentorRecruitment => td_string!(locale, budget.category.mentor_recruitment),
        Category::Matching => td_string!(locale, budget.category.matching),
        Category::Workshops => td_string!(locale, budget.category.workshops),
        Category::Coordination => td_string!(locale, budget.category.coordination),
        Category::Other => td_string!(locale, budget.category.other),
    }
}

pub fn change_action_label(locale: Locale, action: crate::budget::ChangeAction) -> &'static str {
    use crate::budget::ChangeAction;
    match action {
        ChangeAction::Budget => td_string!(locale, budget.change.budget),
        ChangeAction::ExpenseAdded => td_string!(locale, budget.change.expense_added),
        ChangeAction::ExpenseChanged => td_string!(locale, budget.change.expense_changed),
        ChangeAction::ExpenseDeleted => td_string!(locale, budget.change.expense_deleted),
    }
}

/// A whole number with the language's thousands separator: 12,500 / 12.500.
pub fn format_number(locale: Locale, value: u64) -> String {
    let separator = match locale {
        Locale::en => ',',
        Locale::da => '.',
    };
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_and_numbers_follow_the_language() {
        assert_eq!(
            format_date(Locale::en, date!(2026 - 11 - 27)),
            "27 November 2026"
        );
        assert_eq!(
            format_date(Locale::da, date!(2026 - 11 - 27)),
            "27. november 2026"
        );
        assert_eq!(format_number(Locale::en, 450_000), "450,000");
        assert_eq!(format_number(Locale::da, 450_000), "450.000");
        assert_eq!(format_number(Locale::da, 999), "999");
    }

    #[test]
    fn every_problem_has_words_in_both_languages() {
        let problem = Problem::TooLong { max: 120 };
        assert!(problem_text(Locale::en, &problem).contains("120"));
        assert!(problem_text(Locale::da, &problem).contains("120"));
        assert_ne!(
            problem_text(Locale::en, &Problem::Required),
            problem_text(Locale::da, &Problem::Required)
        );
    }
}

#[cfg(test)]
mod locale_files {
    use std::collections::BTreeMap;

    use serde_json::Value;

    /// Every text of a locale file, keyed by its dotted path.
    fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    flatten(&path, value, out);
                }
            }
            Value::String(text) => {
                out.insert(prefix.to_owned(), text.clone());
            }
            other => panic!("{prefix} is not text: {other}"),
        }
    }

    fn load(language: &str) -> BTreeMap<String, String> {
        let path = format!("{}/locales/{language}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("locale file reads");
        let value: Value = serde_json::from_str(&text).expect("locale file is JSON");
        let mut out = BTreeMap::new();
        flatten("", &value, &mut out);
        out
    }

    fn places(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn english_and_danish_have_the_same_keys_texts_and_places() {
        let english = load("en");
        let danish = load("da");
        let only_english: Vec<_> = english
            .keys()
            .filter(|k| !danish.contains_key(*k))
            .collect();
        let only_danish: Vec<_> = danish
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(
            only_english.is_empty(),
            "missing in Danish: {only_english:?}"
        );
        assert!(
            only_danish.is_empty(),
            "missing in English: {only_danish:?}"
        );
        for (key, text) in &english {
            let other = &danish[key];
            assert!(
                !text.trim().is_empty() && !other.trim().is_empty(),
                "{key} is empty"
            );
            assert_eq!(places(text), places(other), "{key} has different places");
        }
    }
}

/// The name of a field a spreadsheet column can fill, as the forms call it.
pub fn import_field_label(locale: Locale, field: crate::import::ImportField) -> &'static str {
    use crate::import::ImportField as F;
    match field {
        F::Name => td_string!(locale, field.full_name),
        F::Email => td_string!(locale, field.email),
        F::Language => td_string!(locale, import.field_language),
        F::Phone => td_string!(locale, profile.phone),
        F::Postcode => td_string!(locale, profile.postcode),
        F::CountryOfOrigin => td_string!(locale, profile.country_of_origin),
        F::ArrivalDate => td_string!(locale, profile.arrival_date),
        F::ResidenceBasis => td_string!(locale, profile.residence_basis),
        F::MayWork => td_string!(locale, import.field_may_work),
        F::PartnerEmployer => td_string!(locale, profile.partner_employer),
        F::DanishLevel => td_string!(locale, profile.danish_level),
        F::EnglishLevel => td_string!(locale, profile.english_level),
        F::EducationLevel => td_string!(locale, profile.education_level),
        F::EducationField => td_string!(locale, profile.education_field),
        F::EducationCountry => td_string!(locale, profile.education_country),
        F::DegreeAssessment => td_string!(locale, import.field_degree_assessment),
        F::YearsExperience => td_string!(locale, profile.years_experience),
        F::Industries => td_string!(locale, profile.industries),
        F::Roles => td_string!(locale, profile.roles),
        F::TargetIndustries => td_string!(locale, profile.target_industries),
        F::TargetRoles => td_string!(locale, profile.target_roles),
        F::Skills => td_string!(locale, profile.skills),
        F::HelpWanted => td_string!(locale, import.field_help_wanted),
        F::MeetingTimes => td_string!(locale, import.field_meeting_times),
        F::MeetingModes => td_string!(locale, import.field_meeting_modes),
        F::MentorGender => td_string!(locale, import.field_mentor_gender),
        F::LinkedinUrl => td_string!(locale, profile.linkedin_url),
        F::Goals => td_string!(locale, import.field_goals),
        F::HeardFrom => td_string!(locale, import.field_heard_from),
        F::Partner => td_string!(locale, import.field_partner),
        F::Company => td_string!(locale, profile.company),
        F::Role => td_string!(locale, import.field_role),
        F::Industry => td_string!(locale, profile.industry),
        F::Offers => td_string!(locale, import.field_offers),
        F::Capacity => td_string!(locale, import.field_capacity),
        F::Gender => td_string!(locale, profile.gender),
        F::Preferences => td_string!(locale, profile.preferences),
        F::Motivation => td_string!(locale, import.field_motivation),
    }
}
