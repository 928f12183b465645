//! wenda turns a folder of interviews (Markdown with YAML front matter) into a
//! static site that follows every interview down to the single question.
//!
//! The stages, each a module: [`source`] reads files, [`frontmatter`] and
//! [`meta`] read and check front matter, [`interview`] parses a body into
//! exchanges, [`parse`] runs both over the site, [`assemble`] builds the
//! [`model::Site`], [`render`] turns it into pages through the [`theme`], and
//! [`write`] puts them on disk. [`build`] runs them in order; [`search`]
//! writes the search index, [`check`] walks the rendered links, and
//! [`preview`] keeps the site in memory for `wenda serve`.

pub mod assemble;
pub mod build;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod frontmatter;
pub mod highlight;
pub mod i18n;
pub mod interview;
pub mod keywords;
pub mod links;
pub mod markdown;
pub mod meta;
pub mod model;
pub mod parse;
pub mod preview;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serde_errors;
pub mod slug;
pub mod source;
pub mod text;
pub mod theme;
pub mod turns;
pub mod write;
