//! Every workflow of the registry, checked the same way: its names are declared once (the
//! variants of its enums, through strum) and agree with serde's tags, its definition tables
//! name the same commands, queries and deadline kinds as its types, every transition names
//! declared states and a known trigger, every state is reachable, every label is written in
//! both languages, and every event and effect kind it declares is played by at least one of
//! its conformance vectors, with the JSON tag its name says.

mod vector_files;

use quytrinh::conformance::{Vector, play};
use quytrinh::dynamic::{WORKFLOWS, WithWorkflow, with_workflow};
use quytrinh::kernel::{
    DeadlineKind, Definition, EffectName, Error, INITIAL, Instance, Label, TypeName, Workflow,
};
use std::collections::BTreeSet;
use vector_files::vector_files;

/// Runs [`check`] for one workflow.
struct Check;

impl WithWorkflow for Check {
    type Output = Vec<String>;
    fn run<W: Workflow>(self) -> Result<Vec<String>, Error> {
        Ok(check::<W>())
    }
}

#[test]
fn every_workflow_is_consistent_with_its_definition_and_its_vectors() {
    assert!(WORKFLOWS.len() >= 3);
    let mut problems = Vec::new();
    for workflow in WORKFLOWS {
        problems.extend(
            with_workflow(workflow, Check)
                .unwrap()
                .into_iter()
                .map(|p| format!("{workflow}: {p}")),
        );
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The registry's `{ reports }` flag, which gives a workflow its typed reports in Kotlin and
/// Swift, is on exactly for the workflows that declare reports.
#[test]
fn the_registry_flags_exactly_the_workflows_with_reports() {
    macro_rules! flagged {
        ($($module:ident :: $W:ident $({ $($flag:ident)* })?),+ $(,)?) => {
            [$((
                <quytrinh::workflows::$module::$W as Workflow>::NAME,
                !<quytrinh::workflows::$module::$W as Workflow>::REPORTS.is_empty(),
                false $($(|| stringify!($flag) == "reports")*)?,
            )),+]
        };
    }
    for (name, declares, flagged) in quytrinh::for_each_workflow!(flagged) {
        assert_eq!(
            declares, flagged,
            "{name}: REPORTS and the registry's `{{ reports }}` disagree"
        );
    }
}

fn labelled(label: &Label, what: &str, problems: &mut Vec<String>) {
    if label.vi.trim().is_empty() || label.en.trim().is_empty() {
        problems.push(format!(
            "{what} lacks a Vietnamese or English label: {label:?}"
        ));
    }
}

fn check<W: Workflow>() -> Vec<String> {
    let mut problems = Vec::new();
    let def = Definition::of::<W>(&W::Config::default());
    check_tables::<W>(&def, &mut problems);
    check_transitions(&def, &mut problems);
    check_vectors::<W>(&def, &mut problems);
    problems
}

/// The tables name exactly the commands, queries and deadline kinds of the types, in the
/// same order, with declared roles and both labels.
fn check_tables<W: Workflow>(def: &Definition, problems: &mut Vec<String>) {
    let commands: Vec<&str> = def.commands.iter().map(|c| c.name).collect();
    if commands != W::Command::NAMES {
        problems.push(format!(
            "COMMANDS {commands:?} ≠ the command enum {:?}",
            W::Command::NAMES
        ));
    }
    let queries: Vec<&str> = def.queries.iter().map(|q| q.name).collect();
    if queries != W::Query::NAMES {
        problems.push(format!(
            "QUERIES {queries:?} ≠ the query enum {:?}",
            W::Query::NAMES
        ));
    }
    let reports: Vec<&str> = def.reports.iter().map(|r| r.name).collect();
    if reports != W::Report::NAMES {
        problems.push(format!(
            "REPORTS {reports:?} ≠ the report enum {:?}",
            W::Report::NAMES
        ));
    }
    let kinds: Vec<&str> = def.deadlines.iter().map(|d| d.kind).collect();
    let typed: Vec<&str> = W::DeadlineKind::ALL.iter().map(|k| k.name()).collect();
    if kinds != typed {
        problems.push(format!(
            "deadline_specs {kinds:?} ≠ the deadline kinds {typed:?}"
        ));
    }
    let roles: BTreeSet<&str> = def.roles.iter().map(|r| r.id).collect();
    for spec in def.commands.iter().chain(def.queries).chain(def.reports) {
        labelled(&spec.label, spec.name, problems);
        if spec.roles.is_empty() || !spec.roles.iter().all(|r| roles.contains(r)) {
            problems.push(format!(
                "{} names no role or an undeclared one: {:?}",
                spec.name, spec.roles
            ));
        }
    }
    for role in def.roles {
        labelled(&role.label, role.id, problems);
    }
    for d in &def.deadlines {
        labelled(&d.label, d.kind, problems);
    }
    for t in def.templates {
        labelled(&t.label, t.id, problems);
    }
    labelled(&W::LABEL, W::NAME, problems);
}

/// Every transition names a declared region, declared states and a command or deadline kind;
/// every command has a transition and every state is initial or entered by one.
fn check_transitions(def: &Definition, problems: &mut Vec<String>) {
    let deadline_kinds: Vec<&str> = def.deadlines.iter().map(|d| d.kind).collect();
    for t in def.transitions {
        let Some(region) = def.regions.iter().find(|r| r.id == t.region) else {
            problems.push(format!("{t:?} names an undeclared region"));
            continue;
        };
        for state in [t.from, t.to] {
            if state != INITIAL && !region.states.iter().any(|s| s.id == state) {
                problems.push(format!("{t:?} names an undeclared state {state}"));
            }
        }
        if !def.commands.iter().any(|c| c.name == t.trigger) && !deadline_kinds.contains(&t.trigger)
        {
            problems.push(format!("{t:?} has an unknown trigger"));
        }
    }
    for c in def.commands {
        if !def.transitions.iter().any(|t| t.trigger == c.name) {
            problems.push(format!("command {} has no transition", c.name));
        }
    }
    for region in def.regions {
        labelled(&region.label, region.id, problems);
        for state in region.states {
            labelled(&state.label, state.id, problems);
            let entered = def
                .transitions
                .iter()
                .any(|t| t.region == region.id && t.to == state.id);
            if !state.initial && !entered {
                problems.push(format!("{}.{} is unreachable", region.id, state.id));
            }
        }
    }
}

/// Every event and effect the vectors of `W` record has the JSON tag its name says; every
/// event and effect kind is recorded by at least one vector; every notification's template
/// is declared, on its channel.
fn check_vectors<W: Workflow>(def: &Definition, problems: &mut Vec<String>) {
    let mut events = BTreeSet::new();
    let mut effects = BTreeSet::new();
    for file in vector_files() {
        let vector: Vector = serde_json::from_str(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if vector.workflow != W::NAME {
            continue;
        }
        let played = play(&vector).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let instance = Instance::<W>::from_log_json(&played.instance.event_log_json()).unwrap();
        for record in instance.records() {
            let name = record.event.name();
            let json = serde_json::to_value(&record.event).unwrap();
            if json["type"] != name {
                problems.push(format!("event {name} serializes as type {}", json["type"]));
            }
            events.insert(name);
            for keyed in &record.effects {
                let kind = keyed.effect.name();
                let json = serde_json::to_value(&keyed.effect).unwrap();
                if json["kind"] != kind {
                    problems.push(format!("effect {kind} serializes as kind {}", json["kind"]));
                }
                if let Some(n) = keyed.effect.notification()
                    && !def
                        .templates
                        .iter()
                        .any(|t| t.id == n.template && t.channel == n.channel)
                {
                    problems.push(format!(
                        "template {} on {:?} is not in TEMPLATES",
                        n.template, n.channel
                    ));
                }
                effects.insert(kind);
            }
        }
    }
    for name in W::Event::NAMES {
        if !events.contains(name) {
            problems.push(format!("event {name} is recorded by no vector"));
        }
    }
    for kind in W::Effect::NAMES {
        if !effects.contains(kind) {
            problems.push(format!("effect {kind} is recorded by no vector"));
        }
    }
}
