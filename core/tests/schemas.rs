//! The JSON Schemas of `schemas/<workflow>/` (the `schema` feature): the committed files are
//! the ones the types generate (no drift), and every conformance vector's configuration,
//! initial data, commands and outcomes are valid against its workflow's schemas; commands the
//! vectors expect to be refused as `invalid_json` are invalid against them too, when the
//! schema can tell (an unknown field, a missing one, a wrong type).

mod vector_files;

use jsonschema::Validator;
use quytrinh::conformance::{Vector, play};
use quytrinh::schema::{self, WorkflowSchemas};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const REGENERATE: &str = "regenerate them: cargo run -p quytrinh-cli -- schema --out schemas";

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let dir = schemas_dir();
    let mut expected = BTreeMap::new();
    for schemas in schema::all() {
        for (stem, value) in schemas.files() {
            let path = dir
                .join(schemas.workflow)
                .join(format!("{stem}.schema.json"));
            expected.insert(path, schema::file_text(value));
        }
    }
    for (path, text) in &expected {
        let committed = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{}: {e}; {REGENERATE}", path.display()));
        assert!(
            committed == *text,
            "{} is stale; {REGENERATE}",
            path.display()
        );
    }
    let found: Vec<PathBuf> = vector_files::json_files_below(&dir);
    let extra: Vec<&PathBuf> = found
        .iter()
        .filter(|p| !expected.contains_key(*p))
        .collect();
    assert!(
        extra.is_empty(),
        "files no workflow generates: {extra:?}; {REGENERATE}"
    );
}

/// The validators of one workflow's schemas.
struct Validators {
    command: Validator,
    config: Validator,
    init: Validator,
    outcome: Validator,
}

impl Validators {
    fn of(schemas: &WorkflowSchemas) -> Self {
        let compile = |schema: &Value| {
            jsonschema::options()
                .should_validate_formats(true)
                .build(schema)
                .unwrap_or_else(|e| panic!("{} schema: {e}", schemas.workflow))
        };
        Self {
            command: compile(&schemas.command),
            config: compile(&schemas.config),
            init: compile(&schemas.init),
            outcome: compile(&schemas.outcome),
        }
    }
}

fn errors(validator: &Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Which steps' commands are refused before any rule runs: their JSON is not a command.
fn refused_as_json(vector: &Value) -> Vec<bool> {
    vector["steps"]
        .as_array()
        .map(|steps| {
            steps
                .iter()
                .map(|s| s["expect"]["rejected"] == "invalid_json")
                .collect()
        })
        .unwrap_or_default()
}

/// What the vector test found: failures, and how many documents it validated.
#[derive(Default)]
struct Findings {
    failures: Vec<String>,
    inputs: usize,
    outcomes: usize,
}

impl Findings {
    fn check(&mut self, what: &str, validator: &Validator, value: &Value) {
        if what.ends_with("outcome") {
            self.outcomes += 1;
        } else {
            self.inputs += 1;
        }
        for error in errors(validator, value) {
            self.failures.push(format!("{what}: {error}"));
        }
    }
}

#[test]
fn every_vector_is_valid_against_its_workflow_schemas() {
    let validators: BTreeMap<&str, Validators> = schema::all()
        .iter()
        .map(|s| (s.workflow, Validators::of(s)))
        .collect();
    let mut found = Findings::default();
    for path in vector_files::vector_files() {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let raw: Value = serde_json::from_str(&text).unwrap();
        let vector: Vector = serde_json::from_value(raw.clone()).unwrap();
        let name = format!("{}/{name}", vector.workflow);
        let Some(v) = validators.get(vector.workflow.as_str()) else {
            found
                .failures
                .push(format!("{name}: no schemas for its workflow"));
            continue;
        };
        if !vector.config.is_null() {
            found.check(&format!("{name}: config"), &v.config, &vector.config);
        }
        found.check(&format!("{name}: init"), &v.init, &vector.init);
        let refused = refused_as_json(&raw);
        for (i, step) in vector.steps.iter().enumerate() {
            match (&step.command, refused[i]) {
                (Some(command), false) => {
                    found.check(&format!("{name}: step {i} command"), &v.command, command);
                }
                (Some(command), true) if v.command.is_valid(command) => {
                    found.failures.push(format!(
                        "{name}: step {i}: the instance refuses this command as invalid_json, \
                         its schema accepts it"
                    ));
                }
                _ => {}
            }
        }
        let report = play(&vector).unwrap_or_else(|e| panic!("{name}: {e}"));
        for step in &report.steps {
            let Ok(outcome) = &step.result else { continue };
            found.check(
                &format!("{name}: step {} outcome", step.index),
                &v.outcome,
                outcome,
            );
            // The schema is strict: a field the event does not have is refused.
            if outcome.pointer("/events/0/event").is_some() {
                let mut altered = outcome.clone();
                altered["events"][0]["event"]["not_a_field"] = json!(true);
                if v.outcome.is_valid(&altered) {
                    found.failures.push(format!(
                        "{name}: step {}: an unknown event field passes",
                        step.index
                    ));
                }
            }
        }
    }
    let Findings {
        failures,
        inputs,
        outcomes,
    } = found;
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        inputs > 100 && outcomes > 100,
        "{inputs} inputs, {outcomes} outcomes"
    );
}

