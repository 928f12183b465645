//! The `wenda` command line: parses arguments and hands each command to the library.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// wenda: a static site generator for interview archives.
#[derive(Parser)]
#[command(name = "wenda", version, about, long_about = None)]
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
    }
}

// Rendering allocates many short strings on both cores; mimalloc takes a
// measurable share off the build time (BENCHMARKS.md). Built without
// transparent huge pages (`no_thp` in Cargo.toml): the kernel zeroes each
// 2 MiB page whole on its first touch, which cost a build holding its whole
// site about 8 % of its CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
