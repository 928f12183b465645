//! Recordings of an interview as the front matter gives them (`media:`), and
//! durations as archives write them (`01:12:30`, `PT1H12M30S`, `72 min`).

use serde::Serialize;
use serde_yaml::Value;

use super::timecode::Timecode;
use crate::error::MediaProblem;

/// A length of time: as written, and in seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub(crate) struct Duration {
    pub written: String,
    pub seconds: u64,
}

impl Duration {
    pub fn parse(text: &str) -> Option<Duration> {
        let t = text.trim();
        let seconds = if let Some(time) = Timecode::parse(t) {
            time.millis / 1000
        } else if let Some(iso) = t.strip_prefix("PT").or_else(|| t.strip_prefix("pt")) {
            iso_seconds(iso)?
        } else {
            let (number, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
            let n: u64 = number.parse().ok()?;
            let per = match unit.trim() {
                "min" | "mins" | "minutes" | "minute" | "分钟" => 60,
                "s" | "sec" | "seconds" | "秒" => 1,
                "h" | "hours" | "hour" | "小时" => 3600,
                _ => return None,
            };
            // Too long to count in seconds is no duration.
            n.checked_mul(per)?
        };
        Some(Duration { written: t.to_string(), seconds })
    }

    /// ISO 8601, as schema.org and `<time datetime>` read it.
    pub fn iso(&self) -> String {
        let (h, m, s) = (self.seconds / 3600, self.seconds / 60 % 60, self.seconds % 60);
        let mut out = String::from("PT");
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if s > 0 || out.len() == 2 {
            out.push_str(&format!("{s}S"));
        }
        out
    }

    /// `1:12:30` or `45:10`.
    pub fn clock(&self) -> String {
        let (h, m, s) = (self.seconds / 3600, self.seconds / 60 % 60, self.seconds % 60);
        if h > 0 {
            format!("{h}:{m:02}:{s:02}")
        } else {
            format!("{m}:{s:02}")
        }
    }
}

fn iso_seconds(iso: &str) -> Option<u64> {
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in iso.chars() {
        match c.to_ascii_uppercase() {
            '0'..='9' => number.push(c),
            unit @ ('H' | 'M' | 'S') => {
                let n: u64 = number.parse().ok()?;
                number.clear();
                let per = match unit {
                    'H' => 3600,
                    'M' => 60,
                    _ => 1,
                };
                total = total.checked_add(n.checked_mul(per)?)?;
            }
            _ => return None,
        }
    }
    number.is_empty().then_some(total)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum MediaKind {
    Audio,
    Video,
}

/// One entry of `media:` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawMedia {
    pub src: String,
    pub kind: MediaKind,
    /// MIME type, when written or told by the file's extension.
    pub mime: Option<String>,
    pub duration: Option<String>,
    pub captions: Option<String>,
    pub title: Option<String>,
}

const KEYS: [&str; 6] = ["src", "type", "duration", "captions", "title", "url"];

/// A problem with an entry of `media:`, and the value that locates it.
pub(crate) struct MediaIssue {
    pub problem: MediaProblem,
    pub value: Option<String>,
}

/// The entries of `media:`: a path or URL, a map, or a list of those.
pub(crate) fn read(value: &Value) -> (Vec<RawMedia>, Vec<MediaIssue>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for entry in super::frontmatter::one_or_many(value) {
        let (src, mime, duration, captions, title) = match entry {
            Value::String(src) => (src.clone(), None, None, None, None),
            Value::Mapping(map) => {
                if map.keys().any(|k| !k.as_str().is_some_and(|k| KEYS.contains(&k))) {
                    problems.push(MediaIssue { problem: MediaProblem::Shape, value: None });
                    continue;
                }
                let text = |k: &str| map.get(k).and_then(scalar);
                let Some(src) = text("src").or_else(|| text("url")) else {
                    problems.push(MediaIssue { problem: MediaProblem::NoSource, value: None });
                    continue;
                };
                (src, text("type"), text("duration"), text("captions"), text("title"))
            }
            _ => {
                problems.push(MediaIssue { problem: MediaProblem::Shape, value: None });
                continue;
            }
        };
        let (kind, mime) = match kind_of(mime.as_deref(), &src) {
            Some(k) => k,
            None => {
                problems.push(MediaIssue { problem: MediaProblem::UnknownType, value: Some(src) });
                continue;
            }
        };
        out.push(RawMedia { src, kind, mime, duration, captions, title });
    }
    (out, problems)
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Audio or video, and the MIME type: from `type:` (`audio/mpeg`, `audio`),
/// else from the file's extension.
fn kind_of(written: Option<&str>, src: &str) -> Option<(MediaKind, Option<String>)> {
    if let Some(t) = written {
        let t = t.trim().to_ascii_lowercase();
        let kind = if t.starts_with("audio") {
            MediaKind::Audio
        } else if t.starts_with("video") {
            MediaKind::Video
        } else {
            return None;
        };
        let mime = t.contains('/').then_some(t.clone()).or_else(|| by_extension(src).map(|(_, m)| m.to_string()));
        return Some((kind, mime));
    }
    by_extension(src).map(|(k, m)| (k, Some(m.to_string())))
}

fn by_extension(src: &str) -> Option<(MediaKind, &'static str)> {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "mp3" => (MediaKind::Audio, "audio/mpeg"),
        "m4a" | "aac" => (MediaKind::Audio, "audio/mp4"),
        "ogg" | "oga" => (MediaKind::Audio, "audio/ogg"),
        "opus" => (MediaKind::Audio, "audio/ogg; codecs=opus"),
        "wav" => (MediaKind::Audio, "audio/wav"),
        "flac" => (MediaKind::Audio, "audio/flac"),
        "weba" => (MediaKind::Audio, "audio/webm"),
        "mp4" | "m4v" => (MediaKind::Video, "video/mp4"),
        "webm" => (MediaKind::Video, "video/webm"),
        "ogv" => (MediaKind::Video, "video/ogg"),
        "mov" => (MediaKind::Video, "video/quicktime"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_form() {
        for (written, seconds, iso) in
            [("01:12:30", 4350, "PT1H12M30S"), ("45:10", 2710, "PT45M10S"), ("PT1H5M", 3900, "PT1H5M"), ("72 min", 4320, "PT1H12M")]
        {
            let d = Duration::parse(written).unwrap();
            assert_eq!((d.seconds, d.iso().as_str()), (seconds, iso), "{written}");
        }
        assert!(Duration::parse("long").is_none());
        assert_eq!(Duration::parse("01:12:30").unwrap().clock(), "1:12:30");
    }

    #[test]
    fn durations_too_long_to_count_are_refused() {
        // Found by fuzzing (fuzz/regressions/timecode/): the seconds overflowed.
        for written in [
            "PT11111111130011111100M",
            "PT18446744073709551615H",
            "PT18446744073709551615S1S",
            "307445734561825861 min",
            "5124095576030432 h",
        ] {
            assert_eq!(Duration::parse(written), None, "{written}");
        }
        assert_eq!(Duration::parse("PT18446744073709551615S").map(|d| d.seconds), Some(u64::MAX));
    }

    #[test]
    fn media_in_every_form() {
        let v: Value = serde_yaml::from_str("[a.mp3, {src: https://x.org/v, type: video/mp4, duration: '01:00'}, {type: audio}]").unwrap();
        let (media, problems) = read(&v);
        assert_eq!(media.len(), 2);
        assert_eq!((media[0].kind, media[0].mime.as_deref()), (MediaKind::Audio, Some("audio/mpeg")));
        assert_eq!(media[1].kind, MediaKind::Video);
        assert_eq!(problems[0].problem, MediaProblem::NoSource);
        let (_, problems) = read(&Value::String("talk.xyz".into()));
        assert_eq!(problems[0].problem, MediaProblem::UnknownType);
    }
}
