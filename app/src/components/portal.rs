//! Pieces the mentee and mentor forms share: other languages, the CV upload,
//! the consent box, and a read-only view of answers.

use leptos::prelude::*;
use leptos_i18n::t_string;
use mentorbro_matching::LanguageSkill;

use super::form::{Bound, FormErrors};
use crate::error::AppError;
#[cfg(feature = "hydrate")]
use crate::error::Problem;
use crate::i18n::use_i18n;
use crate::portal::profile::{LANGUAGE_LEVELS, MAX_LANGUAGES};
use crate::portal::{Answers, CvInfo};
use crate::privacy::{CURRENT_CONSENT, consent_text};
use crate::text::*;

/// Languages other than Danish and English, one row each.
#[component]
pub fn OtherLanguages(bind: Bound<Vec<LanguageSkill>>, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let (value, set) = bind;
    let count = move || value.with(Vec::len);
    let message = Signal::derive(move || {
        errors
            .problem("other_languages")
            .map(|problem| problem_text(i18n.get_locale(), &problem))
    });
    let update = move |index: usize, change: &dyn Fn(&mut LanguageSkill)| {
        let mut all = value.get_untracked();
        if let Some(skill) = all.get_mut(index) {
            change(skill);
        }
        set.run(all);
    };
    view! {
        <fieldset class="field languages" class:field--invalid=move || message.with(Option::is_some)>
            <legend>{move || t_string!(i18n, profile.other_languages)}</legend>
            <For each=move || 0..count() key=|index| *index let:index>
                <div class="languages__row">
                    <div class="field">
                        <label for=format!("language-{index}-name")>{move || crate::text::fill(t_string!(i18n, profile.language_name), &[("n", (index + 1).to_string())])}</label>
                        <input
                            id=format!("language-{index}-name")
                            type="text"
                            prop:value=move || value.with(|all| all.get(index).map(|s| s.language.clone()).unwrap_or_default())
                            on:input:target=move |ev| {
                                let text = ev.target().value();
                                update(index, &|skill| skill.language = text.clone());
                            }
                            on:focus=move |_| errors.settle()
                            on:blur=move |_| errors.leave("other_languages")
                        />
                    </div>
                    <div class="field">
                        <label for=format!("language-{index}-level")>{move || crate::text::fill(t_string!(i18n, profile.language_level), &[("n", (index + 1).to_string())])}</label>
                        <select
                            id=format!("language-{index}-level")
                            prop:value=move || {
                                value
                                    .with(|all| all.get(index).map(|s| s.level))
                                    .and_then(|level| LANGUAGE_LEVELS.iter().position(|l| *l == level))
                                    .unwrap_or(0)
                                    .to_string()
                            }
                            on:change:target=move |ev| {
                                if let Some(level) = ev.target().value().parse::<usize>().ok().and_then(|i| LANGUAGE_LEVELS.get(i).copied()) {
                                    update(index, &|skill| skill.level = level);
                                }
                            }
                        >
                            {LANGUAGE_LEVELS
                                .iter()
                                .enumerate()
                                .map(|(i, level)| {
                                    let level = *level;
                                    view! { <option value=i.to_string()>{move || level_label(i18n.get_locale(), level)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| {
                            let mut all = value.get_untracked();
                            if index < all.len() {
                                all.remove(index);
                            }
                            set.run(all);
                        }
                    >
                        {move || crate::text::fill(t_string!(i18n, profile.remove_language), &[("n", (index + 1).to_string())])}
                    </button>
                </div>
            </For>
            <Show when=move || { count() < MAX_LANGUAGES }>
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| {
                        let mut all = value.get_untracked();
                        all.push(LanguageSkill::new("", mentorbro_matching::LanguageLevel::Conversational));
                        set.run(all);
                    }
                >
                    {move || t_string!(i18n, profile.add_language)}
                </button>
            </Show>
            {move || message.get().map(|text| view! { <p class="field__error" id="field-other_languages-error">{text}</p> })}
        </fieldset>
    }
}

/// Sends a file to the CV endpoint and reads the answer.
#[cfg(feature = "hydrate")]
async fn send_cv(file: web_sys::File) -> Result<CvInfo, AppError> {
    let form = web_sys::FormData::new().map_err(|_| AppError::Transport("form".into()))?;
    form.append_with_blob_and_filename("cv", &file, &file.name())
        .map_err(|_| AppError::Transport("form".into()))?;
    let response = gloo_net::http::Request::post(crate::portal::CV_PATH)
        .body(form)
        .map_err(|error| AppError::Transport(error.to_string()))?
        .send()
        .await
        .map_err(|error| AppError::Transport(error.to_string()))?;
    if response.ok() {
        response
            .json::<CvInfo>()
            .await
            .map_err(|error| AppError::Transport(error.to_string()))
    } else {
        Err(response
            .json::<AppError>()
            .await
            .unwrap_or(AppError::Internal))
    }
}

/// Upload of a CV as a PDF; shows what is stored and lets the owner download it.
#[component]
pub fn CvUpload(account: String, current: Option<CvInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let stored = RwSignal::new(current);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let max_mb = crate::portal::MAX_CV_MB;
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            if file.size() > (max_mb * 1024 * 1024) as f64 {
                error.set(Some(AppError::invalid(
                    "cv",
                    Problem::FileTooLarge { max_mb },
                )));
                return;
            }
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                match send_cv(file).await {
                    Ok(info) => stored.set(Some(info)),
                    Err(failure) => error.set(Some(failure)),
                }
                busy.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, busy, max_mb);
    };
    let message = move || {
        error.get().map(|error| {
            let text = match &error {
                AppError::Invalid(_) => error
                    .problem_for("cv")
                    .map(|problem| problem_text(i18n.get_locale(), problem))
                    .unwrap_or_else(|| error_text(i18n.get_locale(), &error)),
                other => error_text(i18n.get_locale(), other),
            };
            view! { <p class="field__error" id="field-cv-error" role="alert">{text}</p> }
        })
    };
    let href = format!("{}/{account}", crate::portal::CV_PATH);
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label for="field-cv">{move || t_string!(i18n, profile.cv)}</label>
            <p class="field__hint" id="field-cv-hint">{move || crate::text::fill(t_string!(i18n, profile.cv_hint), &[("max", (max_mb).to_string())])}</p>
            <input
                id="field-cv"
                type="file"
                accept="application/pdf,.pdf"
                aria-describedby=move || if error.with(Option::is_some) { "field-cv-hint field-cv-error" } else { "field-cv-hint" }
                on:change=on_change
            />
            <Show when=move || busy.get()>
                <p class="muted" role="status">{move || t_string!(i18n, profile.cv_uploading)}</p>
            </Show>
            {message}
            {move || {
                let href = href.clone();
                stored
                    .get()
                    .map(|cv| {
                        view! {
                            <p class="alert alert--success" role="status">
                                {move || t_string!(i18n, profile.cv_stored)} " "
                                <a href=href.clone() download=cv.file_name.clone()>{cv.file_name.clone()}</a>
                                {move || format!(" ({} KB)", format_number(i18n.get_locale(), cv.size_bytes.div_ceil(1024)))}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The consent text of the current version, and the box that agrees to it.
#[component]
pub fn ConsentBox(agreed: RwSignal<bool>, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let text = consent_text(CURRENT_CONSENT);
    let message = Signal::derive(move || {
        errors
            .problem("consent")
            .map(|problem| problem_text(i18n.get_locale(), &problem))
    });
    view! {
        <div class="field consent" class:field--invalid=move || message.with(Option::is_some)>
            <h3>{move || t_string!(i18n, consent.title)}</h3>
            <div class="consent__text" id="consent-text" role="region" tabindex="0" aria-label=move || t_string!(i18n, consent.title)>
                {move || {
                    text.map(|text| {
                        text.paragraphs(i18n.get_locale())
                            .iter()
                            .map(|paragraph| view! { <p>{*paragraph}</p> })
                            .collect_view()
                    })
                }}
            </div>
            <label class="choice__option" for="field-consent">
                <input
                    type="checkbox"
                    id="field-consent"
                    aria-describedby=move || if message.with(Option::is_some) { "consent-text field-consent-error" } else { "consent-text" }
                    prop:checked=move || agreed.get()
                    on:change:target=move |ev| {
                        agreed.set(ev.target().checked());
                        errors.touch("consent");
                    }
                />
                {move || crate::text::fill(t_string!(i18n, consent.agree), &[("version", (CURRENT_CONSENT).to_string())])}
            </label>
            {move || message.get().map(|text| view! { <p class="field__error" id="field-consent-error">{text}</p> })}
        </div>
    }
}

/// The answers of an application as a definition list.
#[component]
pub fn AnswersView(answers: Answers) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        let mut rows: Vec<(String, String)> = Vec::new();
        let mut row = |label: &str, value: String| {
            if !value.trim().is_empty() {
                rows.push((label.to_owned(), value));
            }
        };
        let join = |labels: Vec<&str>| labels.join(", ");
        let languages = |others: &[LanguageSkill]| {
            others
                .iter()
                .map(|skill| format!("{} ({})", skill.language, level_label(locale, skill.level)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match &answers {
            Answers::Mentee(a) => {
                row(t_string!(i18n, profile.phone), a.phone.clone());
                row(t_string!(i18n, profile.postcode), a.postcode.clone());
                row(
                    t_string!(i18n, profile.country_of_origin),
                    a.country_of_origin.clone(),
                );
                row(
                    t_string!(i18n, profile.arrival_date),
                    format_typed_date(locale, &a.arrival_date),
                );
                row(
                    t_string!(i18n, profile.residence_basis),
                    a.residence_basis
                        .map(|b| residence_label(locale, b).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.may_work),
                    a.may_work
                        .map(|w| yes_no(locale, w).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.partner_employer),
                    a.partner_employer.clone(),
                );
                row(
                    t_string!(i18n, profile.danish_level),
                    a.danish_level
                        .map(|l| level_label(locale, l).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.english_level),
                    a.english_level
                        .map(|l| level_label(locale, l).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.other_languages),
                    languages(&a.other_languages),
                );
                row(
                    t_string!(i18n, profile.education_level),
                    a.education_level
                        .map(|l| education_label(locale, l).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.education_field),
                    a.education_field.clone(),
                );
                row(
                    t_string!(i18n, profile.education_country),
                    a.education_country.clone(),
                );
                row(
                    t_string!(i18n, profile.degree_assessment),
                    a.degree_assessment
                        .map(|d| assessment_label(locale, d).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.years_experience),
                    a.years_experience.clone(),
                );
                row(t_string!(i18n, profile.industries), a.industries.clone());
                row(t_string!(i18n, profile.roles), a.roles.clone());
                row(
                    t_string!(i18n, profile.target_industries),
                    a.target_industries.clone(),
                );
                row(
                    t_string!(i18n, profile.target_roles),
                    a.target_roles.clone(),
                );
                row(t_string!(i18n, profile.skills), a.skills.clone());
                row(
                    t_string!(i18n, profile.help_wanted),
                    join(
                        a.help_wanted
                            .iter()
                            .map(|h| help_label(locale, *h))
                            .collect(),
                    ),
                );
                row(
                    t_string!(i18n, profile.meeting_times),
                    join(
                        a.meeting_times
                            .iter()
                            .map(|t| time_label(locale, *t))
                            .collect(),
                    ),
                );
                row(
                    t_string!(i18n, profile.meeting_modes),
                    join(
                        a.meeting_modes
                            .iter()
                            .map(|m| mode_label(locale, *m))
                            .collect(),
                    ),
                );
                row(
                    t_string!(i18n, profile.mentor_gender),
                    a.mentor_gender
                        .map(|g| gender_label(locale, g).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.linkedin_url),
                    a.linkedin_url.clone(),
                );
                row(t_string!(i18n, profile.goals), a.goals.clone());
                row(
                    t_string!(i18n, profile.heard_from),
                    a.heard_from
                        .map(|h| heard_label(locale, h).to_owned())
                        .unwrap_or_default(),
                );
            }
            Answers::Mentor(a) => {
                row(t_string!(i18n, profile.phone), a.phone.clone());
                row(t_string!(i18n, profile.company), a.company.clone());
                row(t_string!(i18n, profile.role), a.role.clone());
                row(t_string!(i18n, profile.industry), a.industry.clone());
                row(
                    t_string!(i18n, profile.years_experience),
                    a.years_experience.clone(),
                );
                row(
                    t_string!(i18n, profile.education_level),
                    a.education_level
                        .map(|l| education_label(locale, l).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.education_field),
                    a.education_field.clone(),
                );
                row(
                    t_string!(i18n, profile.danish_level),
                    a.danish_level
                        .map(|l| level_label(locale, l).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.english_level),
                    a.english_level
                        .map(|l| level_label(locale, l).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.other_languages),
                    languages(&a.other_languages),
                );
                row(
                    t_string!(i18n, profile.offers),
                    join(a.offers.iter().map(|h| help_label(locale, *h)).collect()),
                );
                row(t_string!(i18n, profile.capacity), a.capacity.clone());
                row(
                    t_string!(i18n, profile.meeting_times),
                    join(
                        a.meeting_times
                            .iter()
                            .map(|t| time_label(locale, *t))
                            .collect(),
                    ),
                );
                row(
                    t_string!(i18n, profile.meeting_modes),
                    join(
                        a.meeting_modes
                            .iter()
                            .map(|m| mode_label(locale, *m))
                            .collect(),
                    ),
                );
                row(t_string!(i18n, profile.postcode), a.postcode.clone());
                row(
                    t_string!(i18n, profile.gender),
                    a.gender
                        .map(|g| gender_label(locale, g).to_owned())
                        .unwrap_or_default(),
                );
                row(
                    t_string!(i18n, profile.linkedin_url),
                    a.linkedin_url.clone(),
                );
                row(t_string!(i18n, profile.preferences), a.preferences.clone());
                row(t_string!(i18n, profile.motivation), a.motivation.clone());
            }
        }
        view! {
            <dl class="details">
                {rows
                    .into_iter()
                    .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                    .collect_view()}
            </dl>
        }
    }
}
