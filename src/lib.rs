//! wenda turns a folder of interviews (Markdown with YAML front matter) into a
//! static site that follows every interview down to the single question.
//!
//! The folders are the stages, in the order data flows through them:
//!
//! - [`content`]: files → interviews. Reads `content/`, checks each front
//!   matter and parses each body, once, into a resolved interview (HTML, text,
//!   turns, anchors, topics, links).
//! - [`site`]: interviews → the [`site::Site`], a plain read-only value with
//!   the topic, people and archive indexes built and cross links checked.
//! - [`render`]: the site → pages, feeds, sitemap and search index, through
//!   the [`render::theme`]; each page is a function of the site.
//! - [`output`]: pages → disk, written atomically; `check` walks their links.
//! - [`serve`]: the same pages kept in memory for `wenda serve`, brought up to
//!   date edit by edit, and the HTTP handler that serves them.
//!
//! [`import`] stands beside them: it makes interview files of other formats.
//! [`build`] runs the stages in order; [`config`] is `site.toml`, read first;
//! [`error`] is the one type every stage reports problems with. `fuzzing`
//! holds the bodies of the fuzz targets (FUZZING.md), not an interface.

pub mod build;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod css;
pub mod error;
pub(crate) mod fingerprint;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub(crate) mod lines;
pub(crate) mod output;
pub mod progress;
pub(crate) mod render;
pub mod scaffold;
pub mod serve;
pub(crate) mod site;
pub(crate) mod slug;
pub(crate) mod suggest;
pub(crate) mod text;
