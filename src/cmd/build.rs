//! `wenda build`.

use std::path::PathBuf;
use std::process::ExitCode;

use wenda::build::{build, BuildOptions};

#[derive(clap::Args)]
pub struct Args {
    /// The site's folder, holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site (default: output_dir of site.toml, "public").
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Publish under this URL instead of base_url of site.toml (e.g. a deploy preview).
    #[arg(long)]
    base_url: Option<String>,
    /// Include drafts and interviews dated in the future.
    #[arg(long)]
    drafts: bool,
    /// Neither read nor write the build cache (.wenda-cache/): parse, render
    /// and write everything, and keep nothing for the next build (a CI run
    /// that does not keep the folder saves the time of writing it).
    #[arg(long)]
    no_cache: bool,
}

pub fn run(args: Args) -> ExitCode {
    let opts = BuildOptions { root: args.root, output: args.output, base_url: args.base_url, drafts: args.drafts, cache: !args.no_cache };
    let bar = super::progress::Bar::for_terminal();
    let progress: &dyn wenda::progress::Progress = match &bar {
        Some(bar) => bar,
        None => &wenda::progress::Silent,
    };
    match build(&opts, progress) {
        Ok(s) => {
            super::report::warnings(&s.warnings);
            println!(
                "wenda: built {} pages ({} interview{}, {} files) into {} in {:.2} s",
                s.pages,
                s.interviews,
                if s.interviews == 1 { "" } else { "s" },
                s.files,
                s.output.display(),
                s.elapsed.as_secs_f64()
            );
            if let Some(line) = skipped_line(&s.skipped) {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => super::report::failure(&e),
    }
}

/// `wenda: left out 1 draft and 2 interviews dated in the future (--drafts includes them)`.
fn skipped_line(skipped: &wenda::build::Skipped) -> Option<String> {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let parts: Vec<String> = [
        (skipped.drafts > 0).then(|| plural(skipped.drafts, "draft", "drafts")),
        (skipped.future > 0).then(|| plural(skipped.future, "interview dated in the future", "interviews dated in the future")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| format!("wenda: left out {} (--drafts includes them)", parts.join(" and ")))
}
