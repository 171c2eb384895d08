//! Country of origin to world region, for the dashboard's breakdown.
//!
//! Applications store the country as the person typed it (free text, in
//! English or Danish), not as a code, so the region is found by name in a
//! small table: every EU/EEA country, the rest of Europe, and the countries
//! spouses in Aarhus most often come from elsewhere. A name not in the table
//! counts as [`CountryGroup::NotStated`], never as a guess.

use serde::{Deserialize, Serialize};

/// A region of the world, as funders' reports group origins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountryGroup {
    /// The EU, Iceland, Liechtenstein and Norway (and Switzerland, which has
    /// free movement with them).
    EuEea,
    RestOfEurope,
    Asia,
    Africa,
    Americas,
    Oceania,
    /// Empty, or a name the table does not know.
    NotStated,
}

impl CountryGroup {
    pub const ALL: [CountryGroup; 7] = [
        CountryGroup::EuEea,
        CountryGroup::RestOfEurope,
        CountryGroup::Asia,
        CountryGroup::Africa,
        CountryGroup::Americas,
        CountryGroup::Oceania,
        CountryGroup::NotStated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CountryGroup::EuEea => "eu_eea",
            CountryGroup::RestOfEurope => "rest_of_europe",
            CountryGroup::Asia => "asia",
            CountryGroup::Africa => "africa",
            CountryGroup::Americas => "americas",
            CountryGroup::Oceania => "oceania",
            CountryGroup::NotStated => "not_stated",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|group| group.code() == code)
    }
}

use CountryGroup::*;

