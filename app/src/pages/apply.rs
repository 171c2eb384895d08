//! The mentee application: four steps, each saved as a draft when the person
//! continues, so they can stop and come back.

use leptos::html;
use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use mentorbro_matching::Help;

use crate::accounts::Role;
use crate::bind;
use crate::components::auth::use_auth;
use crate::components::form::{Checkboxes, Choice, FormError, FormErrors, TextInput, YesNo};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::components::portal::{ConsentBox, CvUpload, OtherLanguages};
use crate::error::{FieldProblem, Problem};
use crate::i18n::use_i18n;
use crate::portal::profile::*;
use crate::portal::{
    Application, MenteeProfile, PartnerChoice, SaveMenteeDraft, Status, SubmitMenteeApplication,
    my_application, partner_choices,
};
use crate::privacy::CURRENT_CONSENT;
use crate::text::*;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let application = Resource::new(|| (), |_| my_application());
    let partners = Resource::new(|| (), |_| partner_choices());
    view! {
        <Title text=move || t_string!(i18n, apply.title) />
        <RoleGate roles=&[Role::Mentee]>
            <LoadApplication application partners />
        </RoleGate>
    }
}

#[component]
fn LoadApplication(
    application: Resource<Result<Option<crate::portal::Application>, crate::error::AppError>>,
    partners: Resource<Result<Vec<PartnerChoice>, crate::error::AppError>>,
) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                let application = application.get()?;
                let partners = partners.get()?;
                Some(match (application, partners) {
                    (Ok(application), Ok(partners)) => view! { <Wizard application partners /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorAlert error /> }.into_any(),
                })
            }}
        </Transition>
    }
}

fn step_title(locale: crate::i18n::Locale, step: u8) -> &'static str {
    use leptos_i18n::td_string;
    match step {
        1 => td_string!(locale, apply.step_about),
        2 => td_string!(locale, apply.step_languages),
        3 => td_string!(locale, apply.step_work),
        _ => td_string!(locale, apply.step_finish),
    }
}

