//! Integration tests: each builds a fixture site under `tests/` and looks at
//! what `wenda` wrote or said.

mod archive;
mod bad_input;
mod cache;
mod check;
mod hostile;
mod import;
mod layout;
mod markup;
mod messages;
mod output;
mod preview;
mod publish;
mod sample;
mod scaling;
mod serve;
mod support;
mod tools;
mod warnings;
