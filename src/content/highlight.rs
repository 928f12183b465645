//! Code highlighting with syntect, as CSS classes (`z-` prefixed) so the theme's
//! stylesheet (`static/syntax.css`) decides the colours and pages carry no
//! inline styles. The syntax
//! set is loaded once per process, on the first code block.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "z-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `<pre><code>` for a fenced block, highlighted when the language is known.
pub(crate) fn code_block(lang: &str, code: &str) -> String {
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
            return code_block("", code);
        }
    }
    format!("<pre class=\"code z-code\" data-lang=\"{escaped_lang}\"><code>{}</code></pre>\n", generator.finalize())
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
        let html = code_block("python", "def f():\n    return 1\n");
        assert!(html.contains("class=\"z-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn unknown_language_is_escaped() {
        let html = code_block("nosuchlang", "<b>\n");
        assert!(html.contains("&lt;b&gt;"));
    }
}
