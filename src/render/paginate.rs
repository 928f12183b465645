//! Splits long listings into pages: page 1 at the listing's URL, page N at
//! `<url>page/N/`.

use serde::Serialize;

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// Number of pages for `len` items, at least one.
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// Path (relative to the base URL) of page `n` of the listing at `base`.
pub(crate) fn page_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// The range of items on page `n` (1-based).
pub(crate) fn slice(len: usize, per_page: usize, n: usize) -> std::ops::Range<usize> {
    let start = ((n - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// Links for page `n` of `total`, with URLs under `prefix` (the base path).
pub(crate) fn pager(prefix: &str, base: &str, n: usize, total: usize) -> Pager {
    let url = |k: usize| format!("{prefix}{}", page_path(base, k));
    // Around the current page, plus the first and last: never more than 7 links.
    let mut numbers: Vec<usize> = vec![1, total];
    numbers.extend(n.saturating_sub(2).max(1)..=(n + 2).min(total));
    numbers.sort_unstable();
    numbers.dedup();
    Pager {
        current: n,
        total,
        prev_url: (n > 1).then(|| url(n - 1)),
        next_url: (n < total).then(|| url(n + 1)),
        pages: numbers.into_iter().map(|k| PageLink { number: k, url: url(k), current: k == n }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_slices() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(21, 10), 3);
        assert_eq!(slice(21, 10, 3), 20..21);
        assert_eq!(page_path("topics/a/", 2), "topics/a/page/2/");
        let p = pager("/x/", "topics/a/", 2, 3);
        assert_eq!(p.prev_url.as_deref(), Some("/x/topics/a/"));
        assert_eq!(p.pages.len(), 3);
    }
}
