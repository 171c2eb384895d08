//! Distance: can they meet in person without a long trip? Irrelevant when they will only
//! meet online.

use super::availability::common_modes;
use super::{Assessment, FULL_FIT};
use crate::profile::{MeetingMode, Mentee, Mentor};
use crate::reason::Reason;

/// Travel limit for mentees who did not give one: roughly Aarhus and its suburbs.
pub const DEFAULT_MAX_TRAVEL_KM: u16 = 30;
/// Fit when too far to meet in person but both can meet online instead.
pub const TOO_FAR_BUT_ONLINE_FIT: u16 = 300;

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    let modes = common_modes(&mentee.availability, &mentor.availability);
    let in_person = modes.contains(&MeetingMode::InPerson);
    let online_possible = modes.contains(&MeetingMode::Online);
    if !in_person && online_possible {
        return Assessment::new(FULL_FIT, Reason::MeetsOnlineOnly);
    }
    let km_f = mentee.location.distance_km(&mentor.location);
    // Saturating float-to-int conversion: any distance beyond u16 is "very far".
    let km = km_f.round() as u16;
    let limit_km = mentee.max_travel_km.unwrap_or(DEFAULT_MAX_TRAVEL_KM);
    if km_f <= f32::from(limit_km) {
        let same_area = !mentee.location.area.trim().is_empty()
            && mentee
                .location
                .area
                .trim()
                .eq_ignore_ascii_case(mentor.location.area.trim());
        // Closer is better: full fit next door, half at the limit.
        let share = if limit_km == 0 {
            0.0
        } else {
            km_f / f32::from(limit_km)
        };
        let fit = f32::from(FULL_FIT) * (1.0 - 0.5 * share);
        return Assessment::new(fit.round() as u16, Reason::WithinTravel { km, same_area });
    }
    let fit = if online_possible {
        TOO_FAR_BUT_ONLINE_FIT
    } else {
        0
    };
    Assessment::new(
        fit,
        Reason::TooFar {
            km,
            limit_km,
            online_possible,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Availability, Location};

    fn at(area: &str, east_km: f32, north_km: f32) -> Location {
        Location {
            area: area.into(),
            east_km,
            north_km,
        }
    }

    fn pair(mentee_at: Location, mentor_at: Location, modes: &[MeetingMode]) -> Assessment {
        let availability = Availability {
            times: vec![],
            modes: modes.to_vec(),
        };
        let mentee = Mentee {
            location: mentee_at,
            availability: availability.clone(),
            ..Mentee::default()
        };
        let mentor = Mentor {
            location: mentor_at,
            availability,
            ..Mentor::default()
        };
        assess(&mentee, &mentor)
    }

    #[test]
    fn same_area_is_a_full_fit() {
        let a = pair(at("Aarhus C", 0.0, 0.0), at("aarhus c", 0.0, 0.0), &[]);
        assert_eq!(a.fit, FULL_FIT);
        assert_eq!(
            a.reason,
            Reason::WithinTravel {
                km: 0,
                same_area: true
            }
        );
    }

    #[test]
    fn fit_falls_to_half_at_the_limit() {
        let a = pair(
            at("Aarhus C", 0.0, 0.0),
            at("Skanderborg", 0.0, -30.0),
            &[MeetingMode::InPerson],
        );
        assert_eq!(a.fit, 500);
    }

    #[test]
    fn too_far_fails_unless_online_is_possible() {
        let far = at("Aalborg", 0.0, 110.0);
        let a = pair(
            at("Aarhus C", 0.0, 0.0),
            far.clone(),
            &[MeetingMode::InPerson],
        );
        assert!(!a.passes());
        assert_eq!(
            a.reason,
            Reason::TooFar {
                km: 110,
                limit_km: 30,
                online_possible: false
            }
        );
        assert_eq!(
            pair(at("", 0.0, 0.0), far.clone(), &[]).fit,
            TOO_FAR_BUT_ONLINE_FIT
        );
        assert_eq!(
            pair(at("", 0.0, 0.0), far, &[MeetingMode::Online]).reason,
            Reason::MeetsOnlineOnly
        );
    }

    #[test]
    fn nonsense_coordinates_do_not_panic() {
        let a = pair(
            at("", f32::NAN, 0.0),
            at("", 0.0, f32::INFINITY),
            &[MeetingMode::InPerson],
        );
        assert!(!a.passes());
    }
}
