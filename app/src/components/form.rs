//! Form pieces: labelled inputs that show their own validation message, and a
//! banner for errors that belong to no single field.

use leptos::prelude::*;

use crate::error::AppError;

/// The error of a finished action, if it failed.
pub fn action_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(Result::err))
}

/// A labelled input; shows the message of `error` when it names this field.
#[component]
pub fn Field(
    /// Form field name, as the server function argument.
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || {
        error
            .get()
            .filter(|error| error.field() == Some(name))
            .map(|error| error.to_string())
    };
    let has_hint = hint.is_some();
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|text| view! { <p class="field__hint" id=hint_id.clone()>{text}</p> })}
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
            />
            {move || {
                message().map(|text| view! { <p class="field__error" id=error_id.clone()>{text}</p> })
            }}
        </div>
    }
}

/// Shows an error that belongs to no field of the form (or to a field the form lacks).
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] fields: &'static [&'static str],
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|error| error.field().is_none_or(|field| !fields.contains(&field)))
            .map(|error| view! { <p class="alert alert--error" role="alert">{error.to_string()}</p> })
    }
}
