//! Form pieces: labelled inputs that show their own validation message in the
//! reader's language, bound either to a server action's form (`Field`) or to a
//! signal holding the answers (`TextInput`, `Choice`, `Checkboxes`, …).

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::text_prop::TextProp;
use leptos_i18n::t_string;

use crate::error::{AppError, FieldProblem, Problem};
use crate::i18n::{Locale, use_i18n};
use crate::text::{error_text, problem_text};

/// The error of a finished action, if it failed.
pub fn action_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(Result::err))
}

/// A value and the way to change it: one field of a form's answers.
pub type Bound<T> = (Signal<T>, Callback<T>);

/// Binds one field of a signal holding a form's answers.
#[macro_export]
macro_rules! bind {
    ($answers:ident . $($field:ident).+) => {
        (
            ::leptos::prelude::Signal::derive(move || {
                ::leptos::prelude::With::with(&$answers, |answers| answers.$($field).+.clone())
            }),
            ::leptos::prelude::Callback::new(move |value| {
                ::leptos::prelude::Update::update(&$answers, |answers| answers.$($field).+ = value)
            }),
        )
    };
}

/// Which problems a form shows: the browser's own checks for fields the
/// person has left (or all, once they tried to continue), else the server's.
#[derive(Clone, Copy)]
pub struct FormErrors {
    client: Signal<Vec<FieldProblem>>,
    pub server: RwSignal<Option<AppError>>,
    touched: RwSignal<HashSet<String>>,
    /// The text field just left; its checks show once the person moves on to
    /// another field, so a message appearing never shifts a button away from
    /// under a click.
    left: StoredValue<Option<&'static str>>,
    pub attempted: RwSignal<bool>,
}

impl FormErrors {
    pub fn new(client: impl Fn() -> Vec<FieldProblem> + Send + Sync + 'static) -> Self {
        Self {
            client: Signal::derive(client),
            server: RwSignal::new(None),
            touched: RwSignal::new(HashSet::new()),
            left: StoredValue::new(None),
            attempted: RwSignal::new(false),
        }
    }

    /// The person left a text field.
    pub fn leave(&self, field: &'static str) {
        self.left.set_value(Some(field));
    }

    /// The person entered a field: the one they left before now shows its checks.
    pub fn settle(&self) {
        if let Some(field) = self.left.get_value() {
            self.left.set_value(None);
            self.touch(field);
        }
    }

    pub fn touch(&self, field: &str) {
        if !self
            .touched
            .with_untracked(|touched| touched.contains(field))
        {
            self.touched.update(|touched| {
                touched.insert(field.to_owned());
            });
        }
    }

    pub fn problem(&self, field: &str) -> Option<Problem> {
        let visible = self.attempted.get() || self.touched.with(|touched| touched.contains(field));
        let client = visible
            .then(|| {
                self.client.with(|problems| {
                    problems
                        .iter()
                        .find(|entry| entry.field == field)
                        .map(|entry| entry.problem.clone())
                })
            })
            .flatten();
        client.or_else(|| {
            self.server
                .with(|error| error.as_ref().and_then(|e| e.problem_for(field).cloned()))
        })
    }

    /// Whether the browser's checks pass; marks the form as attempted so every problem shows.
    pub fn ready(&self) -> bool {
        self.attempted.set(true);
        self.client.with_untracked(Vec::is_empty)
    }

    /// Server errors that name no field of `fields`.
    pub fn general(&self, fields: &'static [&'static str]) -> Option<AppError> {
        self.server.get().filter(|error| match error {
            AppError::Invalid(problems) => problems
                .iter()
                .all(|entry| !fields.contains(&entry.field.as_str())),
            _ => true,
        })
    }
}

fn ids(name: &str) -> (String, String, String) {
    let id = format!("field-{}", name.replace('.', "-"));
    (id.clone(), format!("{id}-error"), format!("{id}-hint"))
}

/// The message under a field, if it has a problem.
#[component]
fn FieldMessage(id: String, message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <p class="field__error" id=id.clone()>{text}</p> })
    }
}

fn described_by(
    hint: Option<String>,
    error_id: String,
    message: Signal<Option<String>>,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        let mut ids = Vec::new();
        if let Some(hint) = &hint {
            ids.push(hint.clone());
        }
        if message.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    })
}

fn field_message(errors: FormErrors, name: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        errors
            .problem(name)
            .map(|problem| problem_text(i18n.get_locale(), &problem))
    })
}

/// A labelled input posted with a server action's form; shows the
/// action error's problem for this field.
#[component]
pub fn Field(
    /// Form field name, as the server function argument.
    name: &'static str,
    #[prop(into)] label: TextProp,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] readonly: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id, error_id, hint_id) = ids(name);
    let message = Signal::derive(move || {
        error
            .get()
            .and_then(|error| error.problem_for(name).cloned())
            .map(|problem| problem_text(i18n.get_locale(), &problem))
    });
    let describe = described_by(
        hint.is_some().then(|| hint_id.clone()),
        error_id.clone(),
        message,
    );
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|text| view! { <p class="field__hint" id=hint_id.clone()>{move || text.get()}</p> })}
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                readonly=readonly
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=describe
            />
            <FieldMessage id=error_id message />
        </div>
    }
}