/// Lower-case names (English, Danish and common short forms) and their region.
const COUNTRIES: &[(&str, CountryGroup)] = &[
    // EU/EEA and Switzerland.
    ("austria", EuEea),
    ("østrig", EuEea),
    ("belgium", EuEea),
    ("belgien", EuEea),
    ("bulgaria", EuEea),
    ("bulgarien", EuEea),
    ("croatia", EuEea),
    ("kroatien", EuEea),
    ("cyprus", EuEea),
    ("czech republic", EuEea),
    ("czechia", EuEea),
    ("tjekkiet", EuEea),
    ("denmark", EuEea),
    ("danmark", EuEea),
    ("estonia", EuEea),
    ("estland", EuEea),
    ("finland", EuEea),
    ("france", EuEea),
    ("frankrig", EuEea),
    ("germany", EuEea),
    ("tyskland", EuEea),
    ("greece", EuEea),
    ("grækenland", EuEea),
    ("hungary", EuEea),
    ("ungarn", EuEea),
    ("ireland", EuEea),
    ("irland", EuEea),
    ("italy", EuEea),
    ("italien", EuEea),
    ("latvia", EuEea),
    ("letland", EuEea),
    ("lithuania", EuEea),
    ("litauen", EuEea),
    ("luxembourg", EuEea),
    ("malta", EuEea),
    ("netherlands", EuEea),
    ("the netherlands", EuEea),
    ("holland", EuEea),
    ("nederlandene", EuEea),
    ("poland", EuEea),
    ("polen", EuEea),
    ("portugal", EuEea),
    ("romania", EuEea),
    ("rumænien", EuEea),
    ("slovakia", EuEea),
    ("slovakiet", EuEea),
    ("slovenia", EuEea),
    ("slovenien", EuEea),
    ("spain", EuEea),
    ("spanien", EuEea),
    ("sweden", EuEea),
    ("sverige", EuEea),
    ("iceland", EuEea),
    ("island", EuEea),
    ("liechtenstein", EuEea),
    ("norway", EuEea),
    ("norge", EuEea),
    ("switzerland", EuEea),
    ("schweiz", EuEea),
    // The rest of Europe.
    ("united kingdom", RestOfEurope),
    ("uk", RestOfEurope),
    ("great britain", RestOfEurope),
    ("england", RestOfEurope),
    ("scotland", RestOfEurope),
    ("wales", RestOfEurope),
    ("storbritannien", RestOfEurope),
    ("ukraine", RestOfEurope),
    ("russia", RestOfEurope),
    ("rusland", RestOfEurope),
    ("belarus", RestOfEurope),
    ("hviderusland", RestOfEurope),
    ("moldova", RestOfEurope),
    ("serbia", RestOfEurope),
    ("serbien", RestOfEurope),
    ("bosnia and herzegovina", RestOfEurope),
    ("bosnien-hercegovina", RestOfEurope),
    ("albania", RestOfEurope),
    ("albanien", RestOfEurope),
    ("north macedonia", RestOfEurope),
    ("nordmakedonien", RestOfEurope),
    ("montenegro", RestOfEurope),
    ("kosovo", RestOfEurope),
    ("turkey", RestOfEurope),
    ("türkiye", RestOfEurope),
    ("tyrkiet", RestOfEurope),
    ("georgia", RestOfEurope),
    ("georgien", RestOfEurope),
    ("armenia", RestOfEurope),
    ("armenien", RestOfEurope),
    ("azerbaijan", RestOfEurope),
    ("aserbajdsjan", RestOfEurope),
    // Asia.
    ("india", Asia),
    ("indien", Asia),
    ("china", Asia),
    ("kina", Asia),
    ("japan", Asia),
    ("south korea", Asia),
    ("korea", Asia),
    ("sydkorea", Asia),
    ("pakistan", Asia),
    ("bangladesh", Asia),
    ("sri lanka", Asia),
    ("nepal", Asia),
    ("vietnam", Asia),
    ("thailand", Asia),
    ("philippines", Asia),
    ("filippinerne", Asia),
    ("indonesia", Asia),
    ("indonesien", Asia),
    ("malaysia", Asia),
    ("singapore", Asia),
    ("taiwan", Asia),
    ("hong kong", Asia),
    ("iran", Asia),
    ("iraq", Asia),
    ("irak", Asia),
    ("syria", Asia),
    ("syrien", Asia),
    ("lebanon", Asia),
    ("libanon", Asia),
    ("jordan", Asia),
    ("israel", Asia),
    ("palestine", Asia),
    ("palæstina", Asia),
    ("saudi arabia", Asia),
    ("saudi-arabien", Asia),
    ("united arab emirates", Asia),
    ("de forenede arabiske emirater", Asia),
    ("afghanistan", Asia),
    ("kazakhstan", Asia),
    ("kasakhstan", Asia),
    ("uzbekistan", Asia),
    ("usbekistan", Asia),
    // Africa.
    ("egypt", Africa),
    ("egypten", Africa),
    ("morocco", Africa),
    ("marokko", Africa),
    ("algeria", Africa),
    ("algeriet", Africa),
    ("tunisia", Africa),
    ("tunesien", Africa),
    ("nigeria", Africa),
    ("ghana", Africa),
    ("kenya", Africa),
    ("ethiopia", Africa),
    ("etiopien", Africa),
    ("eritrea", Africa),
    ("somalia", Africa),
    ("sudan", Africa),
    ("uganda", Africa),
    ("tanzania", Africa),
    ("rwanda", Africa),
    ("cameroon", Africa),
    ("cameroun", Africa),
    ("south africa", Africa),
    ("sydafrika", Africa),
    ("zimbabwe", Africa),
    ("zambia", Africa),
    // The Americas.
    ("united states", Americas),
    ("usa", Americas),
    ("us", Americas),
    ("canada", Americas),
    ("mexico", Americas),
    ("brazil", Americas),
    ("brasilien", Americas),
    ("argentina", Americas),
    ("chile", Americas),
    ("colombia", Americas),
    ("peru", Americas),
    ("venezuela", Americas),
    ("ecuador", Americas),
    ("bolivia", Americas),
    ("uruguay", Americas),
    ("paraguay", Americas),
    ("cuba", Americas),
    ("jamaica", Americas),
    // Oceania.
    ("australia", Oceania),
    ("australien", Oceania),
    ("new zealand", Oceania),
    ("fiji", Oceania),
];

/// The region of a country typed by a person; case, surrounding spaces and
/// a trailing full stop do not matter.
pub fn country_group(country: &str) -> CountryGroup {
    let name = country.trim().trim_end_matches('.').trim().to_lowercase();
    COUNTRIES
        .iter()
        .find(|(known, _)| *known == name)
        .map_or(NotStated, |(_, group)| *group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_either_language_find_their_region() {
        assert_eq!(country_group("Brazil"), Americas);
        assert_eq!(country_group(" brasilien "), Americas);
        assert_eq!(country_group("Tyskland"), EuEea);
        assert_eq!(country_group("Norway"), EuEea);
        assert_eq!(country_group("United Kingdom"), RestOfEurope);
        assert_eq!(country_group("Ukraine."), RestOfEurope);
        assert_eq!(country_group("INDIA"), Asia);
        assert_eq!(country_group("Egypt"), Africa);
        assert_eq!(country_group("New Zealand"), Oceania);
    }

    #[test]
    fn unknown_or_empty_names_are_not_guessed() {
        assert_eq!(country_group(""), NotStated);
        assert_eq!(country_group("Atlantis"), NotStated);
        assert_eq!(country_group("Braz"), NotStated);
    }

    #[test]
    fn codes_round_trip() {
        for group in CountryGroup::ALL {
            assert_eq!(CountryGroup::from_code(group.code()), Some(group));
        }
    }
}
