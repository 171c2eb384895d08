//! A cohort's course as the coordinator follows it: every published pair with
//! its meetings and introductions, quiet pairs first, ending a match early
//! with a reason, and the matches that ended.

use leptos::prelude::*;
use leptos_i18n::{t_string, td_string};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::Role;
use crate::components::form::{Choice, FormError, FormErrors, TextInput};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::course::{CohortCourse, EndMatch, EndReason, PairActivity, load_cohort_course};
use crate::i18n::use_i18n;
use crate::portal::profile::{MAX_LONG, text_problem};
use crate::text::{end_reason_label, fill, format_typed_date};

#[component]
pub fn CohortCoursePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let cohort = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    let end = ServerAction::<EndMatch>::new();
    let course = Resource::new(
        move || (cohort.get(), end.version().get()),
        |(cohort, _)| load_cohort_course(cohort),
    );
    view! {
        <Title text=move || t_string!(i18n, course.cohort_link) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Transition fallback=|| view! { <Loading /> }>
                {move || course.get().map(|result| match result {
                    Ok(course) => view! { <CohortCourseView course end /> }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

#[component]
fn CohortCourseView(course: CohortCourse, end: ServerAction<EndMatch>) -> impl IntoView {
    let i18n = use_i18n();
    let ending = RwSignal::new(None::<PairActivity>);
    let CohortCourse {
        cohort,
        cohort_name,
        quiet_weeks,
        pairs,
        ended,
    } = course;
    let title_name = cohort_name.clone();
    let board = format!("/coordinator/cohorts/{cohort}/board");
    let stored_cohort = StoredValue::new(cohort);
    let no_pairs = pairs.is_empty();
    view! {
        <section class="card">
            <h1>{move || fill(t_string!(i18n, course.cohort_title), &[("cohort", title_name.clone())])}</h1>
            <p>{move || fill(t_string!(i18n, course.cohort_intro), &[("weeks", quiet_weeks.to_string())])}</p>
            <h2>{move || t_string!(i18n, course.pairs)}</h2>
            {no_pairs.then(|| view! { <p class="muted">{move || t_string!(i18n, course.pairs_none)}</p> })}
            {(!no_pairs).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, course.pairs)>
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{move || t_string!(i18n, course.col_pair)}</th>
                                <th scope="col">{move || t_string!(i18n, course.col_meetings)}</th>
                                <th scope="col">{move || t_string!(i18n, course.col_hours)}</th>
                                <th scope="col">{move || t_string!(i18n, course.col_last)}</th>
                                <th scope="col">{move || t_string!(i18n, course.col_introductions)}</th>
                                <th scope="col">{move || t_string!(i18n, course.col_action)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {pairs.into_iter().map(|pair| {
                                let stored = StoredValue::new(pair.clone());
                                let last = pair.last_meeting.clone();
                                let label = format!("{} – {}", pair.mentee_name, pair.mentor_name);
                                let hours = format!("{:.1}", f64::from(pair.minutes) / 60.0);
                                view! {
                                    <tr class:pair--quiet=pair.quiet>
                                        <td>
                                            {pair.mentee_name.clone()} " – " {pair.mentor_name.clone()}
                                            {pair.quiet.then(|| view! { " " <span class="badge badge--warning">{move || t_string!(i18n, course.quiet)}</span> })}
                                        </td>
                                        <td>{format!("{} ({})", pair.meetings, pair.confirmed)}</td>
                                        <td>{hours}</td>
                                        <td>{move || last.as_deref().map_or_else(|| t_string!(i18n, course.never).to_owned(), |date| format_typed_date(i18n.get_locale(), date))}</td>
                                        <td>{pair.introductions}</td>
                                        <td>
                                            <button
                                                type="button"
                                                class="link-button"
                                                aria-label=move || format!("{}: {}", t_string!(i18n, course.end_match), label)
                                                on:click=move |_| ending.set(Some(stored.get_value()))
                                            >
                                                {move || t_string!(i18n, course.end_match)}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
        {move || ending.get().map(|pair| view! { <EndEditor cohort=stored_cohort.get_value() pair end ending /> })}
        {(!ended.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="ended-title">
                <h2 id="ended-title">{move || t_string!(i18n, course.ended)}</h2>
                <ul class="list">
                    {ended.into_iter().map(|ended| {
                        let board = board.clone();
                        let line = move || {
                            let locale = i18n.get_locale();
                            fill(td_string!(locale, course.ended_line), &[
                                ("date", format_typed_date(locale, &ended.ended_on)),
                                ("mentee", ended.mentee_name.clone()),
                                ("mentor", ended.mentor_name.clone()),
                                ("reason", end_reason_label(locale, ended.reason).to_owned()),
                            ])
                        };
                        let note = ended.note.clone();
                        view! {
                            <li>
                                {line}
                                {(!note.is_empty()).then(|| view! { <br /><span class="muted">{note.clone()}</span> })}
                                {ended.in_pool.then(|| view! {
                                    " · " {move || t_string!(i18n, course.in_pool)} " · "
                                    <a href=board.clone()>{move || t_string!(i18n, course.rematch)}</a>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// The reason and note for ending a match, as the coordinator types them.
#[derive(Clone, Debug, Default, PartialEq)]
struct EndDraft {
    reason: Option<EndReason>,
    note: String,
}

#[component]
fn EndEditor(
    cohort: String,
    pair: PairActivity,
    end: ServerAction<EndMatch>,
    ending: RwSignal<Option<PairActivity>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(EndDraft::default());
    let errors = FormErrors::new(move || {
        let mut problems = Vec::new();
        draft.with(|d| {
            if d.reason.is_none() {
                problems.push(crate::error::FieldProblem {
                    field: "reason".into(),
                    problem: crate::error::Problem::Required,
                });
            }
            if let Some(problem) = text_problem(&d.note, false, MAX_LONG) {
                problems.push(crate::error::FieldProblem {
                    field: "note".into(),
                    problem,
                });
            }
        });
        problems
    });
    let before = end.version().get_untracked();
    Effect::new(move || {
        if end.version().get() == before {
            return;
        }
        match end.value().get() {
            Some(Ok(())) => ending.set(None),
            Some(Err(error)) => errors.server.set(Some(error)),
            None => {}
        }
    });
    let mentee = pair.mentee.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready()
            && let Some(reason) = draft.with_untracked(|d| d.reason)
        {
            end.dispatch(EndMatch {
                cohort: cohort.clone(),
                mentee: mentee.clone(),
                reason,
                note: draft.with_untracked(|d| d.note.clone()),
            });
        }
    };
    let title = move || {
        fill(
            t_string!(i18n, course.end_title),
            &[
                ("mentee", pair.mentee_name.clone()),
                ("mentor", pair.mentor_name.clone()),
            ],
        )
    };
    let help = move || match draft.with(|d| d.reason) {
        Some(reason) if reason.rematch() => Some(t_string!(i18n, course.end_rematch_help)),
        Some(_) => Some(t_string!(i18n, course.end_leave_help)),
        None => None,
    };
    view! {
        <section class="card" aria-labelledby="end-title">
            <h2 id="end-title">{title}</h2>
            <form novalidate on:submit=on_submit>
                <Choice
                    name="reason"
                    label=move || t_string!(i18n, course.end_reason)
                    bind=(
                        Signal::derive(move || draft.with(|d| d.reason)),
                        Callback::new(move |value: Option<EndReason>| draft.update(|d| d.reason = value)),
                    )
                    options=EndReason::ALL.to_vec()
                    label_of=end_reason_label
                    errors
                    required=true
                />
                <p class="field__hint" aria-live="polite">{help}</p>
                <TextInput
                    name="note"
                    label=move || t_string!(i18n, course.note)
                    bind=(
                        Signal::derive(move || draft.with(|d| d.note.clone())),
                        Callback::new(move |value: String| draft.update(|d| d.note = value)),
                    )
                    errors
                    multiline=true
                />
                <FormError error=errors.server fields=&["reason", "note"] />
                <div class="actions">
                    <button type="submit" class="button button--danger" disabled=move || end.pending().get()>{move || t_string!(i18n, course.end_confirm)}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| ending.set(None)>{move || t_string!(i18n, course.cancel)}</button>
                </div>
            </form>
        </section>
    }
}
