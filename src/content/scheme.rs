//! URLs that must not reach a page: `javascript:` and `vbscript:` run script
//! when followed, and `data:` carries a whole document (HTML with script) in
//! the link itself.

/// The dangerous scheme of `url`, read as a browser reads it: ASCII tabs and
/// newlines anywhere, and spaces or control characters in front, are ignored,
/// and case does not matter (`  Java\tScript:alert(1)` is `javascript`).
pub(crate) fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let mut scheme = String::new();
    for c in url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        if c == ':' {
            return ["javascript", "vbscript", "data"].into_iter().find(|s| *s == scheme);
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) || scheme.len() > 10 {
            return None;
        }
        scheme.push(c.to_ascii_lowercase());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::unsafe_scheme;

    #[test]
    fn finds_the_scheme_a_browser_would_follow() {
        assert_eq!(unsafe_scheme("javascript:alert(1)"), Some("javascript"));
        assert_eq!(unsafe_scheme("  JavaScript:alert(1)"), Some("javascript"));
        assert_eq!(unsafe_scheme("\u{1}java\tscr\nipt:alert(1)"), Some("javascript"));
        assert_eq!(unsafe_scheme("VBScript:msgbox"), Some("vbscript"));
        assert_eq!(unsafe_scheme("data:text/html;base64,PHNjcmlwdD4="), Some("data"));
        for safe in
            ["https://example.org/", "mailto:a@example.org", "/archive/", "notes.md#javascript:x", "recording.wav#t=9", "javascriptx:1", ""]
        {
            assert_eq!(unsafe_scheme(safe), None, "{safe}");
        }
    }
}
