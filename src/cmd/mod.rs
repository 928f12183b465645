//! One module per command: arguments in, library call, report out.

pub mod build;
pub mod check;
pub mod import;
pub mod manual;
pub mod progress;
pub mod report;
pub mod scaffold;
pub mod serve;
