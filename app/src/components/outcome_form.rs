//! The employment questions of part 5, shared by the follow-up survey (the
//! mentee about themselves) and the coordinator's outcomes page.

use leptos::prelude::*;
use leptos_i18n::t_string;

use crate::bind;
use crate::components::form::{Choice, FormErrors, TextInput, YesNo};
use crate::i18n::use_i18n;
use crate::surveys::{EmploymentStatus, OutcomeForm, OutcomeMoment, OutcomeRecord};
use crate::text::{employment_label, fill, format_moment, format_typed_date, outcome_moment_label};

/// Every field the outcome form may show, for error placement.
pub const OUTCOME_FIELDS: &[&str] = &[
    "moment",
    "status",
    "hours",
    "matches_education",
    "industry",
    "found_on",
    "in_aarhus",
    "note",
];

/// The outcome fields; `own` words them for the mentee, `with_moment` lets a
/// coordinator choose the moment (a survey gives its own).
#[component]
pub fn OutcomeFields(
    draft: RwSignal<OutcomeForm>,
    errors: FormErrors,
    #[prop(optional)] own: bool,
    #[prop(optional)] with_moment: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let working = move || draft.with(|d| d.status.is_some_and(EmploymentStatus::is_work));
    view! {
        {with_moment.then(|| view! {
            <Choice
                name="moment"
                label=move || t_string!(i18n, outcomes.field_moment)
                bind=bind!(draft.moment)
                options=OutcomeMoment::ALL.to_vec()
                label_of=outcome_moment_label
                errors
                required=true
            />
        })}
        <Choice
            name="status"
            label=move || if own { t_string!(i18n, outcomes.field_status_mine) } else { t_string!(i18n, outcomes.field_status) }
            bind=bind!(draft.status)
            options=EmploymentStatus::ALL.to_vec()
            label_of=employment_label
            errors
            required=true
        />
        <Show when=working>
            <TextInput name="hours" kind="number" label=move || t_string!(i18n, outcomes.field_hours) bind=bind!(draft.hours) errors required=true />
            <YesNo
                name="matches_education"
                label=move || if own { t_string!(i18n, outcomes.field_matches_education_mine) } else { t_string!(i18n, outcomes.field_matches_education) }
                bind=bind!(draft.matches_education)
                errors
            />
            <TextInput name="industry" label=move || t_string!(i18n, outcomes.field_industry) bind=bind!(draft.industry) errors required=true hint=move || t_string!(i18n, outcomes.industry_hint) />
            <TextInput name="found_on" kind="date" label=move || t_string!(i18n, outcomes.field_found_on) bind=bind!(draft.found_on) errors required=true />
        </Show>
        <YesNo
            name="in_aarhus"
            label=move || if own { t_string!(i18n, outcomes.field_in_aarhus_mine) } else { t_string!(i18n, outcomes.field_in_aarhus) }
            bind=bind!(draft.in_aarhus)
            errors
        />
        {(!own).then(|| view! {
            <TextInput name="note" label=move || t_string!(i18n, outcomes.field_note) bind=bind!(draft.note) errors multiline=true />
        })}
    }
}

/// One outcome record in words: status, hours, industry, fit and residence.
pub fn outcome_summary(locale: crate::i18n::Locale, record: &OutcomeRecord) -> String {
    use leptos_i18n::td_string;
    let values = &record.values;
    let mut parts = vec![employment_label(locale, values.status).to_owned()];
    if let Some(hours) = values.hours {
        parts.push(fill(
            td_string!(locale, outcomes.hours_value),
            &[("hours", hours.to_string())],
        ));
    }
    if !values.industry.is_empty() {
        parts.push(values.industry.clone());
    }
    if let Some(matches) = values.matches_education {
        parts.push(if matches {
            td_string!(locale, outcomes.matches_yes).to_owned()
        } else {
            td_string!(locale, outcomes.matches_no).to_owned()
        });
    }
    if let Some(found_on) = &values.found_on {
        parts.push(fill(
            td_string!(locale, outcomes.found_value),
            &[("date", format_typed_date(locale, found_on))],
        ));
    }
    parts.push(if values.in_aarhus {
        td_string!(locale, outcomes.in_aarhus_yes).to_owned()
    } else {
        td_string!(locale, outcomes.in_aarhus_no).to_owned()
    });
    parts.join(" · ")
}

/// Who recorded an outcome and when.
pub fn recorded_line(locale: crate::i18n::Locale, record: &OutcomeRecord) -> String {
    use leptos_i18n::td_string;
    let who = match record.source {
        crate::surveys::OutcomeSource::Survey => td_string!(locale, outcomes.by_survey).to_owned(),
        crate::surveys::OutcomeSource::Coordinator => record.recorded_by_name.clone(),
    };
    fill(
        td_string!(locale, outcomes.recorded),
        &[
            ("when", format_moment(locale, record.recorded_at / 1000)),
            ("who", who),
        ],
    )
}
