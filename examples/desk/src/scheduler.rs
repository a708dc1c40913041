//! The deadline scheduler: claims the instances whose next deadline is due at the desk's
//! clock, ticks them and commits what fired. The kernel fires every missed deadline at
//! its own instant, so a desk that was down catches up with one tick per instance.

use crate::{DeskError, Store};
use chrono::{DateTime, Utc};

/// Ticks every instance due at `now`, `batch` per transaction, until none is left that
/// fires anything. Returns how many instance ticks fired something.
pub(crate) async fn run_due(
    store: &Store,
    now: DateTime<Utc>,
    batch: i64,
) -> Result<usize, DeskError> {
    let mut total = 0;
    loop {
        let (ticked, failed) = store.tick_due(now, batch).await?;
        total += ticked;
        if ticked == 0 {
            if !failed.is_empty() {
                tracing::warn!(count = failed.len(), "instances parked after failed ticks");
            }
            return Ok(total);
        }
    }
}
