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
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> ExitCode {
    let opts = BuildOptions { root: args.root, output: None, base_url: None, drafts: args.drafts };
    let problems = check(&opts);
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
                    })
                })
                .collect();
            println!("{}", serde_json::json!({ "ok": problems.is_empty(), "problems": list }));
        }
        Format::Text => {
            for d in &problems {
                eprintln!("{d}");
            }
            if problems.is_empty() {
                println!("wenda: no problems found");
            } else {
                let n = problems.len();
                eprintln!("error: {n} problem{} found", if n == 1 { "" } else { "s" });
            }
        }
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
