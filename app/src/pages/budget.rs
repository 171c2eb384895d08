//! The budget of a programme's year for its coordinators: choose programme
//! and year, spent against each budget line (a bar and the numbers), the cost
//! per participant and per mentee in work, the grant and lines form, the
//! expenses and the log of changes.

mod expenses;
mod lines;

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::accounts::Role;
use crate::budget::{
    BUDGET_PATH, BudgetPage, BudgetSummary, DeleteExpense, LineSummary, ProgrammeChoice,
    SaveBudget, SaveExpense, load_budget,
};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::AppError;
use crate::i18n::{Locale, use_i18n};
use crate::portal::profile::today;
use crate::text::{category_label, change_action_label, fill, format_moment, money};
use expenses::{ExpenseEditor, ExpenseList};
use lines::LinesForm;

#[component]
pub fn BudgetPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = BudgetState::new();
    view! {
        <Title text=move || t_string!(i18n, budget.title) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Budget state />
        </RoleGate>
    }
}

/// What the budget page reads and the actions that change it. Made outside the
/// role gate, so the page's data is loaded once per page, not again each time the
/// gate renders its content.
#[derive(Clone, Copy)]
struct BudgetState {
    data: Resource<Result<Option<BudgetPage>, AppError>>,
    save: ServerAction<SaveBudget>,
    expense: ServerAction<SaveExpense>,
    delete: ServerAction<DeleteExpense>,
}

impl BudgetState {
    /// The programme and year in the address (`?programme=SLUG&year=YYYY`), so a
    /// reload or a shared link shows the same budget; the first programme and
    /// this year when none is given.
    fn new() -> Self {
        let query = use_query_map();
        let programme =
            Signal::derive(move || query.with(|q| q.get("programme")).unwrap_or_default());
        let year = Signal::derive(move || {
            query
                .with(|q| q.get("year"))
                .and_then(|year| year.trim().parse::<i32>().ok())
                .unwrap_or_else(|| today().year())
        });
        let save = ServerAction::<SaveBudget>::new();
        let expense = ServerAction::<SaveExpense>::new();
        let delete = ServerAction::<DeleteExpense>::new();
        // Reloaded after each change that succeeded; a refused one keeps what was typed.
        let refresh = RwSignal::new(0_u32);
        let bump = move || refresh.update(|n| *n += 1);
        Effect::new(move || {
            if matches!(save.value().get(), Some(Ok(_))) {
                bump();
            }
        });
        Effect::new(move || {
            if matches!(expense.value().get(), Some(Ok(_))) {
                bump();
            }
        });
        Effect::new(move || {
            if matches!(delete.value().get(), Some(Ok(_))) {
                expense.value().set(None);
                bump();
            }
        });
        // Another programme or year: answers about the last one no longer apply.
        Effect::new(move |previous: Option<(String, i32)>| {
            let now = (programme.get(), year.get());
            if previous.is_some_and(|previous| previous != now) {
                save.value().set(None);
                expense.value().set(None);
                delete.value().set(None);
            }
            now
        });
        let data = Resource::new(
            move || (programme.get(), year.get(), refresh.get()),
            |(programme, year, _)| load_budget(programme, year),
        );
        Self {
            data,
            save,
            expense,
            delete,
        }
    }
}

