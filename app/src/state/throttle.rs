//! Sign-in throttling: at most ten attempts a minute for one account, and
//! for one client address.

use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub const ATTEMPTS_PER_MINUTE: u32 = 10;

#[derive(Debug)]
pub struct SignInThrottle {
    limiter: DefaultKeyedRateLimiter<String>,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        let per_minute = NonZeroU32::new(ATTEMPTS_PER_MINUTE).unwrap_or(NonZeroU32::MIN);
        Self {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute)),
        }
    }
}

impl SignInThrottle {
    /// Counts one attempt for the account and the address; false when
    /// either has used its allowance.
    pub fn attempt(&self, email: &str, address: Option<&str>) -> bool {
        let account_ok = self
            .limiter
            .check_key(&format!("account:{}", email.to_lowercase()))
            .is_ok();
        let address_ok =
            address.is_none_or(|a| self.limiter.check_key(&format!("address:{a}")).is_ok());
        account_ok && address_ok
    }
}
