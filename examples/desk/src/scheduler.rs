//! The deadline scheduler: claims the instances whose next deadline is due at the desk's
//! clock, ticks them and commits what fired. The kernel fires every missed deadline at
//! its own instant, so a desk that was down catches up with one tick per instance.

use crate::{Clock, DeskError, Store};

/// Ticks every instance due at `clock`'s instant, `batch` per transaction, until none is
/// left that fires anything. Returns how many instance ticks fired something.
pub(crate) async fn run_due(store: &Store, clock: &Clock, batch: i64) -> Result<usize, DeskError> {
    let mut total = 0;
    loop {
        let (ticked, failed) = store.tick_due(clock, batch).await?;
        total += ticked;
        if ticked > 0 {
            tracing::info!(target: "quytrinh_desk::scheduler", ticked, "deadlines fired");
        }
        if ticked == 0 {
            if !failed.is_empty() {
                tracing::warn!(count = failed.len(), "instances parked after failed ticks");
            }
            return Ok(total);
        }
    }
}
