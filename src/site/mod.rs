//! Interviews → the site: [`assemble`] sorts the parsed interviews, checks the
//! links between them and builds the topic, people and archive indexes into a
//! [`model::Site`], which every later stage only reads.

pub(crate) mod assemble;
pub(crate) mod model;

pub(crate) use assemble::{assemble, check_anchors, check_anchors_where, check_links};
pub(crate) use model::Site;
