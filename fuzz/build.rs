//! Embeds every conformance vector (tests/vectors/<workflow>/*.json) at build time, so the
//! targets start from the same stories every binding plays; a new vector is picked up
//! without registering it.
use std::{env, fs, path::PathBuf};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../tests/vectors");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for dir in fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", dir.display());
        for file in fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "json") {
                files.push(file.canonicalize().unwrap());
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// Every conformance vector's JSON text.\npub static VECTORS: &[&str] = &[\n",
    );
    for f in &files {
        out.push_str(&format!(
            "    include_str!({:?}),\n",
            f.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("vectors.rs"),
        out,
    )
    .unwrap();
}
