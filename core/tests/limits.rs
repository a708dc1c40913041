//! Limits on untrusted input (docs/limits.md): a 100 MB string and a 10,000-deep JSON sent
//! as a command, a snapshot and an event log of every workflow are refused with
//! `limit_reached` naming the limit, and the instance is left as it was.

use quytrinh::dynamic::{self, AnyInstance};
use quytrinh::kernel::{Error, MAX_COMMAND_BYTES, MAX_DOCUMENT_BYTES};
use serde_json::Value;

/// 100 MB of text inside a JSON string: `{"command_id":"c1","note":"xxxx…"}`.
fn hundred_megabytes() -> String {
    let mut text = String::with_capacity(100_000_040);
    text.push_str(r#"{"command_id":"c1","note":""#);
    text.extend(std::iter::repeat_n('x', 100_000_000));
    text.push_str(r#""}"#);
    text
}

/// 10,000 nested arrays as the value of `field` of an object that starts like `head`.
fn ten_thousand_deep(head: &str, field: &str) -> String {
    format!(
        r#"{{{head}"{field}":{}{}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    )
}

fn assert_limit(result: Result<impl Sized, Error>, rule: &str) {
    let Err(err) = result else {
        panic!("accepted an input beyond the limit {rule}")
    };
    assert_eq!(err.code(), "limit_reached", "{err}");
    assert_eq!(err.rejection().unwrap().rule, rule, "{err}");
}

/// One instance of each workflow, created from the first vector of its folder.
fn instances() -> Vec<Box<dyn AnyInstance>> {
    dynamic::WORKFLOWS
        .iter()
        .map(|workflow| {
            let dir = format!("{}/../tests/vectors/{workflow}", env!("CARGO_MANIFEST_DIR"));
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            let vector: Value =
                serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
            let settings = vector
                .get("settings")
                .map(|s| serde_json::from_value(s.clone()).unwrap());
            dynamic::create(
                workflow,
                "limits",
                vector.get("config"),
                settings,
                &vector["init"],
            )
            .unwrap()
        })
        .collect()
}

#[test]
fn a_hundred_megabyte_command_snapshot_or_log_is_refused_unparsed() {
    let huge = hundred_megabytes();
    for mut instance in instances() {
        let before = instance.snapshot_json();
        let err = instance.handle_json(&huge).unwrap_err();
        let rejection = err.rejection().expect("a rejection");
        assert_eq!(
            (err.code(), rejection.rule.as_ref()),
            ("limit_reached", "command_bytes")
        );
        // The messages name the limit and the size found.
        assert!(rejection.message_en.contains(&huge.len().to_string()));
        assert!(
            rejection
                .message_en
                .contains(&MAX_COMMAND_BYTES.to_string())
        );
        assert!(rejection.message_vi.contains("command_bytes"));
        assert_eq!(instance.snapshot_json(), before, "{}", instance.workflow());
    }
    assert_limit(dynamic::restore(&huge), "document_bytes");
    assert_limit(dynamic::replay(&huge), "document_bytes");
}

#[test]
fn a_ten_thousand_deep_json_is_refused_without_overflowing_the_stack() {
    // A field before the command's `type` is read whole (its type is not known yet), so the
    // deep value reaches the parser's limit.
    let deep = ten_thousand_deep(r#""command_id":"c1","#, "note");
    // After the `type`, the body is read as it streams by: the unknown field is refused by its
    // name before its value is read.
    let after_type = ten_thousand_deep(r#""type":"request_unlink","#, "note");
    for mut instance in instances() {
        let before = instance.snapshot_json();
        assert_limit(instance.handle_json(&deep), "json_depth");
        // (`request_unlink` is companion's; the other workflows refuse the type itself.)
        let err = instance.handle_json(&after_type).unwrap_err();
        assert_eq!(err.code(), "invalid_json", "{err}");
        let at_fault = if instance.workflow() == "companion" {
            "`note`"
        } else {
            "`type`"
        };
        assert!(err.to_string().contains(at_fault), "{err}");
        assert_eq!(instance.snapshot_json(), before, "{}", instance.workflow());
        // A query or a configuration parsed by a binding goes through the same mapping.
        assert_limit(
            serde_json::from_str::<Value>(&deep).map_err(Error::from),
            "json_depth",
        );
    }
    // Snapshots and logs are typed through and through: a deep value is refused by its type
    // (or as an unknown field) before it nests; whichever comes first, a typed error.
    for field in ["state", "records", "extra"] {
        let document = ten_thousand_deep(r#""schema_version":3,"workflow":"companion","#, field);
        for result in [dynamic::restore(&document), dynamic::replay(&document)] {
            let code = result.err().expect("refused").code();
            assert!(matches!(code, "invalid_json" | "limit_reached"), "{code}");
        }
    }
}

#[test]
fn inputs_at_the_limits_are_still_read() {
    // A command of exactly MAX_COMMAND_BYTES is parsed (and refused for its content, not its
    // size); one byte more is refused for its size.
    let mut instance = instances().remove(0);
    let pad = |n: usize| {
        let head = r#"{"command_id":"c1","note":""#;
        format!("{head}{}\"}}", "x".repeat(n - head.len() - 2))
    };
    let at_limit = instance.handle_json(&pad(MAX_COMMAND_BYTES)).unwrap_err();
    assert_eq!(at_limit.code(), "invalid_json", "{at_limit}");
    assert_limit(
        instance.handle_json(&pad(MAX_COMMAND_BYTES + 1)),
        "command_bytes",
    );
    // 100 levels nest fine: the limit is the parser's 128.
    let nested = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    assert!(serde_json::from_str::<Value>(&nested).is_ok());
    // An instance's own documents are far below the document limit.
    for instance in instances() {
        assert!(instance.snapshot_json().len() < MAX_DOCUMENT_BYTES / 100);
        assert!(dynamic::restore(&instance.snapshot_json()).is_ok());
    }
}
