//! How much each criterion counts. Weights are data, so a coordinator can set them per
//! cohort; [`Weights::default`] is a sensible start.

use serde::{Deserialize, Serialize};

use crate::criteria::Criterion;

/// Highest number of points a criterion can be given.
pub const MAX_POINTS: u8 = 10;
/// Points a must-have criterion counts with, on top of ruling out pairs that fail it.
pub const MUST_HAVE_POINTS: u8 = MAX_POINTS;

/// The weight of one criterion.
///
/// Serialised as `{"points": 5}` or `"must_have"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    /// Counts with this many points, `0..=10` (0 switches the criterion off).
    Points(u8),
    /// Pairs failing the criterion are impossible; passing pairs count with
    /// [`MUST_HAVE_POINTS`].
    MustHave,
}

impl Weight {
    /// Points this weight multiplies a fit by (out-of-range points count as the maximum).
    pub fn points(self) -> u8 {
        match self {
            Weight::Points(p) => p.min(MAX_POINTS),
            Weight::MustHave => MUST_HAVE_POINTS,
        }
    }

    pub fn is_must_have(self) -> bool {
        self == Weight::MustHave
    }
}

/// A weight that is not allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WeightError {
    #[error("weight of {} is {points} points; the most is {MAX_POINTS}", criterion.code())]
    TooHigh { criterion: Criterion, points: u8 },
}

/// The weight of every criterion. Missing fields take their default when deserialised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub industry: Weight,
    pub role: Weight,
    pub education: Weight,
    pub experience: Weight,
    pub language: Weight,
    pub help: Weight,
    pub availability: Weight,
    pub distance: Weight,
    pub gender_preference: Weight,
}

impl Default for Weights {
    /// Industry and help matter most; a shared language, a common time and a requested
    /// mentor gender are must-haves, since without them the pair cannot work together.
    fn default() -> Self {
        Self {
            industry: Weight::Points(8),
            role: Weight::Points(5),
            education: Weight::Points(2),
            experience: Weight::Points(3),
            language: Weight::MustHave,
            help: Weight::Points(6),
            availability: Weight::MustHave,
            distance: Weight::Points(3),
            gender_preference: Weight::MustHave,
        }
    }
}

impl Weights {
    pub fn get(&self, criterion: Criterion) -> Weight {
        *self.slot(criterion)
    }

    pub fn set(&mut self, criterion: Criterion, weight: Weight) {
        *self.slot_mut(criterion) = weight;
    }

    /// Rejects points above [`MAX_POINTS`].
    pub fn validate(&self) -> Result<(), WeightError> {
        for criterion in Criterion::ALL {
            if let Weight::Points(points) = self.get(criterion)
                && points > MAX_POINTS
            {
                return Err(WeightError::TooHigh { criterion, points });
            }
        }
        Ok(())
    }

    fn slot(&self, criterion: Criterion) -> &Weight {
        match criterion {
            Criterion::Industry => &self.industry,
            Criterion::Role => &self.role,
            Criterion::Education => &self.education,
            Criterion::Experience => &self.experience,
            Criterion::Language => &self.language,
            Criterion::Help => &self.help,
            Criterion::Availability => &self.availability,
            Criterion::Distance => &self.distance,
            Criterion::GenderPreference => &self.gender_preference,
        }
    }

    fn slot_mut(&mut self, criterion: Criterion) -> &mut Weight {
        match criterion {
            Criterion::Industry => &mut self.industry,
            Criterion::Role => &mut self.role,
            Criterion::Education => &mut self.education,
            Criterion::Experience => &mut self.experience,
            Criterion::Language => &mut self.language,
            Criterion::Help => &mut self.help,
            Criterion::Availability => &mut self.availability,
            Criterion::Distance => &mut self.distance,
            Criterion::GenderPreference => &mut self.gender_preference,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Weights::default().validate(), Ok(()));
    }

    #[test]
    fn points_above_ten_are_rejected() {
        let mut w = Weights::default();
        w.set(Criterion::Role, Weight::Points(11));
        assert_eq!(
            w.validate(),
            Err(WeightError::TooHigh {
                criterion: Criterion::Role,
                points: 11
            })
        );
        assert_eq!(Weight::Points(11).points(), MAX_POINTS);
    }

    #[test]
    fn serde_shape_and_missing_fields() {
        let w: Weights =
            serde_json::from_str(r#"{"role": {"points": 2}, "industry": "must_have"}"#)
                .unwrap_or_default();
        assert_eq!(w.role, Weight::Points(2));
        assert_eq!(w.industry, Weight::MustHave);
        assert_eq!(w.help, Weights::default().help);
    }
}
