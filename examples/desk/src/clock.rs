//! The desk's clock. The library has none: every command and tick is stamped here.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex, PoisonError};

/// Where the desk reads the time: the system clock, or a test clock that stands still at
/// an instant until an operator moves it (`serve --now`, then `PUT /admin/clock`).
///
/// ```
/// use quytrinh_desk::Clock;
/// let at = "2026-03-05T14:00:00+07:00".parse().unwrap();
/// let clock = Clock::test(at);
/// assert_eq!(clock.now(), at);
/// assert!(clock.is_test());
/// assert!(!Clock::System.is_test());
/// ```
#[derive(Clone, Debug)]
pub enum Clock {
    /// The system's wall clock.
    System,
    /// A clock that shows the instant it was last set to.
    Test(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    /// A test clock standing at `at`.
    ///
    /// ```
    /// # use quytrinh_desk::Clock;
    /// let at = "2026-01-01T00:00:00Z".parse().unwrap();
    /// assert_eq!(Clock::test(at).now(), at);
    /// ```
    pub fn test(at: DateTime<Utc>) -> Self {
        Clock::Test(Arc::new(Mutex::new(at)))
    }

    /// The current instant, to the millisecond (the precision the database keeps).
    ///
    /// ```
    /// # use quytrinh_desk::Clock;
    /// assert_eq!(Clock::System.now().timestamp_subsec_micros() % 1000, 0);
    /// ```
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => {
                let now = Utc::now();
                DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
            }
            Clock::Test(at) => *at.lock().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// The instant to stamp an input with on an instance whose last input was at `last`:
    /// on the system clock, now, but never earlier than `last` — a command that lost a
    /// race to one stamped a millisecond later, or that reaches a desk whose clock is
    /// behind another's, is run after it rather than refused `clock_went_backwards`; on a
    /// test clock, exactly its instant (an operator who moves it back sees the kernel's
    /// refusal, as in the conformance vectors).
    ///
    /// ```
    /// # use quytrinh_desk::Clock;
    /// let later = chrono::Utc::now() + chrono::TimeDelta::hours(1);
    /// assert_eq!(Clock::System.stamp(Some(later)), later);
    /// assert!(Clock::System.stamp(None) < later);
    /// let at = "2026-01-01T00:00:00Z".parse().unwrap();
    /// assert_eq!(Clock::test(at).stamp(Some(later)), at);
    /// ```
    pub fn stamp(&self, last: Option<DateTime<Utc>>) -> DateTime<Utc> {
        let now = self.now();
        match (self, last) {
            (Clock::System, Some(last)) if last > now => last,
            _ => now,
        }
    }

    /// Whether this is a test clock (the admin endpoints exist only then).
    ///
    /// ```
    /// # use quytrinh_desk::Clock;
    /// assert!(Clock::test(chrono::Utc::now()).is_test());
    /// ```
    pub fn is_test(&self) -> bool {
        matches!(self, Clock::Test(_))
    }

    /// Moves a test clock to `at` (forwards or backwards); `false` on the system clock,
    /// which nobody moves.
    ///
    /// ```
    /// # use quytrinh_desk::Clock;
    /// let clock = Clock::test("2026-01-01T00:00:00Z".parse().unwrap());
    /// let later = "2026-01-02T00:00:00Z".parse().unwrap();
    /// assert!(clock.set(later));
    /// assert_eq!(clock.now(), later);
    /// assert!(!Clock::System.set(later));
    /// ```
    pub fn set(&self, at: DateTime<Utc>) -> bool {
        match self {
            Clock::System => false,
            Clock::Test(now) => {
                *now.lock().unwrap_or_else(PoisonError::into_inner) = at;
                true
            }
        }
    }
}
