//! Where each key and each scalar value of a front matter is written, from a
//! YAML parser's marks (serde_yaml keeps none once a value is read). A problem
//! with a value is reported where the writer wrote it, whatever else on the
//! page looks like it: a key inside a block of text or a comment is not a key.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A key or a scalar value of the front matter, where it is written.
#[derive(Debug)]
struct Written {
    /// The top-level key it is under (or is).
    top: String,
    /// The nearest key it is under (or is).
    key: String,
    /// The scalar, for a value; `None` for the key itself.
    value: Option<String>,
    /// 1-based, counted in the YAML.
    line: usize,
    /// 1-based, in characters.
    column: usize,
}

/// Every key and scalar value of one front matter.
#[derive(Debug, Default)]
pub(crate) struct Spans {
    written: Vec<Written>,
}

enum Container {
    /// A mapping, with its current key once read.
    Mapping {
        key: Option<String>,
    },
    Sequence,
}

#[derive(Default)]
struct Collector {
    stack: Vec<Container>,
    /// Keys of the open mappings, outermost first.
    path: Vec<String>,
    spans: Spans,
}

impl Collector {
    fn push(&mut self, value: Option<String>, key: String, mark: Marker) {
        let top = self.path.first().cloned().unwrap_or_else(|| key.clone());
        self.spans.written.push(Written { top, key, value, line: mark.line(), column: mark.col() + 1 });
    }

    /// A value (scalar or container) was read: the mapping it belongs to waits
    /// for its next key.
    fn value_done(&mut self) {
        if let Some(Container::Mapping { key }) = self.stack.last_mut() {
            if key.take().is_some() {
                self.path.pop();
            }
        }
    }
}

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(text, ..) => match self.stack.last_mut() {
                Some(Container::Mapping { key: key @ None }) => {
                    *key = Some(text.clone());
                    self.push(None, text.clone(), mark);
                    self.path.push(text);
                }
                Some(_) => {
                    let key = self.path.last().cloned().unwrap_or_default();
                    self.push(Some(text), key, mark);
                    self.value_done();
                }
                None => {}
            },
            Event::MappingStart(..) => self.stack.push(Container::Mapping { key: None }),
            Event::SequenceStart(..) => self.stack.push(Container::Sequence),
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            Event::Alias(_) => self.value_done(),
            _ => {}
        }
    }
}

/// How deep serde_yaml reads a document before it refuses it ("recursion
/// limit exceeded"), counting every mapping and sequence.
pub(crate) const MAX_DEPTH: usize = 128;

/// Where `yaml` first nests deeper than [`MAX_DEPTH`] (line, 1-based in the
/// YAML, and column), found in one pass; `None` when it does not. libyaml's
/// scanner, under serde_yaml, takes time quadratic in the depth of flow
/// collections (`[[[[…`), all of which it scans before serde_yaml's limit is
/// checked: 64 KiB of `[` took a minute. A document that deep is refused
/// before serde_yaml sees it; one with fewer brackets cannot nest that deep
/// in flow style and is not parsed here at all.
pub(crate) fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let brackets = yaml.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if brackets < MAX_DEPTH {
        return None;
    }
    #[derive(Default)]
    struct Depth {
        depth: usize,
        at: Option<(usize, usize)>,
    }
    impl MarkedEventReceiver for Depth {
        fn on_event(&mut self, event: Event, mark: Marker) {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH && self.at.is_none() {
                        self.at = Some((mark.line(), mark.col() + 1));
                    }
                }
                Event::MappingEnd | Event::SequenceEnd => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    let mut depth = Depth::default();
    // A syntax error ends the events; how deep they went before it counts.
    // yaml-rust2 stops at 256 levels of flow collections, which it scans
    // ahead of the events of the first ones: the document is then refused
    // where it stopped.
    match Parser::new_from_str(yaml).load(&mut depth, false) {
        Err(e) if depth.at.is_none() && e.info() == "recursion limit exceeded" => Some((e.marker().line(), e.marker().col() + 1)),
        _ => depth.at,
    }
}

impl Spans {
    /// The keys and values of `yaml`; empty when it does not parse (its error
    /// is reported by the reader of its values).
    pub fn of(yaml: &str) -> Spans {
        let mut collector = Collector::default();
        let _ = Parser::new_from_str(yaml).load(&mut collector, false);
        collector.spans
    }

    /// Line (1-based, in the YAML) and column of the value `value` under
    /// `key` (at any depth), or of `key` itself; the first line when neither
    /// is written.
    pub fn locate(&self, key: &str, value: Option<&str>) -> (usize, usize) {
        let under = |w: &&Written| w.key == key || w.top == key;
        let found = value
            .and_then(|v| self.written.iter().filter(under).find(|w| w.value.as_deref() == Some(v)))
            .or_else(|| self.written.iter().find(|w| w.value.is_none() && w.key == key && w.top == key))
            .or_else(|| self.written.iter().find(|w| w.value.is_none() && w.key == key));
        found.map_or((1, 1), |w| (w.line, w.column))
    }

    /// Is `key` written at the top level?
    pub fn has(&self, key: &str) -> bool {
        self.written.iter().any(|w| w.value.is_none() && w.key == key && w.top == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_and_values_where_written() {
        let yaml = "title: x\ntopics: [agents, regulaton]\ninterviewees:\n  - name: 王晓航\n    role: 专家\n";
        let spans = Spans::of(yaml);
        assert_eq!(spans.locate("topics", Some("regulaton")), (2, 18));
        assert_eq!(spans.locate("topics", None), (2, 1));
        assert_eq!(spans.locate("name", Some("王晓航")), (4, 11));
        assert_eq!(spans.locate("interviewees", None), (3, 1));
        assert!(spans.has("title") && !spans.has("name"));
    }

    #[test]
    fn a_key_inside_text_is_not_a_key() {
        let yaml = "summary: |\n  slug: not-a-key\n  date: neither\nslug: real\n";
        let spans = Spans::of(yaml);
        assert_eq!(spans.locate("slug", None), (4, 1));
        assert!(!spans.has("date"));
    }
}
