//! The conformance vector files, `tests/vectors/*/*.json`, in a stable order: shared by the
//! tests that play every vector.

use std::path::{Path, PathBuf};

/// Every vector file, sorted.
pub fn vector_files() -> Vec<PathBuf> {
    json_files_below(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors"))
}

/// The JSON files one folder below `root` (`root/<group>/<name>.json`), sorted.
pub fn json_files_below(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .flat_map(|dir| std::fs::read_dir(dir.unwrap().path()).into_iter().flatten())
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}
