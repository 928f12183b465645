//! What the YAML parser is not handed. It looks back over every open `[` or
//! `{` at each token, so ten thousand of them inside each other cost it a
//! hundred million steps, and serde_yaml refuses more than 128 levels anyway:
//! a front matter that opens more is refused first, at the bracket too many.

/// Levels of `[` and `{` a front matter may open inside each other, as
/// serde_yaml reads them.
pub(crate) const DEPTH: usize = 128;

/// The offset in `yaml` of the first `[` or `{` that opens more than
/// [`DEPTH`] levels, outside quotes and comments. Brackets in plain text are
/// counted too, so a front matter may be refused that YAML would read, never
/// one that YAML cannot read in time.
pub(crate) fn too_deep(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                    i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                }
                b'[' | b'{' => {
                    depth += 1;
                    if depth > DEPTH {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// The offset of the first alias (`*name`) in `yaml`, where an alias bomb
/// starts, or `None`.
pub(crate) fn first_alias(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    (0..bytes.len()).find(|&i| {
        bytes[i] == b'*'
            && bytes.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'[' | b',' | b'{' | b'\n' | b'\t'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_brackets_outside_quotes_and_comments() {
        let deep = format!("extra: {}{}\n", "[".repeat(129), "]".repeat(129));
        assert_eq!(too_deep(&deep), Some(7 + 128));
        assert_eq!(too_deep(&format!("extra: {}{}\n", "[".repeat(128), "]".repeat(128))), None);
        assert_eq!(too_deep(&format!("a: \"{}\"\nb: '{}' # {}\n", "[".repeat(200), "{".repeat(200), "[".repeat(200))), None);
        assert_eq!(too_deep(&format!("a: \"\\\"{}\"\n", "[".repeat(200))), None);
        assert_eq!(too_deep(&"[]".repeat(10_000)), None);
    }

    #[test]
    fn finds_the_first_alias() {
        assert_eq!(first_alias("a: &a [x]\nb: [*a, *a]\n"), Some(14));
        assert_eq!(first_alias("a: 2*3\nb: \"*x\"\n"), None);
    }
}
