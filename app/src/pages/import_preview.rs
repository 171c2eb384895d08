//! The import's preview, confirmation and progress: every row with a problem
//! shown with its problems beside its cells, and fixable in place; then the
//! coordinator's confirmation and the batches, with their progress.

use leptos::prelude::*;
use leptos_i18n::t_string;

use super::import::{IMPORT_PATH, Phase, StepHeading};
use crate::components::guarded::ErrorAlert;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::import::{
    DiscardImport, FixImportRow, ImportField, ImportPreview, ImportProgress, PREVIEW_VALID_ROWS,
    PreviewRow,
};
use crate::text::{fill, import_field_label, problem_text};

#[component]
pub fn PreviewStep(
    current: RwSignal<ImportPreview>,
    phase: RwSignal<Phase>,
    progress: RwSignal<ImportProgress>,
    stopped: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fix = ServerAction::<FixImportRow>::new();
    let discard = ServerAction::<DiscardImport>::new();
    let saved = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move || match fix.value().get() {
        Some(Ok(preview)) => current.set(preview),
        Some(Err(failure)) => error.set(Some(failure)),
        None => {}
    });
    Effect::new(move || {
        if let Some(Ok(())) = discard.value().get() {
            #[cfg(feature = "hydrate")]
            let _ = window().location().set_href(IMPORT_PATH);
        }
    });
    let summary = move || {
        current.with(|p| {
            fill(
                t_string!(i18n, import.summary),
                &[
                    ("total", p.total.to_string()),
                    ("valid", p.valid.to_string()),
                    ("invalid", p.invalid().to_string()),
                    ("existing", p.existing.to_string()),
                ],
            )
        })
    };
    let problem_rows = move || {
        current.with(|p| {
            p.rows
                .iter()
                .filter(|row| !row.problems.is_empty())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let other_rows = move || {
        current.with(|p| {
            p.rows
                .iter()
                .filter(|row| row.problems.is_empty())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let valid = move || current.with(|p| p.valid);
    view! {
        <section class="card" aria-labelledby="import-step-title">
            <h1>{move || t_string!(i18n, import.title)}</h1>
            <p class="muted">{move || current.with(|p| p.file_name.clone())}</p>
            <StepHeading n=3 name=Signal::derive(move || t_string!(i18n, import.step_preview).to_owned()) />
            <p role="status">{summary}</p>
            <p>{move || t_string!(i18n, import.nothing_saved)}</p>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || valid() == 0
                    on:click=move |_| phase.set(Phase::Confirm)
                >
                    {move || fill(t_string!(i18n, import.confirm_button), &[("n", valid().to_string())])}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| phase.set(Phase::Mapping)>
                    {move || t_string!(i18n, import.back_to_mapping)}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| { discard.dispatch(DiscardImport { id: current.with_untracked(|p| p.id.clone()) }); }
                >
                    {move || t_string!(i18n, import.upload_again)}
                </button>
            </div>
            <Show when=move || phase.get() == Phase::Confirm>
                <Confirm current phase progress stopped />
            </Show>
            {move || error.get().map(|error| view! { <ErrorAlert error /> })}
        </section>
        <Show when=move || !problem_rows().is_empty()>
            <section class="card" aria-labelledby="import-problems-title">
                <h2 id="import-problems-title">{move || t_string!(i18n, import.problem_rows)}</h2>
                <p>{move || t_string!(i18n, import.problem_intro)}</p>
                <ol class="import-rows">
                    <For each=problem_rows key=|row| (row.line, row.cells.clone(), row.problems.len()) let:row>
                        <RowFix row current fix saved />
                    </For>
                </ol>
            </section>
        </Show>
        <section class="card" aria-labelledby="import-ready-title">
            <h2 id="import-ready-title">{move || fill(t_string!(i18n, import.ready_rows), &[("n", PREVIEW_VALID_ROWS.to_string())])}</h2>
            <ul class="import-rows import-rows--ready">
                {move || other_rows().into_iter().map(|row| {
                    let label = row_label(&current.get_untracked(), &row);
                    view! {
                        <li>
                            <strong>{move || fill(t_string!(i18n, import.row), &[("line", row.line.to_string())])}</strong>
                            " " {label} " · "
                            {move || if row.exists { t_string!(i18n, import.exists) } else { t_string!(i18n, import.ready) }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A row named by its name and email cells.
fn row_label(preview: &ImportPreview, row: &PreviewRow) -> String {
    let cell = |field: ImportField| {
        preview
            .mapping
            .iter()
            .position(|mapped| *mapped == Some(field))
            .and_then(|n| row.cells.get(n))
            .map(|cell| cell.trim().to_owned())
            .unwrap_or_default()
    };
    [cell(ImportField::Name), cell(ImportField::Email)]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row with problems: each problem beside an input holding the cell, if
/// the field has a column; the row saved as a whole.
#[component]
fn RowFix(
    row: PreviewRow,
    current: RwSignal<ImportPreview>,
    fix: ServerAction<FixImportRow>,
    saved: RwSignal<Option<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let preview = current.get_untracked();
    let line = row.line;
    let column_of = |field: ImportField| preview.mapping.iter().position(|m| *m == Some(field));
    let drafts: Vec<(ImportField, RwSignal<String>)> = row
        .problems
        .iter()
        .filter_map(|p| ImportField::from_code(&p.field))
        .filter_map(|field| column_of(field).map(|n| (field, RwSignal::new(row.cells[n].clone()))))
        .collect();
    let fixable = !drafts.is_empty();
    let stored = StoredValue::new(drafts.clone());
    let id = preview.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(Some(line));
        fix.dispatch(FixImportRow {
            id: id.clone(),
            line,
            values: stored.with_value(|drafts| {
                drafts
                    .iter()
                    .map(|(field, value)| (*field, value.get_untracked()))
                    .collect()
            }),
        });
    };
    let problems = row.problems.iter().map(|problem| {
        let field = ImportField::from_code(&problem.field);
        let problem = problem.problem.clone();
        let draft = field.and_then(|f| drafts.iter().find(|(d, _)| *d == f).map(|(_, s)| *s));
        let input_id = format!("row-{line}-{}", problem_field(field));
        let error_id = format!("{input_id}-error");
        let label = move || match field {
            Some(field) => import_field_label(i18n.get_locale(), field).to_owned(),
            None => String::new(),
        };
        let message = move || problem_text(i18n.get_locale(), &problem);
        match draft {
            Some(draft) => view! {
                <div class="field field--invalid">
                    <label for=input_id.clone()>{label}</label>
                    <input
                        id=input_id
                        type="text"
                        aria-invalid="true"
                        aria-describedby=error_id.clone()
                        prop:value=move || draft.get()
                        on:input:target=move |ev| draft.set(ev.target().value())
                    />
                    <p class="field__error" id=error_id>{message}</p>
                </div>
            }.into_any(),
            None => view! {
                <p class="field__error">
                    <strong>{label}</strong>": " {message} " " {move || t_string!(i18n, import.no_column)}
                </p>
            }.into_any(),
        }
    }).collect_view();
    let label = row_label(&preview, &row);
    view! {
        <li class="import-row">
            <form novalidate on:submit=on_submit aria-label=move || fill(t_string!(i18n, import.row), &[("line", line.to_string())])>
                <h3>{move || fill(t_string!(i18n, import.row), &[("line", line.to_string())])} " " <span class="muted">{label.clone()}</span></h3>
                {problems}
                {fixable.then(|| view! {
                    <button type="submit" class="button button--secondary" disabled=move || fix.pending().get()>
                        {move || fill(t_string!(i18n, import.save_row), &[("line", line.to_string())])}
                    </button>
                })}
            </form>
        </li>
    }
}

fn problem_field(field: Option<ImportField>) -> &'static str {
    field.map_or("row", ImportField::code)
}

/// The coordinator's confirmation: nothing is written before it.
#[component]
fn Confirm(
    current: RwSignal<ImportPreview>,
    phase: RwSignal<Phase>,
    progress: RwSignal<ImportProgress>,
    stopped: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let start = move |_| {
        let id = current.with_untracked(|p| p.id.clone());
        progress.set(ImportProgress {
            total: current.with_untracked(|p| p.valid),
            ..Default::default()
        });
        phase.set(Phase::Importing);
        run(id, phase, progress, stopped);
    };
    view! {
        <div class="alert alert--warning" role="group" aria-labelledby="import-confirm-title">
            <h3 id="import-confirm-title">{move || fill(t_string!(i18n, import.confirm_title), &[("n", current.with(|p| p.valid).to_string())])}</h3>
            <p>{move || t_string!(i18n, import.confirm_text)}</p>
            <div class="actions">
                <button type="button" class="button" on:click=start>{move || t_string!(i18n, import.confirm_yes)}</button>
                <button type="button" class="button button--secondary" on:click=move |_| phase.set(Phase::Preview)>
                    {move || t_string!(i18n, common.cancel)}
                </button>
            </div>
        </div>
    }
}

/// Runs the batches one after the other until the import is finished.
fn run(
    id: String,
    phase: RwSignal<Phase>,
    progress: RwSignal<ImportProgress>,
    failed: RwSignal<Option<AppError>>,
) {
    leptos::task::spawn_local(async move {
        loop {
            match crate::import::import_batch(id.clone()).await {
                Ok(step) => {
                    let finished = step.finished;
                    progress.set(step);
                    if finished {
                        phase.set(Phase::Done);
                        break;
                    }
                }
                Err(error) => {
                    failed.set(Some(error));
                    phase.set(Phase::Done);
                    break;
                }
            }
        }
    });
}

#[component]
pub fn ImportProgressView(
    phase: RwSignal<Phase>,
    progress: RwSignal<ImportProgress>,
    stopped: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = move |key: &'static str, n: u32| {
        view! { <li>{move || fill(match key {
            "created" => t_string!(i18n, import.created),
            "skipped" => t_string!(i18n, import.skipped),
            _ => t_string!(i18n, import.failed),
        }, &[("n", n.to_string())])}</li> }
    };
    view! {
        <section class="card" aria-labelledby="import-step-title">
            <h1>{move || t_string!(i18n, import.title)}</h1>
            <StepHeading n=4 name=Signal::derive(move || t_string!(i18n, import.step_import).to_owned()) />
            <p id="import-progress-label">{move || t_string!(i18n, import.progress_label)}</p>
            <progress
                aria-labelledby="import-progress-label"
                max=move || progress.with(|p| p.total.max(1))
                value=move || progress.with(|p| p.done)
            ></progress>
            <p role="status">
                {move || progress.with(|p| fill(t_string!(i18n, import.progress), &[("done", p.done.to_string()), ("total", p.total.to_string())]))}
            </p>
            <Show when=move || phase.get() == Phase::Done>
                <h2>{move || if progress.with(|p| p.finished) { t_string!(i18n, import.done_title) } else { t_string!(i18n, import.stopped_title) }}</h2>
                {move || stopped.get().map(|error| view! { <ErrorAlert error /> })}
                <ul class="import-result">
                    {move || { let p = progress.get(); vec![count("created", p.created), count("skipped", p.skipped), count("failed", p.failed)] }}
                </ul>
                <p><a href="/coordinator/applications">{move || t_string!(i18n, import.review_link)}</a></p>
                <p><a href=IMPORT_PATH>{move || t_string!(i18n, import.another)}</a></p>
            </Show>
        </section>
    }
}
