//! The `wenda` command line: parses arguments and hands each command to the library.

mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// `wenda 0.2.0 (commit 1a2b3c4d5e6f)`: the commit comes from build.rs.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("WENDA_COMMIT"), ")");

/// wenda: a static site generator for interview archives.
#[derive(Parser)]
#[command(name = "wenda", version = VERSION, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (public/ by default).
    Build(cmd::build::Args),
    /// Report every problem in the site (content, links, anchors) without writing anything.
    Check(cmd::check::Args),
    /// Build into memory, serve on 127.0.0.1, rebuild what changed and reload the browser.
    Serve(cmd::serve::Args),
    /// Create a new site that builds as it is.
    Init(cmd::scaffold::InitArgs),
    /// Write a new interview file with its front matter filled in.
    New(cmd::scaffold::NewArgs),
    /// Make interview files of scraped pages, HTML pages, subtitles, OHMS exports and other generators' posts.
    Import(cmd::import::Args),
    /// Print the shell completion script for bash, zsh, fish, powershell or elvish.
    Completions(cmd::manual::CompletionsArgs),
    /// Print the man page, or write one page per command into a folder.
    Man(cmd::manual::ManArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Init(args) => cmd::scaffold::init(args),
        Command::New(args) => cmd::scaffold::new(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Completions(args) => cmd::manual::completions(args, Cli::command()),
        Command::Man(args) => cmd::manual::man(args, Cli::command()),
    }
}

// Rendering allocates many short strings on both cores; mimalloc takes a
// measurable share off the build time (BENCHMARKS.md). Built without
// transparent huge pages (`no_thp` in Cargo.toml): the kernel zeroes each
// 2 MiB page whole on its first touch, which cost a build holding its whole
// site about 8 % of its CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
