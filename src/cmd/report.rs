//! How commands print problems: one `file:line:column: message` line each.

use std::process::ExitCode;

use wenda::build::BuildError;

pub fn failure(err: &BuildError) -> ExitCode {
    match err {
        BuildError::Content(diagnostics) => {
            for d in diagnostics {
                eprintln!("{d}");
            }
            let n = diagnostics.len();
            eprintln!("error: {n} problem{} found; nothing was written", if n == 1 { "" } else { "s" });
        }
        BuildError::Io { path, error } => {
            eprintln!("error: cannot write {}: {error}; the previous output was kept", path.display());
        }
    }
    ExitCode::FAILURE
}
