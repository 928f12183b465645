//! The facts a page states about itself in words: dates as news pages write
//! them, `来源:… | 作者:…` lines, the interviewee a title names, the language.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use super::draft::{Draft, Person};
use crate::content::reading::is_cjk;

/// A date read from a page: RFC 3339 (with the offset the page gives, or one
/// assumed) or a bare `YYYY-MM-DD`.
#[derive(Debug, PartialEq, Eq)]
pub struct Dated {
    pub value: String,
    /// The page gave a time but no offset.
    pub assumed_offset: bool,
}

const DATE_TIMES: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H:%M",
    "%Y.%m.%d %H:%M",
];
const DATES: &[&str] =
    &["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%A, %B %d, %Y"];

/// Read a date in the forms pages write them; `offset` is what a time
/// without one is taken to be in (`+08:00` for a Chinese page).
pub fn parse_date(text: &str, offset: &str) -> Option<Dated> {
    let t = text.trim().trim_end_matches(['.', '。']).trim();
    // RFC 3339, and Jekyll's `2023-10-05 09:00:00 -0500`.
    let zoned =
        ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"].iter().find_map(|f| DateTime::parse_from_str(t, f).ok());
    if let Some(d) = DateTime::parse_from_rfc3339(t).ok().or(zoned) {
        return Some(Dated { value: d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false), assumed_offset: false });
    }
    // The longest part that is a date and time, from the start or from a
    // word (pages add a weekday or "来源" after it, a show's name before it).
    // Every date form starts with a digit or a capitalised month or weekday.
    let starts = std::iter::once(0)
        .chain(t.char_indices().filter(|(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8()))
        .filter(|&s| t[s..].starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase()));
    let candidates: Vec<&str> = starts
        .flat_map(|s| {
            let rest = &t[s..];
            rest.char_indices().map(move |(i, _)| &rest[..i]).chain([rest]).rev()
        })
        .filter(|c| c.trim().len() >= 8)
        .collect();
    for c in &candidates {
        let c = c.trim();
        for f in DATE_TIMES {
            if let Ok(dt) = NaiveDateTime::parse_from_str(c, f) {
                return Some(Dated { value: format!("{}{offset}", dt.format("%Y-%m-%dT%H:%M:%S")), assumed_offset: true });
            }
        }
    }
    for c in &candidates {
        let c = c.trim();
        for f in DATES {
            if let Ok(d) = NaiveDate::parse_from_str(c, f) {
                return Some(Dated { value: d.format("%Y-%m-%d").to_string(), assumed_offset: false });
            }
        }
    }
    None
}

/// What a `key:value` of a page's header line is.
#[derive(Debug, PartialEq, Eq)]
pub enum Fact {
    Date(String),
    Source(String),
    Author(String),
    Interviewer(String),
    /// A name, and the role after a comma (`Walter Brandt, retired foreman`).
    Interviewee(String),
    Other(String, String),
}

const DATE_KEYS: &[&str] = &["发布日期", "发布时间", "发表时间", "日期", "时间", "Published", "Date", "Posted", "Posted on", "Recorded"];
const SOURCE_KEYS: &[&str] = &["来源", "来源类型", "出处", "Source", "Publication"];
const AUTHOR_KEYS: &[&str] = &["作者", "记者", "文", "撰文", "采写", "By", "Author"];
const INTERVIEWER_KEYS: &[&str] = &["采访", "采访人", "主持人", "Interviewer", "Interviewers", "Interview by", "Interviewed by", "Host"];
const INTERVIEWEE_KEYS: &[&str] = &["受访者", "受访人", "嘉宾", "Interviewee", "Narrator", "Guest"];
const OTHER_KEYS: &[&str] = &["编辑", "责任编辑", "摄影", "图", "Editor", "Photos", "Photography", "Episode", "Duration"];

/// The facts of a header line such as `来源类型:源生如潮 | 作者:李宜坤`, or
/// nothing when the line is not one.
pub fn facts(line: &str) -> Option<Vec<Fact>> {
    let mut out = Vec::new();
    for part in line.split(['|', '｜', '\u{3000}']).flat_map(|p| p.split("  ")).map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = match part.split_once([':', '：']) {
            Some((k, v)) => (k.trim(), v.trim()),
            None => match part.strip_prefix("By ").or_else(|| part.strip_prefix("by ")) {
                Some(v) => ("By", v.trim()),
                None => return None,
            },
        };
        let is = |keys: &[&str]| keys.iter().any(|k| k.eq_ignore_ascii_case(key));
        if value.is_empty() {
            return None;
        }
        out.push(if is(DATE_KEYS) {
            Fact::Date(value.to_string())
        } else if is(SOURCE_KEYS) {
            Fact::Source(value.to_string())
        } else if is(AUTHOR_KEYS) {
            Fact::Author(value.to_string())
        } else if is(INTERVIEWER_KEYS) {
            Fact::Interviewer(value.to_string())
        } else if is(INTERVIEWEE_KEYS) {
            Fact::Interviewee(value.to_string())
        } else if is(OTHER_KEYS) {
            Fact::Other(key.to_string(), value.to_string())
        } else {
            return None;
        });
    }
    (!out.is_empty()).then_some(out)
}

