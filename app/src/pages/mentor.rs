//! The mentor's profile: one form, saved whole.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use mentorbro_matching::Help;

use crate::accounts::Role;
use crate::bind;
use crate::components::form::{Checkboxes, Choice, FormError, FormErrors, TextInput};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::components::portal::{ConsentBox, OtherLanguages};
use crate::error::{FieldProblem, Problem};
use crate::i18n::use_i18n;
use crate::portal::profile::*;
use crate::portal::{
    Answers, Application, MentorProfile, SaveMentorProfile, Status, my_application,
};
use crate::privacy::CURRENT_CONSENT;
use crate::text::*;

#[component]
pub fn MentorPage() -> impl IntoView {
    let i18n = use_i18n();
    let application = Resource::new(|| (), |_| my_application());
    view! {
        <Title text=move || t_string!(i18n, mentor.title) />
        <RoleGate roles=&[Role::Mentor]>
            <LoadProfile application />
        </RoleGate>
    }
}

#[component]
fn LoadProfile(
    application: Resource<Result<Option<crate::portal::Application>, crate::error::AppError>>,
) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                application
                    .get()
                    .map(|result| match result {
                        Ok(application) => view! { <MentorForm application /> }.into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

const FIELDS: &[&str] = &[
    "phone",
    "company",
    "role",
    "industry",
    "years_experience",
    "education_level",
    "education_field",
    "danish_level",
    "english_level",
    "other_languages",
    "offers",
    "capacity",
    "meeting_times",
    "meeting_modes",
    "postcode",
    "gender",
    "linkedin_url",
    "preferences",
    "motivation",
    "consent",
];

#[component]
fn MentorForm(application: Option<Application>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let (initial, status) = match &application {
        Some(Application {
            answers: Answers::Mentor(answers),
            status,
            ..
        }) => (answers.clone(), *status),
        _ => (
            MentorProfile {
                capacity: "1".into(),
                ..Default::default()
            },
            Status::Draft,
        ),
    };
    let submitted = status != Status::Draft;
    let draft = RwSignal::new(initial);
    let agreed = RwSignal::new(false);
    let errors = FormErrors::new(move || {
        let mut problems = draft.with(|d| d.problems(today()));
        if !submitted && !agreed.get() {
            problems.push(FieldProblem {
                field: "consent".into(),
                problem: Problem::Consent,
            });
        }
        problems
    });
    let save = ServerAction::<SaveMentorProfile>::new();
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => navigate("/profile", Default::default()),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            save.dispatch(SaveMentorProfile {
                answers: draft.get_untracked(),
                consent_version: if agreed.get_untracked() || submitted {
                    CURRENT_CONSENT
                } else {
                    0
                },
            });
        }
    };
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, mentor.title)}</h1>
            <p>{move || t_string!(i18n, mentor.intro)}</p>
            <p class="muted">{move || t_string!(i18n, apply.required_note)}</p>
            <form novalidate on:submit=on_submit>
                <h2>{move || t_string!(i18n, mentor.work)}</h2>
                <TextInput name="company" label=move || t_string!(i18n, profile.company) autocomplete="organization" bind=bind!(draft.company) errors required=true />
                <TextInput name="role" label=move || t_string!(i18n, profile.role) autocomplete="organization-title" bind=bind!(draft.role) errors required=true />
                <TextInput name="industry" label=move || t_string!(i18n, profile.industry) bind=bind!(draft.industry) errors required=true />
                <TextInput name="years_experience" label=move || t_string!(i18n, profile.years_experience) kind="number" bind=bind!(draft.years_experience) errors required=true />
                <Choice name="education_level" label=move || t_string!(i18n, profile.education_level) bind=bind!(draft.education_level) options=EDUCATION_LEVELS.to_vec() label_of=education_label errors />
                <TextInput name="education_field" label=move || t_string!(i18n, profile.education_field) bind=bind!(draft.education_field) errors />
                <TextInput name="linkedin_url" label=move || t_string!(i18n, profile.linkedin_url) kind="url" bind=bind!(draft.linkedin_url) errors hint=move || t_string!(i18n, profile.linkedin_hint) />
                <h2>{move || t_string!(i18n, mentor.languages)}</h2>
                <Choice name="danish_level" label=move || t_string!(i18n, profile.danish_level) bind=bind!(draft.danish_level) options=LANGUAGE_LEVELS.to_vec() label_of=level_label errors required=true />
                <Choice name="english_level" label=move || t_string!(i18n, profile.english_level) bind=bind!(draft.english_level) options=LANGUAGE_LEVELS.to_vec() label_of=level_label errors required=true />
                <OtherLanguages bind=bind!(draft.other_languages) errors />
                <h2>{move || t_string!(i18n, mentor.offer)}</h2>
                <Checkboxes name="offers" label=move || t_string!(i18n, profile.offers) bind=bind!(draft.offers) options=Help::ALL.to_vec() label_of=help_label errors required=true />
                <TextInput name="capacity" label=move || t_string!(i18n, profile.capacity) kind="number" bind=bind!(draft.capacity) errors required=true hint=move || t_string!(i18n, profile.capacity_hint) />
                <Checkboxes name="meeting_times" label=move || t_string!(i18n, profile.meeting_times) bind=bind!(draft.meeting_times) options=MEETING_TIMES.to_vec() label_of=time_label errors required=true />
                <Checkboxes name="meeting_modes" label=move || t_string!(i18n, profile.meeting_modes) bind=bind!(draft.meeting_modes) options=MEETING_MODES.to_vec() label_of=mode_label errors required=true />
                <TextInput name="postcode" label=move || t_string!(i18n, profile.postcode) autocomplete="postal-code" bind=bind!(draft.postcode) errors required=true hint=move || t_string!(i18n, profile.work_postcode_hint) />
                <Choice name="gender" label=move || t_string!(i18n, profile.gender) bind=bind!(draft.gender) options=GENDERS.to_vec() label_of=gender_label errors hint=move || t_string!(i18n, profile.gender_hint) />
                <TextInput name="phone" label=move || t_string!(i18n, profile.phone) kind="tel" autocomplete="tel" bind=bind!(draft.phone) errors hint=move || t_string!(i18n, profile.phone_hint) />
                <TextInput name="preferences" label=move || t_string!(i18n, profile.preferences) bind=bind!(draft.preferences) errors multiline=true hint=move || t_string!(i18n, profile.preferences_hint) />
                <TextInput name="motivation" label=move || t_string!(i18n, profile.motivation) bind=bind!(draft.motivation) errors required=true multiline=true />
                <Show when=move || !submitted>
                    <ConsentBox agreed errors />
                </Show>
                <FormError error=errors.server fields=FIELDS />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        {move || if submitted { t_string!(i18n, apply.save) } else { t_string!(i18n, mentor.submit) }}
                    </button>
                </div>
            </form>
        </section>
    }
}
