//! How long stages tell the command line how far they are. The library only
//! counts; the command decides whether to draw a bar.

/// Receives the progress of a build's long stages.
pub trait Progress: Sync {
    /// A stage with `total` items begins.
    fn start(&self, _stage: &str, _total: usize) {}
    /// One more item of the current stage is done.
    fn advance(&self) {}
    /// The current stage is over.
    fn finish(&self) {}
}

/// Reports nothing (tests, `check`, the preview server).
pub struct Silent;

impl Progress for Silent {}

/// Run `work` as the stage `name` of `total` items: started before it and
/// finished after it, whatever it returns (`work` advances it per item).
pub fn stage<R>(progress: &dyn Progress, name: &str, total: usize, work: impl FnOnce() -> R) -> R {
    progress.start(name, total);
    let done = work();
    progress.finish();
    done
}
