//! Every document the crate writes as text (`kernel::to_json`) is byte for byte what
//! `serde_json::to_string` writes for the same typed value: the snapshot and the records of
//! every instance after every step of every conformance vector.

mod vector_files;

use quytrinh::conformance::Vector;
use quytrinh::dynamic::{self, WithWorkflow};
use quytrinh::kernel::{Error, Instance, Workflow, to_json};
use vector_files::vector_files;

/// Checks an instance of `W` restored from a snapshot and from an event log.
struct SameText<'a> {
    snapshot: &'a str,
    log: &'a str,
}

impl WithWorkflow for SameText<'_> {
    type Output = Result<(), String>;

    fn run<W: Workflow>(self) -> Result<Self::Output, Error> {
        let restored = Instance::<W>::from_snapshot_json(self.snapshot)?;
        let replayed = Instance::<W>::from_log_json(self.log)?;
        let pairs = [
            (
                "snapshot",
                restored.snapshot_json(),
                serde_json::to_string(restored.snapshot()),
            ),
            (
                "records",
                to_json(replayed.records()).unwrap(),
                serde_json::to_string(replayed.records()),
            ),
        ];
        for (what, ours, theirs) in pairs {
            if ours != theirs.unwrap() {
                return Ok(Err(format!("{what} differs from serde_json's text")));
            }
        }
        Ok(Ok(()))
    }
}

#[test]
fn every_document_is_written_as_serde_json_writes_it() {
    let mut checked = 0;
    for file in vector_files() {
        let vector: Vector =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut instance = dynamic::create(
            &vector.workflow,
            &vector.instance_id,
            Some(&vector.config),
            Some(vector.settings),
            &vector.init,
        )
        .unwrap();
        for (s, step) in vector.steps.iter().enumerate() {
            // Refusals are part of the vectors; only what the instance holds is checked.
            let _ = match (&step.command, &step.tick) {
                (Some(command), _) => instance.handle_json(&command.to_string()).map(drop),
                (None, Some(tick)) => instance.tick_json(tick.at).map(drop),
                (None, None) => panic!(
                    "{}: step {s} is neither a command nor a tick",
                    file.display()
                ),
            };
            let (snapshot, log) = (instance.snapshot_json(), instance.event_log_json());
            let same = dynamic::with_workflow(
                &vector.workflow,
                SameText {
                    snapshot: &snapshot,
                    log: &log,
                },
            )
            .unwrap();
            assert_eq!(same, Ok(()), "{}, step {s}", file.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} steps checked");
}