/// A labelled text input bound to one answer.
#[component]
pub fn TextInput(
    name: &'static str,
    #[prop(into)] label: TextProp,
    bind: Bound<String>,
    errors: FormErrors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hint: Option<TextProp>,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let (value, set) = bind;
    let (id, error_id, hint_id) = ids(name);
    let message = field_message(errors, name);
    let describe = described_by(
        hint.is_some().then(|| hint_id.clone()),
        error_id.clone(),
        message,
    );
    let invalid = move || message.with(Option::is_some).then_some("true");
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=name
                rows="4"
                aria-required=required.then_some("true")
                aria-invalid=invalid
                aria-describedby=describe
                prop:value=move || value.get()
                on:input:target=move |ev| set.run(ev.target().value())
                on:focus=move |_| errors.settle()
                on:blur=move |_| errors.leave(name)
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                aria-required=required.then_some("true")
                aria-invalid=invalid
                aria-describedby=describe
                prop:value=move || value.get()
                on:input:target=move |ev| set.run(ev.target().value())
                on:focus=move |_| errors.settle()
                on:blur=move |_| errors.leave(name)
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|text| view! { <p class="field__hint" id=hint_id.clone()>{move || text.get()}</p> })}
            {control}
            <FieldMessage id=error_id message />
        </div>
    }
}

/// A drop-down for one answer out of a fixed list; `label_of` words each choice.
#[component]
pub fn Choice<T>(
    name: &'static str,
    #[prop(into)] label: TextProp,
    bind: Bound<Option<T>>,
    options: Vec<T>,
    label_of: fn(Locale, T) -> &'static str,
    errors: FormErrors,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<TextProp>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let (value, set) = bind;
    let (id, error_id, hint_id) = ids(name);
    let message = field_message(errors, name);
    let describe = described_by(
        hint.is_some().then(|| hint_id.clone()),
        error_id.clone(),
        message,
    );
    let index_of = {
        let options = options.clone();
        move || {
            value
                .get()
                .and_then(|current| options.iter().position(|option| *option == current))
                .map_or_else(String::new, |i| i.to_string())
        }
    };
    let choices = options.clone();
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|text| view! { <p class="field__hint" id=hint_id.clone()>{move || text.get()}</p> })}
            <select
                id=id.clone()
                name=name
                aria-required=required.then_some("true")
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=describe
                prop:value=index_of
                on:change:target=move |ev| {
                    let chosen = ev.target().value().parse::<usize>().ok().and_then(|i| choices.get(i).copied());
                    set.run(chosen);
                    errors.touch(name);
                }
            >
                <option value="">{move || t_string!(i18n, common.choose)}</option>
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, option)| {
                        view! { <option value=i.to_string()>{move || label_of(i18n.get_locale(), option)}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldMessage id=error_id message />
        </div>
    }
}

/// Radio buttons for a yes/no answer.
#[component]
pub fn YesNo(
    name: &'static str,
    #[prop(into)] label: TextProp,
    bind: Bound<Option<bool>>,
    errors: FormErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let (value, set) = bind;
    let (id, error_id, _) = ids(name);
    let message = field_message(errors, name);
    let option = move |answer: bool| {
        let option_id = format!("{id}-{answer}");
        let for_id = option_id.clone();
        view! {
            <label class="choice__option" for=for_id>
                <input
                    type="radio"
                    id=option_id
                    name=name
                    prop:checked=move || value.get() == Some(answer)
                    on:change=move |_| {
                        set.run(Some(answer));
                        errors.touch(name);
                    }
                />
                {move || crate::text::yes_no(i18n.get_locale(), answer)}
            </label>
        }
    };
    view! {
        <fieldset
            class="field choice"
            class:field--invalid=move || message.with(Option::is_some)
            aria-describedby=move || message.with(Option::is_some).then(|| error_id.clone())
        >
            <legend>{move || label.get()}<span class="required" aria-hidden="true">" *"</span></legend>
            {option(true)}
            {option(false)}
            <FieldMessage id=format!("field-{name}-error") message />
        </fieldset>
    }
}

/// Checkboxes for answers where several of a fixed list apply.
#[component]
pub fn Checkboxes<T>(
    name: &'static str,
    #[prop(into)] label: TextProp,
    bind: Bound<Vec<T>>,
    options: Vec<T>,
    label_of: fn(Locale, T) -> &'static str,
    errors: FormErrors,
    #[prop(optional)] required: bool,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let (value, set) = bind;
    let (id, error_id, _) = ids(name);
    let message = field_message(errors, name);
    let described = error_id.clone();
    view! {
        <fieldset
            class="field choice"
            class:field--invalid=move || message.with(Option::is_some)
            aria-describedby=move || message.with(Option::is_some).then(|| described.clone())
        >
            <legend>
                {move || label.get()}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </legend>
            {options
                .into_iter()
                .enumerate()
                .map(|(i, option)| {
                    let option_id = format!("{id}-{i}");
                    let for_id = option_id.clone();
                    view! {
                        <label class="choice__option" for=for_id>
                            <input
                                type="checkbox"
                                id=option_id
                                name=name
                                prop:checked=move || value.with(|chosen| chosen.contains(&option))
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    let mut chosen = value.get_untracked();
                                    chosen.retain(|c| *c != option);
                                    if on {
                                        chosen.push(option);
                                    }
                                    set.run(chosen);
                                    errors.touch(name);
                                }
                            />
                            {move || label_of(i18n.get_locale(), option)}
                        </label>
                    }
                })
                .collect_view()}
            <FieldMessage id=error_id message />
        </fieldset>
    }
}

/// Shows an error that belongs to no field of the form (or to a field the form lacks).
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] fields: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .filter(|error| match error {
                AppError::Invalid(problems) => problems
                    .iter()
                    .all(|entry| !fields.contains(&entry.field.as_str())),
                _ => true,
            })
            .map(|error| {
                view! { <p class="alert alert--error" role="alert">{error_text(i18n.get_locale(), &error)}</p> }
            })
    }
}
