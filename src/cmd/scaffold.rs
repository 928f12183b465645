//! `wenda init` and `wenda new`.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Local;

#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder to create the site in (must not exist or be empty).
    dir: PathBuf,
}

#[derive(clap::Args)]
pub struct NewArgs {
    /// The interview's title; its slug and file name are made from it.
    title: String,
    /// The site's folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

pub fn init(args: InitArgs) -> ExitCode {
    match wenda::scaffold::init(&args.dir) {
        Ok(files) => {
            println!("wenda: created a site in {} ({} files)", args.dir.display(), files.len());
            println!("next: cd {} && wenda serve", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn new(args: NewArgs) -> ExitCode {
    match wenda::scaffold::new_interview(&args.root, &args.title, Local::now().fixed_offset()) {
        Ok(path) => {
            println!("wenda: wrote {} (a draft: set draft: false to publish it)", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
