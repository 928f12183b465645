//! `wenda import`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Local;
use wenda::build::{check_file, BuildOptions};
use wenda::import::{self, fetch, report, write, Format, Input, Options, Site};

#[derive(clap::Args)]
pub struct Args {
    /// Files to import: a scraped page's text, a saved HTML page, WebVTT or
    /// SRT subtitles, an OHMS XML export, a Hugo, Jekyll or Hexo post; `-`
    /// for standard input; an http(s):// URL to fetch.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// The site's folder, holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where the interview files go, under the site's folder.
    #[arg(long, default_value = "content/interviews")]
    into: PathBuf,
    /// Print each interview file to standard output instead of writing it.
    #[arg(long)]
    dry_run: bool,
    /// Read every input as this format instead of telling it by its name and
    /// contents: auto, text, html, vtt, srt, ohms or markdown.
    #[arg(long, default_value = "auto", value_parser = format_choice)]
    format: FormatChoice,
    /// Who asks the questions (repeat for several); by default the speaker who asks the most.
    #[arg(long = "interviewer", value_name = "NAME")]
    interviewers: Vec<String>,
}

/// `--format`: `auto` (none) or a format.
#[derive(Clone, Copy)]
struct FormatChoice(Option<Format>);

fn format_choice(name: &str) -> Result<FormatChoice, String> {
    if name == "auto" {
        return Ok(FormatChoice(None));
    }
    Format::named(name).map(|f| FormatChoice(Some(f))).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("not a format wenda imports; one of auto, {}", names.join(", "))
    })
}

pub fn run(args: Args) -> ExitCode {
    let site = Site::load(&args.root);
    if !site.found {
        eprintln!("note: no site.toml in {}: topics are not matched and the files are not checked", args.root.display());
    }
    let format = args.format.0;
    let today = Local::now().format("%Y-%m-%d").to_string();
    let opts = Options { format, interviewers: args.interviewers.clone(), site: &site, today: today.clone() };
    let mut failed = 0;
    for name in &args.inputs {
        if !one(name, &args, &opts, &site, &today) {
            failed += 1;
        }
    }
    if failed > 0 {
        eprintln!("error: {failed} of {} inputs not imported", args.inputs.len());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Import one input; false when nothing usable was made of it.
fn one(name: &str, args: &Args, opts: &Options, site: &Site, today: &str) -> bool {
    eprintln!("{name}:");
    let say = |line: &str| eprintln!("  {line}");
    let input = match read(name) {
        Ok(input) => input,
        Err(why) => {
            say(&format!("error: {why}"));
            return false;
        }
    };
    let (format, draft) = match import::import(&input, opts) {
        Ok(found) => found,
        Err(failure) => {
            say(&format!("error: {failure}"));
            return false;
        }
    };
    for line in report::lines(&draft, format) {
        say(&line);
    }
    let text = write::render(&draft);
    let rel = args.into.join(write::file_name(&draft, today));
    let mut ok = true;
    if site.found {
        let build = BuildOptions { root: args.root.clone(), output: None, base_url: None, drafts: true, cache: false };
        let problems: Vec<_> = check_file(&build, &rel, &text).into_iter().filter(|d| d.file == rel).collect();
        if problems.is_empty() {
            say("builds and passes wenda check");
        } else {
            say(&format!("does not pass wenda check yet ({} to fix):", problems.len()));
            for d in &problems {
                say(&format!("  {d}"));
            }
        }
    }
    if args.dry_run {
        print!("{text}");
        let _ = std::io::stdout().flush();
        return ok;
    }
    match write_new(&args.root.join(&rel), &text) {
        Ok(()) => say(&format!("wrote {}", rel.display())),
        Err(why) => {
            say(&format!("error: {}: {why}", rel.display()));
            ok = false;
        }
    }
    ok
}

fn read(name: &str) -> Result<Input, String> {
    if name == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(Input { name: "-".into(), bytes, content_type: None });
    }
    if fetch::is_url(name) {
        return fetch::get(name);
    }
    let bytes = std::fs::read(name).map_err(|e| format!("cannot read it: {e}"))?;
    Ok(Input { name: name.to_string(), bytes, content_type: None })
}

/// Write a new file; an existing one is never replaced.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => "already exists; it was left as it is and nothing was written".to_string(),
        _ => e.to_string(),
    })?;
    file.write_all(text.as_bytes()).map_err(|e| e.to_string())
}
