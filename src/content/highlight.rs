//! Code highlighting with syntect, as CSS classes (`z-` prefixed) so the theme's
//! stylesheet (`static/syntax.css`) decides the colours and pages carry no
//! inline styles. Only the classes some rule of that stylesheet can match
//! are written: syntect gives every token its whole scope (`z-meta z-statement
//! z-import z-python`), which would make code blocks most of a page's bytes. The syntax set is
//! loaded once per process, on the first code block.

use std::collections::HashSet;

use crate::css::Styled;

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// How a highlighted block's `<pre>` starts.
pub(crate) const HIGHLIGHTED: &str = "<pre class=\"code z-code\"";

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "z-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `<pre><code>` for a fenced block, highlighted when the language is known.
/// `styled`: the stylesheet whose classes to write (all when `None`).
pub(crate) fn code_block(lang: &str, code: &str, keep: Option<&Styled>) -> String {
    let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
    let escaped_lang = pulldown_cmark_escape_attr(lang);
    let set = syntaxes();
    let syntax = (!lang.is_empty()).then(|| set.find_syntax_by_token(lang)).flatten();
    let Some(syntax) = syntax else {
        let mut out = String::with_capacity(code.len() + 64);
        out.push_str("<pre class=\"code\"");
        if !lang.is_empty() {
            out.push_str(&format!(" data-lang=\"{escaped_lang}\""));
        }
        out.push_str("><code>");
        pulldown_cmark_escape::escape_html_body_text(&mut out, code).ok();
        out.push_str("</code></pre>\n");
        return out;
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return code_block("", code, keep);
        }
    }
    let html = generator.finalize();
    let html = match keep {
        Some(keep) => prune(&html, keep),
        None => html,
    };
    format!("{HIGHLIGHTED} data-lang=\"{escaped_lang}\"><code>{html}</code></pre>\n")
}

/// syntect's spans with only the classes some rule of `keep` can match on
/// them; a span left with none is dropped, its text kept. A selector matches
/// exactly the elements it did: each of its compounds keeps all its classes
/// on every element it matched.
fn prune(html: &str, keep: &Styled) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    // Whether each open span was written.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<span class=\"") {
            let Some(end) = after.find("\">") else { break };
            let classes: HashSet<&str> = after[..end].split(' ').collect();
            let mut kept = after[..end].split(' ').filter(|c| keep.keeps(c, &classes)).peekable();
            let written = kept.peek().is_some();
            if written {
                out.push_str("<span class=\"");
                for (i, class) in kept.enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(class);
                }
                out.push_str("\">");
            }
            open.push(written);
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("</span>") {
            if open.pop().unwrap_or(true) {
                out.push_str("</span>");
            }
            rest = after;
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn pulldown_cmark_escape_attr(s: &str) -> String {
    let mut out = String::new();
    pulldown_cmark_escape::escape_html(&mut out, s).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes_only() {
        let html = code_block("python", "def f():\n    return 1\n", None);
        assert!(html.contains("class=\"z-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn unknown_language_is_escaped() {
        let html = code_block("nosuchlang", "<b>\n", None);
        assert!(html.contains("&lt;b&gt;"));
    }

    #[test]
    fn writes_only_the_classes_the_stylesheet_names() {
        let keep = Styled::from_css(
            "/* .z-meta { } */ .z-keyword, .z-source.z-python .z-storage.z-type { color: red }\n.z-entity.z-name.z-function{}",
        );
        let all = code_block("python", "def f(x):\n    return x < 1\n", None);
        let pruned = code_block("python", "def f(x):\n    return x < 1\n", Some(&keep));
        assert!(pruned.len() * 2 < all.len(), "{pruned}");
        assert!(!pruned.contains("z-meta") && !pruned.contains("z-keyword z-"), "{pruned}");
        assert!(pruned.contains("<span class=\"z-keyword\">"), "{pruned}");
        assert!(pruned.contains("<span class=\"z-source z-python\">"), "{pruned}");
        assert!(pruned.contains("<span class=\"z-entity z-name z-function\">f</span>"), "{pruned}");
        // The text is unchanged and the spans balance.
        let text = |h: &str| h.split('<').map(|part| part.split_once('>').map_or(part, |(_, t)| t)).collect::<String>();
        assert_eq!(text(&pruned), text(&all));
        assert_eq!(pruned.matches("<span").count(), pruned.matches("</span>").count());
        assert!(pruned.contains("&lt;"), "{pruned}");
    }
}
