//! Integration tests: each builds a fixture site under `tests/` and looks at
//! what `wenda` wrote or said.

mod action;
mod archive;
mod bad_input;
mod cache;
mod check;
mod crash;
mod fuzz_seeds;
mod hostile;
mod import;
mod layout;
mod markup;
mod messages;
mod output;
mod preview;
mod progress;
mod publish;
mod release;
mod sample;
mod scaling;
mod security;
mod serve;
mod support;
mod tools;
mod warnings;