/// Take the facts into the draft.
pub fn apply(facts: Vec<Fact>, draft: &mut Draft) {
    let offset = default_offset(draft);
    for fact in facts {
        match fact {
            Fact::Date(text) => match parse_date(&text, offset) {
                Some(d) if draft.date.is_none() => set_date(draft, d),
                Some(_) => {}
                None => draft.kept.push(("date as written".into(), text)),
            },
            Fact::Source(name) if draft.source.is_none() => draft.source = Some((name, None)),
            Fact::Author(name) => {
                for name in split_names(&name) {
                    if !draft.interviewers.iter().any(|p| p.name == name) {
                        draft.interviewers.push(Person::named(name));
                        draft.check("interviewer", "the page's author, taken to be the interviewer");
                    }
                }
            }
            Fact::Interviewer(names) => {
                for name in split_names(&names) {
                    if !draft.interviewers.iter().any(|p| p.name == name) {
                        draft.interviewers.push(Person::named(name));
                    }
                }
            }
            Fact::Interviewee(text) => {
                let (name, role) = match text.split_once([',', '，']) {
                    Some((n, r)) => (n.trim().to_string(), Some(r.trim().to_string()).filter(|r| !r.is_empty())),
                    None => (text.trim().to_string(), None),
                };
                if !draft.interviewees.iter().any(|p| p.name == name) {
                    draft.interviewees.push(Person { name, role, label: None });
                }
            }
            Fact::Source(name) => draft.kept.push(("source".into(), name)),
            Fact::Other(key, value) => draft.kept.push((key, value)),
        }
    }
}

pub fn set_date(draft: &mut Draft, d: Dated) {
    if d.assumed_offset {
        let offset = default_offset(draft);
        draft.check("date", format!("the page gives no time zone; {offset} assumed"));
    }
    draft.date = Some(d.value);
}

/// The offset a time without one is taken to be in: China's for a Chinese
/// page, UTC otherwise.
pub fn default_offset(draft: &Draft) -> &'static str {
    if draft.lang.as_deref().is_some_and(|l| l.starts_with("zh")) {
        "+08:00"
    } else {
        "+00:00"
    }
}

/// `张三、李四`, `Jane Doe and John Roe`: the names.
pub fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', '/', '&']).flat_map(|p| p.split(" and ")).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect()
}

/// The interviewee a title names: `专访王晓航:…`, `对话张三`, `An interview
/// with Ada Okafor`, `Q&A: Ada Okafor on …`.
pub fn interviewee_in_title(title: &str) -> Option<String> {
    for prefix in ["专访", "对话", "访谈", "独家专访"] {
        if let Some(at) = title.find(prefix) {
            let rest = &title[at + prefix.len()..];
            let name: String = rest.chars().take_while(|c| is_cjk(*c) && !matches!(c, '：' | '，' | '。' | '｜')).take(4).collect();
            let name = name.trim_end_matches(['谈', '说', '称']);
            if (2..=4).contains(&name.chars().count()) {
                return Some(name.to_string());
            }
        }
    }
    let lower = title.to_lowercase();
    for marker in ["interview with ", "conversation with ", "q&a with ", "talking with ", "in conversation: ", "q&a: "] {
        if let Some(at) = lower.find(marker) {
            return capitalised_run(&title[at + marker.len()..]);
        }
    }
    None
}

/// `Ada Okafor on the future` → `Ada Okafor`: the capitalised words at the start.
fn capitalised_run(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', ':', ';', '.', '\'', '’']))
        .take_while(|w| w.starts_with(char::is_uppercase))
        .take(4)
        .collect();
    (words.len() >= 2).then(|| words.join(" "))
}

/// `zh-CN` when most letters are Chinese characters, else `en`.
pub fn language_of(text: &str) -> &'static str {
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if is_cjk(c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    // A Chinese character carries about a word; a Latin word about five letters.
    if cjk * 5 > latin {
        "zh-CN"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_pages_write_them() {
        let d = parse_date("2024-11-13 23:15", "+08:00").unwrap();
        assert_eq!((d.value.as_str(), d.assumed_offset), ("2024-11-13T23:15:00+08:00", true));
        assert_eq!(parse_date("2024-05-02T09:30:00+08:00", "+00:00").unwrap().value, "2024-05-02T09:30:00+08:00");
        assert_eq!(parse_date("March 4, 2025", "+00:00").unwrap().value, "2025-03-04");
        assert_eq!(parse_date("2023-10-05 09:00:00 -0500", "+00:00").unwrap().value, "2023-10-05T09:00:00-05:00");
        assert_eq!(parse_date("2023年6月2日 10:05 星期五", "+08:00").unwrap().value, "2023-06-02T10:05:00+08:00");
        assert_eq!(parse_date("soon", "+00:00"), None);
        assert_eq!(parse_date("The Long Loop, episode 42 · March 12, 2024", "+00:00").unwrap().value, "2024-03-12");
    }

    #[test]
    fn header_lines() {
        assert_eq!(facts("来源类型:源生如潮 | 作者:李宜坤"), Some(vec![Fact::Source("源生如潮".into()), Fact::Author("李宜坤".into())]));
        assert_eq!(facts("问:如何看待OpenAI增长放缓?"), None);
        assert_eq!(interviewee_in_title("专访王晓航:大模型需落地千行百业").as_deref(), Some("王晓航"));
        assert_eq!(interviewee_in_title("An interview with Ada Okafor on agents").as_deref(), Some("Ada Okafor"));
    }
}
