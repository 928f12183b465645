//! Dates as archives know them: `1998`, `1998-04`, `1998-04-12`, `ca. 1975`
//! (also `c. 1975`, `circa 1975`, `1975?`, `约1975年`), and ranges written
//! `1975/1980`, `1975–1980` or `1998-04-01/1998-04-03`. Each keeps what was
//! written, an EDTF form for machines (`1975~`, `1975/1980`) and the first
//! day it can mean, by which listings sort.

use chrono::{Datelike, NaiveDate};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Precision {
    Year,
    Month,
    Day,
}

/// One end of an approximate date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Point {
    pub first_day: NaiveDate,
    pub precision: Precision,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ApproxDate {
    pub written: String,
    pub start: Point,
    /// The end of a range.
    pub end: Option<Point>,
    /// `ca.`: about then.
    pub circa: bool,
}

impl ApproxDate {
    pub fn parse(written: &str) -> Option<ApproxDate> {
        let text = written.trim();
        let (circa, rest) = strip_circa(text);
        let rest = rest.trim();
        for sep in ["/", "–", "—", " to ", " - "] {
            if let Some((a, b)) = rest.split_once(sep) {
                let (start, end) = (point(a.trim())?, point(b.trim())?);
                if end.first_day < start.first_day {
                    return None;
                }
                return Some(ApproxDate { written: text.to_string(), start, end: Some(end), circa });
            }
        }
        // `1975-1980`: two years, not a month.
        if let Some((a, b)) = rest.split_once('-') {
            if a.len() == 4 && b.len() == 4 && b.bytes().all(|c| c.is_ascii_digit()) {
                let (start, end) = (point(a)?, point(b)?);
                if end.first_day < start.first_day {
                    return None;
                }
                return Some(ApproxDate { written: text.to_string(), start, end: Some(end), circa });
            }
        }
        Some(ApproxDate { written: text.to_string(), start: point(rest)?, end: None, circa })
    }

    /// Extended Date/Time Format (ISO 8601-2): `1975~`, `1998-04`, `1975/1980`.
    pub fn edtf(&self) -> String {
        let mark = if self.circa { "~" } else { "" };
        match &self.end {
            Some(end) => format!("{}{mark}/{}{mark}", iso(&self.start), iso(end)),
            None => format!("{}{mark}", iso(&self.start)),
        }
    }

    /// The ISO 8601 form schema.org reads (`1975`, `1998-04`, or a range).
    pub fn iso(&self) -> String {
        match &self.end {
            Some(end) => format!("{}/{}", iso(&self.start), iso(end)),
            None => iso(&self.start),
        }
    }

    /// The first date it can mean, as HTML's `<time datetime>` reads it (`1975`, `1998-04`).
    pub fn html_datetime(&self) -> String {
        iso(&self.start)
    }

    /// As a reader of `lang` expects it: `ca. 1975`, `April 1998`, `约1975年`.
    pub fn display(&self, chinese: bool, months: &[&str; 12]) -> String {
        let one = |p: &Point| {
            let d = p.first_day;
            match (p.precision, chinese) {
                (Precision::Year, true) => format!("{}年", d.year()),
                (Precision::Month, true) => format!("{}年{}月", d.year(), d.month()),
                (Precision::Day, true) => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
                (Precision::Year, false) => d.year().to_string(),
                (Precision::Month, false) => format!("{} {}", months[d.month0() as usize], d.year()),
                (Precision::Day, false) => format!("{} {} {}", d.day(), months[d.month0() as usize], d.year()),
            }
        };
        let body = match &self.end {
            Some(end) => format!("{}–{}", one(&self.start), one(end)),
            None => one(&self.start),
        };
        match (self.circa, chinese) {
            (false, _) => body,
            (true, true) => format!("约{body}"),
            (true, false) => format!("ca. {body}"),
        }
    }
}

fn strip_circa(text: &str) -> (bool, &str) {
    let lower = text.to_ascii_lowercase();
    for prefix in ["circa ", "ca. ", "ca ", "c. ", "c.", "about ", "~", "约", "大约"] {
        if lower.starts_with(prefix) {
            return (true, &text[prefix.len()..]);
        }
    }
    for suffix in ["?", "~"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            return (true, rest);
        }
    }
    (false, text)
}

fn point(text: &str) -> Option<Point> {
    let text = text.trim().trim_end_matches(['年', '月', '日']);
    // 1998年4月12 → 1998-4-12
    let normal: String = text.chars().map(|c| if matches!(c, '年' | '月' | '.') { '-' } else { c }).collect();
    let parts: Vec<&str> = normal.split('-').collect();
    if parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) || parts[0].len() != 4 {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let year = i32::try_from(n[0]).ok()?;
    let (first_day, precision) = match n[..] {
        [_] => (NaiveDate::from_ymd_opt(year, 1, 1)?, Precision::Year),
        [_, m] => (NaiveDate::from_ymd_opt(year, m, 1)?, Precision::Month),
        [_, m, d] => (NaiveDate::from_ymd_opt(year, m, d)?, Precision::Day),
        _ => return None,
    };
    Some(Point { first_day, precision })
}

fn iso(p: &Point) -> String {
    match p.precision {
        Precision::Year => format!("{:04}", p.first_day.year()),
        Precision::Month => p.first_day.format("%Y-%m").to_string(),
        Precision::Day => p.first_day.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    fn shown(text: &str) -> (String, String, String) {
        let d = ApproxDate::parse(text).unwrap_or_else(|| panic!("{text}"));
        (d.display(false, &MONTHS), d.display(true, &MONTHS), d.edtf())
    }

    #[test]
    fn reads_what_archives_write() {
        assert_eq!(shown("1998"), ("1998".into(), "1998年".into(), "1998".into()));
        assert_eq!(shown("1998-04"), ("April 1998".into(), "1998年4月".into(), "1998-04".into()));
        assert_eq!(shown("1998-04-12"), ("12 April 1998".into(), "1998年4月12日".into(), "1998-04-12".into()));
        assert_eq!(shown("ca. 1975"), ("ca. 1975".into(), "约1975年".into(), "1975~".into()));
        assert_eq!(shown("circa 1975").2, "1975~");
        assert_eq!(shown("1975?").2, "1975~");
        assert_eq!(shown("约1975年").0, "ca. 1975");
        assert_eq!(shown("1975/1980"), ("1975–1980".into(), "1975年–1980年".into(), "1975/1980".into()));
        assert_eq!(shown("1975-1980").2, "1975/1980");
        assert_eq!(shown("1998-04-01/1998-04-03").0, "1 April 1998–3 April 1998");
        assert_eq!(shown("2019年8月").2, "2019-08");
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in ["", "spring", "1998-13", "98", "1980/1975", "1998-02-30", "ca."] {
            assert!(ApproxDate::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn sorts_by_its_first_day() {
        let d = ApproxDate::parse("1998-04").unwrap();
        assert_eq!(d.start.first_day, NaiveDate::from_ymd_opt(1998, 4, 1).unwrap());
    }
}
