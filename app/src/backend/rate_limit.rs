//! Login attempts are limited per account and per client address, so that
//! guessing passwords is slow both for one account and from one machine.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

/// Attempts allowed in a burst and how fast they come back.
#[derive(Debug, Clone, Copy)]
pub struct LoginQuota {
    pub burst: u32,
    pub replenish_every: Duration,
}

pub struct LoginLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginLimiter {
    pub fn new(account: LoginQuota, address: LoginQuota) -> Self {
        Self {
            per_account: RateLimiter::keyed(quota(account)),
            per_address: RateLimiter::keyed(quota(address)),
        }
    }

    /// Five tries per account, then one a minute; sixty per address, then one every two seconds.
    pub fn with_defaults() -> Self {
        Self::new(
            LoginQuota {
                burst: 5,
                replenish_every: Duration::from_secs(60),
            },
            LoginQuota {
                burst: 60,
                replenish_every: Duration::from_secs(2),
            },
        )
    }

    /// Counts one attempt; refuses it when either limit is used up.
    pub fn check(&self, account: &str, address: Option<IpAddr>) -> Result<(), AppError> {
        let now = DefaultClock::default().now();
        let refused = |not_until: governor::NotUntil<_>| AppError::RateLimited {
            retry_after_secs: not_until.wait_time_from(now).as_secs().max(1),
        };
        if let Some(address) = address {
            self.per_address.check_key(&address).map_err(refused)?;
        }
        self.per_account
            .check_key(&account.to_owned())
            .map_err(refused)
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded.
    pub fn forget_recovered(&self) {
        self.per_account.retain_recent();
        self.per_address.retain_recent();
    }
}

fn quota(limits: LoginQuota) -> Quota {
    let burst = NonZeroU32::new(limits.burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(limits.replenish_every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(burst: u32) -> LoginLimiter {
        let slow = LoginQuota {
            burst,
            replenish_every: Duration::from_secs(3600),
        };
        LoginLimiter::new(
            slow,
            LoginQuota {
                burst: 1000,
                ..slow
            },
        )
    }

    #[test]
    fn an_account_is_refused_after_its_burst() {
        let limiter = limiter(3);
        for _ in 0..3 {
            limiter.check("a@example.dk", None).unwrap();
        }
        let err = limiter.check("a@example.dk", None).unwrap_err();
        assert!(matches!(err, AppError::RateLimited { retry_after_secs } if retry_after_secs > 0));
        // Other accounts are not affected.
        limiter.check("b@example.dk", None).unwrap();
    }

    #[test]
    fn an_address_is_refused_across_accounts() {
        let tight = LoginQuota {
            burst: 2,
            replenish_every: Duration::from_secs(3600),
        };
        let limiter = LoginLimiter::new(
            LoginQuota {
                burst: 100,
                ..tight
            },
            tight,
        );
        let ip: IpAddr = [10, 0, 0, 1].into();
        limiter.check("a@example.dk", Some(ip)).unwrap();
        limiter.check("b@example.dk", Some(ip)).unwrap();
        assert!(limiter.check("c@example.dk", Some(ip)).is_err());
        limiter
            .check("c@example.dk", Some([10, 0, 0, 2].into()))
            .unwrap();
    }
}