#[component]
fn Budget(state: BudgetState) -> impl IntoView {
    let i18n = use_i18n();
    let BudgetState {
        data,
        save,
        expense,
        delete,
    } = state;
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || data.get().map(|result| match result {
                Ok(Some(page)) => view! {
                    <Chooser
                        list=page.programmes.clone()
                        programme=page.summary.programme.clone()
                        year=page.summary.year
                    />
                    <Figures page save expense delete />
                }.into_any(),
                Ok(None) => view! {
                    <section class="card">
                        <h1>{move || t_string!(i18n, budget.title)}</h1>
                        <p>{move || t_string!(i18n, budget.no_programmes)}</p>
                        <a href="/coordinator/programmes">{move || t_string!(i18n, nav.programmes)}</a>
                    </section>
                }.into_any(),
                Err(error) => view! {
                    <section class="card">
                        <h1>{move || t_string!(i18n, budget.title)}</h1>
                        <ErrorAlert error />
                    </section>
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Chooser(list: Vec<ProgrammeChoice>, programme: String, year: i32) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let chosen = RwSignal::new(programme);
    let typed_year = RwSignal::new(year.to_string());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("programme", &chosen.get_untracked())
            .append_pair("year", typed_year.get_untracked().trim())
            .finish();
        navigate(&format!("{BUDGET_PATH}?{query}"), Default::default());
    };
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, budget.title)}</h1>
            <p>{move || t_string!(i18n, budget.intro)}</p>
            <form class="budget-chooser" method="get" action=BUDGET_PATH autocomplete="off" on:submit=on_submit>
                <fieldset class="budget-chooser__fields">
                    <legend>{move || t_string!(i18n, budget.choose)}</legend>
                    <div class="field">
                        <label for="budget-programme">{move || t_string!(i18n, budget.programme)}</label>
                        <select
                            id="budget-programme"
                            name="programme"
                            prop:value=move || chosen.get()
                            on:change:target=move |ev| chosen.set(ev.target().value())
                        >
                            {list.into_iter().map(|p| {
                                let slug = p.slug.clone();
                                let selected = slug == chosen.get_untracked();
                                view! { <option value=slug selected=selected>{p.name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="budget-year">{move || t_string!(i18n, budget.year)}</label>
                        <input
                            id="budget-year"
                            name="year"
                            type="number"
                            inputmode="numeric"
                            min=crate::budget::FIRST_YEAR
                            max=crate::budget::LAST_YEAR
                            prop:value=move || typed_year.get()
                            on:input:target=move |ev| typed_year.set(ev.target().value())
                        />
                    </div>
                    <button type="submit" class="button">{move || t_string!(i18n, budget.show)}</button>
                </fieldset>
            </form>
        </section>
    }
}

/// "12.5 %" / "12,5 %".
fn percent(locale: Locale, permille: i64) -> String {
    let text = format!("{}.{} %", permille / 10, (permille % 10).abs());
    match locale {
        Locale::en => text,
        Locale::da => text.replace('.', ","),
    }
}

/// An amount, or "–" when there is none (a cost with nobody to divide by).
fn money_or_dash(locale: Locale, amount: Option<i64>) -> String {
    match amount {
        Some(ore) => money(locale, ore),
        None => leptos_i18n::td_string!(locale, budget.not_available).to_owned(),
    }
}

#[component]
fn Figures(
    page: BudgetPage,
    save: ServerAction<SaveBudget>,
    expense: ServerAction<SaveExpense>,
    delete: ServerAction<DeleteExpense>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = page.summary.clone();
    let (name, year) = (summary.programme_name.clone(), summary.year);
    let programme = summary.programme.clone();
    let expenses = page.expenses.clone();
    let editing = RwSignal::new(None::<crate::budget::Expense>);
    view! {
        <section class="card" aria-labelledby="budget-heading">
            <h2 id="budget-heading">{move || fill(t_string!(i18n, budget.heading), &[("programme", name.clone()), ("year", year.to_string())])}</h2>
            <SpentTable summary=summary.clone() />
        </section>
        <Costs summary />
        <LinesForm programme=programme.clone() year budget=page.budget save />
        <ExpenseEditor programme year expense editing />
        <ExpenseList expenses delete editing />
        <History changes=page.changes />
    }
}

/// Spent against budget, line by line; also in the funder report.
#[component]
pub fn SpentTable(summary: BudgetSummary) -> impl IntoView {
    let i18n = use_i18n();
    let scale = summary
        .lines
        .iter()
        .map(|line| line.budget.max(line.spent))
        .max()
        .unwrap_or(0);
    let grant = summary.grant;
    let grant_remaining = summary.grant_remaining;
    let spent = summary.total.spent;
    let year = summary.year;
    view! {
        {match grant {
            Some(grant) => view! {
                <dl class="details budget-grant">
                    <dt>{move || t_string!(i18n, budget.grant)}</dt>
                    <dd>{move || money(i18n.get_locale(), grant)}</dd>
                    <dt>{move || t_string!(i18n, budget.spent)}</dt>
                    <dd>{move || money(i18n.get_locale(), spent)}</dd>
                    <dt>{move || t_string!(i18n, budget.grant_left)}</dt>
                    <dd>{move || money_or_dash(i18n.get_locale(), grant_remaining)}</dd>
                </dl>
            }.into_any(),
            None => view! { <p class="muted">{move || t_string!(i18n, budget.grant_none)}</p> }.into_any(),
        }}
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
            <table class="table budget-table">
                <caption>{move || fill(t_string!(i18n, budget.table_caption), &[("year", year.to_string())])}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, budget.category_label)}</th>
                        <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, budget.bar)}</span></th>
                        <th scope="col" class="num">{move || t_string!(i18n, budget.budget_col)}</th>
                        <th scope="col" class="num">{move || t_string!(i18n, budget.spent)}</th>
                        <th scope="col" class="num">{move || t_string!(i18n, budget.remaining)}</th>
                        <th scope="col">{move || t_string!(i18n, budget.used)}</th>
                    </tr>
                </thead>
                <tbody>
                    {summary.lines.into_iter().map(|line| view! { <LineRow line scale /> }).collect_view()}
                </tbody>
                <tfoot>
                    <LineRow line=summary.total scale=0 />
                </tfoot>
            </table>
        </div>
    }
}

