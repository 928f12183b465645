//! Subtitles of a recorded interview: WebVTT (speakers in voice tags, `<v
//! Lena Park>`) and SRT (speakers as `NAME:` at a cue's start). Each cue
//! without a speaker continues the one before; consecutive cues of one
//! speaker become one turn that starts at the first cue's time.

use super::draft::Draft;
use super::header;
use super::qa::{self, hms, Known, Para};
use super::write::escape_markdown;
use super::Failure;
use crate::content::turns;

/// One cue: when it starts, who speaks (when it says) and its text.
#[derive(Debug, PartialEq, Eq)]
struct Cue {
    start: u64,
    voice: Option<String>,
    text: String,
}

pub fn read_vtt(text: &str, draft: &mut Draft, interviewers: &[String]) -> Result<(), Failure> {
    let mut blocks = text.split("\n\n").map(|b| b.trim_matches('\n')).filter(|b| !b.trim().is_empty());
    let head = blocks.next().unwrap_or_default();
    let Some(title) = head.lines().next().and_then(|l| l.trim_start_matches('\u{feff}').strip_prefix("WEBVTT")) else {
        return Err(Failure::Unreadable("it does not start with WEBVTT, so it is no WebVTT file".into()));
    };
    let title = title.trim().trim_start_matches(['-', ' ', '\t']).trim();
    if !title.is_empty() {
        draft.title = title.to_string();
    }
    let mut cues = Vec::new();
    for block in blocks {
        let first = block.lines().next().unwrap_or_default();
        if first.starts_with("NOTE") {
            // Notes hold what an archive wrote about the recording.
            for line in block.lines().skip(1).chain([first.trim_start_matches("NOTE").trim()]) {
                if let Some(facts) = header::facts(line) {
                    header::apply(facts, draft);
                }
            }
            continue;
        }
        if first.starts_with("STYLE") || first.starts_with("REGION") {
            continue;
        }
        if let Some(cue) = cue(block, ".") {
            cues.push(cue);
        }
    }
    turns_of(cues, draft, interviewers)
}

pub fn read_srt(text: &str, draft: &mut Draft, interviewers: &[String]) -> Result<(), Failure> {
    let cues: Vec<Cue> = text.split("\n\n").filter_map(|b| cue(b.trim_matches('\n'), ",")).collect();
    if cues.is_empty() {
        return Err(Failure::Unreadable("it holds no subtitle cues (`00:00:01,000 --> 00:00:04,000`)".into()));
    }
    turns_of(cues, draft, interviewers)
}

/// A cue block: an optional identifier, the timing line, the text.
fn cue(block: &str, fraction: &str) -> Option<Cue> {
    let mut lines = block.lines();
    let mut timing = lines.next()?;
    if !timing.contains("-->") {
        timing = lines.next()?;
    }
    let (from, _) = timing.split_once("-->")?;
    let start = time(from.trim(), fraction)?;
    let payload: Vec<&str> = lines.collect();
    let raw = payload.join("\n");
    let voice = voice(&raw);
    let text = strip_tags(&raw).split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Cue { start, voice, text })
}

/// `00:01:02.500` (WebVTT; hours optional) or `00:01:02,500` (SRT), in milliseconds.
fn time(text: &str, fraction: &str) -> Option<u64> {
    let (whole, ms) = text.split_once(fraction).unwrap_or((text, "0"));
    let parts: Vec<u64> = whole.split(':').map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
    let seconds = match parts[..] {
        [m, s] => m * 60 + s,
        [h, m, s] => (h * 60 + m) * 60 + s,
        _ => return None,
    };
    Some(seconds * 1000 + format!("{ms:0<3}").get(..3)?.parse::<u64>().ok()?)
}

/// `<v Lena Park>`, `<v.loud Walter Brandt>`: the voice's name.
fn voice(payload: &str) -> Option<String> {
    let at = payload.find("<v")?;
    let rest = &payload[at + 2..];
    if !rest.starts_with([' ', '.', '\t']) {
        return None;
    }
    let end = rest.find('>')?;
    let inner = &rest[..end];
    // The classes come first, the name after the first space.
    let name = inner.split_once([' ', '\t']).map(|(_, n)| n.trim())?;
    (!name.is_empty()).then(|| name.to_string())
}

