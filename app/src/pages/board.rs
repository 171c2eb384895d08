//! The matching board of one cohort: unmatched mentees in a pool, a column per
//! mentor. Cards move by mouse (drag and drop), by keyboard (pick up with
//! Space or Enter, choose with the arrow keys, drop with Enter, Escape
//! cancels) or with the "Move to…" control. Every move is saved before the
//! board shows it; a refused move stays where it was and says why. Other
//! coordinators' changes arrive live.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::{t_string, td_string};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::Role;
use crate::board::{
    BoardAction, BoardPeople, BoardPerson, BoardState, EVENTS_PATH, PairExplanation, Suggestion,
    accept_suggestions, explain_pair, forbid_pair, load_board_people, load_board_state, lock_pair,
    move_mentee, publish_board, suggest_pairs,
};
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::AppError;
use crate::i18n::{Locale, use_i18n};
use crate::text::{error_text, fill, format_moment};

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let cohort = Signal::derive(move || params.with(|p| p.get("id").unwrap_or_default()));
    let people = Resource::new(move || cohort.get(), load_board_people);
    view! {
        <Title text=move || t_string!(i18n, board.title) />
        <RoleGate roles=&[Role::Coordinator, Role::Admin]>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || people.get().map(|result| match result {
                    Ok(people) => view! { <Board people cohort=cohort.get_untracked() /> }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Suspense>
        </RoleGate>
    }
}

/// Where a card can be dropped: the pool (`None`) or a mentor.
type Target = Option<String>;

/// One move this coordinator made, so it can be undone.
#[derive(Clone)]
struct Move {
    mentee: String,
    from: Target,
    to: Target,
}

/// Filters on the cards.
#[derive(Clone, Default, PartialEq)]
struct CardFilter {
    text: String,
    language: String,
    industry: String,
    partner: String,
}

impl CardFilter {
    fn keeps(&self, person: &BoardPerson) -> bool {
        let has = |haystack: &str, needle: &str| {
            needle.trim().is_empty()
                || haystack
                    .to_lowercase()
                    .contains(&needle.trim().to_lowercase())
        };
        has(&person.name, &self.text)
            && has(&person.industry, &self.industry)
            && (self.language.is_empty() || person.languages.contains(&self.language))
            && (self.partner.is_empty() || person.partner.as_deref() == Some(self.partner.as_str()))
    }
}

/// Everything the board's pieces share.
#[derive(Clone, Copy)]
struct Ctx {
    cohort: StoredValue<String>,
    people: StoredValue<BoardPeople>,
    mentee_index: StoredValue<HashMap<String, usize>>,
    mentor_index: StoredValue<HashMap<String, usize>>,
    state: RwSignal<BoardState>,
    /// A move waiting for the server: the card shows at its target meanwhile.
    pending: RwSignal<Option<(String, Target)>>,
    /// The card picked up by keyboard, and the target chosen with the arrows.
    carrying: RwSignal<Option<String>>,
    aim: RwSignal<usize>,
    /// The card being dragged with the mouse.
    dragging: RwSignal<Option<String>>,
    /// The pair whose explanation is shown.
    explained: RwSignal<Option<(String, String)>>,
    moving: RwSignal<Option<String>>,
    history: RwSignal<Vec<Move>>,
    announce: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
    filter: RwSignal<CardFilter>,
    /// Whether the board's state has been read once.
    loaded: RwSignal<bool>,
    /// The cards of every column, worked out once per change of the board.
    placement: Memo<HashMap<Target, Vec<String>>>,
}

impl Ctx {
    fn name_of(&self, id: &str) -> String {
        self.people.with_value(|people| {
            people
                .mentees
                .iter()
                .chain(&people.mentors)
                .find(|person| person.id == id)
                .map(|person| person.name.clone())
                .unwrap_or_default()
        })
    }

    /// The fit of a mentee with a mentor, `None` when a must-have fails.
    fn fit(&self, mentee: &str, mentor: &str) -> Option<u8> {
        let row = self
            .mentee_index
            .with_value(|index| index.get(mentee).copied())?;
        let column = self
            .mentor_index
            .with_value(|index| index.get(mentor).copied())?;
        self.people.with_value(|people| people.fit_of(row, column))
    }

    /// Where a card shows: the column [`Ctx::placement`] puts it in.
    fn place_of(&self, mentee: &str) -> Target {
        self.placement.with(|columns| {
            columns
                .iter()
                .find(|(_, cards)| cards.iter().any(|card| card == mentee))
                .and_then(|(target, _)| target.clone())
        })
    }

    /// Drop targets in board order: the pool, then every mentor.
    fn targets(&self) -> Vec<Target> {
        std::iter::once(None)
            .chain(self.people.with_value(|people| {
                people
                    .mentors
                    .iter()
                    .map(|mentor| Some(mentor.id.clone()))
                    .collect::<Vec<_>>()
            }))
            .collect()
    }

    fn target_name(&self, locale: Locale, target: &Target) -> String {
        match target {
            None => td_string!(locale, board.pool).to_string(),
            Some(mentor) => self.name_of(mentor),
        }
    }

    /// The mentee being moved right now, by mouse or keyboard.
    fn in_hand(&self) -> Option<String> {
        self.dragging.get().or_else(|| self.carrying.get())
    }

    /// Saves a move, then shows it; a refusal leaves the card where it was.
    fn drop_on(&self, locale: Locale, mentee: String, to: Target, record: bool) {
        let ctx = *self;
        let from = self
            .state
            .with_untracked(|state| state.mentor_of(&mentee).map(|pair| pair.mentor.clone()));
        if from == to {
            return;
        }
        self.pending.set(Some((mentee.clone(), to.clone())));
        self.error.set(None);
        let cohort = self.cohort.get_value();
        spawn_local(async move {
            let result = move_mentee(cohort, mentee.clone(), from.clone(), to.clone()).await;
            ctx.pending.set(None);
            match result {
                Ok(state) => {
                    ctx.state.set(state);
                    if record {
                        ctx.history.update(|history| {
                            history.push(Move {
                                mentee: mentee.clone(),
                                from: from.clone(),
                                to: to.clone(),
                            })
                        });
                    }
                    let message = fill(
                        td_string!(locale, board.moved),
                        &[
                            ("mentee", ctx.name_of(&mentee)),
                            ("target", ctx.target_name(locale, &to)),
                        ],
                    );
                    ctx.announce.set(message);
                }
                Err(error) => {
                    let message = fill(
                        td_string!(locale, board.refused),
                        &[
                            ("mentee", ctx.name_of(&mentee)),
                            ("reason", error_text(locale, &error)),
                        ],
                    );
                    ctx.announce.set(message);
                    ctx.error.set(Some(error));
                    ctx.refresh();
                }
            }
            ctx.focus_card(&mentee);
        });
    }

    /// Reads the board again (after someone else changed it, or a refusal).
    fn refresh(&self) {
        let ctx = *self;
        let cohort = self.cohort.get_value();
        spawn_local(async move {
            match load_board_state(cohort).await {
                Ok(state) => {
                    ctx.state.set(state);
                    ctx.loaded.set(true);
                }
                Err(error) => ctx.error.set(Some(error)),
            }
        });
    }

    fn focus_card(&self, mentee: &str) {
        #[cfg(feature = "hydrate")]
        {
            let id = format!("card-{mentee}");
            request_animation_frame(move || {
                use wasm_bindgen::JsCast;
                if let Some(element) = document()
                    .get_element_by_id(&id)
                    .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = element.focus();
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = mentee;
    }

    fn apply(&self, result: Result<BoardState, AppError>) {
        match result {
            Ok(state) => {
                self.state.set(state);
                self.error.set(None);
            }
            Err(error) => self.error.set(Some(error)),
        }
    }
}

#[component]
fn Board(people: BoardPeople, cohort: String) -> impl IntoView {
    let i18n = use_i18n();
    let mentee_index = people
        .mentees
        .iter()
        .enumerate()
        .map(|(index, person)| (person.id.clone(), index))
        .collect();
    let mentor_index = people
        .mentors
        .iter()
        .enumerate()
        .map(|(index, person)| (person.id.clone(), index))
        .collect();
    let title = people.cohort.name.clone();
    let state = RwSignal::new(BoardState::default());
    let pending = RwSignal::new(None::<(String, Target)>);
    let order: Vec<String> = people.mentees.iter().map(|m| m.id.clone()).collect();
    let placement = Memo::new(move |_| {
        let pending = pending.get();
        state.with(|state| {
            let pairs: HashMap<&str, &str> = state
                .pairings
                .iter()
                .map(|pair| (pair.mentee.as_str(), pair.mentor.as_str()))
                .collect();
            let mut columns: HashMap<Target, Vec<String>> = HashMap::new();
            for mentee in &order {
                let target = match &pending {
                    Some((id, to)) if id == mentee => to.clone(),
                    _ => pairs
                        .get(mentee.as_str())
                        .map(|mentor| (*mentor).to_owned()),
                };
                columns.entry(target).or_default().push(mentee.clone());
            }
            columns
        })
    });
    let ctx = Ctx {
        cohort: StoredValue::new(cohort.clone()),
        people: StoredValue::new(people),
        mentee_index: StoredValue::new(mentee_index),
        mentor_index: StoredValue::new(mentor_index),
        state,
        pending,
        carrying: RwSignal::new(None),
        aim: RwSignal::new(0),
        dragging: RwSignal::new(None),
        explained: RwSignal::new(None),
        moving: RwSignal::new(None),
        history: RwSignal::new(Vec::new()),
        announce: RwSignal::new(String::new()),
        error: RwSignal::new(None),
        filter: RwSignal::new(CardFilter::default()),
        loaded: RwSignal::new(false),
        placement,
    };
    // The state is read in the browser, which then follows changes live.
    Effect::new(move || ctx.refresh());
    listen(ctx, cohort);
    let mentors = ctx.people.with_value(|people| people.mentors.clone());
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    view! {
        <section class="card board-page" data-board=move || ctx.loaded.get().then_some("ready")>
            <h1>{move || fill(t_string!(i18n, board.heading), &[("cohort", title.clone())])}</h1>
            <Viewers ctx />
            <Toolbar ctx suggestions />
            {move || ctx.error.get().map(|error| view! {
                <p class="alert alert--error" role="alert">{move || error_text(i18n.get_locale(), &error)}</p>
            })}
            <Suggestions ctx suggestions />
            <MoveDialog ctx />
            <p class="muted">{move || t_string!(i18n, board.help)}</p>
            <div class="board">
                <Column ctx target=None />
                <div class="board__mentors">
                    {mentors.into_iter().map(|mentor| view! { <Column ctx target=Some(mentor.id) /> }).collect_view()}
                </div>
            </div>
            <div class="visually-hidden" aria-live="polite" role="status">{move || ctx.announce.get()}</div>
        </section>
        <Explanation ctx />
        <Forbidden ctx />
        <History ctx />
    }
}

/// Reads the board again whenever the server says it changed.
fn listen(ctx: Ctx, cohort: String) {
    #[cfg(feature = "hydrate")]
    {
        use futures::StreamExt;
        use gloo_net::eventsource::futures::EventSource;
        let Ok(mut source) = EventSource::new(&format!("{EVENTS_PATH}/{cohort}")) else {
            return;
        };
        let (Ok(changes), Ok(viewers)) = (source.subscribe("change"), source.subscribe("viewers"))
        else {
            return;
        };
        let stored = StoredValue::new_local(Some(source));
        on_cleanup(move || {
            if let Some(source) = stored.try_update_value(Option::take).flatten() {
                source.close();
            }
        });
        spawn_local(async move {
            let mut events = futures::stream::select(changes, viewers);
            while let Some(Ok(_)) = events.next().await {
                if stored.try_with_value(Option::is_some) != Some(true) {
                    break;
                }
                ctx.refresh();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ctx, cohort, EVENTS_PATH);
}

#[component]
fn Viewers(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let viewers = ctx.state.with(|state| state.viewers.clone());
        (!viewers.is_empty()).then(|| {
            view! {
                <p class="board__viewers">
                    {move || fill(t_string!(i18n, board.viewers), &[("names", viewers.join(", "))])}
                </p>
            }
        })
    }
}

#[component]
fn Toolbar(ctx: Ctx, suggestions: RwSignal<Vec<Suggestion>>) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let confirm_publish = RwSignal::new(false);
    let drafts = move || {
        ctx.state
            .with(|state| state.pairings.iter().filter(|p| !p.published).count())
    };
    let suggest = move |_| {
        busy.set(true);
        ctx.error.set(None);
        let cohort = ctx.cohort.get_value();
        spawn_local(async move {
            match suggest_pairs(cohort).await {
                Ok(found) => {
                    let locale = i18n.get_locale_untracked();
                    ctx.announce.set(fill(
                        td_string!(locale, board.suggested),
                        &[("count", found.len().to_string())],
                    ));
                    suggestions.set(found);
                }
                Err(error) => ctx.error.set(Some(error)),
            }
            busy.set(false);
        });
    };
    let undo = move |_| {
        if let Some(last) = ctx.history.try_update(Vec::pop).flatten() {
            if ctx.place_of(&last.mentee) == last.to {
                ctx.drop_on(i18n.get_locale_untracked(), last.mentee, last.from, false);
            } else {
                // Someone else moved the card since; their move stands.
                ctx.error.set(Some(AppError::invalid(
                    "mentee",
                    crate::error::Problem::MovedMeanwhile,
                )));
            }
        }
    };
    let publish = move |_| {
        confirm_publish.set(false);
        busy.set(true);
        let cohort = ctx.cohort.get_value();
        spawn_local(async move {
            match publish_board(cohort).await {
                Ok(published) => {
                    let locale = i18n.get_locale_untracked();
                    ctx.announce.set(fill(
                        td_string!(locale, board.published),
                        &[
                            ("pairs", published.pairs.to_string()),
                            ("messages", published.messages.to_string()),
                        ],
                    ));
                    ctx.refresh();
                }
                Err(error) => ctx.error.set(Some(error)),
            }
            busy.set(false);
        });
    };
    let languages = move || {
        ctx.people.with_value(|people| {
            people
                .mentees
                .iter()
                .chain(&people.mentors)
                .flat_map(|person| person.languages.clone())
                .collect::<std::collections::BTreeSet<_>>()
        })
    };
    let partners = move || {
        ctx.people.with_value(|people| {
            people
                .mentees
                .iter()
                .filter_map(|person| person.partner.clone())
                .collect::<std::collections::BTreeSet<_>>()
        })
    };
    view! {
        <div class="board__toolbar">
            <button type="button" class="button" id="board-suggest" on:click=suggest disabled=move || busy.get()>
                {move || t_string!(i18n, board.suggest)}
            </button>
            <button type="button" class="button button--secondary" id="board-undo" on:click=undo disabled=move || ctx.history.with(Vec::is_empty)>
                {move || t_string!(i18n, board.undo)}
            </button>
            <button type="button" class="button" id="board-publish" on:click=move |_| confirm_publish.set(true) disabled=move || busy.get() || drafts() == 0>
                {move || fill(t_string!(i18n, board.publish), &[("count", drafts().to_string())])}
            </button>
        </div>
        <Show when=move || confirm_publish.get()>
            <div class="alert" role="alertdialog" aria-labelledby="publish-question">
                <p id="publish-question">{move || fill(t_string!(i18n, board.publish_confirm), &[("count", drafts().to_string()), ("people", (drafts() * 2).to_string())])}</p>
                <button type="button" class="button" id="board-publish-confirm" on:click=publish>{move || t_string!(i18n, board.publish_yes)}</button>
                " "
                <button type="button" class="button button--secondary" on:click=move |_| confirm_publish.set(false)>{move || t_string!(i18n, common.cancel)}</button>
            </div>
        </Show>
        <div class="filters board__filters">
            <div class="field">
                <label for="board-search">{move || t_string!(i18n, board.search)}</label>
                <input id="board-search" type="search" on:input:target=move |ev| ctx.filter.update(|f| f.text = ev.target().value()) />
            </div>
            <div class="field">
                <label for="board-language">{move || t_string!(i18n, applications.language)}</label>
                <select id="board-language" on:change:target=move |ev| ctx.filter.update(|f| f.language = ev.target().value())>
                    <option value="">{move || t_string!(i18n, applications.all)}</option>
                    {languages().into_iter().map(|l| view! { <option value=l.clone()>{l.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="board-industry">{move || t_string!(i18n, applications.industry)}</label>
                <input id="board-industry" type="search" on:input:target=move |ev| ctx.filter.update(|f| f.industry = ev.target().value()) />
            </div>
            <div class="field">
                <label for="board-partner">{move || t_string!(i18n, applications.partner)}</label>
                <select id="board-partner" on:change:target=move |ev| ctx.filter.update(|f| f.partner = ev.target().value())>
                    <option value="">{move || t_string!(i18n, applications.all)}</option>
                    {partners().into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                </select>
            </div>
        </div>
    }
}

#[component]
fn Suggestions(ctx: Ctx, suggestions: RwSignal<Vec<Suggestion>>) -> impl IntoView {
    let i18n = use_i18n();
    let rejected = RwSignal::new(HashSet::<String>::new());
    let accept = move |only_chosen: bool| {
        let chosen: Vec<Suggestion> = suggestions
            .get_untracked()
            .into_iter()
            .filter(|s| !only_chosen || rejected.with_untracked(|r| !r.contains(&s.mentee)))
            .collect();
        if chosen.is_empty() {
            return;
        }
        let cohort = ctx.cohort.get_value();
        spawn_local(async move {
            let count = chosen.len();
            match accept_suggestions(cohort, chosen).await {
                Ok(state) => {
                    ctx.state.set(state);
                    ctx.error.set(None);
                    suggestions.set(Vec::new());
                    rejected.set(HashSet::new());
                    let locale = i18n.get_locale_untracked();
                    ctx.announce.set(fill(
                        td_string!(locale, board.accepted),
                        &[("count", count.to_string())],
                    ));
                }
                Err(error) => ctx.error.set(Some(error)),
            }
        });
    };
    move || {
        (!suggestions.with(Vec::is_empty)).then(|| {
            view! {
                <section class="board__suggestions" aria-labelledby="suggestions-title">
                    <h2 id="suggestions-title">{move || fill(t_string!(i18n, board.suggestions), &[("count", suggestions.with(Vec::len).to_string())])}</h2>
                    <ul class="list">
                        <For each=move || suggestions.get() key=|s| (s.mentee.clone(), s.mentor.clone()) let:s>
                            {
                                let mentee = s.mentee.clone();
                                let toggle = mentee.clone();
                                let from = ctx.state.with_untracked(|state| state.mentor_of(&s.mentee).map(|p| p.mentor.clone()));
                                let id = format!("suggestion-{}", s.mentee);
                                let text = move || {
                                    let locale = i18n.get_locale();
                                    let mut line = fill(
                                        td_string!(locale, board.suggestion),
                                        &[("mentee", ctx.name_of(&s.mentee)), ("mentor", ctx.name_of(&s.mentor)), ("fit", s.fit.to_string())],
                                    );
                                    if let Some(from) = &from {
                                        line.push_str(&fill(td_string!(locale, board.suggestion_from), &[("from", ctx.name_of(from))]));
                                    }
                                    line
                                };
                                view! {
                                    <li>
                                        <input
                                            type="checkbox"
                                            id=id.clone()
                                            prop:checked=move || rejected.with(|r| !r.contains(&mentee))
                                            on:change:target=move |ev| {
                                                let on = ev.target().checked();
                                                let id = toggle.clone();
                                                rejected.update(|r| { if on { r.remove(&id); } else { r.insert(id); } });
                                            }
                                        />
                                        " "
                                        <label for=id>{text}</label>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                    <div class="actions">
                        <button type="button" class="button" id="suggestions-accept-all" on:click=move |_| accept(false)>{move || t_string!(i18n, board.accept_all)}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| accept(true)>{move || t_string!(i18n, board.accept_chosen)}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| { suggestions.set(Vec::new()); rejected.set(HashSet::new()); }>{move || t_string!(i18n, board.discard)}</button>
                    </div>
                </section>
            }
        })
    }
}

/// Fit as words and a band, so it reads without colour.
fn band(fit: Option<u8>) -> &'static str {
    match fit {
        None => "fit--impossible",
        Some(70..) => "fit--high",
        Some(40..) => "fit--mid",
        Some(_) => "fit--low",
    }
}

fn fit_text(locale: Locale, fit: Option<u8>) -> String {
    match fit {
        Some(fit) => format!("{fit} %"),
        None => td_string!(locale, board.impossible).to_string(),
    }
}

/// The pool (`target` none) or one mentor's column: a drop target with its cards.
#[component]
fn Column(ctx: Ctx, target: Target) -> impl IntoView {
    let i18n = use_i18n();
    let mentor = target.clone().and_then(|id| {
        ctx.people
            .with_value(|people| people.mentors.iter().find(|m| m.id == id).cloned())
    });
    let target_index = ctx
        .targets()
        .iter()
        .position(|t| *t == target)
        .unwrap_or_default();
    let cards_target = target.clone();
    let cards = Memo::new(move |_| {
        ctx.placement
            .with(|placement| placement.get(&cards_target).cloned().unwrap_or_default())
    });
    let capacity = mentor.as_ref().map_or(0, |m| usize::from(m.capacity));
    let tint_target = target.clone();
    let tint = Signal::derive(move || {
        let in_hand = ctx.in_hand()?;
        let mentor = tint_target.as_ref()?;
        Some(ctx.fit(&in_hand, mentor))
    });
    let aimed =
        Signal::derive(move || ctx.carrying.with(Option::is_some) && ctx.aim.get() == target_index);
    let drop_target = target.clone();
    let heading_id = format!(
        "column-{}",
        target.clone().unwrap_or_else(|| "pool".to_owned())
    );
    let heading = match &mentor {
        Some(mentor) => view! {
            <h3 id=heading_id.clone()>{mentor.name.clone()}</h3>
            <p class="board__role">{mentor.role.clone()}</p>
            <p class="board__industry">{mentor.industry.clone()}</p>
        }
        .into_any(),
        None => view! { <h2 id=heading_id.clone()>{move || t_string!(i18n, board.pool)}</h2> }
            .into_any(),
    };
    let is_pool = target.is_none();
    let data_target = target.clone().unwrap_or_else(|| "pool".to_owned());
    let load = Signal::derive(move || cards.with(Vec::len));
    view! {
        <section
            class=move || format!("board__column {}", tint.get().map(band).unwrap_or_default())
            class:board__pool=is_pool
            class:board__column--aimed=aimed
            class:board__column--full={move || !is_pool && load.get() >= capacity}
            aria-labelledby=heading_id
            data-target=data_target
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev| {
                ev.prevent_default();
                let mentee = ev
                    .data_transfer()
                    .and_then(|data| data.get_data("text/plain").ok())
                    .filter(|id| !id.is_empty())
                    .or_else(|| ctx.dragging.get_untracked());
                ctx.dragging.set(None);
                if let Some(mentee) = mentee {
                    ctx.drop_on(i18n.get_locale_untracked(), mentee, drop_target.clone(), true);
                }
            }
        >
            {heading}
            {(!is_pool).then(|| view! {
                <p class="board__load">
                    {move || fill(t_string!(i18n, board.load), &[("used", load.get().to_string()), ("capacity", capacity.to_string())])}
                    {move || tint.get().map(|fit| view! { " · " <strong>{fill(t_string!(i18n, board.fit_here), &[("fit", fit_text(i18n.get_locale(), fit))])}</strong> })}
                </p>
            })}
            <ul class="board__cards">
                <For each=move || cards.get() key=|id| id.clone() let:mentee>
                    <Card ctx mentee place=target.clone() />
                </For>
            </ul>
        </section>
    }
}

#[component]
fn Card(ctx: Ctx, mentee: String, place: Target) -> impl IntoView {
    let i18n = use_i18n();
    let person = ctx.people.with_value(|people| {
        people
            .mentees
            .iter()
            .find(|person| person.id == mentee)
            .cloned()
    });
    let Some(person) = person else {
        return ().into_any();
    };
    let fit = place.as_ref().map(|mentor| ctx.fit(&mentee, mentor));
    let pair = {
        let mentee = mentee.clone();
        Memo::new(move |_| ctx.state.with(|state| state.mentor_of(&mentee).cloned()))
    };
    let pending = {
        let mentee = mentee.clone();
        Memo::new(move |_| {
            ctx.pending
                .with(|p| p.as_ref().is_some_and(|(id, _)| *id == mentee))
        })
    };
    let shown = {
        let person = person.clone();
        Signal::derive(move || ctx.filter.with(|filter| filter.keeps(&person)))
    };
    let carried = {
        let mentee = mentee.clone();
        Signal::derive(move || ctx.carrying.with(|c| c.as_deref() == Some(mentee.as_str())))
    };
    let explain_target = place.clone();
    let explain_id = mentee.clone();
    let show_explanation = move || {
        if let Some(mentor) = &explain_target {
            ctx.explained
                .set(Some((explain_id.clone(), mentor.clone())));
        }
    };
    let show_on_focus = show_explanation.clone();
    let key_id = mentee.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Keys typed in the card's own buttons are theirs.
        let on_card = ev
            .target()
            .zip(ev.current_target())
            .is_some_and(|(target, current)| target == current);
        if !on_card {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let targets = ctx.targets();
        let holding = ctx.carrying.get_untracked().as_deref() == Some(key_id.as_str());
        match ev.key().as_str() {
            " " | "Enter" if !holding => {
                ev.prevent_default();
                let here = ctx.place_of(&key_id);
                let index = targets.iter().position(|t| *t == here).unwrap_or_default();
                ctx.carrying.set(Some(key_id.clone()));
                ctx.aim.set(index);
                ctx.announce.set(fill(
                    td_string!(locale, board.picked_up),
                    &[("mentee", ctx.name_of(&key_id))],
                ));
            }
            " " | "Enter" => {
                ev.prevent_default();
                let to = targets.get(ctx.aim.get_untracked()).cloned().flatten();
                ctx.carrying.set(None);
                ctx.drop_on(locale, key_id.clone(), to, true);
            }
            "ArrowRight" | "ArrowDown" | "ArrowLeft" | "ArrowUp" if holding => {
                ev.prevent_default();
                let step_back = matches!(ev.key().as_str(), "ArrowLeft" | "ArrowUp");
                let count = targets.len().max(1);
                let aim = ctx.aim.get_untracked();
                let next = if step_back {
                    (aim + count - 1) % count
                } else {
                    (aim + 1) % count
                };
                ctx.aim.set(next);
                let target = targets.get(next).cloned().flatten();
                let mut message = ctx.target_name(locale, &target);
                if let Some(mentor) = &target {
                    let load = ctx.state.with_untracked(|s| s.load_of(mentor));
                    let capacity = ctx.people.with_value(|p| {
                        p.mentors
                            .iter()
                            .find(|m| m.id == *mentor)
                            .map_or(0, |m| m.capacity)
                    });
                    message = fill(
                        td_string!(locale, board.aim),
                        &[
                            ("mentor", message),
                            ("fit", fit_text(locale, ctx.fit(&key_id, mentor))),
                            ("used", load.to_string()),
                            ("capacity", capacity.to_string()),
                        ],
                    );
                }
                ctx.announce.set(message);
            }
            "Escape" if holding => {
                ev.prevent_default();
                ctx.carrying.set(None);
                ctx.announce
                    .set(td_string!(locale, board.cancelled).to_string());
            }
            _ => {}
        }
    };
    let drag_id = mentee.clone();
    let touch_id = mentee.clone();
    let release_id = mentee.clone();
    let lock_id = mentee.clone();
    let forbid_id = mentee.clone();
    let move_id = mentee.clone();
    let name = person.name.clone();
    let label = {
        let name = name.clone();
        move || {
            let locale = i18n.get_locale();
            match fit {
                Some(fit) => fill(
                    td_string!(locale, board.card_label),
                    &[("mentee", name.clone()), ("fit", fit_text(locale, fit))],
                ),
                None => name.clone(),
            }
        }
    };
    let details = [person.industry.clone(), person.role.clone()]
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let extra = [
        person.languages.join(", "),
        person.partner.clone().unwrap_or_default(),
    ]
    .into_iter()
    .filter(|part| !part.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let lock_name = name.clone();
    let forbid_name = name.clone();
    let move_name = name.clone();
    view! {
        <li
            class=format!("board__card {}", fit.map(band).unwrap_or_default())
            class:board__card--pending=pending
            class:board__card--carried=carried
            class:board__card--locked=move || pair.get().is_some_and(|p| p.locked)
            data-mentee=mentee.clone()
            draggable="true"
            aria-busy=move || pending.get().then_some("true")
            hidden=move || !shown.get()
            on:mouseenter=move |_| show_explanation()
            on:dragstart=move |ev| {
                if let Some(data) = ev.data_transfer() {
                    let _ = data.set_data("text/plain", &drag_id);
                    data.set_effect_allowed("move");
                }
                ctx.dragging.set(Some(drag_id.clone()))
            }
            on:dragend=move |_| ctx.dragging.set(None)
        >
            <span
                class="board__handle"
                aria-hidden="true"
                on:touchstart=move |_| ctx.dragging.set(Some(touch_id.clone()))
                on:touchmove=move |ev| ev.prevent_default()
                on:touchend=move |ev| {
                    ctx.dragging.set(None);
                    if let Some(to) = touch_target(&ev) {
                        ctx.drop_on(i18n.get_locale_untracked(), release_id.clone(), to, true);
                    }
                }
            >
                "⠿"
            </span>
            <div
                class="board__grip"
                id=format!("card-{mentee}")
                data-mentee=mentee.clone()
                tabindex="0"
                role="button"
                aria-roledescription=move || t_string!(i18n, board.card_role)
                aria-label=label
                on:keydown=on_key
                on:focus=move |_| show_on_focus()
            >
                <span class="board__name">{name.clone()}</span>
                {fit.map(|fit| view! { <span class="board__fit">{move || fit_text(i18n.get_locale(), fit)}</span> })}
                <span class="board__details">{details}</span>
                <span class="board__details">{extra}</span>
                {move || pending.get().then(|| view! { <span class="board__saving">{move || t_string!(i18n, board.saving)}</span> })}
                {move || pair.get().map(|p| {
                    let status = if p.published { t_string!(i18n, board.published_pair) } else { t_string!(i18n, board.draft_pair) };
                    view! { <span class="board__state">{status}</span> }
                })}
            </div>
            <span class="board__actions">
                <button
                    type="button"
                    class="link-button"
                    aria-label=move || fill(t_string!(i18n, board.move_to_label), &[("mentee", move_name.clone())])
                    on:click=move |_| ctx.moving.set(Some(move_id.clone()))
                >
                    {move || t_string!(i18n, board.move_to)}
                </button>
                {move || pair.get().map(|p| {
                    let locked = p.locked;
                    let lock_id = lock_id.clone();
                    let forbid_id = forbid_id.clone();
                    let mentor = p.mentor.clone();
                    let lock_name = lock_name.clone();
                    let forbid_name = forbid_name.clone();
                    view! {
                        <button
                            type="button"
                            class="link-button"
                            aria-pressed=if locked { "true" } else { "false" }
                            aria-label=move || fill(t_string!(i18n, board.lock_label), &[("mentee", lock_name.clone())])
                            on:click=move |_| {
                                let (cohort, mentee) = (ctx.cohort.get_value(), lock_id.clone());
                                spawn_local(async move { ctx.apply(lock_pair(cohort, mentee, !locked).await) });
                            }
                        >
                            {move || if locked { t_string!(i18n, board.unlock) } else { t_string!(i18n, board.lock) }}
                        </button>
                        <button
                            type="button"
                            class="link-button"
                            aria-label=move || fill(t_string!(i18n, board.forbid_label), &[("mentee", forbid_name.clone())])
                            on:click=move |_| {
                                let (cohort, mentee, mentor) = (ctx.cohort.get_value(), forbid_id.clone(), mentor.clone());
                                spawn_local(async move { ctx.apply(forbid_pair(cohort, mentee, mentor, true).await) });
                            }
                        >
                            {move || t_string!(i18n, board.forbid)}
                        </button>
                    }
                })}
            </span>
        </li>
    }
    .into_any()
}

/// The column under the finger where a touch drag ended: `Some(None)` for the pool.
fn touch_target(ev: &leptos::ev::TouchEvent) -> Option<Target> {
    let touch = ev.changed_touches().get(0)?;
    let under = document().element_from_point(touch.client_x() as f32, touch.client_y() as f32)?;
    let column = under.closest("section.board__column").ok().flatten()?;
    let target = column.get_attribute("data-target")?;
    Some((target != "pool").then_some(target))
}

/// "Move to…": choose where a card goes from a list, for touch screens and
/// for anyone who prefers a list to dragging.
#[component]
fn MoveDialog(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let choice = RwSignal::new(String::new());
    move || {
        ctx.moving.get().map(|mentee| {
            let here = ctx
                .state
                .with_untracked(|s| s.mentor_of(&mentee).map(|p| p.mentor.clone()));
            choice.set(here.clone().unwrap_or_default());
            let mut mentors = ctx.people.with_value(|people| people.mentors.clone());
            mentors.sort_by_key(|mentor| std::cmp::Reverse(ctx.fit(&mentee, &mentor.id).map_or(-1, i16::from)));
            let name = ctx.name_of(&mentee);
            let chosen_mentee = mentee.clone();
            view! {
                <section class="board__move" aria-labelledby="move-title">
                    <h2 id="move-title">{move || fill(t_string!(i18n, board.move_title), &[("mentee", name.clone())])}</h2>
                    <div class="field">
                        <label for="move-target">{move || t_string!(i18n, board.move_to)}</label>
                        <select id="move-target" on:change:target=move |ev| choice.set(ev.target().value())>
                            <option value="" selected=here.is_none()>{move || t_string!(i18n, board.pool)}</option>
                            {mentors.into_iter().map(|mentor| {
                                let fit = ctx.fit(&mentee, &mentor.id);
                                let load = ctx.state.with_untracked(|s| s.load_of(&mentor.id));
                                let selected = here.as_deref() == Some(mentor.id.as_str());
                                let text = move || fill(
                                    t_string!(i18n, board.move_option),
                                    &[
                                        ("mentor", mentor.name.clone()),
                                        ("fit", fit_text(i18n.get_locale(), fit)),
                                        ("used", load.to_string()),
                                        ("capacity", mentor.capacity.to_string()),
                                    ],
                                );
                                view! { <option value=mentor.id.clone() selected=selected>{text}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="actions">
                        <button
                            type="button"
                            class="button"
                            id="move-confirm"
                            on:click=move |_| {
                                let to = Some(choice.get_untracked()).filter(|id| !id.is_empty());
                                ctx.moving.set(None);
                                ctx.drop_on(i18n.get_locale_untracked(), chosen_mentee.clone(), to, true);
                            }
                        >
                            {move || t_string!(i18n, board.move_confirm)}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| ctx.moving.set(None)>
                            {move || t_string!(i18n, common.cancel)}
                        </button>
                    </div>
                </section>
            }
        })
    }
}

/// Why the focused card fits where it sits.
#[component]
fn Explanation(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let why = RwSignal::new(None::<Result<PairExplanation, AppError>>);
    Effect::new(move || {
        let Some((mentee, mentor)) = ctx.explained.get() else {
            return;
        };
        let cohort = ctx.cohort.get_value();
        let language = match i18n.get_locale() {
            Locale::da => "da",
            Locale::en => "en",
        }
        .to_owned();
        spawn_local(async move {
            let result = explain_pair(cohort, mentee, mentor, language).await;
            why.set(Some(result));
        });
    });
    view! {
        <section class="card" aria-labelledby="why-title">
            <h2 id="why-title">{move || t_string!(i18n, board.why)}</h2>
            {move || match why.get() {
                None => view! { <p class="muted">{move || t_string!(i18n, board.why_hint)}</p> }.into_any(),
                Some(Ok(explanation)) => {
                    let (mentee, mentor) = ctx.explained.get_untracked().unwrap_or_default();
                    view! {
                        <p>
                            <strong>{format!("{} – {}", ctx.name_of(&mentee), ctx.name_of(&mentor))}</strong>
                            ": " {fit_text(i18n.get_locale_untracked(), explanation.fit)}
                        </p>
                        <ul class="list board__why">
                            {explanation.lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
                Some(Err(error)) => view! { <ErrorAlert error /> }.into_any(),
            }}
        </section>
    }
}

/// Pairs ruled out, each with a way to allow it again.
#[component]
fn Forbidden(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let forbidden = ctx.state.with(|state| state.forbidden.clone());
        (!forbidden.is_empty()).then(|| {
            view! {
                <section class="card" aria-labelledby="forbidden-title">
                    <h2 id="forbidden-title">{move || t_string!(i18n, board.forbidden)}</h2>
                    <ul class="list">
                        {forbidden.into_iter().map(|(mentee, mentor)| {
                            let text = format!("{} – {}", ctx.name_of(&mentee), ctx.name_of(&mentor));
                            let label = text.clone();
                            view! {
                                <li>
                                    {text} " "
                                    <button
                                        type="button"
                                        class="link-button"
                                        aria-label=move || fill(t_string!(i18n, board.allow_label), &[("pair", label.clone())])
                                        on:click=move |_| {
                                            let (cohort, mentee, mentor) = (ctx.cohort.get_value(), mentee.clone(), mentor.clone());
                                            spawn_local(async move { ctx.apply(forbid_pair(cohort, mentee, mentor, false).await) });
                                        }
                                    >
                                        {move || t_string!(i18n, board.allow)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Who changed what on the board, newest first.
#[component]
fn History(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{move || t_string!(i18n, board.history)}</h2>
            {move || {
                let events = ctx.state.with(|state| state.history.clone());
                if events.is_empty() {
                    return view! { <p class="muted">{move || t_string!(i18n, board.history_none)}</p> }.into_any();
                }
                view! {
                    <ul class="list board__history">
                        {events.into_iter().map(|event| {
                            let text = move || {
                                let locale = i18n.get_locale();
                                let template = match event.action {
                                    BoardAction::Assign if event.from.is_some() => td_string!(locale, board.event_move),
                                    BoardAction::Assign => td_string!(locale, board.event_assign),
                                    BoardAction::Unassign => td_string!(locale, board.event_unassign),
                                    BoardAction::Lock => td_string!(locale, board.event_lock),
                                    BoardAction::Unlock => td_string!(locale, board.event_unlock),
                                    BoardAction::Forbid => td_string!(locale, board.event_forbid),
                                    BoardAction::Allow => td_string!(locale, board.event_allow),
                                    BoardAction::Publish => td_string!(locale, board.event_publish),
                                    BoardAction::End => td_string!(locale, board.event_end),
                                };
                                let erased = || td_string!(locale, board.erased).to_string();
                                format!(
                                    "{} · {}",
                                    format_moment(locale, event.at),
                                    fill(template, &[
                                        ("actor", event.actor_name.clone()),
                                        ("mentee", event.mentee.clone().unwrap_or_else(erased)),
                                        ("from", event.from.clone().unwrap_or_else(erased)),
                                        ("to", event.to.clone().unwrap_or_else(erased)),
                                    ]),
                                )
                            };
                            view! { <li>{text}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
