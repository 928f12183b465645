//! Small operations on plain text shared by the stages.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` within `max` columns, the way it is set on screen: a CJK character
/// takes two, as wide as two Latin letters. Cut at a space when one is near,
/// with `…`.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    let mut columns = 0;
    let Some((cut, _)) = text.char_indices().find(|&(_, c)| {
        columns += c.width().unwrap_or(0);
        columns > max
    }) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = match head.rfind(' ') {
        Some(sp) if sp > cut * 3 / 4 => &head[..sp],
        _ => head,
    };
    format!("{}…", head.trim_end_matches([',', '\u{FF0C}', '\u{3001}', ' ', '.', '\u{3002}']))
}

/// A long question as a listing shows it: its last sentence, which is
/// usually the question itself after a preamble ("… How do you read the
/// slowdown?"), or else its start. Short questions are whole. `max` counts
/// columns, as [`shorten`] does.
pub(crate) fn gist(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let text = text.trim();
    if text.width() <= max {
        return text.into();
    }
    let body = text.trim_end_matches(['?', '？', '.', '。', '!', '！', ' ']);
    let last_start = body.rfind(['.', '?', '!', '。', '？', '！']).map(|at| at + body[at..].chars().next().map_or(1, char::len_utf8));
    match last_start.map(|at| text[at..].trim()) {
        Some(last) if !last.is_empty() && last.width() <= max => format!("…{}{last}", if last.is_ascii() { " " } else { "" }).into(),
        _ => shorten(text, max).into(),
    }
}

/// Escapes what HTML and XML need escaped, and no more (tera's default also
/// escapes `/`, which bloats every URL).
pub(crate) fn escape(input: &str) -> String {
    let bytes = input.as_bytes();
    let Some(first) = first_special(bytes) else {
        return input.to_string();
    };
    let mut out = String::with_capacity(input.len() + input.len() / 16 + 8);
    out.push_str(&input[..first]);
    let mut done = first;
    for (i, b) in bytes.iter().enumerate().skip(first) {
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

/// Where the first byte to escape is. Most text has none: short text is
/// scanned byte by byte, long text a vector at a time.
fn first_special(bytes: &[u8]) -> Option<usize> {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if bytes.len() < 64 {
        return bytes.iter().position(special);
    }
    let markup = memchr::memchr3(b'&', b'<', b'>', bytes);
    memchr::memchr2(b'"', b'\'', &bytes[..markup.unwrap_or(bytes.len())]).or(markup)
}

/// `%E4%B8%AD` → `中`; malformed escapes are kept as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// What a reader reads of an HTML fragment, as one line: the tags dropped
/// (a block's end is a space, an inline tag nothing, so `我们<strong>必须</strong>`
/// stays one word), code blocks and footnote marks left out, entities
/// decoded, every run of whitespace one space.
pub(crate) fn plain(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut text = String::with_capacity(html.len());
    // A space is owed before the next word (after whitespace or a block's end).
    let mut space = false;
    // The end tag of an element left out, while inside it.
    let mut skipping: Option<&str> = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let end = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |e| i + e + 1);
            let tag = &html[i..end];
            match skipping {
                Some(close) if tag.starts_with(close) => skipping = None,
                Some(_) => {}
                None if tag.starts_with("<pre") => skipping = Some("</pre"),
                None if tag.starts_with("<sup class=\"footnote-ref\"") => skipping = Some("</sup"),
                None if ENDS_A_BLOCK.iter().any(|block| tag.starts_with(block)) => space = true,
                None => {}
            }
            i = end;
        } else if skipping.is_some() {
            i = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |e| i + e);
        } else if let n @ 1.. = whitespace_at(&bytes[i..]) {
            space = true;
            i += n;
        } else {
            if bytes[i] == b'&' {
                let (c, read) = decode_entity(&html[i..]);
                i += read;
                if c.is_whitespace() {
                    space = true;
                    continue;
                }
                if std::mem::take(&mut space) && !text.is_empty() {
                    text.push(' ');
                }
                text.push(c);
            } else {
                if std::mem::take(&mut space) && !text.is_empty() {
                    text.push(' ');
                }
                // A run of plain characters, copied at once.
                let start = i;
                i += 1;
                while let Some(&b) = bytes.get(i) {
                    let ends = MAY_END_A_RUN[b as usize]
                        && (matches!(b, b'<' | b'&') || whitespace_at(&bytes[i..]) > 0)
                        // One space between words is kept as it is.
                        && !(b == b' ' && bytes.get(i + 1).is_some_and(|&next| !MAY_END_A_RUN[next as usize]));
                    if ends {
                        break;
                    }
                    i += 1;
                }
                text.push_str(&html[start..i]);
            }
        }
    }
    text
}