/// The text of a cue without its markup: voice, class, italic and
/// timestamp tags, and the entities WebVTT escapes.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&lrm;", "").replace("&rlm;", "")
}

/// Cues as labelled paragraphs (`Name (00:00:01): text`), read as turns.
fn turns_of(cues: Vec<Cue>, draft: &mut Draft, interviewers: &[String]) -> Result<(), Failure> {
    let mut voices: Vec<String> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut current: Option<String> = None;
    for cue in cues {
        let (speaker, text) = match &cue.voice {
            Some(v) => (Some(v.clone()), cue.text.clone()),
            None => match turns::label(&cue.text).filter(|l| !l.alone && turns::role_word(l.name).is_none() && is_speaker_label(l.name)) {
                Some(l) => (Some(l.name.to_string()), cue.text[l.text_at..].trim().to_string()),
                None => (None, cue.text.clone()),
            },
        };
        if text.is_empty() {
            continue;
        }
        match speaker {
            Some(name) if current.as_ref() != Some(&name) => {
                if cue.voice.is_some() && !voices.contains(&name) {
                    voices.push(name.clone());
                }
                paras.push(Para::plain(format!("{name} ({}): {}", hms(cue.start), escape_markdown(&text))));
                current = Some(name);
            }
            _ => match paras.last_mut() {
                // Consecutive cues of one speaker: one paragraph.
                Some(last) if current.is_some() => {
                    last.text.push(' ');
                    last.text.push_str(&escape_markdown(&text));
                }
                _ => paras.push(Para::plain(escape_markdown(&text))),
            },
        }
    }
    if draft.lang.is_none() {
        let all: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        draft.lang = Some(header::language_of(&all.join(" ")).to_string());
    }
    let hint = header::interviewee_in_title(&draft.title).or_else(|| draft.interviewees.first().map(|p| p.name.clone()));
    let known = Known { interviewers: interviewers.to_vec(), hint, speakers: voices };
    if qa::read(paras, draft, &known) {
        Ok(())
    } else {
        Err(Failure::NoInterview)
    }
}

/// A cue's `NAME:` that names a speaker: a name in capitals or capitalised
/// words, not the start of a sentence.
fn is_speaker_label(label: &str) -> bool {
    let words = label.split_whitespace().count();
    (1..=4).contains(&words) && label.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
        || turns::looks_like_a_speaker(label, false, false, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_voices() {
        assert_eq!(time("00:01:02.500", "."), Some(62_500));
        assert_eq!(time("01:02.5", "."), Some(62_500));
        assert_eq!(time("00:00:16,000", ","), Some(16_000));
        assert_eq!(voice("<v.loud Walter Brandt>It was loud."), Some("Walter Brandt".into()));
        assert_eq!(voice("<v Lena Park>Hello</v>"), Some("Lena Park".into()));
        assert_eq!(strip_tags("<v Ada>So <i>laughs</i> &amp; more</v>"), "So laughs & more");
    }

    #[test]
    fn consecutive_cues_of_one_speaker_are_one_turn() {
        let vtt = "WEBVTT - Ada on agents\n\n00:00:01.000 --> 00:00:02.000\n<v Dana Cole>Why agents?\n\n00:00:02.000 --> 00:00:04.000\n<v Ada Okafor>Because they read.\n\n00:00:04.000 --> 00:00:06.000\n<v Ada Okafor>And then act.\n\n00:00:06.000 --> 00:00:07.000\n<v Dana Cole>When?\n\n00:00:07.000 --> 00:00:08.000\n<v Ada Okafor>Soon.\n";
        let mut draft = Draft::default();
        read_vtt(vtt, &mut draft, &[]).unwrap();
        assert_eq!((draft.questions(), draft.answers()), (2, 2));
        let answer = draft.turns().nth(1).unwrap();
        assert_eq!(answer.paragraphs, vec!["Because they read. And then act.".to_string()]);
        assert_eq!(answer.time.as_deref(), Some("00:00:02"));
        assert_eq!(draft.interviewers[0].name, "Dana Cole");
    }
}
