//! Participants' surveys: the list of those due (and answered ones, to read
//! again), and one survey's page where it is answered once. Follow-ups also
//! ask the mentee's employment, saved with the answers.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::Role;
use crate::components::form::FormErrors;
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::components::outcome_form::{OUTCOME_FIELDS, OutcomeFields};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::portal::profile::today;
use crate::surveys::{
    AnswerSurvey, OutcomeForm, Question, QuestionKind, SURVEYS_PATH, SurveyToAnswer, answer_field,
    check_answers, load_survey_to_answer, my_surveys,
};
use crate::text::{
    error_text, fill, format_moment, format_typed_date, likert_label, moment_label, problem_text,
};

const PARTICIPANTS: &[Role] = &[Role::Mentee, Role::Mentor];

#[component]
pub fn MySurveysPage() -> impl IntoView {
    let i18n = use_i18n();
    let surveys = Resource::new(|| (), |_| my_surveys());
    view! {
        <Title text=move || t_string!(i18n, surveys.my_title) />
        <RoleGate roles=PARTICIPANTS>
            <section class="card">
                <h1>{move || t_string!(i18n, surveys.my_title)}</h1>
                <p>{move || t_string!(i18n, surveys.my_intro)}</p>
                <Transition fallback=|| view! { <Loading /> }>
                    {move || surveys.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || t_string!(i18n, surveys.my_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="survey-list">
                                {list.into_iter().map(|survey| {
                                    let href = format!("{SURVEYS_PATH}/{}", survey.id);
                                    let moment = survey.moment;
                                    let cohort = survey.cohort_name.clone();
                                    let due_on = survey.due_on.clone();
                                    let answered_at = survey.answered_at;
                                    view! {
                                        <li class="survey-list__item">
                                            <a href=href class="survey-list__title">{survey.title.clone()}</a>
                                            <span class="muted">{move || format!("{} · {}", moment_label(i18n.get_locale(), moment), cohort)}</span>
                                            <span class="badge" class:badge--done=answered_at.is_some()>
                                                {move || match answered_at {
                                                    Some(at) => fill(t_string!(i18n, surveys.answered_on), &[("date", format_moment(i18n.get_locale(), at))]),
                                                    None => fill(t_string!(i18n, surveys.due_since), &[("date", format_typed_date(i18n.get_locale(), &due_on))]),
                                                }}
                                            </span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })}
                </Transition>
            </section>
        </RoleGate>
    }
}

#[component]
pub fn AnswerSurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    let survey = Resource::new(move || id.get(), load_survey_to_answer);
    view! {
        <Title text=move || t_string!(i18n, surveys.title) />
        <RoleGate roles=PARTICIPANTS>
            <Transition fallback=|| view! { <Loading /> }>
                {move || survey.get().map(|result| match result {
                    Ok(survey) => view! { <AnswerForm survey /> }.into_any(),
                    Err(error) => view! {
                        <section class="card">
                            <h1>{move || t_string!(i18n, surveys.title)}</h1>
                            <ErrorAlert error />
                            <p><a href=SURVEYS_PATH>{move || t_string!(i18n, surveys.back)}</a></p>
                        </section>
                    }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

/// Whether an error names one of the form's fields (shown there, not above the button).
fn names_a_field(error: &AppError) -> bool {
    match error {
        AppError::Invalid(problems) => problems.iter().all(|entry| {
            entry.field.starts_with("answer.") || OUTCOME_FIELDS.contains(&entry.field.as_str())
        }),
        _ => false,
    }
}

#[component]
fn AnswerForm(survey: SurveyToAnswer) -> impl IntoView {
    let i18n = use_i18n();
    let answered = survey.answered.is_some();
    let count = survey.survey.questions.len();
    let questions = StoredValue::new(survey.survey.questions.clone());
    let values = RwSignal::new(
        survey
            .answered
            .clone()
            .unwrap_or_else(|| vec![String::new(); count]),
    );
    let asks = survey.asks_outcome;
    let outcome = RwSignal::new(match &survey.outcome {
        Some(values) => crate::surveys::OutcomeRecord {
            id: String::new(),
            mentee: String::new(),
            values: values.clone(),
            source: crate::surveys::OutcomeSource::Survey,
            recorded_by_name: String::new(),
            recorded_at: 0,
        }
        .form(),
        None => OutcomeForm::default(),
    });
    let errors = FormErrors::new(move || {
        let mut problems = values
            .with(|typed| questions.with_value(|questions| check_answers(questions, typed)))
            .err()
            .unwrap_or_default();
        if asks {
            problems.extend(outcome.with(|form| form.problems(false, today())));
        }
        problems
    });
    let send = ServerAction::<AnswerSurvey>::new();
    let done = RwSignal::new(answered);
    Effect::new(move || match send.value().get() {
        Some(Ok(())) => done.set(true),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let id = survey.survey.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            send.dispatch(AnswerSurvey {
                id: id.clone(),
                answers: values.get_untracked(),
                outcome: asks.then(|| outcome.get_untracked()),
            });
        }
    };
    let intro = survey.survey.intro.clone();
    let cohort = survey.cohort_name.clone();
    let title = survey.survey.title.clone();
    view! {
        <Title text=title />
        <section class="card survey">
            <p><a href=SURVEYS_PATH>{move || t_string!(i18n, surveys.back)}</a></p>
            <h1>{survey.survey.title.clone()}</h1>
            <p class="muted">{cohort}</p>
            {intro.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
            <div role="status">
                <Show when=move || done.get()>
                    <p class="alert alert--success">
                        {move || if answered { t_string!(i18n, surveys.read_only) } else { t_string!(i18n, surveys.thanks) }}
                    </p>
                </Show>
            </div>
            <form novalidate on:submit=on_submit>
                <fieldset class="survey__answers" disabled=move || done.get()>
                    <legend class="visually-hidden">{survey.survey.title.clone()}</legend>
                    <Show when=move || !done.get()>
                        <p class="muted">{move || t_string!(i18n, surveys.required_note)}</p>
                    </Show>
                    {(0..count).map(|index| {
                        let question = questions.with_value(|q| q[index].clone());
                        view! { <QuestionField index question values errors /> }
                    }).collect_view()}
                    {asks.then(|| view! {
                        <section class="survey__outcome" aria-labelledby="outcome-heading">
                            <h2 id="outcome-heading">{move || t_string!(i18n, surveys.outcome_section)}</h2>
                            <p class="muted">{move || t_string!(i18n, surveys.outcome_section_intro)}</p>
                            <OutcomeFields draft=outcome errors own=true />
                        </section>
                    })}
                </fieldset>
                {move || errors.server.get().filter(|error| !names_a_field(error)).map(|error| view! {
                    <p class="alert alert--error" role="alert">{error_text(i18n.get_locale(), &error)}</p>
                })}
                <Show when=move || !done.get()>
                    <div class="actions">
                        <button type="submit" class="button" disabled=move || send.pending().get()>
                            {move || t_string!(i18n, surveys.submit)}
                        </button>
                    </div>
                </Show>
            </form>
        </section>
    }
}

/// One question: Likert points or options as radio buttons, or a text box.
#[component]
fn QuestionField(
    index: usize,
    question: Question,
    values: RwSignal<Vec<String>>,
    errors: FormErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = answer_field(index);
    let id = format!("field-answer-{index}");
    let error_id = format!("{id}-error");
    let message = {
        let field = field.clone();
        Signal::derive(move || {
            errors
                .problem(&field)
                .map(|problem| problem_text(i18n.get_locale(), &problem))
        })
    };
    let current = move || values.with(|v| v.get(index).cloned().unwrap_or_default());
    let set = move |value: String| {
        values.update(|v| {
            if let Some(slot) = v.get_mut(index) {
                *slot = value;
            }
        })
    };
    let required = question.required;
    let number = index + 1;
    let mark =
        move || required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> });
    let error_view = {
        let error_id = error_id.clone();
        move || {
            message
                .get()
                .map(|text| view! { <p class="field__error" id=error_id.clone()>{text}</p> })
        }
    };
    let described = {
        let error_id = error_id.clone();
        move || message.with(Option::is_some).then(|| error_id.clone())
    };
    match question.kind {
        QuestionKind::Text => view! {
            <div class="field" class:field--invalid=move || message.with(Option::is_some)>
                <label for=id.clone()>{format!("{number}. {}", question.text)}{mark}</label>
                <textarea
                    id=id.clone()
                    rows="4"
                    aria-required=required.then_some("true")
                    aria-invalid=move || message.with(Option::is_some).then_some("true")
                    aria-describedby=described
                    prop:value=current
                    on:input:target=move |ev| set(ev.target().value())
                ></textarea>
                {error_view}
            </div>
        }
        .into_any(),
        kind => {
            let options: Vec<(String, String)> = match kind {
                QuestionKind::Likert => (1..=5u8)
                    .map(|point| (point.to_string(), point.to_string()))
                    .collect(),
                _ => question
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, option)| (i.to_string(), option.clone()))
                    .collect(),
            };
            let likert = kind == QuestionKind::Likert;
            view! {
                <fieldset
                    class="field choice survey__question"
                    class:likert=likert
                    class:field--invalid=move || message.with(Option::is_some)
                    aria-describedby=described
                >
                    <legend>{format!("{number}. {}", question.text)}{mark}</legend>
                    <div class="survey__options">
                        {options.into_iter().map(|(value, label)| {
                            let option_id = format!("{id}-{value}");
                            let checked_value = value.clone();
                            let chosen = value.clone();
                            let point = value.parse::<u8>().unwrap_or(0);
                            view! {
                                <label class="choice__option" for=option_id.clone()>
                                    <input
                                        type="radio"
                                        id=option_id.clone()
                                        name=id.clone()
                                        value=value
                                        required=required
                                        prop:checked=move || current() == checked_value
                                        on:change=move |_| {
                                            set(chosen.clone());
                                            errors.touch(&answer_field(index));
                                        }
                                    />
                                    {move || if likert {
                                        format!("{point} – {}", likert_label(i18n.get_locale(), point))
                                    } else {
                                        label.clone()
                                    }}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {error_view}
                </fieldset>
            }
            .into_any()
        }
    }
}
