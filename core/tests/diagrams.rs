//! The diagrams in `docs/diagrams/` are generated from each workflow's definition, never
//! drawn by hand (SPEC §1.10). This test fails when one drifts; regenerate them all with
//! `QUYTRINH_BLESS=1 cargo test -p quytrinh --test diagrams`.

use quytrinh::dynamic::{self, WORKFLOWS};
use quytrinh::kernel::Lang;
use std::fmt::Write as _;
use std::path::PathBuf;

fn page(workflow: &str) -> String {
    let definition = dynamic::definition(workflow, None).unwrap();
    let mut out = format!(
        "# `{workflow}` — {} / {}\n\n\
         Generated from the workflow's definition by `core/tests/diagrams.rs`; do not edit.\n\
         The same diagrams come from `quytrinh diagram {workflow} [--lang en] [--format dot]`.\n",
        definition.label.vi, definition.label.en
    );
    for (lang, title) in [(Lang::Vi, "Tiếng Việt"), (Lang::En, "English")] {
        let mermaid = definition.to_mermaid(lang, &[]);
        let _ = write!(out, "\n## {title}\n\n```mermaid\n{mermaid}```\n");
    }
    out
}

#[test]
fn every_workflow_diagram_in_the_docs_is_generated() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/diagrams");
    let bless = std::env::var_os("QUYTRINH_BLESS").is_some();
    let mut drifted = Vec::new();
    for workflow in WORKFLOWS {
        let path = dir.join(format!("{workflow}.md"));
        let expected = page(workflow);
        if bless {
            std::fs::write(&path, &expected).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            drifted.push(path.display().to_string());
        }
    }
    assert!(
        drifted.is_empty(),
        "regenerate with QUYTRINH_BLESS=1: {drifted:?}"
    );
}
