//! The partner view: the figures of the mentees a partner organisation
//! referred, counts below five shown as "fewer than 5" and shares that
//! would reveal fewer than five people hidden. The server sends nothing
//! smaller, and no names.

use leptos::prelude::*;
use leptos_i18n::t_string;
use leptos_meta::Title;

use crate::accounts::Role;
use crate::components::guarded::{ErrorAlert, Loading, RoleGate};
use crate::i18n::use_i18n;
use crate::reporting::load_partner_figures;
use crate::reporting::partner_view::{Count, PartnerFigures, SharedShare};
use crate::text::{fill, outcome_moment_label};

#[component]
pub fn PartnerPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_partner_figures());
    view! {
        <Title text=move || t_string!(i18n, report.partner_title) />
        <RoleGate roles=&[Role::Partner]>
            <Transition fallback=|| view! { <Loading /> }>
                {move || data.get().map(|result| match result {
                    Ok(figures) => view! { <Figures figures /> }.into_any(),
                    Err(crate::error::AppError::NotFound) => view! {
                        <section class="card">
                            <h1>{move || t_string!(i18n, report.partner_title)}</h1>
                            <p role="alert">{move || t_string!(i18n, report.partner_none)}</p>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <section class="card"><ErrorAlert error /></section> }.into_any(),
                })}
            </Transition>
        </RoleGate>
    }
}

#[component]
fn Figures(figures: PartnerFigures) -> impl IntoView {
    let i18n = use_i18n();
    let count = move |value: Count| match value {
        Count::Shown(n) => n.to_string(),
        Count::FewerThan5 => t_string!(i18n, report.fewer_than_5).to_owned(),
    };
    let share = move |value: SharedShare| match value {
        SharedShare::Shown {
            percent,
            part,
            whole,
        } => {
            format!(
                "{part} {} {whole} ({percent} %)",
                t_string!(i18n, report.of)
            )
        }
        SharedShare::Hidden => t_string!(i18n, report.hidden).to_owned(),
    };
    let name = figures.partner.clone();
    let target = figures.target;
    let stages = [
        (0, figures.applicants),
        (1, figures.accepted),
        (2, figures.matched),
        (3, figures.active),
        (4, figures.completed),
        (5, figures.dropped),
    ];
    let stage = move |index: usize| match index {
        0 => t_string!(i18n, report.applicants),
        1 => t_string!(i18n, report.accepted),
        2 => t_string!(i18n, report.matched),
        3 => t_string!(i18n, report.active),
        4 => t_string!(i18n, report.completed),
        _ => t_string!(i18n, report.dropped),
    };
    view! {
        <section class="card">
            <h1>{move || t_string!(i18n, report.partner_title)}</h1>
            <p>{move || fill(t_string!(i18n, report.partner_intro), &[("partner", name.clone())])}</p>
            <table class="table">
                <caption>{move || t_string!(i18n, report.section_funnel)}</caption>
                <tbody>
                    {stages.into_iter().map(|(index, value)| view! {
                        <tr>
                            <th scope="row">{move || stage(index)}</th>
                            <td class="num">{move || count(value)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="card">
            <h2>{move || t_string!(i18n, report.section_work)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, common.table)>
                <table class="table">
                    <caption>{move || fill(t_string!(i18n, report.work_explained), &[("target", target.to_string())])}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, report.moment)}</th>
                            <th scope="col">{move || t_string!(i18n, report.recorded)}</th>
                            <th scope="col">{move || t_string!(i18n, report.in_work)}</th>
                            <th scope="col">{move || t_string!(i18n, report.ordinary)}</th>
                            <th scope="col">{move || t_string!(i18n, report.in_aarhus)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {figures.work.into_iter().map(|moment| view! {
                            <tr>
                                <th scope="row">{move || outcome_moment_label(i18n.get_locale(), moment.moment)}</th>
                                <td>{move || count(moment.recorded)}</td>
                                <td>{move || share(moment.in_work)}</td>
                                <td>{move || share(moment.ordinary)}</td>
                                <td>{move || share(moment.in_aarhus)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="muted">{move || t_string!(i18n, report.partner_privacy)}</p>
        </section>
    }
}
