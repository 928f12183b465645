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
