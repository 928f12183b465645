//! The rule that tags an exchange with topics when its question carries no
//! `{topics: ...}`:
//!
//! A topic applies when one of its keywords occurs in the question, or when its
//! keywords occur at least twice in the answers. Matching ignores case. A
//! keyword with Latin letters matches only at the start of a word, so "Agent"
//! finds "agents" and "agentic" but "vision" does not find "provisions";
//! Chinese keywords match anywhere. Topics keep their order in site.toml.

use crate::config::TopicDef;

/// Topic keywords, lowercased once per build.
pub struct KeywordIndex {
    topics: Vec<(String, Vec<String>)>,
}

const ANSWER_THRESHOLD: usize = 2;

impl KeywordIndex {
    pub fn new(topics: &[TopicDef]) -> Self {
        KeywordIndex {
            topics: topics
                .iter()
                .map(|t| (t.slug.clone(), t.keywords.iter().map(|k| k.to_lowercase()).filter(|k| !k.is_empty()).collect()))
                .collect(),
        }
    }

    /// Topic slugs for a question and its answers, by the rule above.
    pub fn tag(&self, question: &str, answers: &str) -> Vec<String> {
        let question = question.to_lowercase();
        let answers = answers.to_lowercase();
        self.topics
            .iter()
            .filter(|(_, keywords)| {
                keywords.iter().any(|k| count(&question, k, 1) > 0)
                    || keywords.iter().map(|k| count(&answers, k, ANSWER_THRESHOLD)).sum::<usize>() >= ANSWER_THRESHOLD
            })
            .map(|(slug, _)| slug.clone())
            .collect()
    }
}

/// Occurrences of `keyword` in `text` that start a word (for Latin keywords),
/// counting no further than `enough`.
fn count(text: &str, keyword: &str, enough: usize) -> usize {
    let latin = keyword.starts_with(|c: char| c.is_ascii_alphanumeric());
    let mut n = 0;
    for (i, _) in text.match_indices(keyword) {
        let starts_word = !latin || !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric());
        if starts_word {
            n += 1;
            if n >= enough {
                break;
            }
        }
    }
    n
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
        assert_eq!(index().tag("What do AGENTS do?", ""), ["agents"]);
        assert_eq!(index().tag("多模态的未来?", ""), ["multimodality"]);
    }

    #[test]
    fn latin_keywords_match_word_starts_only() {
        assert!(index().tag("What about the provisions?", "").is_empty());
    }

    #[test]
    fn answers_need_two_mentions() {
        assert!(index().tag("Why?", "an agent").is_empty());
        assert_eq!(index().tag("Why?", "an agent and 智能体"), ["agents"]);
    }
}
