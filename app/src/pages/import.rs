//! Importing applicants or mentors from a spreadsheet: upload, match the
//! columns to Mentorbro's fields, check and fix the rows, confirm, and watch
//! the import run. The session's id is in the address, so a reload resumes.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::import_preview::{ImportProgressView, PreviewStep};
use crate::accounts::Role;
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::{AppError, Problem};
use crate::i18n::use_i18n;
use crate::import::{
    ImportField, ImportKind, ImportPreview, ImportProgress, MAX_FILE_MB, MAX_ROWS, MapImport,
    load_import_preview,
};
use crate::text::{error_text, fill, format_number, import_field_label, problem_text};

/// The address of the import page.
pub const IMPORT_PATH: &str = "/coordinator/import";

/// Where an import session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Mapping,
    Preview,
    Confirm,
    Importing,
    Done,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let session = Memo::new(move |_| query.with(|q| q.get("session")).filter(|id| !id.is_empty()));
    view! {
        <Title text=move || t_string!(i18n, import.title) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            {move || match session.get() {
                None => view! { <UploadStep /> }.into_any(),
                Some(id) => view! { <ImportSession id /> }.into_any(),
            }}
        </RoleGate>
    }
}

/// "Step 2 of 4: Match the columns".
#[component]
pub fn StepHeading(n: u8, #[prop(into)] name: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="muted">{move || fill(t_string!(i18n, import.step_of), &[("n", n.to_string()), ("total", "4".into())])}</p>
        <h2 id="import-step-title">{move || name.get()}</h2>
    }
}

#[cfg(feature = "hydrate")]
async fn send_file(
    kind: String,
    language: String,
    file: web_sys::File,
) -> Result<String, AppError> {
    let transport = |what: &str| AppError::Transport(what.to_owned());
    let form = web_sys::FormData::new().map_err(|_| transport("form"))?;
    form.append_with_str("kind", &kind)
        .map_err(|_| transport("form"))?;
    form.append_with_str("language", &language)
        .map_err(|_| transport("form"))?;
    form.append_with_blob_and_filename("file", &file, &file.name())
        .map_err(|_| transport("form"))?;
    let response = gloo_net::http::Request::post(crate::import::UPLOAD_PATH)
        .body(form)
        .map_err(|error| AppError::Transport(error.to_string()))?
        .send()
        .await
        .map_err(|error| AppError::Transport(error.to_string()))?;
    if response.ok() {
        let body: serde_json::Value = response
            .json()
            .await
            .map_err(|error| AppError::Transport(error.to_string()))?;
        body["id"]
            .as_str()
            .map(str::to_owned)
            .ok_or(AppError::Internal)
    } else {
        Err(response
            .json::<AppError>()
            .await
            .unwrap_or(AppError::Internal))
    }
}

