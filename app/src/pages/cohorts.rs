//! Coordinators create cohorts of a programme, with dates, places, status and
//! the weights the matching engine uses for them, and open each cohort's board.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;
use mentorbro_matching::Criterion;

use crate::accounts::Role;
use crate::bind;
use crate::board::{
    Cohort, CohortForm, CohortStatus, SaveCohort, list_cohorts, weight_code, weight_from_code,
};
use crate::components::export_links::ExportLinks;
use crate::components::form::{Choice, FormError, FormErrors, TextInput};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::programmes::{ProgrammePage, list_programmes};
use crate::text::{cohort_status_label, criterion_label, format_typed_date};

type Programmes = Resource<Result<Vec<ProgrammePage>, AppError>>;

#[component]
pub fn CohortsPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCohort>::new();
    let cohorts = Resource::new(move || save.version().get(), |_| list_cohorts());
    let programmes = Resource::new(|| (), |_| list_programmes());
    view! {
        <Title text=move || t_string!(i18n, nav.cohorts) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Cohorts save cohorts programmes />
        </RoleGate>
    }
}

#[component]
fn Cohorts(
    save: ServerAction<SaveCohort>,
    cohorts: Resource<Result<Vec<Cohort>, AppError>>,
    programmes: Programmes,
) -> impl IntoView {
    let i18n = use_i18n();
    // `None`: no form open; `Some(None)`: a new cohort; `Some(Some(c))`: editing `c`.
    let editing = RwSignal::new(None::<Option<Cohort>>);
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, nav.cohorts)}</h1>
            <p>{move || t_string!(i18n, cohorts.intro)}</p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || cohorts.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{move || t_string!(i18n, cohorts.none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">{move || t_string!(i18n, cohorts.name)}</th>
                                        <th scope="col">{move || t_string!(i18n, cohorts.dates)}</th>
                                        <th scope="col">{move || t_string!(i18n, field.status)}</th>
                                        <th scope="col">{move || t_string!(i18n, cohorts.people)}</th>
                                        <th scope="col">{move || t_string!(i18n, cohorts.pairs)}</th>
                                        <th scope="col"><span class="visually-hidden">{move || t_string!(i18n, common.actions)}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|cohort| {
                                        let board = format!("/coordinator/cohorts/{}/board", cohort.id);
                                        let workshops = format!("/coordinator/cohorts/{}/workshops", cohort.id);
                                        let name = cohort.name.clone();
                                        let workshops_name = name.clone();
                                        let course = format!("/coordinator/cohorts/{}/course", cohort.id);
                                        let course_name = cohort.name.clone();
                                        let surveys = format!("/coordinator/cohorts/{}/surveys", cohort.id);
                                        let outcomes = format!("/coordinator/cohorts/{}/outcomes", cohort.id);
                                        let (surveys_name, outcomes_name) = (name.clone(), name.clone());
                                        let dashboard = format!("/coordinator/cohorts/{}/dashboard", cohort.id);
                                        let dashboard_name = name.clone();
                                        let edit_name = name.clone();
                                        let (export_cohort, export_name) = (cohort.id.clone(), name.clone());
                                        let stored = StoredValue::new(cohort.clone());
                                        let (start, end, status) = (cohort.start.clone(), cohort.end.clone(), cohort.status);
                                        let people = crate::text::fill(
                                            t_string!(i18n, cohorts.people_count),
                                            &[("mentees", cohort.mentees.to_string()), ("mentors", cohort.mentors.to_string()), ("places", cohort.places.to_string())],
                                        );
                                        view! {
                                            <tr>
                                                <td>{cohort.name.clone()}<br /><span class="muted">{cohort.programme_name.clone()}</span></td>
                                                <td>{move || format!("{} – {}", format_typed_date(i18n.get_locale(), &start), format_typed_date(i18n.get_locale(), &end))}</td>
                                                <td>{move || cohort_status_label(i18n.get_locale(), status)}</td>
                                                <td>{people}</td>
                                                <td>{format!("{} / {}", cohort.published_pairs, cohort.pairs)}</td>
                                                <td class="actions">
                                                    <a class="button" href=board aria-label=move || format!("{} {}", t_string!(i18n, cohorts.open_board), name)>
                                                        {move || t_string!(i18n, cohorts.open_board)}
                                                    </a>
                                                    <a class="button button--secondary" href=workshops aria-label=move || crate::text::fill(t_string!(i18n, workshops.open_label), &[("cohort", workshops_name.clone())])>
                                                        {move || t_string!(i18n, workshops.open)}
                                                    </a>
                                                    <a class="button button--secondary" href=course aria-label=move || format!("{} {}", t_string!(i18n, course.cohort_link), course_name)>
                                                        {move || t_string!(i18n, course.cohort_link)}
                                                    </a>
                                                    <a class="button button--secondary" href=surveys aria-label=move || format!("{} {}", t_string!(i18n, surveys.title), surveys_name)>
                                                        {move || t_string!(i18n, surveys.title)}
                                                    </a>
                                                    <a class="button button--secondary" href=outcomes aria-label=move || format!("{} {}", t_string!(i18n, outcomes.title), outcomes_name)>
                                                        {move || t_string!(i18n, outcomes.title)}
                                                    </a>
                                                    <a class="button button--secondary" href=dashboard aria-label=move || format!("{} {}", t_string!(i18n, report.dashboard), dashboard_name)>
                                                        {move || t_string!(i18n, report.dashboard)}
                                                    </a>
                                                    <ExportLinks cohort=export_cohort name=export_name />
                                                    <button
                                                        type="button"
                                                        class="link-button"
                                                        aria-label=move || format!("{} {}", t_string!(i18n, common.edit), edit_name)
                                                        on:click=move |_| editing.set(Some(Some(stored.get_value())))
                                                    >
                                                        {move || t_string!(i18n, common.edit)}
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorAlert error /> }.into_any(),
                })}
            </Transition>
            <button type="button" class="button" on:click=move |_| editing.set(Some(None))>
                {move || t_string!(i18n, cohorts.new)}
            </button>
        </section>
        {move || editing.get().map(|cohort| view! { <CohortEditor cohort save editing programmes /> })}
    }
}

