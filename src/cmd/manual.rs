//! `wenda completions` and `wenda man`: shell completions (clap_complete) and
//! man pages (clap_mangen), made from the same definition as the parser, so
//! they never drift from the options the program takes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Command, ValueEnum};
use clap_complete::Shell;

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: ShellName,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShellName {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl From<ShellName> for Shell {
    fn from(shell: ShellName) -> Shell {
        match shell {
            ShellName::Bash => Shell::Bash,
            ShellName::Zsh => Shell::Zsh,
            ShellName::Fish => Shell::Fish,
            ShellName::Powershell => Shell::PowerShell,
            ShellName::Elvish => Shell::Elvish,
        }
    }
}

#[derive(clap::Args)]
pub struct ManArgs {
    /// Write wenda.1 and one page per command (wenda-build.1, …) into this
    /// folder instead of printing wenda.1.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Prints the completion script; `source <(wenda completions bash)` loads it.
pub fn completions(args: CompletionsArgs, mut cli: Command) -> ExitCode {
    clap_complete::generate(Shell::from(args.shell), &mut cli, "wenda", &mut std::io::stdout());
    ExitCode::SUCCESS
}

pub fn man(args: ManArgs, cli: Command) -> ExitCode {
    let result = match &args.out {
        None => clap_mangen::Man::new(cli).render(&mut std::io::stdout()),
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cli, dir)),
    };
    match result {
        Ok(()) => {
            if let Some(dir) = &args.out {
                eprintln!("wrote the man pages into {}", dir.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let place = args.out.map(|d| format!(" into {}", d.display())).unwrap_or_default();
            eprintln!("error: cannot write the man page{place}: {e}");
            ExitCode::FAILURE
        }
    }
}