#[component]
fn UploadStep() -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(ImportKind::Mentee);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let file = input
            .get()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            error.set(Some(AppError::invalid("file", Problem::Required)));
            return;
        };
        if file.size() > f64::from(MAX_FILE_MB * 1024 * 1024) {
            error.set(Some(AppError::invalid(
                "file",
                Problem::FileTooLarge {
                    max_mb: MAX_FILE_MB,
                },
            )));
            return;
        }
        error.set(None);
        busy.set(true);
        #[cfg(feature = "hydrate")]
        {
            let navigate = navigate.clone();
            let language = i18n.get_locale_untracked().to_string();
            leptos::task::spawn_local(async move {
                match send_file(kind.get_untracked().code().to_owned(), language, file).await {
                    Ok(id) => navigate(&format!("{IMPORT_PATH}?session={id}"), Default::default()),
                    Err(failure) => error.set(Some(failure)),
                }
                busy.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&navigate, file);
    };
    let message = move || {
        error.get().map(|error| match error.problem_for("file") {
            Some(problem) => problem_text(i18n.get_locale(), problem),
            None => error_text(i18n.get_locale(), &error),
        })
    };
    let kind_option = move |value: ImportKind| {
        let label = move || match value {
            ImportKind::Mentee => t_string!(i18n, import.kind_mentee),
            ImportKind::Mentor => t_string!(i18n, import.kind_mentor),
        };
        let id = format!("import-kind-{}", value.code());
        let input_id = id.clone();
        view! {
            <label class="choice__option" for=id>
                <input
                    type="radio"
                    id=input_id
                    name="kind"
                    value=value.code()
                    prop:checked=move || kind.get() == value
                    on:change=move |_| kind.set(value)
                />
                {label}
            </label>
        }
    };
    view! {
        <section class="card" aria-labelledby="import-step-title">
            <h1>{move || t_string!(i18n, import.title)}</h1>
            <p>{move || fill(t_string!(i18n, import.intro), &[
                ("mb", MAX_FILE_MB.to_string()),
                ("rows", format_number(i18n.get_locale(), u64::from(MAX_ROWS))),
            ])}</p>
            <StepHeading n=1 name=Signal::derive(move || t_string!(i18n, import.step_upload).to_owned()) />
            <form novalidate on:submit=on_submit>
                <fieldset class="field choice">
                    <legend>{move || t_string!(i18n, import.kind)}</legend>
                    {kind_option(ImportKind::Mentee)}
                    {kind_option(ImportKind::Mentor)}
                </fieldset>
                <div class="field" class:field--invalid=move || error.with(Option::is_some)>
                    <label for="import-file">{move || t_string!(i18n, import.file)}</label>
                    <p class="field__hint" id="import-file-hint">{move || t_string!(i18n, import.file_hint)}</p>
                    <input
                        id="import-file"
                        type="file"
                        accept=".csv,.txt,text/csv,text/plain"
                        node_ref=input
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || if error.with(Option::is_some) { "import-file-hint import-file-error" } else { "import-file-hint" }
                    />
                    {move || message().map(|text| view! { <p class="field__error" id="import-file-error" role="alert">{text}</p> })}
                </div>
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { t_string!(i18n, import.uploading) } else { t_string!(i18n, import.upload) }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn ImportSession(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let loaded = Resource::new(move || id.clone(), load_import_preview);
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || loaded.get().map(|result| match result {
                Ok(preview) => view! { <Steps preview /> }.into_any(),
                Err(error) => view! {
                    <section class="card">
                        <h1>{move || t_string!(i18n, import.title)}</h1>
                        <ErrorAlert error />
                        <p><a href=IMPORT_PATH>{move || t_string!(i18n, import.another)}</a></p>
                    </section>
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Steps(preview: ImportPreview) -> impl IntoView {
    let phase = RwSignal::new(if preview.mapped {
        Phase::Preview
    } else {
        Phase::Mapping
    });
    let current = RwSignal::new(preview);
    let progress = RwSignal::new(ImportProgress::default());
    let stopped = RwSignal::new(None::<AppError>);
    let step = Memo::new(move |_| match phase.get() {
        Phase::Mapping => 2,
        Phase::Preview | Phase::Confirm => 3,
        Phase::Importing | Phase::Done => 4,
    });
    move || match step.get() {
        2 => view! { <MappingStep current phase /> }.into_any(),
        3 => view! { <PreviewStep current phase progress stopped /> }.into_any(),
        _ => view! { <ImportProgressView phase progress stopped /> }.into_any(),
    }
}

#[component]
fn MappingStep(current: RwSignal<ImportPreview>, phase: RwSignal<Phase>) -> impl IntoView {
    let i18n = use_i18n();
    let initial = current.get_untracked();
    let mapping = RwSignal::new(initial.mapping.clone());
    let fields = ImportField::of_kind(initial.kind);
    let save = ServerAction::<MapImport>::new();
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move || match save.value().get() {
        Some(Ok(preview)) => {
            current.set(preview);
            phase.set(Phase::Preview);
        }
        Some(Err(failure)) => error.set(Some(failure)),
        None => {}
    });
    let id = initial.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        save.dispatch(MapImport {
            id: id.clone(),
            mapping: mapping.get_untracked(),
        });
    };
    let missing = move || {
        error.with(|error| match error {
            Some(AppError::Invalid(problems)) => problems
                .iter()
                .filter_map(|p| {
                    ImportField::from_code(&p.field).filter(|_| p.problem == Problem::Required)
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    let rows = initial
        .headers
        .iter()
        .enumerate()
        .map(|(n, header)| {
            let select_id = format!("column-{n}");
            let error_id = format!("column-{n}-error");
            let sample = initial.sample.get(n).cloned().unwrap_or_default();
            let column = select_id.clone();
            let message = Signal::derive(move || {
                error.with(|error| {
                    error
                        .as_ref()
                        .and_then(|e| e.problem_for(&column).cloned())
                        .map(|problem| problem_text(i18n.get_locale(), &problem))
                })
            });
            let described = error_id.clone();
            view! {
                <tr class:field--invalid=move || message.with(Option::is_some)>
                    <th scope="row"><label for=select_id.clone()>{header.clone()}</label></th>
                    <td class="import-sample">{sample}</td>
                    <td>
                        <select
                            id=select_id
                            aria-invalid=move || message.with(Option::is_some).then_some("true")
                            aria-describedby=move || message.with(Option::is_some).then(|| described.clone())
                            on:change:target=move |ev| {
                                let chosen = ImportField::from_code(&ev.target().value());
                                mapping.update(|mapping| mapping[n] = chosen);
                            }
                        >
                            <option value="" selected=move || mapping.with(|m| m[n].is_none())>
                                {move || t_string!(i18n, import.not_imported)}
                            </option>
                            {fields.iter().map(|field| {
                                let field = *field;
                                view! {
                                    <option value=field.code() selected=move || mapping.with(|m| m[n] == Some(field))>
                                        {move || import_field_label(i18n.get_locale(), field)}
                                    </option>
                                }
                            }).collect_view()}
                        </select>
                        {move || message.get().map(|text| view! { <p class="field__error" id=error_id.clone()>{text}</p> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="import-step-title">
            <h1>{move || t_string!(i18n, import.title)}</h1>
            <p class="muted">{initial.file_name.clone()}</p>
            <StepHeading n=2 name=Signal::derive(move || t_string!(i18n, import.step_mapping).to_owned()) />
            <p>{move || t_string!(i18n, import.mapping_intro)}</p>
            <form novalidate on:submit=on_submit>
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                    <table class="table import-mapping">
                        <thead>
                            <tr>
                                <th scope="col">{move || t_string!(i18n, import.column)}</th>
                                <th scope="col">{move || t_string!(i18n, import.example)}</th>
                                <th scope="col">{move || t_string!(i18n, import.field)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div role="alert">
                    {move || missing().into_iter().map(|field| view! {
                        <p class="alert alert--error">
                            {move || fill(t_string!(i18n, import.map_required), &[("field", import_field_label(i18n.get_locale(), field).to_owned())])}
                        </p>
                    }).collect_view()}
                    {move || error.get().filter(|e| !matches!(e, AppError::Invalid(_))).map(|e| view! {
                        <p class="alert alert--error">{error_text(i18n.get_locale(), &e)}</p>
                    })}
                </div>
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        {move || t_string!(i18n, import.check)}
                    </button>
                    <a class="button button--secondary" href=IMPORT_PATH>{move || t_string!(i18n, import.another)}</a>
                </div>
            </form>
        </section>
    }
}
