//! A cohort's surveys for its coordinators: define questionnaires for moments
//! of the course (or start from the standard set), change them until the
//! first answer arrives, and read each one's response rate and results.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::Role;
use crate::bind;
use crate::components::form::{Choice, FormErrors, TextInput};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::surveys::{
    Audience, CohortSurveys, CreateStandardSurveys, DeleteSurvey, Moment, QuestionForm,
    QuestionKind, QuestionSummary, SaveSurvey, Survey, SurveyForm, SurveyReport,
    load_cohort_surveys, question_field,
};
use crate::text::{
    audience_label, error_text, fill, likert_label, moment_label, problem_text, question_kind_label,
};

#[component]
pub fn CohortSurveysPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let cohort = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    let save = ServerAction::<SaveSurvey>::new();
    let delete = ServerAction::<DeleteSurvey>::new();
    let standard = ServerAction::<CreateStandardSurveys>::new();
    let data = Resource::new(
        move || {
            (
                cohort.get(),
                save.version().get() + delete.version().get() + standard.version().get(),
            )
        },
        |(cohort, _)| load_cohort_surveys(cohort),
    );
    view! {
        <Title text=move || t_string!(i18n, surveys.title) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Transition fallback=|| view! { <Loading /> }>
                {move || data.get().map(|result| match result {
                    Ok(data) => view! { <Surveys data save delete standard /> }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

#[component]
fn Surveys(
    data: CohortSurveys,
    save: ServerAction<SaveSurvey>,
    delete: ServerAction<DeleteSurvey>,
    standard: ServerAction<CreateStandardSurveys>,
) -> impl IntoView {
    let i18n = use_i18n();
    // `None`: no form open; `Some(None)`: a new survey; `Some(Some(s))`: editing `s`.
    let editing = RwSignal::new(None::<Option<Survey>>);
    let cohort = data.cohort.id.clone();
    let cohort_for_standard = cohort.clone();
    let outcomes = format!("/coordinator/cohorts/{cohort}/outcomes");
    let name = data.cohort.name.clone();
    let create_standard = move |_| {
        standard.dispatch(CreateStandardSurveys {
            cohort: cohort_for_standard.clone(),
            language: leptos_i18n::Locale::as_str(i18n.get_locale_untracked()).to_owned(),
        });
    };
    let cohort = StoredValue::new(cohort);
    view! {
        <section class="card">
            <p><a href="/coordinator/cohorts">{move || t_string!(i18n, nav.cohorts)}</a></p>
            <h1>{move || fill(t_string!(i18n, surveys.page_title), &[("cohort", name.clone())])}</h1>
            <p>{move || t_string!(i18n, surveys.intro)}</p>
            <div class="actions">
                <button type="button" class="button" on:click=create_standard disabled=move || standard.pending().get()>
                    {move || t_string!(i18n, surveys.standard_set)}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| editing.set(Some(None))>
                    {move || t_string!(i18n, surveys.new)}
                </button>
                <a class="button button--secondary" href=outcomes>{move || t_string!(i18n, outcomes.title)}</a>
            </div>
            <p class="field__hint">{move || t_string!(i18n, surveys.standard_hint)}</p>
            <div role="status">
                {move || match standard.value().get() {
                    Some(Ok(count)) => Some(view! {
                        <p class="alert alert--success">{fill(t_string!(i18n, surveys.standard_created), &[("count", count.to_string())])}</p>
                    }.into_any()),
                    Some(Err(error)) => Some(view! { <p class="alert alert--error">{error_text(i18n.get_locale(), &error)}</p> }.into_any()),
                    None => None,
                }}
            </div>
            {move || delete.value().get().and_then(Result::err).map(|error| view! {
                <p class="alert alert--error" role="alert">{error_text(i18n.get_locale(), &error)}</p>
            })}
        </section>
        {move || editing.get().map(|survey| view! { <SurveyEditor cohort=cohort.get_value() survey save editing /> })}
        {if data.surveys.is_empty() {
            view! { <section class="card"><p class="muted">{move || t_string!(i18n, surveys.none)}</p></section> }.into_any()
        } else {
            data.surveys.into_iter().map(|report| view! { <Report report editing delete /> }).collect_view().into_any()
        }}
    }
}

/// One survey with its response rate and results.
#[component]
fn Report(
    report: SurveyReport,
    editing: RwSignal<Option<Option<Survey>>>,
    delete: ServerAction<DeleteSurvey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let survey = report.survey.clone();
    let heading = format!("survey-{}", survey.id);
    let labelled_by = heading.clone();
    let (moment, audience) = (survey.moment, survey.audience);
    let rate = report.rate;
    let title = survey.title.clone();
    let edit_label = title.clone();
    let delete_label = title.clone();
    let id = survey.id.clone();
    let stored = StoredValue::new(survey.clone());
    view! {
        <section class="card survey-report" aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            <p class="muted">{move || format!("{} · {}", moment_label(i18n.get_locale(), moment), audience_label(i18n.get_locale(), audience))}</p>
            <p class="survey-report__rate">
                <strong>{move || t_string!(i18n, surveys.response_rate)} ": "</strong>
                {move || match rate.percent() {
                    Some(percent) => fill(
                        t_string!(i18n, surveys.rate),
                        &[("answered", rate.answered.to_string()), ("due", rate.due.to_string()), ("percent", percent.to_string())],
                    ),
                    None => t_string!(i18n, surveys.rate_none).to_owned(),
                }}
            </p>
            {if report.editable {
                view! {
                    <div class="actions">
                        <button
                            type="button"
                            class="link-button"
                            aria-label=move || format!("{} {}", t_string!(i18n, common.edit), edit_label)
                            on:click=move |_| editing.set(Some(Some(stored.get_value())))
                        >
                            {move || t_string!(i18n, common.edit)}
                        </button>
                        <button
                            type="button"
                            class="link-button"
                            aria-label=move || format!("{} {}", t_string!(i18n, surveys.delete), delete_label)
                            on:click=move |_| { delete.dispatch(DeleteSurvey { id: id.clone() }); }
                        >
                            {move || t_string!(i18n, surveys.delete)}
                        </button>
                    </div>
                }.into_any()
            } else {
                view! { <p class="muted">{move || t_string!(i18n, surveys.locked)}</p> }.into_any()
            }}
            <details class="survey-report__results">
                <summary>{move || t_string!(i18n, surveys.results)}</summary>
                {report.questions.into_iter().enumerate().map(|(index, question)| view! { <QuestionResult index question /> }).collect_view()}
            </details>
        </section>
    }
}

#[component]
fn QuestionResult(index: usize, question: QuestionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("{}. {}", index + 1, question.text);
    let body = match question.kind {
        QuestionKind::Likert => {
            let mean = question.mean;
            let counts = question.counts.clone();
            view! {
                <p>
                    {move || match mean {
                        Some(mean) => fill(t_string!(i18n, surveys.mean), &[("mean", format!("{mean:.1}")), ("count", question.answered.to_string())]),
                        None => t_string!(i18n, surveys.no_answers).to_owned(),
                    }}
                </p>
                <ul class="survey-counts">
                    {counts.into_iter().enumerate().map(|(i, count)| {
                        let point = i as u8 + 1;
                        view! { <li>{move || format!("{point} – {}", likert_label(i18n.get_locale(), point))}": " <strong>{count}</strong></li> }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
        QuestionKind::Choice => view! {
            <ul class="survey-counts">
                {question.options.iter().zip(question.counts.iter()).map(|(option, count)| view! {
                    <li>{option.clone()}": " <strong>{*count}</strong></li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        QuestionKind::Text if question.texts.is_empty() => view! {
            <p class="muted">{move || t_string!(i18n, surveys.no_answers)}</p>
        }
        .into_any(),
        QuestionKind::Text => view! {
            <ul class="survey-texts">
                {question.texts.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <h3 class="survey-report__question">{heading}</h3>
        {body}
    }
}

/// The fields a survey's server error may name, shown at their field.
fn names_a_field(error: &AppError) -> bool {
    match error {
        AppError::Invalid(problems) => problems.iter().all(|entry| {
            [
                "title",
                "intro",
                "moment",
                "audience",
                "includes_outcome",
                "questions",
            ]
            .contains(&entry.field.as_str())
                || entry.field.starts_with("question.")
        }),
        _ => false,
    }
}

#[component]
fn SurveyEditor(
    cohort: String,
    survey: Option<Survey>,
    save: ServerAction<SaveSurvey>,
    editing: RwSignal<Option<Option<Survey>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = survey.as_ref().map(|survey| survey.id.clone());
    let draft = RwSignal::new(
        survey
            .as_ref()
            .map(Survey::form)
            .unwrap_or_else(|| SurveyForm {
                questions: vec![QuestionForm {
                    required: true,
                    ..QuestionForm::default()
                }],
                ..SurveyForm::default()
            }),
    );
    let errors = FormErrors::new(move || draft.with(SurveyForm::problems));
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => editing.set(None),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            save.dispatch(SaveSurvey {
                cohort: cohort.clone(),
                id: id.clone(),
                form: draft.get_untracked(),
            });
        }
    };
    let count = Memo::new(move |_| draft.with(|d| d.questions.len()));
    let problem = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .problem(field)
                .map(|p| problem_text(i18n.get_locale(), &p))
        })
    };
    let includes_problem = problem("includes_outcome");
    let questions_problem = problem("questions");
    view! {
        <section class="card" aria-labelledby="survey-form-title">
            <h2 id="survey-form-title">{move || t_string!(i18n, surveys.form_title)}</h2>
            <form novalidate on:submit=on_submit>
                <TextInput name="title" label=move || t_string!(i18n, surveys.field_title) bind=bind!(draft.title) errors required=true />
                <TextInput name="intro" label=move || t_string!(i18n, surveys.field_intro) bind=bind!(draft.intro) errors multiline=true />
                <Choice
                    name="moment"
                    label=move || t_string!(i18n, surveys.field_moment)
                    bind=bind!(draft.moment)
                    options=Moment::ALL.to_vec()
                    label_of=moment_label
                    errors
                    required=true
                />
                <Choice
                    name="audience"
                    label=move || t_string!(i18n, surveys.field_audience)
                    bind=(
                        Signal::derive(move || Some(draft.with(|d| d.audience))),
                        Callback::new(move |value: Option<Audience>| draft.update(|d| d.audience = value.unwrap_or_default())),
                    )
                    options=Audience::ALL.to_vec()
                    label_of=audience_label
                    errors
                    required=true
                />
                <div class="field field--check" class:field--invalid=move || includes_problem.with(Option::is_some)>
                    <label class="choice__option" for="field-includes_outcome">
                        <input
                            type="checkbox"
                            id="field-includes_outcome"
                            aria-describedby=move || if includes_problem.with(Option::is_some) { "field-includes_outcome-hint field-includes_outcome-error" } else { "field-includes_outcome-hint" }
                            prop:checked=move || draft.with(|d| d.includes_outcome)
                            on:change:target=move |ev| draft.update(|d| d.includes_outcome = ev.target().checked())
                        />
                        {move || t_string!(i18n, surveys.field_includes_outcome)}
                    </label>
                    <p class="field__hint" id="field-includes_outcome-hint">{move || t_string!(i18n, surveys.includes_outcome_hint)}</p>
                    {move || includes_problem.get().map(|text| view! { <p class="field__error" id="field-includes_outcome-error">{text}</p> })}
                </div>
                <fieldset class="fieldset" aria-describedby=move || questions_problem.with(Option::is_some).then_some("field-questions-error")>
                    <legend>{move || t_string!(i18n, surveys.questions)}</legend>
                    {move || (0..count.get()).map(|index| view! { <QuestionEditor index draft errors /> }).collect_view()}
                    {move || questions_problem.get().map(|text| view! { <p class="field__error" id="field-questions-error">{text}</p> })}
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| draft.update(|d| d.questions.push(QuestionForm { required: true, ..QuestionForm::default() }))
                    >
                        {move || t_string!(i18n, surveys.add_question)}
                    </button>
                </fieldset>
                {move || errors.server.get().filter(|error| !names_a_field(error)).map(|error| view! {
                    <p class="alert alert--error" role="alert">{error_text(i18n.get_locale(), &error)}</p>
                })}
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>{move || t_string!(i18n, surveys.save)}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| editing.set(None)>{move || t_string!(i18n, common.cancel)}</button>
                </div>
            </form>
        </section>
    }
}

/// One question of the survey being edited.
#[component]
fn QuestionEditor(index: usize, draft: RwSignal<SurveyForm>, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let number = index + 1;
    let base = format!("field-question-{index}");
    let read = move |f: fn(&QuestionForm) -> String| {
        move || draft.with(|d| d.questions.get(index).map(f).unwrap_or_default())
    };
    let kind = move || draft.with(|d| d.questions.get(index).map(|q| q.kind).unwrap_or_default());
    let message = move |part: &'static str| {
        let field = question_field(index, part);
        Signal::derive(move || {
            errors
                .problem(&field)
                .map(|p| problem_text(i18n.get_locale(), &p))
        })
    };
    let text_problem = message("text");
    let options_problem = message("options");
    let (kind_id, text_id, options_id, required_id) = (
        format!("{base}-kind"),
        format!("{base}-text"),
        format!("{base}-options"),
        format!("{base}-required"),
    );
    let text_error = format!("{text_id}-error");
    let required_for = required_id.clone();
    let options_error = format!("{options_id}-error");
    let options_hint = format!("{options_id}-hint");
    view! {
        <fieldset class="fieldset survey-question">
            <legend>{move || fill(t_string!(i18n, surveys.question_n), &[("n", number.to_string())])}</legend>
            <div class="field">
                <label for=kind_id.clone()>{move || t_string!(i18n, surveys.question_kind)}</label>
                <select
                    id=kind_id
                    prop:value=move || kind().code()
                    on:change:target=move |ev| {
                        if let Some(kind) = QuestionKind::from_code(&ev.target().value()) {
                            draft.update(|d| if let Some(q) = d.questions.get_mut(index) { q.kind = kind });
                        }
                    }
                >
                    {QuestionKind::ALL.into_iter().map(|option| view! {
                        <option value=option.code()>{move || question_kind_label(i18n.get_locale(), option)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field" class:field--invalid=move || text_problem.with(Option::is_some)>
                <label for=text_id.clone()>
                    {move || t_string!(i18n, surveys.question_text)}
                    <span class="required" aria-hidden="true">" *"</span>
                </label>
                <input
                    id=text_id
                    type="text"
                    aria-required="true"
                    aria-invalid=move || text_problem.with(Option::is_some).then_some("true")
                    aria-describedby={
                        let text_error = text_error.clone();
                        move || text_problem.with(Option::is_some).then(|| text_error.clone())
                    }
                    prop:value=read(|q| q.text.clone())
                    on:input:target=move |ev| {
                        let value = ev.target().value();
                        draft.update(|d| if let Some(q) = d.questions.get_mut(index) { q.text = value });
                    }
                />
                {move || text_problem.get().map(|text| view! { <p class="field__error" id=text_error.clone()>{text}</p> })}
            </div>
            <Show when=move || kind() == QuestionKind::Choice>
                <div class="field" class:field--invalid=move || options_problem.with(Option::is_some)>
                    <label for=options_id.clone()>
                        {move || t_string!(i18n, surveys.question_options)}
                        <span class="required" aria-hidden="true">" *"</span>
                    </label>
                    <p class="field__hint" id=options_hint.clone()>{move || t_string!(i18n, surveys.question_options_hint)}</p>
                    <textarea
                        id=options_id.clone()
                        rows="4"
                        aria-required="true"
                        aria-invalid=move || options_problem.with(Option::is_some).then_some("true")
                        aria-describedby={
                            let (hint, error) = (options_hint.clone(), options_error.clone());
                            move || if options_problem.with(Option::is_some) { format!("{hint} {error}") } else { hint.clone() }
                        }
                        prop:value=read(|q| q.options.clone())
                        on:input:target=move |ev| {
                            let value = ev.target().value();
                            draft.update(|d| if let Some(q) = d.questions.get_mut(index) { q.options = value });
                        }
                    ></textarea>
                    {
                        let options_error = options_error.clone();
                        move || options_problem.get().map(|text| view! { <p class="field__error" id=options_error.clone()>{text}</p> })
                    }
                </div>
            </Show>
            <div class="survey-question__footer">
                <label class="choice__option" for=required_for>
                    <input
                        type="checkbox"
                        id=required_id
                        prop:checked=move || draft.with(|d| d.questions.get(index).is_some_and(|q| q.required))
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            draft.update(|d| if let Some(q) = d.questions.get_mut(index) { q.required = on });
                        }
                    />
                    {move || t_string!(i18n, surveys.question_required)}
                </label>
                <button
                    type="button"
                    class="link-button"
                    on:click=move |_| draft.update(|d| { if index < d.questions.len() { d.questions.remove(index); } })
                >
                    {move || fill(t_string!(i18n, surveys.remove_question), &[("n", number.to_string())])}
                </button>
            </div>
        </fieldset>
    }
}