#[component]
fn CohortEditor(
    cohort: Option<Cohort>,
    save: ServerAction<SaveCohort>,
    editing: RwSignal<Option<Option<Cohort>>>,
    programmes: Programmes,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = cohort.as_ref().map(|cohort| cohort.id.clone());
    let draft = RwSignal::new(
        cohort
            .as_ref()
            .map(Cohort::form)
            .unwrap_or_else(|| CohortForm {
                places: "35".into(),
                ..CohortForm::default()
            }),
    );
    let errors = FormErrors::new(move || draft.with(CohortForm::problems));
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => editing.set(None),
        Some(Err(error)) => errors.server.set(Some(error)),
        None => {}
    });
    // A new cohort starts in the only programme, if there is one.
    Effect::new(move || {
        if let Some(Ok(list)) = programmes.get()
            && draft.with_untracked(|d| d.programme.is_empty())
            && let Some(first) = list.first()
        {
            let slug = first.slug.clone();
            draft.update(|d| d.programme = slug);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            save.dispatch(SaveCohort {
                id: id.clone(),
                form: draft.get_untracked(),
            });
        }
    };
    view! {
        <section class="card" aria-labelledby="cohort-form-title">
            <h2 id="cohort-form-title">{move || t_string!(i18n, cohorts.edit_title)}</h2>
            <form novalidate on:submit=on_submit>
                <div class="field">
                    <label for="field-programme">{move || t_string!(i18n, cohorts.programme)}</label>
                    <select id="field-programme" on:change:target=move |ev| draft.update(|d| d.programme = ev.target().value())>
                        {move || programmes.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|page| {
                            let slug = page.slug.clone();
                            view! { <option value=page.slug.clone() selected=move || draft.with(|d| d.programme == slug)>{page.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextInput name="name" label=move || t_string!(i18n, cohorts.name) bind=bind!(draft.name) errors required=true />
                <TextInput name="start" label=move || t_string!(i18n, cohorts.start) kind="date" bind=bind!(draft.start) errors required=true />
                <TextInput name="end" label=move || t_string!(i18n, cohorts.end) kind="date" bind=bind!(draft.end) errors required=true hint=move || t_string!(i18n, cohorts.end_hint) />
                <TextInput name="places" label=move || t_string!(i18n, programme.places) kind="number" bind=bind!(draft.places) errors required=true />
                <Choice
                    name="status"
                    label=move || t_string!(i18n, field.status)
                    bind=(
                        Signal::derive(move || Some(draft.with(|d| d.status))),
                        Callback::new(move |value: Option<CohortStatus>| draft.update(|d| d.status = value.unwrap_or_default())),
                    )
                    options=CohortStatus::ALL.to_vec()
                    label_of=cohort_status_label
                    errors
                />
                <fieldset class="fieldset">
                    <legend>{move || t_string!(i18n, cohorts.weights)}</legend>
                    <p class="field__hint">{move || t_string!(i18n, cohorts.weights_hint)}</p>
                    <div class="weights">
                        {Criterion::ALL.into_iter().map(|criterion| {
                            let id = format!("weight-{}", criterion.code());
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{move || criterion_label(i18n.get_locale(), criterion)}</label>
                                    <select
                                        id=id
                                        on:change:target=move |ev| {
                                            if let Some(weight) = weight_from_code(&ev.target().value()) {
                                                draft.update(|d| d.weights.set(criterion, weight));
                                            }
                                        }
                                    >
                                        {std::iter::once("must".to_owned()).chain((0..=10).rev().map(|p: u8| p.to_string())).map(|code| {
                                            let selected_code = code.clone();
                                            let label_code = code.clone();
                                            view! {
                                                <option
                                                    value=code
                                                    selected=move || draft.with(|d| weight_code(d.weights.get(criterion)) == selected_code)
                                                >
                                                    {move || match label_code.as_str() {
                                                        "must" => t_string!(i18n, cohorts.must_have).to_string(),
                                                        "0" => t_string!(i18n, cohorts.off).to_string(),
                                                        points => points.to_owned(),
                                                    }}
                                                </option>
                                            }
                                        }).collect_view()}
                                    </select>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <FormError error=errors.server fields=&["programme", "name", "start", "end", "places", "status"] />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>{move || t_string!(i18n, apply.save)}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| editing.set(None)>{move || t_string!(i18n, common.cancel)}</button>
                </div>
            </form>
        </section>
    }
}
