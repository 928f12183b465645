//! The files the preview server serves, shared between the thread that keeps
//! them up to date and the HTTP handler: the last good build's files, and the
//! problems of the last attempt (shown over every page until they are fixed).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use bytes::Bytes;

use crate::error::Diagnostic;
use crate::render::Output;

/// What the server serves: the files of the last good build and the problems
/// of the last attempt (empty when it succeeded).
#[derive(Default)]
pub struct Served {
    pub files: HashMap<String, Bytes>,
    pub problems: Vec<Diagnostic>,
}

/// The served files, shared between threads.
#[derive(Clone, Default)]
pub struct Shared(Arc<RwLock<Served>>);

impl Shared {
    pub fn read(&self) -> std::sync::LockResult<std::sync::RwLockReadGuard<'_, Served>> {
        self.0.read()
    }

    pub(crate) fn write(&self) -> std::sync::LockResult<std::sync::RwLockWriteGuard<'_, Served>> {
        self.0.write()
    }

    /// Put `outputs` into the served set, drop `gone`; `clear` the problems.
    pub(crate) fn publish(&self, outputs: Vec<Output>, gone: &[String], clear: bool) {
        if let Ok(mut served) = self.write() {
            for out in outputs {
                served.files.insert(out.path, Bytes::from(out.bytes));
            }
            for path in gone {
                served.files.remove(path);
            }
            if clear {
                served.problems.clear();
            }
        }
    }

    /// Replace every file; clear the problems.
    pub(crate) fn replace_all(&self, files: HashMap<String, Bytes>) {
        if let Ok(mut served) = self.write() {
            served.files = files;
            served.problems.clear();
        }
    }

    /// Record the problems of a failed attempt; the files stay as they were.
    pub(crate) fn fail(&self, problems: Vec<Diagnostic>) {
        if let Ok(mut served) = self.write() {
            served.problems = problems;
        }
    }
}
