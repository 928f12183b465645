//! An input's bytes as text, in the encoding it declares: a byte-order mark,
//! the charset its server sent, or (for HTML) its `<meta>`; without one,
//! UTF-8 when the bytes are, else GB18030, the superset of GBK and GB2312 in
//! which Chinese pages were written before UTF-8.

use encoding_rs::{Encoding, GB18030, UTF_8};

use super::{Failure, Format, Input};

pub fn decode(input: &Input, format: Format) -> Result<String, Failure> {
    let bytes = input.bytes.as_slice();
    let declared = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| input.content_type.as_deref().and_then(charset_param).and_then(|l| Encoding::for_label(l.as_bytes())))
        .or_else(|| (format == Format::Html).then(|| meta_charset(bytes)).flatten());
    let encoding = match declared {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => GB18030,
    };
    let (text, _, bad) = encoding.decode(bytes);
    if bad && declared.is_none() {
        return Err(Failure::Unreadable("it is neither UTF-8 nor GB18030 text, and declares no encoding".into()));
    }
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.into_owned() };
    Ok(text)
}

/// `text/html; charset=gbk` → `gbk`.
fn charset_param(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches(['"', '\'']).to_string())
}

/// `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html;
/// charset=gb2312">` in the first kilobytes, as browsers look for it.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = head[from..].find("<meta") {
        let start = from + at;
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(i) = tag.find("charset") {
            let value = tag[i + 7..].trim_start().strip_prefix('=').unwrap_or("").trim_start().trim_start_matches(['"', '\'']);
            let label: String = value.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
            if let Some(e) = Encoding::for_label(label.as_bytes()) {
                // A page saved as UTF-8 that still says UTF-16 is UTF-8, as in browsers.
                return Some(if e.name().starts_with("UTF-16") { UTF_8 } else { e });
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bytes: Vec<u8>, content_type: Option<&str>) -> Input {
        Input { name: "x".into(), bytes, content_type: content_type.map(String::from) }
    }

    #[test]
    fn declared_and_guessed_encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<html><head><meta charset=\"gb2312\"></head><body>问：为什么？</body></html>");
        assert!(decode(&input(gbk.to_vec(), None), Format::Html).unwrap().contains("问：为什么？"));
        let (plain, _, _) = encoding_rs::GBK.encode("问：为什么？");
        assert_eq!(decode(&input(plain.to_vec(), None), Format::Text).unwrap(), "问：为什么？");
        assert_eq!(decode(&input(plain.to_vec(), Some("text/plain; charset=GBK")), Format::Text).unwrap(), "问：为什么？");
        assert_eq!(decode(&input(b"\xef\xbb\xbfa\r\nb".to_vec(), None), Format::Text).unwrap(), "a\nb");
    }
}
