//! `quytrinh schema --out DIR`: writes every workflow's JSON Schemas,
//! `DIR/<workflow>/{command,config,init,outcome}.schema.json` (the repository's `schemas/`).

use clap::Args;
use quytrinh::schema;
use std::path::PathBuf;

/// Arguments of `quytrinh schema`.
#[derive(Args, Debug)]
pub struct SchemaArgs {
    /// The folder to write into (e.g. `schemas`); each workflow's folder is replaced.
    #[arg(long)]
    out: PathBuf,
}

/// Writes the schemas; the list of files written.
pub fn run(args: &SchemaArgs) -> Result<String, String> {
    let mut written = Vec::new();
    for schemas in schema::all() {
        let dir = args.out.join(schemas.workflow);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (stem, value) in schemas.files() {
            let path = dir.join(format!("{stem}.schema.json"));
            std::fs::write(&path, schema::file_text(value))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            written.push(format!("{}\n", path.display()));
        }
    }
    Ok(written.concat())
}
