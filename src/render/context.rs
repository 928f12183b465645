//! The template context of one page: the site-wide values (site, strings,
//! assets), made once per renderer, and the page's own. A worker renders page
//! after page in one context, taking each page's values out again when it is
//! written, so the site-wide values are never copied per page.

use serde::Serialize;

/// Keys a page family puts in the context; they are removed after the page.
pub(crate) struct PageContext {
    ctx: tera::Context,
    keys: Vec<&'static str>,
}

impl PageContext {
    /// A context holding the site-wide values of `base`.
    pub fn new(base: &tera::Context) -> PageContext {
        PageContext { ctx: base.clone(), keys: Vec::new() }
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.ctx.insert(key, value);
        self.keys.push(key);
    }

    /// True when the page set `key` to a non-empty value.
    pub fn has(&self, key: &str) -> bool {
        self.ctx.get(key).is_some_and(|v| !v.as_str().is_some_and(str::is_empty))
    }

    pub fn get(&self) -> &tera::Context {
        &self.ctx
    }

    /// Take the page's values out, leaving the site-wide ones.
    pub fn clear(&mut self) {
        for key in self.keys.drain(..) {
            self.ctx.remove(key);
        }
    }
}