/// One line: its name, a bar, then the numbers. The bar needs no colour: the
/// budget is an outline, what was spent a solid fill, and spending beyond the
/// budget is hatched past a marker; the words "over budget" say it too.
#[component]
fn LineRow(line: LineSummary, scale: i64) -> impl IntoView {
    let i18n = use_i18n();
    let category = line.category;
    let name = move || match category {
        Some(category) => category_label(i18n.get_locale(), category).to_owned(),
        None => t_string!(i18n, budget.total).to_owned(),
    };
    let LineSummary {
        budget,
        spent,
        remaining,
        used_permille,
        over,
        ..
    } = line;
    let width = |amount: i64| {
        if scale > 0 {
            (amount.clamp(0, scale) * 1000 / scale) as f64 / 10.0
        } else {
            0.0
        }
    };
    let hatch = format!("budget-hatch-{}", category.map_or("total", |c| c.code()));
    let bar = (scale > 0).then(|| {
        let (budget_w, spent_w) = (width(budget), width(spent));
        let fill_url = format!("url(#{hatch})");
        let within = spent_w.min(budget_w);
        view! {
            <svg class="budget-bar" viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <defs>
                    <pattern id=hatch.clone() width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="3" height="3" class="budget-bar__hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="3" class="budget-bar__hatch" />
                    </pattern>
                </defs>
                <rect x="0.5" y="1" width=(budget_w - 1.0).max(0.0) height="12" class="budget-bar__budget" />
                <rect x="0" y="3" width=within height="8" class="budget-bar__spent" />
                {over.then(|| view! {
                    <rect x=budget_w y="1" width=(spent_w - budget_w).max(0.0) height="12" fill=fill_url class="budget-bar__over" />
                    <line x1=budget_w y1="0" x2=budget_w y2="14" class="budget-bar__marker" />
                })}
            </svg>
        }
    });
    view! {
        <tr class:budget-row--over=over>
            <th scope="row">{name}</th>
            <td class="budget-table__bar">{bar}</td>
            <td class="num">{move || money(i18n.get_locale(), budget)}</td>
            <td class="num">{move || money(i18n.get_locale(), spent)}</td>
            <td class="num">{move || money(i18n.get_locale(), remaining)}</td>
            <td>
                {move || used_permille.map(|permille| percent(i18n.get_locale(), permille))}
                {over.then(|| view! { " " <strong class="budget-over">{move || t_string!(i18n, budget.over)}</strong> })}
            </td>
        </tr>
    }
}

/// Cost per participant and per mentee in work; also in the funder report.
#[component]
pub fn Costs(summary: BudgetSummary) -> impl IntoView {
    let i18n = use_i18n();
    let people = summary.participants.clone();
    let count = move || {
        fill(
            t_string!(i18n, budget.participants_count),
            &[
                ("total", people.total().to_string()),
                ("mentees", people.mentees.to_string()),
                ("mentors", people.mentors.to_string()),
            ],
        )
    };
    let in_work = summary.participants.mentees_in_work;
    let (per_participant, per_in_work) = (
        summary.cost_per_participant,
        summary.cost_per_mentee_in_work,
    );
    let year = summary.year;
    view! {
        <section class="card" aria-labelledby="budget-costs">
            <h2 id="budget-costs">{move || t_string!(i18n, budget.costs_heading)}</h2>
            <dl class="details">
                <dt>{move || t_string!(i18n, budget.participants)}</dt>
                <dd>{count}</dd>
                <dt>{move || t_string!(i18n, budget.cost_per_participant)}</dt>
                <dd>{move || money_or_dash(i18n.get_locale(), per_participant)}</dd>
                <dt>{move || t_string!(i18n, budget.in_work)}</dt>
                <dd>{in_work}</dd>
                <dt>{move || t_string!(i18n, budget.cost_per_mentee_in_work)}</dt>
                <dd>{move || money_or_dash(i18n.get_locale(), per_in_work)}</dd>
            </dl>
            <p class="field__hint">{move || fill(t_string!(i18n, budget.who_counts), &[("year", year.to_string())])}</p>
        </section>
    }
}

#[component]
fn History(changes: Vec<crate::budget::BudgetChange>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = changes.is_empty();
    let entries = changes
        .into_iter()
        .map(|change| {
            let line = move || {
                let locale = i18n.get_locale();
                let mut what = money(locale, change.amount);
                if let Some(category) = change.category {
                    what = format!("{}, {what}", category_label(locale, category));
                }
                if let Some(date) = &change.date {
                    what = format!("{what} ({})", crate::text::format_typed_date(locale, date));
                }
                fill(
                    t_string!(i18n, budget.history_line),
                    &[
                        (
                            "action",
                            change_action_label(locale, change.action).to_owned(),
                        ),
                        ("who", change.by_name.clone()),
                        ("when", format_moment(locale, change.at / 1000)),
                        ("what", what),
                    ],
                )
            };
            view! { <li>{line}</li> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="budget-history">
            <h2 id="budget-history">{move || t_string!(i18n, budget.history_heading)}</h2>
            {if empty {
                view! { <p class="muted">{move || t_string!(i18n, budget.history_none)}</p> }.into_any()
            } else {
                view! { <ol class="budget-history">{entries}</ol> }.into_any()
            }}
        </section>
    }
}