/// The bytes that may start a tag, an entity or a whitespace character.
const MAY_END_A_RUN: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'<', b'&', b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c, 0xc2, 0xe1, 0xe2, 0xe3];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// The length in bytes of the whitespace character (`char::is_whitespace`)
/// `bytes` start with, 0 when they start with none.
fn whitespace_at(bytes: &[u8]) -> usize {
    match bytes {
        [b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c, ..] => 1,
        [0xc2, 0x85 | 0xa0, ..] => 2,
        [0xe1, 0x9a, 0x80, ..] | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..] | [0xe2, 0x81, 0x9f, ..] | [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Tags after which the text reads on as another block.
const ENDS_A_BLOCK: &[&str] =
    &["</p", "</li", "</td", "</th", "</tr", "</h", "<br", "</div", "</blockquote", "</figcaption", "</dt", "</dd", "<hr", "<img"];

/// The character of the entity `text` starts with (at its `&`) and the
/// bytes it takes: those wenda and its sanitizer write, and any numeric one.
/// An unknown entity is its `&`, the rest read as text.
fn decode_entity(text: &str) -> (char, usize) {
    let name = text[1..].find(';').filter(|&end| end <= 10).map(|end| &text[1..end + 1]);
    let decoded = name.and_then(|name| match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    });
    match (name, decoded) {
        (Some(name), Some(c)) => (c, name.len() + 2),
        _ => ('&', 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_question_is_listed_by_its_last_sentence() {
        assert_eq!(gist("Why build your own model?", 60), "Why build your own model?");
        let long =
            "In our experience, model vendors are re-evaluating the payback period of their compute spend. How do you read the slowdown?";
        assert_eq!(gist(long, 60), "… How do you read the slowdown?");
        assert_eq!(
            gist(
                "开发者生态是决定一个平台能否长期成功的关键因素，这一点大家都承认，而且越来越明显。你们怎么评估一个智能体是否可以上线？",
                40
            ),
            "…你们怎么评估一个智能体是否可以上线？"
        );
        // No sentence short enough: the start, cut.
        let one = "a ".repeat(50);
        assert!(gist(&one, 20).ends_with('…'));
        assert!(gist(&one, 20).chars().count() <= 21);
    }

    #[test]
    fn chinese_is_measured_in_columns_as_it_is_set() {
        // 45 characters, 90 columns: as wide as 90 Latin letters, so listed by its question.
        let long = "用户增长放缓是事实,早期爆炸式增长本来就不是可持续的,大家都需要时间消化。如何看待欧盟人工智能法案?";
        assert_eq!(gist(long, 80), "…如何看待欧盟人工智能法案?");
        assert_eq!(shorten("一二三四五六七八九十", 10), "一二三四五…");
        assert_eq!(shorten("abcdefghij", 10), "abcdefghij");
    }

    #[test]
    fn plain_text_is_what_a_reader_reads() {
        assert_eq!(plain("<p>我们<strong>必须</strong>做</p>\n<p>Next <em>one</em>.</p>"), "我们必须做 Next one.");
        assert_eq!(plain("<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>"), "a b c d");
        assert_eq!(plain("<p>Run it:</p>\n<pre class=\"code\"><code>x &lt; 1</code></pre>\n<p>Done<sup class=\"footnote-ref\"><a href=\"#fn-1\">1</a></sup>.</p>"), "Run it: Done.");
        assert_eq!(plain("<p>R&amp;D &lt;b&gt; &quot;q&quot; &#39;s&#x27; &#20013; &bogus; & so</p>"), "R&D <b> \"q\" 's' 中 &bogus; & so");
        assert_eq!(plain("line<br />\nnext <span class=\"stage\">[laughs]</span>"), "line next [laughs]");
        assert_eq!(plain("unclosed <b"), "unclosed");
        // Every whitespace character, written or as an entity, is a space between words.
        assert_eq!(plain(" a\u{3000}b&nbsp;c\u{a0}\u{2009}d\u{85}e\u{205f}f\u{1680}g &#32; h\u{202f}"), "a b c d e f g h");
        for c in (0..0x3100).filter_map(char::from_u32).filter(|c| !matches!(c, '<' | '&')) {
            let read = if c.is_whitespace() { "x y".to_string() } else { format!("x{c}y") };
            assert_eq!(plain(&format!("x{c}y")), read, "{c:?}");
        }
    }

    #[test]
    fn escapes_each_special_character_wherever_it_is() {
        assert_eq!(escape("plain 中文"), "plain 中文");
        assert_eq!(escape(""), "");
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(escape("'x' & <y>"), "&#39;x&#39; &amp; &lt;y&gt;");
        assert_eq!(escape("tail \""), "tail &quot;");
        let long = "中文 text without anything to escape, longer than the short scan";
        assert_eq!(escape(long), long);
        assert_eq!(escape(&format!("{long}<'")), format!("{long}&lt;&#39;"));
    }
}