#[test]
fn commands_the_schemas_refuse_are_refused_by_the_instance_too() {
    // Each edit breaks a valid command's shape; the schema and the instance must both refuse.
    let companion = schema::of("companion").unwrap();
    let validator = Validators::of(&companion).command;
    let valid = json!({
        "command_id": "c1", "actor": {"role": "saco", "id": "SACO-1"},
        "at": "2026-11-23T09:00:00+07:00", "type": "request_unlink",
    });
    assert_eq!(errors(&validator, &valid), Vec::<String>::new());
    // (what, field, its new value; `None` removes it)
    let edits = [
        ("an unknown field", "colour", Some(json!(1))),
        ("no command_id", "command_id", None),
        ("an unknown type", "type", Some(json!("request_payroll"))),
        ("`at` not an instant", "at", Some(json!("yesterday"))),
        (
            "a negative expected_version",
            "expected_version",
            Some(json!(-1)),
        ),
    ];
    for (what, field, value) in edits {
        let mut command = valid.clone();
        let object = command.as_object_mut().unwrap();
        match value {
            Some(value) => object.insert(field.into(), value),
            None => object.remove(field),
        };
        assert!(!validator.is_valid(&command), "the schema accepts {what}");
        let mut rel = quytrinh::dynamic::create(
            "companion",
            "rel-1",
            None,
            None,
            &json!({"saco_id": "SACO-1", "customer_id": "KH-1", "account": "0001234567"}),
        )
        .unwrap();
        let error = rel.handle_value(command).unwrap_err();
        assert_eq!(error.code(), "invalid_json", "{what}: {error}");
    }
}

#[test]
fn descriptions_carry_no_rust_examples_and_integers_their_bounds() {
    fn walk(value: &Value, at: &str, failures: &mut Vec<String>) {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(text)) = object.get("description")
                    && text.contains("```")
                {
                    failures.push(format!("{at}: a code block in the description"));
                }
                if object.get("type") == Some(&json!("integer"))
                    && !(object.contains_key("minimum") && object.contains_key("maximum"))
                {
                    failures.push(format!("{at}: an integer without bounds"));
                }
                for (key, child) in object {
                    walk(child, &format!("{at}/{key}"), failures);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), failures);
                }
            }
            _ => {}
        }
    }
    let mut failures = Vec::new();
    for schemas in schema::all() {
        for (stem, value) in schemas.files() {
            walk(
                value,
                &format!("{}/{stem}", schemas.workflow),
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // `amount_vnd` is an i64: one past its largest value is refused, as serde refuses it.
    let vnd = &schema::of("store_subscription").unwrap().command["$defs"]["Vnd"];
    assert_eq!(
        (&vnd["minimum"], &vnd["maximum"]),
        (&json!(i64::MIN), &json!(i64::MAX))
    );
}

#[test]
fn schema_files_are_pretty_json_with_a_final_newline() {
    let text = schema::file_text(&json!({"a": [1]}));
    assert_eq!(text, "{\n  \"a\": [\n    1\n  ]\n}\n");
    assert!(
        Path::new(&schemas_dir()).is_dir(),
        "{}",
        schemas_dir().display()
    );
}
