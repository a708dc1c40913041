//! Shared by the permission-matrix tests of every workflow: one cell of the matrix is an
//! actor issuing a command in a prepared state, and `available_commands` must agree with it.

use chrono::{DateTime, Utc};
use quytrinh::kernel::{Actor, Command, Error, Instance, TypeName, Workflow};

/// What an actor issuing the command must get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// Accepted.
    Ok,
    /// `not_permitted`, rule `role` (the command table).
    Role,
    /// `not_permitted`, the workflow's relationship rule (the officer in charge, the owning
    /// consultant).
    Party,
}

/// Checks one row: `command` at `at` on a copy of `instance`, by each actor of `actors`
/// against its `wants`, and that `available_commands` offers it exactly to those accepted.
/// `party_rule` is the rule the workflow names for a relationship refusal. Every mismatch
/// goes into `failures`.
pub fn check_row<W: Workflow>(
    instance: &Instance<W>,
    at: DateTime<Utc>,
    command: &W::Command,
    actors: &[Actor],
    wants: &[Want],
    party_rule: &str,
    failures: &mut Vec<String>,
) {
    for (actor, &want) in actors.iter().zip(wants) {
        let mut copy = instance.clone();
        let got = match copy.handle(&Command::new("probe", actor.clone(), at, command.clone())) {
            Ok(_) => Want::Ok,
            Err(Error::Rejected(r)) if r.code.as_str() == "not_permitted" => {
                match r.rule.as_ref() {
                    "role" => Want::Role,
                    rule if rule == party_rule => Want::Party,
                    other => panic!("unexpected rule {other}"),
                }
            }
            Err(e) => panic!("{} by {}: {e}", command.name(), actor.role),
        };
        if got != want {
            failures.push(format!(
                "{} by {} {}: expected {want:?}, got {got:?}",
                command.name(),
                actor.role,
                actor.id
            ));
        }
        let offered = instance
            .available_commands(actor, at)
            .unwrap()
            .iter()
            .any(|a| a.name == command.name());
        if offered != (want == Want::Ok) {
            failures.push(format!(
                "available_commands for {} {}: `{}` offered = {offered}",
                actor.role,
                actor.id,
                command.name()
            ));
        }
    }
}
