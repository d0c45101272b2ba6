//! Sign-in throttling: at most ten attempts a minute for one account, and
//! for one client address. Accounts are counted by their email as sign-in
//! reads it, so spaces or capitals around it count as the same account; the
//! keys of accounts and addresses not seen for a while are dropped.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::services::accounts::users::normalise_email;

pub const ATTEMPTS_PER_MINUTE: u32 = 10;

/// Attempts between two sweeps of keys that no longer hold anything back.
const SWEEP_EVERY: u32 = 1024;

#[derive(Debug)]
pub struct SignInThrottle {
    limiter: DefaultKeyedRateLimiter<String>,
    attempts: AtomicU32,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        let per_minute = NonZeroU32::new(ATTEMPTS_PER_MINUTE).unwrap_or(NonZeroU32::MIN);
        Self::with_quota(Quota::per_minute(per_minute))
    }
}

impl SignInThrottle {
    /// A throttle allowing `quota` to each account and address.
    pub fn with_quota(quota: Quota) -> Self {
        Self {
            limiter: RateLimiter::keyed(quota),
            attempts: AtomicU32::new(0),
        }
    }

    /// Counts one attempt for the account and the address; false when
    /// either has used its allowance.
    pub fn attempt(&self, email: &str, address: Option<&str>) -> bool {
        if self.attempts.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
        let account_ok = self
            .limiter
            .check_key(&format!("account:{}", normalise_email(email)))
            .is_ok();
        let address_ok =
            address.is_none_or(|a| self.limiter.check_key(&format!("address:{a}")).is_ok());
        account_ok && address_ok
    }

    /// Drops the keys whose allowance has fully come back.
    pub fn sweep(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }

    /// How many accounts and addresses are being counted.
    pub fn keys(&self) -> usize {
        self.limiter.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_capitals_around_an_email_count_as_the_same_account() {
        let throttle = SignInThrottle::default();
        for i in 0..ATTEMPTS_PER_MINUTE {
            let email = if i % 2 == 0 {
                " Ana@Example.org "
            } else {
                "ana@example.org"
            };
            assert!(throttle.attempt(email, None), "attempt {i}");
        }
        assert!(!throttle.attempt("  ANA@example.ORG", None));
    }

    #[test]
    fn accounts_not_seen_for_a_while_are_forgotten() {
        let per_second = NonZeroU32::new(1000).unwrap_or(NonZeroU32::MIN);
        let throttle = SignInThrottle::with_quota(Quota::per_second(per_second));
        for i in 0..1000 {
            throttle.attempt(&format!("person{i}@example.org"), None);
        }
        assert_eq!(throttle.keys(), 1000);
        // Each allowance comes back within a millisecond; the next sweep
        // (every 1024 attempts) drops those keys.
        std::thread::sleep(std::time::Duration::from_millis(20));
        for i in 0..(SWEEP_EVERY - 1000) {
            throttle.attempt(&format!("later{i}@example.org"), None);
        }
        assert!(throttle.keys() <= 24, "{} keys kept", throttle.keys());
    }
}
