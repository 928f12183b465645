//! A progress bar on a terminal; nothing when piped or in CI, where only the
//! final summary line is printed.

use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use wenda::progress::Progress;

pub struct Bar {
    bar: Mutex<Option<ProgressBar>>,
}

impl Bar {
    /// A bar when stderr is a terminal and this is not CI; otherwise silent.
    pub fn for_terminal() -> Option<Bar> {
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        interactive.then(|| Bar { bar: Mutex::new(None) })
    }
}

impl Progress for Bar {
    fn start(&self, stage: &str, total: usize) {
        let bar = ProgressBar::new(total as u64);
        let style = ProgressStyle::with_template("{prefix:>8} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(stage.to_string());
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn advance(&self) {
        if let Ok(slot) = self.bar.lock() {
            if let Some(bar) = slot.as_ref() {
                bar.inc(1);
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.bar.lock() {
            if let Some(bar) = slot.take() {
                bar.finish_and_clear();
            }
        }
    }
}
