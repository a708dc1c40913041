//! `bindings-wasm/js/workflows.d.ts` is generated from the registry
//! (`quytrinh::for_each_workflow!`) and each workflow's definition: the TypeScript types of
//! every workflow by name, with its roles, regions, state ids and deadline kinds as
//! string-literal unions (a role typo does not compile). A new workflow costs nothing here.
//!
//! This test fails when the committed file differs from what the registry gives;
//! `QUYTRINH_BLESS=1 cargo test -p quytrinh-wasm --test typescript` rewrites it.

use quytrinh::kernel::{Definition, Workflow};
use std::fmt::Write as _;
use std::path::Path;

/// One workflow's entry of the `Workflows` interface.
fn entry<W: Workflow>(type_name: &str, reports: bool) -> String {
    let def = Definition::of::<W>(&W::Config::default());
    let row = match std::any::type_name::<W::Row>() {
        "()" => "null".to_owned(),
        name if name.contains("::Snapshot<") => {
            format!("Snapshot<{type_name}Config, {type_name}State>")
        }
        name => name.rsplit("::").next().unwrap_or(name).to_owned(),
    };
    let (report, answer) = if reports {
        (
            format!("{type_name}Report"),
            format!("{type_name}ReportAnswer"),
        )
    } else {
        ("never".to_owned(), "never".to_owned())
    };
    let union = |names: Vec<&str>| -> String {
        let mut names = names;
        names.dedup();
        if names.is_empty() {
            "never".to_owned()
        } else {
            names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(" | ")
        }
    };
    let mut states: Vec<&str> = def
        .regions
        .iter()
        .flat_map(|r| r.states.iter().map(|s| s.id))
        .collect();
    states.sort_unstable();
    let mut text = String::new();
    let t = type_name;
    let _ = writeln!(text, "  {}: {{", W::NAME);
    for (field, ty) in [
        ("config", format!("{t}Config")),
        ("init", format!("{t}Init")),
        ("state", format!("{t}State")),
        ("command", format!("{t}Command")),
        ("event", format!("{t}Event")),
        ("effect", format!("{t}Effect")),
        ("query", format!("{t}Query")),
        ("answer", format!("{t}Answer")),
        ("row", row),
        ("report", report),
        ("reportAnswer", answer),
    ] {
        let _ = writeln!(text, "    {field}: {ty};");
    }
    let _ = writeln!(text, "    /** The roles that may act (`actor.role`). */");
    let _ = writeln!(
        text,
        "    role: {};",
        union(def.roles.iter().map(|r| r.id).collect())
    );
    let _ = writeln!(
        text,
        "    /** The regions of `position` (`region`, or `region:entity`). */"
    );
    let _ = writeln!(
        text,
        "    region: {};",
        union(def.regions.iter().map(|r| r.id).collect())
    );
    let _ = writeln!(text, "    /** The state ids of every region. */");
    let _ = writeln!(text, "    stateId: {};", union(states));
    let _ = writeln!(text, "    /** The kinds of its deadlines. */");
    let _ = writeln!(
        text,
        "    deadlineKind: {};",
        union(def.deadlines.iter().map(|d| d.kind).collect())
    );
    let _ = writeln!(text, "  }};");
    text
}

macro_rules! generate {
    ($($module:ident :: $W:ident $({ $($flag:ident)* })?),+ $(,)?) => {{
        let mut names: Vec<String> = Vec::new();
        let mut entries = String::new();
        $(
            let type_name = stringify!($W);
            for suffix in ["Config", "Init", "State", "Command", "Event", "Effect", "Query", "Answer"] {
                names.push(format!("{type_name}{suffix}"));
            }
            let reports = stringify!($($($flag)*)?).contains("reports");
            if reports {
                names.push(format!("{type_name}Report"));
                names.push(format!("{type_name}ReportAnswer"));
            }
            let row = std::any::type_name::<<quytrinh::workflows::$module::$W as Workflow>::Row>();
            if row != "()" && !row.contains("::Snapshot<") {
                names.push(row.rsplit("::").next().unwrap_or(row).to_owned());
            }
            entries.push_str(&entry::<quytrinh::workflows::$module::$W>(type_name, reports));
        )+
        names.push("Snapshot".to_owned());
        (names, entries)
    }};
}

fn generated() -> String {
    let (names, entries) = quytrinh::for_each_workflow!(generate);
    let mut text = String::from(
        "// Generated from quytrinh's registry and each workflow's definition by\n\
         // `QUYTRINH_BLESS=1 cargo test -p quytrinh-wasm --test typescript`: do not edit.\n\
         import type {\n",
    );
    for name in names {
        let _ = writeln!(text, "  {name},");
    }
    text.push_str("} from './types.js';\n\n");
    text.push_str("/** The types of each workflow, by name. */\nexport interface Workflows {\n");
    text.push_str(&entries);
    text.push_str("}\n");
    text
}

#[test]
fn workflows_d_ts_is_what_the_registry_gives() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("js/workflows.d.ts");
    let want = generated();
    if std::env::var_os("QUYTRINH_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is out of date: run `QUYTRINH_BLESS=1 cargo test -p quytrinh-wasm --test typescript`",
        path.display()
    );
}
