//! The rule that tags an exchange with topics when its question carries no
//! `{topics: ...}`:
//!
//! A topic applies when one of its keywords occurs in the question, or when its
//! keywords occur at least twice in the answers. Matching ignores the case of Latin letters. A
//! keyword with Latin letters matches only at the start of a word, so "Agent"
//! finds "agents" and "agentic" but "vision" does not find "provisions";
//! Chinese keywords match anywhere. Topics keep their order in site.toml.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::config::TopicDef;

/// All topic keywords in one automaton, built once per build.
#[derive(Debug)]
pub(crate) struct KeywordIndex {
    slugs: Vec<String>,
    automaton: Option<AhoCorasick>,
    /// For each pattern: its topic (index into `slugs`) and whether it is Latin.
    patterns: Vec<(usize, bool)>,
}

const ANSWER_THRESHOLD: usize = 2;

impl KeywordIndex {
    pub fn new(topics: &[TopicDef]) -> Self {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for (t, topic) in topics.iter().enumerate() {
            for k in topic.keywords.iter().filter(|k| !k.is_empty()) {
                words.push(k.clone());
                patterns.push((t, k.starts_with(|c: char| c.is_ascii_alphanumeric())));
            }
        }
        let automaton = AhoCorasick::builder().ascii_case_insensitive(true).match_kind(MatchKind::LeftmostFirst).build(&words).ok();
        KeywordIndex { slugs: topics.iter().map(|t| t.slug.clone()).collect(), automaton, patterns }
    }

    /// Topic slugs for a question and its answers, by the rule above.
    pub fn tag<'a>(&self, question: &str, answers: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut in_question = vec![false; self.slugs.len()];
        let mut in_answers = vec![0usize; self.slugs.len()];
        self.scan(question, |t| in_question[t] = true);
        for answer in answers {
            self.scan(answer, |t| in_answers[t] += 1);
        }
        (0..self.slugs.len()).filter(|&t| in_question[t] || in_answers[t] >= ANSWER_THRESHOLD).map(|t| self.slugs[t].clone()).collect()
    }

    /// Calls `found` with the topic of every keyword occurrence in `text`.
    fn scan(&self, text: &str, mut found: impl FnMut(usize)) {
        let Some(automaton) = &self.automaton else { return };
        for m in automaton.find_iter(text) {
            let (topic, latin) = self.patterns[m.pattern().as_usize()];
            let starts_word = !latin || !text[..m.start()].ends_with(|c: char| c.is_ascii_alphanumeric());
            if starts_word {
                found(topic);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> KeywordIndex {
        let t = |slug: &str, kw: &[&str]| TopicDef {
            slug: slug.into(),
            title: slug.into(),
            description: String::new(),
            keywords: kw.iter().map(|s| s.to_string()).collect(),
        };
        KeywordIndex::new(&[t("agents", &["Agent", "智能体"]), t("multimodality", &["vision", "多模态"])])
    }

    #[test]
    fn question_keyword_tags() {
        assert_eq!(index().tag("What do AGENTS do?", []), ["agents"]);
        assert_eq!(index().tag("多模态的未来?", []), ["multimodality"]);
    }

    #[test]
    fn latin_keywords_match_word_starts_only() {
        assert!(index().tag("What about the provisions?", []).is_empty());
    }

    #[test]
    fn answers_need_two_mentions() {
        assert!(index().tag("Why?", ["an agent"]).is_empty());
        assert_eq!(index().tag("Why?", ["an agent", "and 智能体"]), ["agents"]);
    }
}