#[component]
fn Wizard(application: Option<Application>, partners: Vec<PartnerChoice>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let account = auth.current().map(|account| account.id).unwrap_or_default();
    let (initial, status, cv) = match &application {
        Some(application) => (
            match &application.answers {
                crate::portal::Answers::Mentee(answers) => answers.clone(),
                crate::portal::Answers::Mentor(_) => MenteeProfile::default(),
            },
            application.status,
            application.cv.clone(),
        ),
        None => (MenteeProfile::default(), Status::Draft, None),
    };
    let first_step = application
        .as_ref()
        .map_or(1, |a| a.step.clamp(1, MENTEE_STEPS));
    let draft = RwSignal::new(initial);
    let step = RwSignal::new(if status == Status::Draft {
        first_step
    } else {
        1
    });
    let agreed = RwSignal::new(false);
    let submitted = status != Status::Draft;
    let errors = FormErrors::new(move || {
        let mut problems = draft.with(|d| d.problems_in_step(step.get(), today()));
        if step.get() == MENTEE_STEPS && !submitted && !agreed.get() {
            problems.push(FieldProblem {
                field: "consent".into(),
                problem: Problem::Consent,
            });
        }
        problems
    });
    let heading = NodeRef::<html::H2>::new();
    let save = ServerAction::<SaveMenteeDraft>::new();
    let submit = ServerAction::<SubmitMenteeApplication>::new();

    let go_to = move |next: u8| {
        step.set(next);
        errors.attempted.set(false);
        errors.server.set(None);
        if let Some(heading) = heading.get_untracked() {
            let _ = heading.focus();
        }
    };
    // A saved step moves on; a refused one shows the server's reasons.
    Effect::new(move || match save.value().get() {
        Some(Ok(saved)) => go_to(if submitted {
            step.get_untracked()
        } else {
            saved.step
        }),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    Effect::new(move || match submit.value().get() {
        Some(Ok(_)) => navigate("/profile", Default::default()),
        Some(Err(error)) => {
            if let Some(field) = error.field() {
                let owner = MenteeProfile::step_of(field);
                if owner != step.get_untracked() && !field.is_empty() {
                    step.set(owner);
                }
            }
            errors.server.set(Some(error));
        }
        None => {}
    });
    let on_continue = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if !errors.ready() {
            return;
        }
        let answers = draft.get_untracked();
        if step.get_untracked() == MENTEE_STEPS {
            submit.dispatch(SubmitMenteeApplication {
                answers,
                consent_version: if agreed.get_untracked() || submitted {
                    CURRENT_CONSENT
                } else {
                    0
                },
            });
        } else {
            save.dispatch(SaveMenteeDraft {
                answers,
                step: step.get_untracked(),
            });
        }
    };
    let pending = move || save.pending().get() || submit.pending().get();
    let partners = StoredValue::new(partners);

    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, apply.title)}</h1>
            <ol class="steps" aria-label=move || t_string!(i18n, apply.progress)>
                {(1..=MENTEE_STEPS)
                    .map(|n| {
                        view! {
                            <li
                                class="steps__item"
                                class:steps__item--current=move || step.get() == n
                                aria-current=move || (step.get() == n).then_some("step")
                            >
                                {move || step_title(i18n.get_locale(), n)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <h2 node_ref=heading tabindex="-1" class="step-heading">
                {move || crate::text::fill(t_string!(i18n, apply.step_of), &[("step", (step.get()).to_string()), ("total", (MENTEE_STEPS).to_string())])} ": "
                {move || step_title(i18n.get_locale(), step.get())}
            </h2>
            <p class="muted">{move || t_string!(i18n, apply.required_note)}</p>
            <form novalidate on:submit=on_continue>
                <Show when=move || step.get() == 1>
                    <TextInput name="phone" label=move || t_string!(i18n, profile.phone) kind="tel" autocomplete="tel" bind=bind!(draft.phone) errors hint=move || t_string!(i18n, profile.phone_hint) />
                    <TextInput name="postcode" label=move || t_string!(i18n, profile.postcode) autocomplete="postal-code" bind=bind!(draft.postcode) errors required=true />
                    <TextInput name="country_of_origin" label=move || t_string!(i18n, profile.country_of_origin) autocomplete="country-name" bind=bind!(draft.country_of_origin) errors required=true />
                    <TextInput name="arrival_date" label=move || t_string!(i18n, profile.arrival_date) kind="date" bind=bind!(draft.arrival_date) errors required=true />
                    <Choice name="residence_basis" label=move || t_string!(i18n, profile.residence_basis) bind=bind!(draft.residence_basis) options=ResidenceBasis::ALL.to_vec() label_of=residence_label errors required=true />
                    <YesNo name="may_work" label=move || t_string!(i18n, profile.may_work) bind=bind!(draft.may_work) errors />
                    <TextInput name="partner_employer" label=move || t_string!(i18n, profile.partner_employer) bind=bind!(draft.partner_employer) errors hint=move || t_string!(i18n, profile.partner_employer_hint) />
                </Show>
                <Show when=move || step.get() == 2>
                    <Choice name="danish_level" label=move || t_string!(i18n, profile.danish_level) bind=bind!(draft.danish_level) options=LANGUAGE_LEVELS.to_vec() label_of=level_label errors required=true hint=move || t_string!(i18n, profile.danish_level_hint) />
                    <Choice name="english_level" label=move || t_string!(i18n, profile.english_level) bind=bind!(draft.english_level) options=LANGUAGE_LEVELS.to_vec() label_of=level_label errors required=true />
                    <OtherLanguages bind=bind!(draft.other_languages) errors />
                    <Choice name="education_level" label=move || t_string!(i18n, profile.education_level) bind=bind!(draft.education_level) options=EDUCATION_LEVELS.to_vec() label_of=education_label errors required=true />
                    <TextInput name="education_field" label=move || t_string!(i18n, profile.education_field) bind=bind!(draft.education_field) errors />
                    <TextInput name="education_country" label=move || t_string!(i18n, profile.education_country) bind=bind!(draft.education_country) errors />
                    <Choice name="degree_assessment" label=move || t_string!(i18n, profile.degree_assessment) bind=bind!(draft.degree_assessment) options=DegreeAssessment::ALL.to_vec() label_of=assessment_label errors hint=move || t_string!(i18n, profile.degree_assessment_hint) />
                </Show>
                <Show when=move || step.get() == 3>
                    <TextInput name="years_experience" label=move || t_string!(i18n, profile.years_experience) kind="number" bind=bind!(draft.years_experience) errors required=true />
                    <TextInput name="industries" label=move || t_string!(i18n, profile.industries) bind=bind!(draft.industries) errors hint=move || t_string!(i18n, profile.list_hint) />
                    <TextInput name="roles" label=move || t_string!(i18n, profile.roles) bind=bind!(draft.roles) errors hint=move || t_string!(i18n, profile.list_hint) />
                    <TextInput name="target_industries" label=move || t_string!(i18n, profile.target_industries) bind=bind!(draft.target_industries) errors required=true hint=move || t_string!(i18n, profile.list_hint) />
                    <TextInput name="target_roles" label=move || t_string!(i18n, profile.target_roles) bind=bind!(draft.target_roles) errors hint=move || t_string!(i18n, profile.list_hint) />
                    <TextInput name="skills" label=move || t_string!(i18n, profile.skills) bind=bind!(draft.skills) errors multiline=true />
                    <Checkboxes name="help_wanted" label=move || t_string!(i18n, profile.help_wanted) bind=bind!(draft.help_wanted) options=Help::ALL.to_vec() label_of=help_label errors required=true />
                    <Checkboxes name="meeting_times" label=move || t_string!(i18n, profile.meeting_times) bind=bind!(draft.meeting_times) options=MEETING_TIMES.to_vec() label_of=time_label errors required=true />
                    <Checkboxes name="meeting_modes" label=move || t_string!(i18n, profile.meeting_modes) bind=bind!(draft.meeting_modes) options=MEETING_MODES.to_vec() label_of=mode_label errors required=true />
                    <Choice name="mentor_gender" label=move || t_string!(i18n, profile.mentor_gender) bind=bind!(draft.mentor_gender) options=GENDERS.to_vec() label_of=gender_label errors hint=move || t_string!(i18n, profile.mentor_gender_hint) />
                    <TextInput name="linkedin_url" label=move || t_string!(i18n, profile.linkedin_url) kind="url" bind=bind!(draft.linkedin_url) errors hint=move || t_string!(i18n, profile.linkedin_hint) />
                    <TextInput name="goals" label=move || t_string!(i18n, profile.goals) bind=bind!(draft.goals) errors required=true multiline=true hint=move || t_string!(i18n, profile.goals_hint) />
                </Show>
                <Show when=move || step.get() == MENTEE_STEPS>
                    <CvUpload account=account.clone() current=cv.clone() />
                    <Choice name="heard_from" label=move || t_string!(i18n, profile.heard_from) bind=bind!(draft.heard_from) options=HeardFrom::ALL.to_vec() label_of=heard_label errors required=true />
                    <Show when=move || draft.with(|d| d.heard_from == Some(HeardFrom::Partner))>
                        <PartnerSelect draft partners errors />
                    </Show>
                    <Show when=move || !submitted>
                        <ConsentBox agreed errors />
                    </Show>
                </Show>
                <FormError error=errors.server fields=FIELDS />
                <div class="actions">
                    <Show when=move || { step.get() > 1 }>
                        <button type="button" class="button button--secondary" on:click=move |_| go_to(step.get_untracked() - 1)>
                            {move || t_string!(i18n, apply.back)}
                        </button>
                    </Show>
                    <button type="submit" class="button" disabled=pending>
                        {move || {
                            match (step.get() == MENTEE_STEPS, submitted) {
                                (true, false) => t_string!(i18n, apply.submit),
                                (true, true) | (false, true) => t_string!(i18n, apply.save),
                                (false, false) => t_string!(i18n, apply.save_continue),
                            }
                        }}
                    </button>
                </div>
                <Show when=move || matches!(save.value().get(), Some(Ok(_)))>
                    <p class="muted" role="status">{move || t_string!(i18n, apply.saved)}</p>
                </Show>
            </form>
        </section>
    }
}

/// Every field the wizard shows; errors for other fields appear above the buttons.
const FIELDS: &[&str] = &[
    "phone",
    "postcode",
    "country_of_origin",
    "arrival_date",
    "residence_basis",
    "may_work",
    "partner_employer",
    "danish_level",
    "english_level",
    "other_languages",
    "education_level",
    "education_field",
    "education_country",
    "degree_assessment",
    "years_experience",
    "industries",
    "roles",
    "target_industries",
    "target_roles",
    "skills",
    "help_wanted",
    "meeting_times",
    "meeting_modes",
    "mentor_gender",
    "linkedin_url",
    "goals",
    "heard_from",
    "partner",
    "consent",
];

#[component]
fn PartnerSelect(
    draft: RwSignal<MenteeProfile>,
    partners: StoredValue<Vec<PartnerChoice>>,
    errors: FormErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = Signal::derive(move || {
        let chosen = draft.with(|d| d.partner.clone());
        partners
            .with_value(|all| chosen.and_then(|id| all.iter().position(|partner| partner.id == id)))
    });
    let set = Callback::new(move |index: Option<usize>| {
        let id = index.and_then(|i| partners.with_value(|all| all.get(i).map(|p| p.id.clone())));
        draft.update(|d| d.partner = id);
    });
    view! {
        <div class="field" class:field--invalid=move || errors.problem("partner").is_some()>
            <label for="field-partner">{move || t_string!(i18n, profile.partner)}<span class="required" aria-hidden="true">" *"</span></label>
            <select
                id="field-partner"
                name="partner"
                aria-required="true"
                aria-invalid=move || errors.problem("partner").is_some().then_some("true")
                aria-describedby=move || errors.problem("partner").is_some().then_some("field-partner-error")
                prop:value=move || value.get().map_or_else(String::new, |i| i.to_string())
                on:change:target=move |ev| {
                    set.run(ev.target().value().parse::<usize>().ok());
                    errors.touch("partner");
                }
            >
                <option value="">{move || t_string!(i18n, common.choose)}</option>
                {(0..partners.with_value(Vec::len))
                    .map(|i| {
                        let name = partners.with_value(|all| all.get(i).map(|p| p.name.clone()).unwrap_or_default());
                        view! { <option value=i.to_string()>{name}</option> }
                    })
                    .collect_view()}
            </select>
            {move || {
                errors
                    .problem("partner")
                    .map(|problem| view! { <p class="field__error" id="field-partner-error">{problem_text(i18n.get_locale(), &problem)}</p> })
            }}
        </div>
    }
}
