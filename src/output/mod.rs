//! Pages → disk: [`write`] stages the files beside the output folder and swaps
//! them in only when every one was written, keeping the previous site as
//! the [`spare`] the next build writes its changes into; [`check`] walks the links of the
//! pages a build makes, without writing anything; [`cache`] remembers what a
//! build parsed and what made each file, for the next build.

pub(crate) mod cache;
pub(crate) mod check;
pub(crate) mod lock;
pub(crate) mod paths;
pub(crate) mod spare;
pub(crate) mod swap;
pub(crate) mod write;
