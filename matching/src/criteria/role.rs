//! Role: has the mentor got the job the mentee is aiming for, or a related one?

use super::{Assessment, FULL_FIT};
use crate::language::same_name;
use crate::profile::{Mentee, Mentor};
use crate::reason::Reason;

/// Fit when the mentor's role is one the mentee has held before.
pub const BACKGROUND_FIT: u16 = 600;
/// Fit when a target role and the mentor's role share a key word.
pub const RELATED_FIT: u16 = 400;

pub fn assess(mentee: &Mentee, mentor: &Mentor) -> Assessment {
    let role = mentor.role.trim();
    let named = role.to_string();
    if role.is_empty() {
        return Assessment::new(0, Reason::DifferentRole { mentor_role: named });
    }
    let same = |list: &[String]| list.iter().any(|r| same_name(r, role));
    if same(&mentee.target_roles) {
        return Assessment::new(FULL_FIT, Reason::SameTargetRole { role: named });
    }
    if same(&mentee.background.roles) {
        return Assessment::new(BACKGROUND_FIT, Reason::RoleFromBackground { role: named });
    }
    let related = mentee
        .target_roles
        .iter()
        .find(|r| key_words(r).any(|w| key_words(role).any(|m| same_name(m, w))));
    match related {
        Some(r) => Assessment::new(
            RELATED_FIT,
            Reason::RelatedRole {
                mentor_role: named,
                mentee_role: r.trim().to_string(),
            },
        ),
        None => Assessment::new(0, Reason::DifferentRole { mentor_role: named }),
    }
}

/// Words long enough to carry meaning ("analyst", "engineer"), skipping "of", "and", "it".
fn key_words(role: &str) -> impl Iterator<Item = &str> {
    role.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentor(role: &str) -> Mentor {
        Mentor {
            role: role.into(),
            ..Mentor::default()
        }
    }

    fn mentee(target: &str) -> Mentee {
        Mentee {
            target_roles: vec![target.into()],
            ..Mentee::default()
        }
    }

    #[test]
    fn same_role_is_a_full_fit() {
        assert_eq!(
            assess(&mentee("Data Analyst"), &mentor("data analyst")).fit,
            FULL_FIT
        );
    }

    #[test]
    fn past_role_counts() {
        let mut m = Mentee::default();
        m.background.roles = vec!["Nurse".into()];
        assert_eq!(assess(&m, &mentor("nurse")).fit, BACKGROUND_FIT);
    }

    #[test]
    fn shared_key_word_is_related() {
        let a = assess(&mentee("Business analyst"), &mentor("Senior data analyst"));
        assert_eq!(a.fit, RELATED_FIT);
        assert!(matches!(a.reason, Reason::RelatedRole { .. }));
    }

    #[test]
    fn short_words_do_not_relate_roles() {
        assert!(!assess(&mentee("IT consultant"), &mentor("IT support")).passes());
        assert!(!assess(&mentee("Chef"), &mentor("Lawyer")).passes());
        assert!(!assess(&mentee("Chef"), &mentor("")).passes());
    }
}
