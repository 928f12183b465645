//! Integration tests: each builds a fixture site under `tests/` and looks at
//! what `wenda` wrote or said.

mod action;
mod archive;
mod bad_input;
mod cache;
mod check;
mod fuzz_seeds;
mod import;
mod layout;
mod limits;
mod markup;
mod messages;
mod output;
mod preview;
mod publish;
mod release;
mod sample;
mod serve;
mod support;
mod tools;
mod warnings;
