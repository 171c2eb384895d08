//! The grant and the budget lines of a programme's year.

use leptos::prelude::*;
use leptos_i18n::t_string;

use crate::budget::{BudgetForm, BudgetValues, Category, SaveBudget, line_field};
use crate::components::form::{FormError, FormErrors, TextInput};
use crate::i18n::use_i18n;
use crate::text::{category_label, fill, money, money_style, problem_text};

/// Every field of the form, for errors that name one.
const FIELDS: &[&str] = &[
    "grant",
    "lines",
    "line.communication",
    "line.mentor_recruitment",
    "line.matching",
    "line.workshops",
    "line.coordination",
    "line.other",
];

#[component]
pub fn LinesForm(
    programme: String,
    year: i32,
    budget: Option<BudgetValues>,
    save: ServerAction<SaveBudget>,
) -> impl IntoView {
    let i18n = use_i18n();
    let style = money_style(i18n.get_locale_untracked());
    let draft = RwSignal::new(budget.as_ref().map_or_else(
        || BudgetForm {
            grant: String::new(),
            lines: vec![String::new(); Category::ALL.len()],
        },
        |values| values.form(style),
    ));
    let errors = FormErrors::new(move || draft.with(|d| d.values().err().unwrap_or_default()));
    let saved = RwSignal::new(false);
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => saved.set(true),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let grant = (
        Signal::derive(move || draft.with(|d| d.grant.clone())),
        Callback::new(move |value| draft.update(|d| d.grant = value)),
    );
    let lines_message = move || {
        errors
            .problem("lines")
            .map(|problem| problem_text(i18n.get_locale(), &problem))
    };
    // What the lines add up to so far, when every typed amount reads.
    let running_total = move || {
        let values = draft.with(|d| {
            let grant = crate::budget::amount::parse_amount(&d.grant).ok()?;
            let lines: Option<Vec<i64>> = d
                .lines
                .iter()
                .map(|typed| {
                    if typed.trim().is_empty() {
                        Some(0)
                    } else {
                        crate::budget::amount::parse_amount(typed).ok()
                    }
                })
                .collect();
            Some((grant, lines?.iter().sum::<i64>()))
        });
        values.map(|(grant, lines)| {
            let locale = i18n.get_locale();
            fill(
                t_string!(i18n, budget.lines_total),
                &[
                    ("lines", money(locale, lines)),
                    ("grant", money(locale, grant)),
                ],
            )
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        saved.set(false);
        if errors.ready() {
            save.dispatch(SaveBudget {
                programme: programme.clone(),
                year,
                form: draft.get_untracked(),
            });
        }
    };
    let line_inputs = Category::ALL
        .into_iter()
        .enumerate()
        .map(|(index, category)| {
            let bind = (
                Signal::derive(move || {
                    draft.with(|d| d.lines.get(index).cloned().unwrap_or_default())
                }),
                Callback::new(move |value| {
                    draft.update(|d| {
                        if let Some(line) = d.lines.get_mut(index) {
                            *line = value;
                        }
                    })
                }),
            );
            view! {
                <TextInput
                    name=line_field(category)
                    label=move || category_label(i18n.get_locale(), category).to_owned()
                    bind
                    errors
                    kind="text"
                />
            }
        })
        .collect_view();
    // `autocomplete="off"`: after a reload the fields show what is stored, not
    // what the browser remembers of the page before.
    view! {
        <section class="card" aria-labelledby="budget-lines">
            <h2 id="budget-lines">{move || t_string!(i18n, budget.grant_heading)}</h2>
            <form novalidate autocomplete="off" on:submit=on_submit>
                <TextInput
                    name="grant"
                    label=move || t_string!(i18n, budget.grant).to_owned()
                    hint=move || t_string!(i18n, budget.grant_hint).to_owned()
                    bind=grant
                    errors
                    required=true
                />
                <fieldset
                    class="field choice budget-lines"
                    class:field--invalid=move || lines_message().is_some()
                    aria-describedby="field-lines-hint field-lines-error"
                >
                    <legend>{move || t_string!(i18n, budget.lines)}</legend>
                    <p class="field__hint" id="field-lines-hint">{move || t_string!(i18n, budget.lines_hint)}</p>
                    <div class="budget-lines__grid">{line_inputs}</div>
                    <p class="budget-lines__total" aria-live="polite">{running_total}</p>
                    <p class="field__error" id="field-lines-error">{lines_message}</p>
                </fieldset>
                <FormError error=errors.server fields=FIELDS />
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {move || t_string!(i18n, budget.save)}
                </button>
                <div role="status">
                    <Show when=move || saved.get()>
                        <p class="alert alert--success">{move || t_string!(i18n, budget.saved)}</p>
                    </Show>
                </div>
            </form>
        </section>
    }
}
