//! Small operations on plain text shared by the stages.

/// The first `max` characters of `text`, cut at a space when one is near, with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = match head.rfind(' ') {
                Some(sp) if sp > cut * 3 / 4 => &head[..sp],
                _ => head,
            };
            format!("{}…", head.trim_end_matches([',', ',', '、', ' ', '.', '。']))
        }
    }
}

/// Escapes what HTML and XML need escaped, and no more (tera's default also
/// escapes `/`, which bloats every URL).
pub fn escape(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + input.len() / 16);
    let mut done = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&input[done..]);
    out
}

