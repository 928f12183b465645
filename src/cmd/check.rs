//! `wenda check`.

use std::path::PathBuf;
use std::process::ExitCode;

use wenda::build::check;
use wenda::build::BuildOptions;

#[derive(clap::Args)]
pub struct Args {
    /// The site's folder, holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Check drafts and interviews dated in the future too.
    #[arg(long)]
    drafts: bool,
    /// How to print problems: one `file:line:column: message` per line, or JSON for CI.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Succeed when the only problems are warnings (they are still printed).
    #[arg(long)]
    allow_warnings: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> ExitCode {
    let opts = BuildOptions { root: args.root, output: None, base_url: None, drafts: args.drafts, cache: false };
    let problems = check(&opts);
    let errors = problems.iter().filter(|d| !d.is_warning()).count();
    let warnings = problems.len() - errors;
    let ok = errors == 0 && (warnings == 0 || args.allow_warnings);
    match args.format {
        Format::Json => {
            let list: Vec<serde_json::Value> = problems
                .iter()
                .map(|d| {
                    serde_json::json!({
                        "file": d.file.to_string_lossy(),
                        "line": d.line,
                        "column": d.column,
                        "message": d.message(),
                        "severity": if d.is_warning() { "warning" } else { "error" },
                    })
                })
                .collect();
            println!("{}", serde_json::json!({ "ok": ok, "problems": list }));
        }
        Format::Text => {
            for d in &problems {
                eprintln!("{d}");
            }
            if problems.is_empty() {
                println!("wenda: no problems found");
            } else if errors == 0 && args.allow_warnings {
                eprintln!("warning: {} (allowed)", super::report::plural(warnings, "warning"));
            } else if errors == 0 {
                eprintln!("error: {} found (run with --allow-warnings to accept them)", super::report::plural(warnings, "warning"));
            } else {
                let also = if warnings > 0 { format!(" and {}", super::report::plural(warnings, "warning")) } else { String::new() };
                eprintln!("error: {}{also} found", super::report::plural(errors, "problem"));
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
