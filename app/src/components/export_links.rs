//! Links to a cohort's CSV exports, for its coordinators.

use leptos::prelude::*;
use leptos_i18n::{t_string, td_string};

use crate::i18n::{Locale, use_i18n};
use crate::import::Export;
use crate::text::fill;

pub fn export_label(locale: Locale, export: Export) -> &'static str {
    match export {
        Export::Participants => td_string!(locale, export.participants),
        Export::Matches => td_string!(locale, export.matches),
        Export::Meetings => td_string!(locale, export.meetings),
        Export::Outcomes => td_string!(locale, export.outcomes),
    }
}

/// A disclosure with a download link per export of the cohort.
#[component]
pub fn ExportLinks(cohort: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let summary_name = name.clone();
    view! {
        <details class="export-links">
            <summary aria-label=move || fill(t_string!(i18n, export.title_for), &[("cohort", summary_name.clone())])>
                {move || t_string!(i18n, export.title)}
            </summary>
            <ul>
                {Export::ALL.into_iter().map(|export| {
                    let name = name.clone();
                    view! {
                        <li>
                            <a
                                href=export.path(&cohort)
                                download=""
                                rel="external"
                                aria-label=move || fill(t_string!(i18n, export.link_label), &[
                                    ("what", export_label(i18n.get_locale(), export).to_owned()),
                                    ("cohort", name.clone()),
                                ])
                            >
                                {move || export_label(i18n.get_locale(), export)}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
}
