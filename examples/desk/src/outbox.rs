//! The outbox dispatcher: delivers the effects that committed inputs left in the outbox,
//! at least once, to a sink; retries with exponential back-off and gives up (`dead`)
//! after the configured attempts. Receivers deduplicate by the effect's idempotency key,
//! sent with every delivery.

use crate::{DeskError, Store, store::Delivery};
use serde_json::json;
use std::time::Duration;

/// Where effects go.
///
/// ```
/// use quytrinh_desk::Sink;
/// assert_eq!(Sink::Log.to_string(), "log");
/// let hook = Sink::webhook("http://127.0.0.1:9000/effects").unwrap();
/// assert_eq!(hook.to_string(), "webhook http://127.0.0.1:9000/effects");
/// ```
#[derive(Clone, Debug)]
pub enum Sink {
    /// Written to the desk's log (target `quytrinh_desk::effect`), one line per effect.
    Log,
    /// POSTed as JSON to a URL with an `Idempotency-Key` header; any 2xx answer is a
    /// delivery.
    Webhook {
        /// The URL.
        url: String,
        /// The HTTP client (10 s timeout per delivery).
        client: reqwest::Client,
    },
}

impl std::fmt::Display for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Sink::Log => f.write_str("log"),
            Sink::Webhook { url, .. } => write!(f, "webhook {url}"),
        }
    }
}

impl Sink {
    /// A webhook sink.
    ///
    /// ```
    /// # use quytrinh_desk::Sink;
    /// assert!(Sink::webhook("http://localhost:1/x").is_ok());
    /// ```
    pub fn webhook(url: &str) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("webhook client: {e}"))?;
        Ok(Sink::Webhook {
            url: url.to_owned(),
            client,
        })
    }

    async fn deliver(&self, delivery: &Delivery) -> Result<(), String> {
        match self {
            Sink::Log => {
                tracing::info!(
                    target: "quytrinh_desk::effect",
                    idempotency_key = %delivery.key,
                    instance = %delivery.instance_id,
                    workflow = %delivery.workflow,
                    effect = %delivery.effect,
                    "effect"
                );
                Ok(())
            }
            Sink::Webhook { url, client } => {
                let body = json!({
                    "idempotency_key": delivery.key,
                    "instance_id": delivery.instance_id,
                    "workflow": delivery.workflow,
                    "effect": delivery.effect,
                });
                let response = client
                    .post(url)
                    .header("Idempotency-Key", &delivery.key)
                    .json(&body)
                    .send()
                    .await
                    .map_err(|e| format!("{e}"))?;
                if response.status().is_success() {
                    Ok(())
                } else {
                    Err(format!("HTTP {}", response.status()))
                }
            }
        }
    }
}

/// How the dispatcher retries.
///
/// ```
/// use quytrinh_desk::Retry;
/// let retry = Retry { max_attempts: 3, base_ms: 100, lease_ms: 30_000 };
/// assert_eq!(retry.after(1), Some(100));
/// assert_eq!(retry.after(2), Some(200));
/// assert_eq!(retry.after(3), None); // the third failure is the last: dead letter
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Retry {
    /// Attempts before an effect is given up as a dead letter.
    pub max_attempts: i64,
    /// The wait after the first failure; it doubles after each (at most an hour).
    pub base_ms: i64,
    /// How long a claimed delivery is leased: a desk that dies while delivering leaves it
    /// to another (or to itself, restarted) after this.
    pub lease_ms: i64,
}

impl Retry {
    /// The wait before the next attempt after `attempts` failed ones, or `None` when the
    /// effect is to be given up.
    ///
    /// ```
    /// # use quytrinh_desk::Retry;
    /// let retry = Retry { max_attempts: 100, base_ms: 1000, lease_ms: 1 };
    /// assert_eq!(retry.after(40), Some(3_600_000));
    /// ```
    pub fn after(&self, attempts: i64) -> Option<i64> {
        (attempts < self.max_attempts).then(|| {
            let doublings = u32::try_from((attempts - 1).clamp(0, 30)).unwrap_or(30);
            self.base_ms.saturating_mul(1 << doublings).min(3_600_000)
        })
    }
}

/// The system clock in milliseconds: deliveries are operations, timed by the machine
/// even when the desk's domain clock is a test clock.
fn system_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// One round of the dispatcher: claims up to `limit` due effects and delivers each.
/// Returns how many were delivered.
pub(crate) async fn dispatch_once(
    store: &Store,
    sink: &Sink,
    retry: Retry,
    limit: i64,
) -> Result<usize, DeskError> {
    let now = system_ms();
    let claimed = store
        .claim_deliveries(now, now + retry.lease_ms, limit)
        .await?;
    let mut delivered = 0;
    for delivery in &claimed {
        match sink.deliver(delivery).await {
            Ok(()) => {
                store.delivered(&delivery.key, system_ms()).await?;
                delivered += 1;
            }
            Err(error) => {
                let next = retry
                    .after(delivery.attempts)
                    .map(|wait| system_ms() + wait);
                if next.is_none() {
                    tracing::error!(idempotency_key = %delivery.key, attempts = delivery.attempts, %error, "effect given up: dead letter");
                } else {
                    tracing::warn!(idempotency_key = %delivery.key, attempts = delivery.attempts, %error, "delivery failed; will retry");
                }
                store.failed(&delivery.key, &error, next).await?;
            }
        }
    }
    Ok(delivered)
}
