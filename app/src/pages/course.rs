//! The course as a mentee or mentor follows it: the timeline, the meetings
//! the pair logged (the other side confirms them), and the introductions the
//! mentor made.

use leptos::prelude::*;
use leptos_i18n::{t_string, td_string};
use leptos_meta::Title;

use crate::accounts::Role;
use crate::bind;
use crate::components::form::{Checkboxes, Choice, FormError, FormErrors, TextInput};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::course::{
    ConfirmMeeting, Course, DeleteMeeting, Introduction, IntroductionForm, IntroductionKind,
    IntroductionOutcome, LogMeeting, Meeting, MeetingForm, Mode, Moment, SaveIntroduction, Side,
    Topic, my_course, timeline,
};
use crate::i18n::use_i18n;
use crate::portal::profile::today;
use crate::text::{
    course_mode_label, end_reason_label, fill, format_date, format_typed_date,
    introduction_kind_label, introduction_outcome_label, topic_label,
};

/// Every change on the page, so the course is read again after each.
#[derive(Clone, Copy)]
struct Actions {
    log: ServerAction<LogMeeting>,
    confirm: ServerAction<ConfirmMeeting>,
    delete: ServerAction<DeleteMeeting>,
    introduce: ServerAction<SaveIntroduction>,
}

#[component]
pub fn CoursePage() -> impl IntoView {
    let i18n = use_i18n();
    let actions = Actions {
        log: ServerAction::new(),
        confirm: ServerAction::new(),
        delete: ServerAction::new(),
        introduce: ServerAction::new(),
    };
    let courses = Resource::new(
        move || {
            (
                actions.log.version().get(),
                actions.confirm.version().get(),
                actions.delete.version().get(),
                actions.introduce.version().get(),
            )
        },
        |_| my_course(),
    );
    view! {
        <Title text=move || t_string!(i18n, course.title) />
        <RoleGate roles=&[Role::Mentee, Role::Mentor]>
            <section class="card">
                <h1>{move || t_string!(i18n, course.title)}</h1>
                <Transition fallback=|| view! { <Loading /> }>
                    {move || courses.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p>{move || t_string!(i18n, course.none)}</p> }.into_any(),
                        Ok(_) => ().into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    })}
                </Transition>
            </section>
            <Transition fallback=|| ()>
                {move || courses.get().and_then(Result::ok).map(|list| {
                    list.into_iter().enumerate().map(|(index, course)| view! { <CourseCard course index actions /> }).collect_view()
                })}
            </Transition>
        </RoleGate>
    }
}

/// The heading of a course: who with, in which cohort, when.
fn course_heading(locale: crate::i18n::Locale, course: &Course) -> String {
    let template = match course.side {
        Side::Mentee => td_string!(locale, course.with_mentor),
        Side::Mentor => td_string!(locale, course.with_mentee),
    };
    fill(
        template,
        &[
            ("name", course.partner_name.clone()),
            ("cohort", course.cohort_name.clone()),
        ],
    )
}

#[component]
fn CourseCard(course: Course, index: usize, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("course-{index}");
    let labelled_by = heading_id.clone();
    let open = course.ended.is_none();
    let course = StoredValue::new(course);
    let heading = move || course.with_value(|c| course_heading(i18n.get_locale(), c));
    let period = move || {
        let locale = i18n.get_locale();
        course.with_value(|c| {
            fill(
                td_string!(locale, course.period),
                &[
                    ("start", format_typed_date(locale, &c.start)),
                    ("end", format_typed_date(locale, &c.end)),
                ],
            )
        })
    };
    let ended = move || {
        course
            .with_value(|c| c.ended.clone())
            .map(|(date, reason)| {
                let text = move || {
                    let locale = i18n.get_locale();
                    fill(
                        td_string!(locale, course.ended_note),
                        &[
                            ("date", format_typed_date(locale, &date)),
                            ("reason", end_reason_label(locale, reason).to_owned()),
                        ],
                    )
                };
                view! { <p class="notice">{text}</p> }
            })
    };
    view! {
        <section class="card course" aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            <p class="muted">{period}</p>
            {ended}
            <Timeline course=course.get_value() />
            <Meetings course actions open />
            <Introductions course actions open />
        </section>
    }
}

