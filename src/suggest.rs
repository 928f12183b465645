//! "Did you mean" for many misspelt names among one set of candidates. Each
//! name is compared with every candidate, so a page with a hundred thousand
//! broken links among a hundred thousand anchors would take hours: the same
//! name is looked up once, and the comparisons one check may make are
//! bounded; past that, a problem is reported without a suggestion.

use std::collections::HashMap;

/// Comparisons of a name with a candidate that one check may make: a third
/// of a second in a release build, three seconds in the fuzz targets' build
/// (64 KiB of headings and links to missing anchors; FUZZING.md).
const COMPARISONS: usize = 1_000_000;

/// A comparison takes time in the product of the two lengths: a name longer
/// than this, which no key, slug or anchor is, is no slip of one.
const LONGEST: usize = 100;

/// What is left of a check's comparisons.
pub(crate) struct Budget(usize);

impl Default for Budget {
    fn default() -> Self {
        Budget(COMPARISONS)
    }
}

/// The candidates, lowercased once with their length in characters, and the
/// names already looked up.
pub(crate) struct Suggester {
    candidates: Vec<(String, usize, String)>,
    memo: HashMap<String, Option<String>>,
}

impl Suggester {
    pub fn new<'c>(candidates: impl IntoIterator<Item = &'c str>) -> Self {
        let candidates = candidates
            .into_iter()
            .filter_map(|c| {
                let length = c.chars().count();
                (length <= LONGEST).then(|| (c.to_lowercase(), length, c.to_string()))
            })
            .collect();
        Suggester { candidates, memo: HashMap::new() }
    }

    /// The closest candidate to `given`, if one is close enough to suggest
    /// and the budget allows the comparisons.
    pub fn suggest(&mut self, given: &str, budget: &mut Budget) -> Option<String> {
        if let Some(known) = self.memo.get(given) {
            return known.clone();
        }
        let length = given.chars().count();
        let cost = self.candidates.len().max(1);
        if length > LONGEST || budget.0 < cost {
            return None;
        }
        budget.0 -= cost;
        let lowered = given.to_lowercase();
        let found = self
            .candidates
            .iter()
            // Jaro-Winkler is above 0.8 only when Jaro is above 0.7, which
            // needs the shorter word to be over a tenth of the longer.
            .filter(|(_, other, _)| 10 * length.min(*other) > length.max(*other))
            .map(|(low, _, c)| (strsim::jaro_winkler(&lowered, low), c))
            .filter(|(score, _)| *score > 0.8)
            // Of equally close candidates, the first by name: the same every run.
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, c)| c.to_string());
        self.memo.insert(given.to_string(), found.clone());
        found
    }
}

/// The closest candidate to one misspelt name, if one is close enough to suggest.
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    Suggester::new(candidates).suggest(given, &mut Budget::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("agent", ["agents", "regulation"]).as_deref(), Some("agents"));
        assert_eq!(did_you_mean("zzz", ["agents"]), None);
        assert_eq!(did_you_mean("Agnts", ["regulation", "agents"]).as_deref(), Some("agents"));
    }

    #[test]
    fn a_name_is_compared_once_and_comparisons_are_bounded() {
        let candidates: Vec<String> = (0..1000).map(|i| format!("q-question-{i}")).collect();
        let mut suggester = Suggester::new(candidates.iter().map(String::as_str));
        let mut budget = Budget(2500);
        let first = suggester.suggest("q-question-7x", &mut budget);
        assert!(first.as_deref().is_some_and(|s| s.starts_with("q-question-7")), "{first:?}");
        assert_eq!(suggester.suggest("q-question-7x", &mut budget), first);
        assert_eq!(budget.0, 1500, "the second look-up was remembered");
        assert!(suggester.suggest("q-question-8x", &mut budget).is_some());
        assert_eq!(suggester.suggest("q-question-9x", &mut budget), None, "no comparisons left");
    }

    #[test]
    fn long_names_take_no_time() {
        // Found by the fuzz targets' worst inputs: links with fragments of
        // 1,500 characters, each compared with 200 anchors of 400, took 13 s.
        let long = "b".repeat(1500);
        let anchors: Vec<String> = (0..200).map(|n| format!("{n:0>40}{}", "a".repeat(360))).collect();
        let started = std::time::Instant::now();
        for n in 0..20 {
            let mut suggester = Suggester::new(anchors.iter().map(String::as_str));
            assert_eq!(suggester.suggest(&format!("{long}{n}"), &mut Budget::default()), None);
            assert_eq!(suggester.suggest("q-why", &mut Budget::default()), None);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "took {:?}", started.elapsed());
        // Lengths within reach are compared as before.
        assert_eq!(did_you_mean("q-wy", ["q-why-did-you-leave", "q-why"]).as_deref(), Some("q-why"));
        assert_eq!(did_you_mean(&"a".repeat(100), [&*"a".repeat(99)]).map(|s| s.len()), Some(99));
    }
}
