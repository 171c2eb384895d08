//! Entering and changing expenses, and the list of them, newest first,
//! filtered by category.

use leptos::html;
use leptos::prelude::*;
use leptos_i18n::t_string;

use crate::bind;
use crate::budget::{Category, DeleteExpense, Expense, ExpenseForm, SaveExpense};
use crate::components::form::{Choice, FormError, FormErrors, TextInput};
use crate::i18n::use_i18n;
use crate::portal::profile::today;
use crate::text::{category_label, fill, format_moment, format_typed_date, money, money_style};

const FIELDS: &[&str] = &["date", "amount", "category", "note"];

/// The form for a new expense, or for the one being changed.
#[component]
pub fn ExpenseEditor(
    programme: String,
    year: i32,
    expense: ServerAction<SaveExpense>,
    editing: RwSignal<Option<Expense>>,
) -> impl IntoView {
    let programme = StoredValue::new(programme);
    move || {
        let current = editing.get();
        view! { <ExpenseFields programme=programme.get_value() year current expense editing /> }
    }
}

#[component]
fn ExpenseFields(
    programme: String,
    year: i32,
    current: Option<Expense>,
    expense: ServerAction<SaveExpense>,
    editing: RwSignal<Option<Expense>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let style = money_style(i18n.get_locale_untracked());
    let id = current.as_ref().map(|e| e.id.clone());
    let changing = id.is_some();
    let draft = RwSignal::new(current.as_ref().map_or_else(
        || {
            let today = today();
            ExpenseForm {
                date: if today.year() == year {
                    today.to_string()
                } else {
                    String::new()
                },
                ..ExpenseForm::default()
            }
        },
        |expense| expense.form(style),
    ));
    let errors = FormErrors::new(move || draft.with(|d| d.values(year).err().unwrap_or_default()));
    let saved = RwSignal::new(false);
    Effect::new(move || match expense.value().get() {
        Some(Ok(_)) => saved.set(true),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    let heading = NodeRef::<html::H2>::new();
    if changing {
        Effect::new(move || {
            if let Some(heading) = heading.get() {
                let _ = heading.focus();
            }
        });
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        saved.set(false);
        if errors.ready() {
            expense.dispatch(SaveExpense {
                programme: programme.clone(),
                year,
                id: id.clone(),
                form: draft.get_untracked(),
            });
        }
    };
    view! {
        <section class="card" aria-labelledby="budget-expense">
            <h2 id="budget-expense" tabindex="-1" node_ref=heading>
                {move || if changing { t_string!(i18n, budget.edit_heading) } else { t_string!(i18n, budget.expense_heading) }}
            </h2>
            <form novalidate autocomplete="off" on:submit=on_submit>
                <div class="budget-expense__grid">
                    <TextInput name="date" kind="date" label=move || t_string!(i18n, budget.date).to_owned() bind=bind!(draft.date) errors required=true />
                    <TextInput
                        name="amount"
                        label=move || t_string!(i18n, budget.amount).to_owned()
                        hint=move || t_string!(i18n, budget.amount_hint).to_owned()
                        bind=bind!(draft.amount)
                        errors
                        required=true
                    />
                    <Choice
                        name="category"
                        label=move || t_string!(i18n, budget.category_label).to_owned()
                        bind=bind!(draft.category)
                        options=Category::ALL.to_vec()
                        label_of=category_label
                        errors
                        required=true
                    />
                </div>
                <TextInput name="note" label=move || t_string!(i18n, budget.note).to_owned() bind=bind!(draft.note) errors multiline=true />
                <FormError error=errors.server fields=FIELDS />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || expense.pending().get()>
                        {move || t_string!(i18n, budget.save_expense)}
                    </button>
                    {changing.then(|| view! {
                        <button type="button" class="button button--secondary" on:click=move |_| editing.set(None)>
                            {move || t_string!(i18n, common.cancel)}
                        </button>
                    })}
                </div>
                <div role="status">
                    <Show when=move || saved.get()>
                        <p class="alert alert--success">{move || t_string!(i18n, budget.expense_saved)}</p>
                    </Show>
                </div>
            </form>
        </section>
    }
}

#[component]
pub fn ExpenseList(
    expenses: Vec<Expense>,
    delete: ServerAction<DeleteExpense>,
    editing: RwSignal<Option<Expense>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(None::<Category>);
    let expenses = StoredValue::new(expenses);
    let none_at_all = expenses.with_value(Vec::is_empty);
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let shown = move || {
        let chosen = filter.get();
        expenses.with_value(|all| {
            all.iter()
                .filter(|e| chosen.is_none_or(|c| e.values.category == c))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let rows = move || {
        let list = shown();
        if list.is_empty() {
            let text = if none_at_all {
                t_string!(i18n, budget.no_expenses)
            } else {
                t_string!(i18n, budget.no_expenses_in_category)
            };
            return view! { <p class="muted">{text}</p> }.into_any();
        }
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                <table class="table budget-expenses">
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, budget.date)}</th>
                            <th scope="col">{move || t_string!(i18n, budget.category_label)}</th>
                            <th scope="col" class="num">{move || t_string!(i18n, budget.amount)}</th>
                            <th scope="col">{move || t_string!(i18n, budget.note)}</th>
                            <th scope="col">{move || t_string!(i18n, budget.entered)}</th>
                            <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, common.actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.into_iter().map(|expense| view! { <ExpenseRow expense delete editing /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="budget-expenses">
            <h2 id="budget-expenses">{move || t_string!(i18n, budget.expenses_heading)}</h2>
            <div class="field budget-filter">
                <label for="budget-filter">{move || t_string!(i18n, budget.filter)}</label>
                <select
                    id="budget-filter"
                    on:change:target=move |ev| filter.set(Category::from_code(&ev.target().value()))
                >
                    <option value="">{move || t_string!(i18n, budget.all_categories)}</option>
                    {Category::ALL.into_iter().map(|category| view! {
                        <option value=category.code()>{move || category_label(i18n.get_locale(), category)}</option>
                    }).collect_view()}
                </select>
            </div>
            <FormError error=delete_error />
            {rows}
        </section>
    }
}

#[component]
fn ExpenseRow(
    expense: Expense,
    delete: ServerAction<DeleteExpense>,
    editing: RwSignal<Option<Expense>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let stored = StoredValue::new(expense.clone());
    let values = expense.values.clone();
    let (date, amount, category) = (
        StoredValue::new(values.date.clone()),
        values.amount,
        values.category,
    );
    let described = move || {
        let locale = i18n.get_locale();
        let date = date.with_value(|date| format_typed_date(locale, date));
        (money(locale, amount), date)
    };
    let entered = {
        let expense = expense.clone();
        move || {
            let locale = i18n.get_locale();
            let mut text = fill(
                t_string!(i18n, budget.entered_by),
                &[
                    ("name", expense.entered_by_name.clone()),
                    ("when", format_moment(locale, expense.entered_at / 1000)),
                ],
            );
            if let (Some(name), Some(at)) = (&expense.changed_by_name, expense.changed_at) {
                text.push_str("; ");
                text.push_str(&fill(
                    t_string!(i18n, budget.changed_by),
                    &[
                        ("name", name.clone()),
                        ("when", format_moment(locale, at / 1000)),
                    ],
                ));
            }
            text
        }
    };
    let id = expense.id.clone();
    let on_delete = move |_| {
        let (amount, date) = described();
        let question = fill(
            t_string!(i18n, budget.delete_confirm),
            &[("amount", amount), ("date", date)],
        );
        if window().confirm_with_message(&question).unwrap_or(false) {
            delete.dispatch(DeleteExpense { id: id.clone() });
        }
    };
    let label = move |template: &'static str| {
        let (amount, date) = described();
        fill(template, &[("amount", amount), ("date", date)])
    };
    view! {
        <tr>
            <td>{move || described().1}</td>
            <td>{move || category_label(i18n.get_locale(), category)}</td>
            <td class="num">{move || described().0}</td>
            <td class="budget-expenses__note">{values.note.clone()}</td>
            <td>{entered}</td>
            <td class="actions">
                <button
                    type="button"
                    class="link-button"
                    aria-label=move || label(t_string!(i18n, budget.edit_label))
                    on:click=move |_| editing.set(Some(stored.get_value()))
                >
                    {move || t_string!(i18n, common.edit)}
                </button>
                <button
                    type="button"
                    class="link-button"
                    aria-label=move || label(t_string!(i18n, budget.delete_label))
                    on:click=on_delete
                >
                    {move || t_string!(i18n, budget.delete)}
                </button>
            </td>
        </tr>
    }
}