/// The course's moments in date order, with today marked.
#[component]
pub fn Timeline(course: Course) -> impl IntoView {
    let i18n = use_i18n();
    let entries = timeline(&course, today());
    let count = entries.len();
    let today_index = entries
        .iter()
        .position(|entry| entry.ahead)
        .unwrap_or(entries.len());
    view! {
        <h3>{move || t_string!(i18n, course.timeline)}</h3>
        <ol class="timeline">
            {entries.into_iter().enumerate().map(|(i, entry)| {
                let marker = (i == today_index).then(|| view! {
                    <li class="timeline__today">{move || t_string!(i18n, course.today)} " · " {move || format_date(i18n.get_locale(), today())}</li>
                });
                let moment = entry.moment.clone();
                let text = move || {
                    let locale = i18n.get_locale();
                    match &moment {
                        Moment::Matched => td_string!(locale, course.moment_matched).to_owned(),
                        Moment::Meeting { confirmed: true } => td_string!(locale, course.moment_meeting).to_owned(),
                        Moment::Meeting { confirmed: false } => td_string!(locale, course.moment_meeting_unconfirmed).to_owned(),
                        Moment::Introduction { company } => fill(td_string!(locale, course.moment_introduction), &[("company", company.clone())]),
                        Moment::CourseEnd => td_string!(locale, course.moment_course_end).to_owned(),
                        Moment::Ended(reason) => fill(td_string!(locale, course.moment_ended), &[("reason", end_reason_label(locale, *reason).to_owned())]),
                    }
                };
                let date = entry.date;
                let ahead = entry.ahead;
                view! {
                    {marker}
                    <li class="timeline__entry" class:timeline__entry--ahead=ahead>
                        <span class="timeline__date">{move || format_date(i18n.get_locale(), date)}</span>
                        " "
                        <span>{text}</span>
                        {ahead.then(|| view! { <span class="visually-hidden">{move || format!(" ({})", t_string!(i18n, course.ahead))}</span> })}
                    </li>
                }
            }).collect_view()}
            {(today_index == count).then(|| view! {
                <li class="timeline__today">{move || t_string!(i18n, course.today)} " · " {move || format_date(i18n.get_locale(), today())}</li>
            })}
        </ol>
    }
}

#[component]
fn Meetings(course: StoredValue<Course>, actions: Actions, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let writing = RwSignal::new(false);
    let meetings = course.with_value(|c| c.meetings.clone());
    let empty = meetings.is_empty();
    view! {
        <h3>{move || t_string!(i18n, course.meetings)}</h3>
        {empty.then(|| view! { <p class="muted">{move || t_string!(i18n, course.meetings_none)}</p> })}
        <ul class="list meetings">
            {meetings.into_iter().map(|meeting| view! { <MeetingItem meeting actions open /> }).collect_view()}
        </ul>
        <ActionErrors actions />
        {open.then(|| view! {
            <Show
                when=move || writing.get()
                fallback=move || view! {
                    <button type="button" class="button" on:click=move |_| writing.set(true)>{move || t_string!(i18n, course.log_meeting)}</button>
                }
            >
                <MeetingEditor course actions writing />
            </Show>
        })}
    }
}

