//! Timecodes of recorded interviews, as transcripts write them: `[00:12:30]`,
//! `[12:30]`, `[00:18:46.14]`, the Markdown-escaped `\[03:59\]` that word
//! processors export, and `(01:09:59)` after a speaker's name.

use serde::Serialize;

/// A moment of the recording: as written, and in milliseconds from its start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub(crate) struct Timecode {
    pub written: String,
    pub millis: u64,
}

impl Timecode {
    /// `hh:mm:ss`, `mm:ss`, either with a fraction of a second (`.14`).
    pub fn parse(text: &str) -> Option<Timecode> {
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) if !f.is_empty() && f.len() <= 3 && f.bytes().all(|b| b.is_ascii_digit()) => (w, f),
            Some(_) => return None,
            None => (text, ""),
        };
        let parts: Vec<&str> = whole.split(':').collect();
        if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let numbers: Vec<u64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let (h, m, s) = match numbers[..] {
            [m, s] => (0, m, s),
            [h, m, s] => (h, m, s),
            _ => return None,
        };
        if m >= 60 || s >= 60 {
            return None;
        }
        let fraction_ms = if fraction.is_empty() { 0 } else { format!("{fraction:0<3}").parse::<u64>().ok()? };
        Some(Timecode { written: text.to_string(), millis: ((h * 60 + m) * 60 + s) * 1000 + fraction_ms })
    }

    /// The duration from the start, as HTML's `<time datetime>` writes it.
    pub fn iso(&self) -> String {
        let (seconds, millis) = (self.millis / 1000, self.millis % 1000);
        if millis == 0 {
            format!("PT{seconds}S")
        } else {
            format!("PT{seconds}.{millis:03}S")
        }
    }
}

/// A bracketed timecode at the start of `text` (`[00:12:30]` or `\[00:12:30\]`)
/// and the bytes it takes, spaces after it included.
pub(crate) fn bracketed(text: &str) -> Option<(Timecode, usize)> {
    let (open, close) = if text.starts_with("\\[") { ("\\[", "\\]") } else { ("[", "]") };
    let inner_start = text.strip_prefix(open)?;
    let end = inner_start.find(close)?;
    let time = Timecode::parse(&inner_start[..end])?;
    let taken = open.len() + end + close.len();
    // `[12:30](https://…)` is a link whose text is a time, not a timecode.
    if text[taken..].starts_with('(') {
        return None;
    }
    Some((time, taken + spaces(&text[taken..])))
}

/// A parenthesized timecode at the start of `text` (`(00:07)`), and the
/// bytes it takes, spaces after it included.
pub(crate) fn parenthesized(text: &str) -> Option<(Timecode, usize)> {
    let inner = text.strip_prefix('(')?;
    let end = inner.find(')')?;
    let time = Timecode::parse(&inner[..end])?;
    let taken = end + 2;
    Some((time, taken + spaces(&text[taken..])))
}

/// A `[00:31:00]` (or `\[00:31:00\]`) at the end of `label`: the timecode and
/// where it starts.
pub(crate) fn bracketed_suffix(label: &str) -> Option<(Timecode, usize)> {
    let (open, close) = if label.ends_with("\\]") { ("\\[", "\\]") } else { ("[", "]") };
    let inner = label.strip_suffix(close)?;
    let at = inner.rfind(open)?;
    Some((Timecode::parse(&inner[at + open.len()..])?, at))
}

/// A `(01:09:59)` at the end of `label`: the timecode and where it starts.
pub(crate) fn parenthesized_suffix(label: &str) -> Option<(Timecode, usize)> {
    let inner = label.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    Some((Timecode::parse(&inner[open + 1..])?, open))
}

/// Bytes of ASCII and full-width spaces at the start of `text`.
pub(crate) fn spaces(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t', '\u{3000}']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_written_form() {
        assert_eq!(Timecode::parse("00:12:30").unwrap().millis, 750_000);
        assert_eq!(Timecode::parse("12:30").unwrap().millis, 750_000);
        assert_eq!(Timecode::parse("00:18:46.14").unwrap().millis, 1_126_140);
        assert_eq!(Timecode::parse("1:02:03").unwrap().millis, 3_723_000);
        assert_eq!(bracketed("[00:12:30] Q: x").map(|(t, n)| (t.written, n)), Some(("00:12:30".into(), 11)));
        assert_eq!(bracketed("\\[03:59\\] text").map(|(t, n)| (t.millis, n)), Some((239_000, 10)));
        assert_eq!(parenthesized_suffix("Dana Cole (01:09:59)").map(|(t, at)| (t.millis, at)), Some((4_199_000, 10)));
        assert_eq!(Timecode::parse("00:18:46.14").unwrap().iso(), "PT1126.140S");
        assert_eq!(Timecode::parse("12:30").unwrap().iso(), "PT750S");
    }

    #[test]
    fn other_brackets_are_not_timecodes() {
        for text in ["[laughter]", "[12:75]", "[1:2:3:4]", "[12]", "[inaudible 00:14:10]", "(yes)", "[2024]"] {
            assert!(bracketed(text).is_none() && parenthesized_suffix(text).is_none(), "{text}");
        }
    }
}
