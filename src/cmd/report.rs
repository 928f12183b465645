//! How commands print problems: one `file:line:column: message` line each.

use std::process::ExitCode;

use wenda::build::BuildError;
use wenda::error::Diagnostic;

/// `1 problem`, `2 problems`.
pub fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A successful build's warnings, and how many.
pub fn warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
    if !warnings.is_empty() {
        eprintln!(
            "warning: {}; the site was built all the same (`wenda check` fails until they are fixed)",
            plural(warnings.len(), "warning")
        );
    }
}

pub fn failure(err: &BuildError) -> ExitCode {
    match err {
        BuildError::Content(diagnostics) => {
            for d in diagnostics {
                eprintln!("{d}");
            }
            let n = diagnostics.iter().filter(|d| !d.is_warning()).count();
            let w = diagnostics.len() - n;
            let also = if w > 0 { format!(" (and {})", plural(w, "warning")) } else { String::new() };
            eprintln!("error: {} found{also}; nothing was written", plural(n, "problem"));
        }
        BuildError::Busy { lock } => {
            eprintln!(
                "error: another wenda build is writing this output folder (it holds {}); wait for it to finish, then build again. Nothing was written",
                lock.display()
            );
        }
        BuildError::Io { path, error } => {
            eprintln!("error: cannot write {}: {error}; the previous output was kept", path.display());
        }
    }
    ExitCode::FAILURE
}
