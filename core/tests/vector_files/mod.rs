//! The conformance vector files, `tests/vectors/*/*.json`, in a stable order: shared by the
//! tests that play every vector.

use std::path::PathBuf;

/// Every vector file, sorted.
pub fn vector_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/vectors exists")
        .flat_map(|dir| std::fs::read_dir(dir.unwrap().path()).into_iter().flatten())
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}
