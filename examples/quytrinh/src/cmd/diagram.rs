//! `quytrinh diagram WORKFLOW [--format mermaid|dot] [--lang vi|en]`.

use clap::{Args, ValueEnum};
use quytrinh::dynamic;
use quytrinh::kernel::Lang;

/// Arguments of `quytrinh diagram`.
#[derive(Args, Debug)]
pub struct DiagramArgs {
    /// The workflow (e.g. `companion`).
    workflow: String,
    /// The diagram language.
    #[arg(long, value_enum, default_value_t = Format::Mermaid)]
    format: Format,
    /// The language of the labels.
    #[arg(long, default_value = "vi")]
    lang: Lang,
}

/// A diagram format.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Mermaid `stateDiagram-v2`.
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

/// Renders the diagram.
pub fn run(args: &DiagramArgs) -> Result<String, String> {
    let definition = dynamic::definition(&args.workflow, None)
        .map_err(|e| format!("{e} (known workflows: {})", dynamic::WORKFLOWS.join(", ")))?;
    Ok(match args.format {
        Format::Mermaid => definition.to_mermaid(args.lang, &[]),
        Format::Dot => definition.to_dot(args.lang, &[]),
    })
}
