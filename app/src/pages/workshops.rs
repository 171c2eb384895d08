//! Mentees and mentors: the upcoming workshops of their cohorts, where and
//! when, places left, their answer, a calendar file for each, and the address
//! of their personal calendar feed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::components::auth::use_auth;
use crate::components::form::FormError;
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::pages::cohort_workshops::when_text;
use crate::text::fill;
use crate::workshops::{
    CalendarFeed, MyWorkshop, RenewCalendarFeed, answer_workshop, my_calendar_feed, my_workshops,
    workshop_ics_path,
};

type Found<T> = Resource<Result<T, AppError>>;

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let participant = move || {
        auth.current()
            .is_some_and(|account| matches!(account.role, Role::Mentee | Role::Mentor))
    };
    // Created here, in the page's own scope, so they are read with the server's context.
    let list = Resource::new(participant, |participant| async move {
        if participant {
            my_workshops().await
        } else {
            Ok(Vec::new())
        }
    });
    let feed = Resource::new(participant, |participant| async move {
        if participant {
            my_calendar_feed().await.map(Some)
        } else {
            Ok(None)
        }
    });
    view! {
        <Title text=move || t_string!(i18n, workshops.nav) />
        <RoleGate roles=&[Role::Mentee, Role::Mentor]>
            <Mine list />
            <Feed feed />
        </RoleGate>
    }
}

#[component]
fn Mine(list: Found<Vec<MyWorkshop>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, workshops.nav)}</h1>
            <p>{move || t_string!(i18n, workshops.my_intro)}</p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || list.get().map(|result| match result {
                    Ok(found) if found.is_empty() => view! { <p class="muted">{move || t_string!(i18n, workshops.my_none)}</p> }.into_any(),
                    Ok(found) => view! {
                        <ul class="workshop-list">
                            {found.into_iter().map(|mine| view! { <MyWorkshopItem mine /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorAlert error /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn MyWorkshopItem(mine: MyWorkshop) -> impl IntoView {
    let i18n = use_i18n();
    let id = mine.workshop.id.clone();
    let heading_id = format!("workshop-{id}");
    let labelled_by = heading_id.clone();
    let title = StoredValue::new(mine.workshop.title.clone());
    let current = RwSignal::new(mine);
    let error = RwSignal::new(None::<AppError>);
    let saving = RwSignal::new(false);
    let stored_id = StoredValue::new(id.clone());
    let choose = move |coming: bool| {
        saving.set(true);
        error.set(None);
        spawn_local(async move {
            match answer_workshop(stored_id.get_value(), coming).await {
                Ok(updated) => current.set(updated),
                Err(refused) => error.set(Some(refused)),
            }
            saving.set(false);
        });
    };
    let workshop = move || current.with(|mine| mine.workshop.clone());
    let closed = move || current.with(|mine| mine.workshop.cancelled || mine.workshop.started);
    let answer = move || current.with(|mine| mine.answer);
    let place = move || {
        let w = workshop();
        (!w.place.is_empty()).then_some(w.place)
    };
    let link = move || {
        let w = workshop();
        (!w.link.is_empty()).then(|| {
            view! { <a href=w.link.clone() rel="noopener noreferrer">{move || t_string!(i18n, workshops.join)}</a> }
        })
    };
    let free = move || {
        let w = workshop();
        fill(
            t_string!(i18n, workshops.free),
            &[
                ("free", w.free_places().to_string()),
                ("capacity", w.capacity.to_string()),
            ],
        )
    };
    let said = move || match answer() {
        Some(true) => Some(t_string!(i18n, workshops.you_yes)),
        Some(false) => Some(t_string!(i18n, workshops.you_no)),
        None => None,
    };
    let description = current.with_untracked(|mine| mine.workshop.description.clone());
    view! {
        <li class="workshop-item" class:workshop-item--cancelled=move || workshop().cancelled>
            <article aria-labelledby=labelled_by>
                <h2 id=heading_id>
                    {title.get_value()}
                    <Show when=move || workshop().cancelled>
                        " " <span class="badge">{move || t_string!(i18n, workshops.cancelled)}</span>
                    </Show>
                </h2>
                <p class="muted">{move || current.with(|mine| mine.cohort_name.clone())}</p>
                <dl class="workshop-item__facts">
                    <div><dt>{move || t_string!(i18n, workshops.when)}</dt><dd>{move || when_text(i18n.get_locale(), &workshop())}</dd></div>
                    <div><dt>{move || t_string!(i18n, workshops.location)}</dt><dd>{place}{move || (place().is_some() && !workshop().link.is_empty()).then_some(" · ")}{link}</dd></div>
                    <div><dt>{move || t_string!(i18n, workshops.capacity)}</dt><dd>{free}</dd></div>
                </dl>
                {(!description.is_empty()).then(|| view! { <p class="workshop-item__description">{description.clone()}</p> })}
                <p class="workshop-item__answer" role="status">{said}</p>
                <FormError error />
                <div class="actions">
                    <button
                        type="button"
                        class="button"
                        aria-pressed=move || if answer() == Some(true) { "true" } else { "false" }
                        aria-label=move || fill(t_string!(i18n, workshops.yes_label), &[("title", title.get_value())])
                        disabled=move || saving.get() || closed()
                        on:click=move |_| choose(true)
                    >
                        {move || t_string!(i18n, workshops.yes)}
                    </button>
                    <button
                        type="button"
                        class="button button--secondary"
                        aria-pressed=move || if answer() == Some(false) { "true" } else { "false" }
                        aria-label=move || fill(t_string!(i18n, workshops.no_label), &[("title", title.get_value())])
                        disabled=move || saving.get() || closed()
                        on:click=move |_| choose(false)
                    >
                        {move || t_string!(i18n, workshops.no)}
                    </button>
                    <a
                        class="button button--secondary"
                        href=workshop_ics_path(&id)
                        download="workshop.ics"
                        aria-label=move || fill(t_string!(i18n, workshops.download_label), &[("title", title.get_value())])
                    >
                        {move || t_string!(i18n, workshops.download)}
                    </a>
                </div>
            </article>
        </li>
    }
}

#[component]
fn Feed(feed: Found<Option<CalendarFeed>>) -> impl IntoView {
    let i18n = use_i18n();
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let renewed = move || renew.value().get().and_then(Result::ok);
    let url = move || {
        renewed()
            .or_else(|| feed.get().and_then(Result::ok).flatten())
            .map(|feed| feed.url)
            .unwrap_or_default()
    };
    let error = Signal::derive(move || {
        renew
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| feed.get().and_then(Result::err))
    });
    view! {
        <section class="card" aria-labelledby="feed-title">
            <h2 id="feed-title">{move || t_string!(i18n, workshops.feed_title)}</h2>
            <p id="feed-hint">{move || t_string!(i18n, workshops.feed_copy_hint)}</p>
            <Transition fallback=|| view! { <Loading /> }>
                <div class="field">
                    <label for="feed-url">{move || t_string!(i18n, workshops.feed_url)}</label>
                    <input id="feed-url" type="url" readonly aria-describedby="feed-hint" prop:value=url on:focus:target=move |ev| ev.target().select() />
                </div>
            </Transition>
            <FormError error />
            <p role="status">{move || renewed().map(|_| t_string!(i18n, workshops.feed_renewed))}</p>
            <button type="button" class="button button--secondary" disabled=move || renew.pending().get() on:click=move |_| { renew.dispatch(RenewCalendarFeed {}); }>
                {move || t_string!(i18n, workshops.feed_renew)}
            </button>
        </section>
    }
}