#[component]
fn MeetingItem(meeting: Meeting, actions: Actions, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let Meeting {
        id,
        date,
        time,
        minutes,
        mode,
        topics,
        notes,
        next_steps,
        mine,
        logged_by,
        confirmed,
    } = meeting;
    let line = move || {
        let locale = i18n.get_locale();
        let mut day = format_typed_date(locale, &date);
        if let Some(time) = &time {
            day = format!("{day} {time}");
        }
        fill(
            td_string!(locale, course.meeting_line),
            &[
                ("date", day),
                ("minutes", minutes.to_string()),
                ("mode", course_mode_label(locale, mode).to_owned()),
            ],
        )
    };
    let topics = move || {
        topics
            .iter()
            .map(|topic| topic_label(i18n.get_locale(), *topic))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let confirm_id = id.clone();
    let delete_id = id.clone();
    view! {
        <li class="meeting">
            <p><strong>{line}</strong></p>
            <p>{topics}</p>
            {(!notes.is_empty()).then(|| view! { <p class="meeting__notes">{notes.clone()}</p> })}
            {(!next_steps.is_empty()).then(|| view! {
                <p><span class="muted">{move || t_string!(i18n, course.next_steps)} ": "</span>{next_steps.clone()}</p>
            })}
            <p class="muted">
                {move || fill(t_string!(i18n, course.logged_by), &[("name", logged_by.clone())])}
                " · "
                {move || if confirmed { t_string!(i18n, course.confirmed) } else { t_string!(i18n, course.unconfirmed) }}
            </p>
            {(open && !mine && !confirmed).then(|| view! {
                <button
                    type="button"
                    class="button"
                    disabled=move || actions.confirm.pending().get()
                    on:click=move |_| { actions.confirm.dispatch(ConfirmMeeting { id: confirm_id.clone() }); }
                >
                    {move || t_string!(i18n, course.confirm)}
                </button>
            })}
            {(mine && !confirmed).then(|| view! {
                <button
                    type="button"
                    class="link-button"
                    disabled=move || actions.delete.pending().get()
                    on:click=move |_| { actions.delete.dispatch(DeleteMeeting { id: delete_id.clone() }); }
                >
                    {move || t_string!(i18n, course.delete)}
                </button>
            })}
        </li>
    }
}

const MEETING_FIELDS: &[&str] = &[
    "date",
    "time",
    "minutes",
    "mode",
    "topics",
    "notes",
    "next_steps",
];

#[component]
fn MeetingEditor(
    course: StoredValue<Course>,
    actions: Actions,
    writing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(MeetingForm {
        cohort: course.with_value(|c| c.cohort.clone()),
        partner: course.with_value(|c| c.partner.clone()),
        date: today().to_string(),
        minutes: "60".into(),
        ..MeetingForm::default()
    });
    let errors = FormErrors::new(move || draft.with(|d| d.problems(today())));
    let before = actions.log.version().get_untracked();
    Effect::new(move || {
        if actions.log.version().get() == before {
            return;
        }
        match actions.log.value().get() {
            Some(Ok(_)) => writing.set(false),
            Some(Err(error)) => errors.server.set(Some(error)),
            None => {}
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            actions.log.dispatch(LogMeeting {
                form: draft.get_untracked(),
            });
        }
    };
    view! {
        <form class="course__form" novalidate on:submit=on_submit aria-labelledby="meeting-form-title">
            <h4 id="meeting-form-title">{move || t_string!(i18n, course.log_meeting)}</h4>
            <TextInput name="date" label=move || t_string!(i18n, course.date) kind="date" bind=bind!(draft.date) errors required=true />
            <TextInput name="time" label=move || t_string!(i18n, course.time) kind="time" bind=bind!(draft.time) errors />
            <TextInput name="minutes" label=move || t_string!(i18n, course.minutes) kind="number" bind=bind!(draft.minutes) errors required=true />
            <Choice
                name="mode"
                label=move || t_string!(i18n, course.mode)
                bind=(
                    Signal::derive(move || Some(draft.with(|d| d.mode))),
                    Callback::new(move |value: Option<Mode>| draft.update(|d| d.mode = value.unwrap_or_default())),
                )
                options=Mode::ALL.to_vec()
                label_of=course_mode_label
                errors
                required=true
            />
            <Checkboxes name="topics" label=move || t_string!(i18n, course.topics) bind=bind!(draft.topics) options=Topic::ALL.to_vec() label_of=topic_label errors required=true />
            <TextInput name="notes" label=move || t_string!(i18n, course.notes) bind=bind!(draft.notes) errors multiline=true />
            <TextInput name="next_steps" label=move || t_string!(i18n, course.next_steps) bind=bind!(draft.next_steps) errors multiline=true />
            <FormError error=errors.server fields=MEETING_FIELDS />
            <div class="actions">
                <button type="submit" class="button" disabled=move || actions.log.pending().get()>{move || t_string!(i18n, course.save_meeting)}</button>
                <button type="button" class="button button--secondary" on:click=move |_| writing.set(false)>{move || t_string!(i18n, course.cancel)}</button>
            </div>
        </form>
    }
}

#[component]
fn Introductions(course: StoredValue<Course>, actions: Actions, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let is_mentor = course.with_value(|c| c.side == Side::Mentor);
    // `None`: no form; `Some(None)`: a new introduction; `Some(Some(i))`: editing `i`.
    let editing = RwSignal::new(None::<Option<Introduction>>);
    let list = course.with_value(|c| c.introductions.clone());
    let empty = list.is_empty();
    view! {
        <h3>{move || t_string!(i18n, course.introductions)}</h3>
        {(is_mentor && open).then(|| view! { <p class="field__hint">{move || t_string!(i18n, course.introductions_help)}</p> })}
        {empty.then(|| view! { <p class="muted">{move || t_string!(i18n, course.introductions_none)}</p> })}
        <ul class="list introductions">
            {list.into_iter().map(|introduction| {
                let stored = StoredValue::new(introduction.clone());
                let form = introduction.form;
                let company = form.company.clone();
                let line = move || {
                    let locale = i18n.get_locale();
                    fill(td_string!(locale, course.introduction_line), &[
                        ("date", format_typed_date(locale, &form.date)),
                        ("company", form.company.clone()),
                        ("role", form.role.clone()),
                        ("kind", introduction_kind_label(locale, form.kind).to_owned()),
                        ("outcome", introduction_outcome_label(locale, form.outcome).to_owned()),
                    ])
                };
                view! {
                    <li>
                        {line}
                        {(is_mentor && open).then(|| view! {
                            " "
                            <button
                                type="button"
                                class="link-button"
                                aria-label=move || format!("{} {}", t_string!(i18n, course.edit), company)
                                on:click=move |_| editing.set(Some(Some(stored.get_value())))
                            >
                                {move || t_string!(i18n, course.edit)}
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {(is_mentor && open).then(|| view! {
            {move || match editing.get() {
                Some(introduction) => view! { <IntroductionEditor course introduction actions editing /> }.into_any(),
                None => view! {
                    <button type="button" class="button" on:click=move |_| editing.set(Some(None))>{move || t_string!(i18n, course.add_introduction)}</button>
                }.into_any(),
            }}
        })}
    }
}

const INTRODUCTION_FIELDS: &[&str] = &["date", "company", "role", "kind", "outcome", "note"];

#[component]
fn IntroductionEditor(
    course: StoredValue<Course>,
    introduction: Option<Introduction>,
    actions: Actions,
    editing: RwSignal<Option<Option<Introduction>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = introduction.as_ref().map(|i| i.id.clone());
    let draft = RwSignal::new(
        introduction
            .map(|i| i.form)
            .unwrap_or_else(|| IntroductionForm {
                cohort: course.with_value(|c| c.cohort.clone()),
                mentee: course.with_value(|c| c.partner.clone()),
                date: today().to_string(),
                ..IntroductionForm::default()
            }),
    );
    let errors = FormErrors::new(move || draft.with(|d| d.problems(today())));
    let before = actions.introduce.version().get_untracked();
    Effect::new(move || {
        if actions.introduce.version().get() == before {
            return;
        }
        match actions.introduce.value().get() {
            Some(Ok(_)) => editing.set(None),
            Some(Err(error)) => errors.server.set(Some(error)),
            None => {}
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.server.set(None);
        if errors.ready() {
            actions.introduce.dispatch(SaveIntroduction {
                id: id.clone(),
                form: draft.get_untracked(),
            });
        }
    };
    view! {
        <form class="course__form" novalidate on:submit=on_submit aria-labelledby="introduction-form-title">
            <h4 id="introduction-form-title">{move || t_string!(i18n, course.add_introduction)}</h4>
            <TextInput name="date" label=move || t_string!(i18n, course.date) kind="date" bind=bind!(draft.date) errors required=true />
            <TextInput name="company" label=move || t_string!(i18n, course.company) bind=bind!(draft.company) errors required=true />
            <TextInput name="role" label=move || t_string!(i18n, course.person_role) bind=bind!(draft.role) errors />
            <Choice
                name="kind"
                label=move || t_string!(i18n, course.kind)
                bind=(
                    Signal::derive(move || Some(draft.with(|d| d.kind))),
                    Callback::new(move |value: Option<IntroductionKind>| draft.update(|d| d.kind = value.unwrap_or_default())),
                )
                options=IntroductionKind::ALL.to_vec()
                label_of=introduction_kind_label
                errors
                required=true
            />
            <Choice
                name="outcome"
                label=move || t_string!(i18n, course.outcome)
                bind=(
                    Signal::derive(move || Some(draft.with(|d| d.outcome))),
                    Callback::new(move |value: Option<IntroductionOutcome>| draft.update(|d| d.outcome = value.unwrap_or_default())),
                )
                options=IntroductionOutcome::ALL.to_vec()
                label_of=introduction_outcome_label
                errors
                required=true
            />
            <TextInput name="note" label=move || t_string!(i18n, course.note) bind=bind!(draft.note) errors multiline=true />
            <FormError error=errors.server fields=INTRODUCTION_FIELDS />
            <div class="actions">
                <button type="submit" class="button" disabled=move || actions.introduce.pending().get()>{move || t_string!(i18n, course.save_introduction)}</button>
                <button type="button" class="button button--secondary" on:click=move |_| editing.set(None)>{move || t_string!(i18n, course.cancel)}</button>
            </div>
        </form>
    }
}

/// Errors of the confirm and delete buttons, which have no form of their own.
#[component]
fn ActionErrors(actions: Actions) -> impl IntoView {
    let error = Signal::derive(move || {
        [actions.confirm.value().get(), actions.delete.value().get()]
            .into_iter()
            .flatten()
            .find_map(Result::err)
    });
    view! { <FormError error /> }
}
