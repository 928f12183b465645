//! A WebVTT caption file made from an interview's timed turns, so that the
//! player can show who speaks and what they say. Each turn runs from its
//! timecode to the next one (the last to the end of the recording, or for as
//! long as reading it takes); a long turn is cut into cues of a sentence or
//! so, its time shared out by length.

use crate::content::interview::Interview;

/// Characters a cue may hold before it is cut.
const CUE_CHARS: usize = 120;

/// The caption file, or `None` when no turn has a time.
pub(crate) fn webvtt(interview: &Interview) -> Option<String> {
    let mut turns: Vec<(u64, &str, String)> = Vec::new();
    for ex in interview.sections.iter().flat_map(|s| &s.exchanges) {
        if let Some(q) = &ex.question {
            if let Some(t) = &q.time {
                turns.push((t.millis, q.asker.as_deref().unwrap_or(""), q.text()));
            }
        }
        for a in &ex.answers {
            if let Some(t) = &a.time {
                turns.push((t.millis, &a.speaker, a.text()));
            }
        }
    }
    if turns.is_empty() {
        return None;
    }
    turns.sort_by_key(|t| t.0);
    let end_of_recording = interview.meta.media.iter().find_map(|m| m.duration.as_ref()).map(|d| d.seconds * 1000);
    let mut out = String::from("WEBVTT\n\n");
    for (k, (start, speaker, text)) in turns.iter().enumerate() {
        let reading = start + 1000 + text.chars().count() as u64 * 60;
        let end = match turns.get(k + 1) {
            Some(next) if next.0 > *start => next.0,
            Some(_) => start + 1000,
            None => end_of_recording.filter(|e| e > start).unwrap_or(reading),
        };
        let pieces = pieces(text.trim());
        let total: usize = pieces.iter().map(|p| p.chars().count()).sum::<usize>().max(1);
        let mut at = *start;
        for piece in &pieces {
            let share = (end - start) * piece.chars().count() as u64 / total as u64;
            let until = (at + share.max(1)).min(end);
            out.push_str(&format!("{} --> {}\n", clock(at), clock(until.max(at + 1))));
            if speaker.is_empty() {
                out.push_str(&escape(piece));
            } else {
                out.push_str(&format!("<v {}>{}", escape(speaker), escape(piece)));
            }
            out.push_str("\n\n");
            at = until;
        }
    }
    Some(out)
}

/// A turn's text in cues of at most about [`CUE_CHARS`], cut after a
/// sentence when one ends in time, else between words.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        current.push(c);
        let len = current.chars().count();
        let sentence_end = matches!(c, '.' | '?' | '!' | '。' | '？' | '！' | '；');
        if (sentence_end && len >= CUE_CHARS / 3) || (len >= CUE_CHARS && (c == ' ' || c == '，' || c == ',')) || len >= CUE_CHARS * 2 {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out.retain(|p| !p.is_empty());
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn clock(ms: u64) -> String {
    format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace("-->", "--&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_and_pieces() {
        assert_eq!(clock(3_723_004), "01:02:03.004");
        let long = "One sentence that is long enough to stand alone as a cue. ".repeat(4);
        let p = pieces(long.trim());
        assert!(p.len() >= 2 && p.iter().all(|x| x.chars().count() <= CUE_CHARS * 2), "{p:?}");
        assert_eq!(escape("a <b> & c --> d"), "a &lt;b&gt; &amp; c --&gt; d");
    }
}
