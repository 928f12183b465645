//! Finds the questions and answers in an article's paragraphs, in the shapes
//! interviews are published in:
//!
//! - labelled turns: `问:`/`答:`, `Q:`/`A:`, `记者：`, a speaker's name with a
//!   colon, bold or not (`**王晓航：**`), with a time (`Ada (00:01:02):`);
//! - unlabelled: questions as bold paragraphs or headings that end with a
//!   question mark, each answered by the paragraphs after it;
//! - a panel: each answer followed by its attribution (`— Maria Lopez, professor
//!   of law`).
//!
//! The labels are read by the same code that reads them when the site is
//! built (`content::turns`), so what import finds is what `build` will read.

use std::collections::HashMap;

use super::draft::{Block, Draft, Person, Speaker, Turn};
use crate::content::reading::is_cjk;
use crate::content::turns;

/// What a paragraph of the article is, as far as its markup tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    /// Bold from its first character to its last.
    Bold,
    Heading,
    /// A list, quote, table, figure or code block: never a label.
    Verbatim,
}

/// One paragraph, as Markdown.
#[derive(Debug, Clone)]
pub struct Para {
    pub text: String,
    pub kind: Kind,
}

impl Para {
    pub fn plain(text: impl Into<String>) -> Para {
        Para { text: text.into(), kind: Kind::Plain }
    }
}

/// Read `paras` into `draft.body`, naming the people in `draft`. Returns
/// false when no question and answer were found.
/// Who the input already names, besides the labels: the flagged
/// interviewers, the interviewee a title names, and speakers a format names
/// for certain (a WebVTT voice).
#[derive(Debug, Default)]
pub struct Known {
    pub interviewers: Vec<String>,
    pub hint: Option<String>,
    pub speakers: Vec<String>,
}

impl Known {
    fn names(&self, draft: &Draft) -> Vec<String> {
        let mut names: Vec<String> = self.interviewers.iter().chain(&self.hint).chain(&self.speakers).cloned().collect();
        names.extend(draft.interviewers.iter().chain(&draft.interviewees).map(|p| p.name.clone()));
        names
    }
}

pub fn read(paras: Vec<Para>, draft: &mut Draft, known: &Known) -> bool {
    let labels: Vec<Option<turns::Label>> =
        paras.iter().map(|p| if matches!(p.kind, Kind::Plain | Kind::Bold) { turns::label(&p.text) } else { None }).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in labels.iter().flatten() {
        *counts.entry(l.name).or_default() += 1;
    }
    let names = known.names(draft);
    let is_speaker = |l: &turns::Label| {
        let n = counts[l.name];
        turns::role_word(l.name).is_some()
            || names.iter().any(|k| *k == resolve(l.name, &names))
            || (n >= 2 && turns::looks_like_a_speaker(l.name, l.bold, l.alone, true))
            || (n >= 3 && l.name.split_whitespace().count() <= 3 && l.name.starts_with(|c: char| c.is_uppercase() || is_cjk(c)))
    };
    let speakers: Vec<Option<&turns::Label>> = labels.iter().map(|l| l.as_ref().filter(|l| is_speaker(l))).collect();
    if speakers.iter().flatten().count() >= 2 {
        labelled(&paras, &speakers, draft, known);
    } else {
        unlabelled(&paras, draft, known.hint.as_deref());
    }
    name_roles(draft);
    draft.questions() > 0 && draft.answers() > 0
}

/// The person a label names: a known person by full name or by surname
/// (`HALE` → Marcus Hale, `Dr. Okafor`), else the label itself, in title
/// case when written in capitals (`DR. ADA OKAFOR` → Dr. Ada Okafor).
fn resolve(label: &str, known: &[String]) -> String {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(label) || **k == label) {
        return k.clone();
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if let Some(last) = words.last().filter(|_| words.len() == 1 || (words.len() == 2 && words[0].ends_with('.'))) {
        let hits: Vec<&String> = known
            .iter()
            .filter(|k| k.split_whitespace().count() > 1 && k.split_whitespace().last().is_some_and(|s| s.eq_ignore_ascii_case(last)))
            .collect();
        if let [one] = hits[..] {
            return one.clone();
        }
    }
    let capitals = label.chars().filter(|c| c.is_uppercase()).count() >= 2 && !label.chars().any(char::is_lowercase);
    if !capitals {
        return label.to_string();
    }
    label
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|f| f.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn labelled(paras: &[Para], speakers: &[Option<&turns::Label>], draft: &mut Draft, known: &Known) {
    let names = known.names(draft);
    let who: Vec<Option<String>> =
        speakers.iter().map(|l| l.filter(|l| turns::role_word(l.name).is_none()).map(|l| resolve(l.name, &names))).collect();
    // Who asks: the flagged interviewers; else the interviewers the input
    // names, when they speak; else, when the questions carry no role word,
    // whoever asks the most questions.
    let role_words_ask = speakers.iter().flatten().any(|l| turns::role_word(l.name) == Some(true));
    let mut askers: Vec<String> = known.interviewers.iter().map(|n| resolve(n, &names)).collect();
    if askers.is_empty() {
        askers = draft.interviewers.iter().map(|p| p.name.clone()).filter(|n| who.iter().flatten().any(|w| w == n)).collect();
    }
    if askers.is_empty() && !role_words_ask {
        let mut asked: HashMap<&str, (usize, usize)> = HashMap::new();
        for (i, l) in speakers.iter().enumerate() {
            if let (Some(l), Some(name)) = (l, &who[i]) {
                let entry = asked.entry(name.as_str()).or_default();
                entry.1 += 1;
                if ends_with_question(&turn_text(paras, i, l)) {
                    entry.0 += 1;
                }
            }
        }
        let mut ranked: Vec<(&str, (usize, usize))> = asked.into_iter().collect();
        ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        if let Some((name, (questions, turns))) = ranked.first().filter(|(_, (q, _))| *q > 0) {
            askers.push(name.to_string());
            draft.check("interviewer", format!("{name} asks the most questions ({questions} of {turns} turns)"));
        }
    }
    for name in &askers {
        if !draft.interviewers.iter().any(|p| &p.name == name) {
            draft.interviewers.push(Person::named(name.clone()));
        }
    }
    // Interviewers named by the input who never speak stay; those who do are askers.
    let mut current: Option<Turn> = None;
    let flush = |current: &mut Option<Turn>, body: &mut Vec<Block>| {
        if let Some(turn) = current.take() {
            body.push(Block::Turn(turn));
        }
    };
    let mut body = Vec::new();
    for (i, para) in paras.iter().enumerate() {
        if let Some(l) = speakers[i] {
            let speaker = match (turns::role_word(l.name), &who[i]) {
                (Some(true), _) => Speaker::Asker(None),
                (Some(false), _) => Speaker::Answerer(answerer(draft, l.name, known.hint.as_deref())),
                (None, Some(name)) if askers.contains(name) => Speaker::Asker(Some(name.clone())),
                (None, Some(name)) => Speaker::Answerer(answerer(draft, name, None)),
                (None, None) => Speaker::Answerer(answerer(draft, l.name, None)),
            };
            let text = strip_bold_close(para.text[l.text_at..].trim(), l.bold);
            // Consecutive paragraphs of one named speaker are one turn.
            if let Some(turn) = current.as_mut().filter(|t| t.speaker == speaker && turns::role_word(l.name).is_none()) {
                turn.paragraphs.extend((!text.is_empty()).then_some(text));
                continue;
            }
            flush(&mut current, &mut body);
            let paragraphs = if text.is_empty() { Vec::new() } else { vec![text] };
            current = Some(Turn { speaker, time: l.time.as_ref().map(|t| hms(t.millis)), paragraphs });
        } else if para.kind == Kind::Heading || (para.kind != Kind::Verbatim && is_section_title(paras, speakers, i)) {
            flush(&mut current, &mut body);
            body.push(Block::Heading(unbold(&para.text).to_string()));
        } else if let Some(turn) = current.as_mut() {
            turn.paragraphs.push(para.text.clone());
        } else {
            body.push(Block::Text(para.text.clone()));
        }
    }
    flush(&mut current, &mut body);
    draft.body = body;
}

/// `hh:mm:ss`, whole seconds.
pub fn hms(millis: u64) -> String {
    let s = millis / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The interviewee a label names, added to the draft when new. `答`/`A`
/// name the one interviewee, or one yet to be named.
fn answerer(draft: &mut Draft, label: &str, hint: Option<&str>) -> String {
    if turns::role_word(label) == Some(false) {
        if let Some(one) = draft.sole_interviewee() {
            return one.to_string();
        }
        if let Some(name) = hint.filter(|_| draft.interviewees.is_empty()) {
            draft.interviewees.push(Person::named(name));
            draft.check("interviewees", format!("the answers are labelled {label}:; the title names {name}"));
            return name.to_string();
        }
        let placeholder = if draft.lang.as_deref().is_some_and(|l| l.starts_with("zh")) { "受访者姓名" } else { "Interviewee" };
        if draft.interviewees.is_empty() {
            draft.interviewees.push(Person { name: placeholder.into(), role: None, label: Some(label.into()) });
            draft.check("interviewees", format!("the answers are labelled {label}: and the page names nobody; write the name"));
        }
        return draft.interviewees[0].name.clone();
    }
    if !draft.interviewees.iter().any(|p| p.name == label) {
        draft.interviewees.push(Person::named(label));
    }
    label.to_string()
}

/// The text of the turn a label opens: on its line, or in the paragraph after.
fn turn_text(paras: &[Para], i: usize, l: &turns::Label) -> String {
    let own = paras[i].text[l.text_at..].trim();
    if own.is_empty() {
        paras.get(i + 1).map(|p| p.text.clone()).unwrap_or_default()
    } else {
        own.to_string()
    }
}

fn unlabelled(paras: &[Para], draft: &mut Draft, hint: Option<&str>) {
    let question = |p: &Para| matches!(p.kind, Kind::Bold | Kind::Heading) && ends_with_question(unbold(&p.text));
    if paras.iter().filter(|p| question(p)).count() < 2 {
        draft.body = paras.iter().map(|p| Block::Text(p.text.clone())).collect();
        return;
    }
    let panel = paras.iter().any(|p| attribution(&p.text).is_some());
    let mut body = Vec::new();
    // Paragraphs of the answer not yet attributed (a panel names the speaker after).
    let mut pending: Vec<String> = Vec::new();
    let mut in_answers = false;
    let flush_answer = |pending: &mut Vec<String>, body: &mut Vec<Block>, draft: &mut Draft| {
        if pending.is_empty() {
            return;
        }
        let name = match draft.sole_interviewee() {
            Some(one) => one.to_string(),
            None => answerer(draft, "A", hint),
        };
        body.push(Block::Turn(Turn { speaker: Speaker::Answerer(name), time: None, paragraphs: std::mem::take(pending) }));
    };
    for p in paras {
        if question(p) {
            if !panel {
                flush_answer(&mut pending, &mut body, draft);
            } else if !pending.is_empty() {
                // Text of a panel that nobody signed: it stays, outside the turns.
                body.extend(pending.drain(..).map(Block::Text));
            }
            body.push(Block::Turn(Turn { speaker: Speaker::Asker(None), time: None, paragraphs: vec![unbold(&p.text).to_string()] }));
            in_answers = true;
        } else if p.kind == Kind::Heading || (p.kind == Kind::Bold && in_answers && !panel) {
            flush_answer(&mut pending, &mut body, draft);
            body.extend(pending.drain(..).map(Block::Text));
            body.push(Block::Heading(unbold(&p.text).to_string()));
        } else if let Some((name, role)) = attribution(&p.text).filter(|_| in_answers) {
            if !draft.interviewees.iter().any(|x| x.name == name) {
                draft.interviewees.push(Person { name: name.clone(), role, label: None });
            }
            body.push(Block::Turn(Turn { speaker: Speaker::Answerer(name), time: None, paragraphs: std::mem::take(&mut pending) }));
        } else if in_answers {
            pending.push(p.text.clone());
        } else {
            body.push(Block::Text(p.text.clone()));
        }
    }
    if panel {
        body.extend(pending.drain(..).map(Block::Text));
    } else {
        flush_answer(&mut pending, &mut body, draft);
    }
    draft.body = body;
}

/// `— Maria Lopez, professor of law at X`: the name and the role.
fn attribution(text: &str) -> Option<(String, Option<String>)> {
    let rest = text.trim().strip_prefix(['—', '–', '―', '-'])?.trim_start_matches(['—', '–', '-']).trim();
    let rest = unbold(rest);
    let (name, role) = match rest.split_once(',') {
        Some((n, r)) => (n.trim(), Some(r.trim().trim_end_matches('.').to_string()).filter(|r| !r.is_empty())),
        None => (rest.trim_end_matches('.'), None),
    };
    let name = unbold(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let namelike = (2..=4).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
        || (2..=4).contains(&name.chars().count()) && name.chars().all(is_cjk);
    (namelike && rest.chars().count() <= 200).then(|| (name.to_string(), role))
}

/// A short paragraph between an answer and the next question that reads as
/// a section's title: `一、打造超级生态`, or a line with no closing
/// punctuation.
fn is_section_title(paras: &[Para], speakers: &[Option<&turns::Label>], i: usize) -> bool {
    let text = unbold(paras[i].text.trim());
    let n = text.chars().count();
    if n == 0 || n > 60 || text.ends_with(['。', '.', '!', '?', '！', '？', ':', '：', ';', '；', ',', '，', '…', '"', '”']) {
        return false;
    }
    let numbered = text.trim_start_matches(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']).starts_with(['、', '.', '．'])
        && text.starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']);
    let next_is_question = speakers
        .get(i + 1)
        .copied()
        .flatten()
        .is_some_and(|l| turns::role_word(l.name) == Some(true) || ends_with_question(&paras[i + 1].text));
    let after_question = i > 0
        && speakers[..i].iter().rev().flatten().next().is_some_and(|l| turns::role_word(l.name) == Some(true))
        && speakers[i - 1].is_some_and(|l| turns::role_word(l.name) == Some(true));
    !after_question && (numbered || paras[i].kind == Kind::Bold || next_is_question)
}

fn ends_with_question(text: &str) -> bool {
    let t = unbold(text.trim()).trim_end_matches(['"', '”', '’', ')', '）', ' ']);
    t.ends_with(['?', '？'])
}

/// `**text**` → `text`.
pub fn unbold(text: &str) -> &str {
    let t = text.trim();
    match t.strip_prefix("**").and_then(|t| t.strip_suffix("**")) {
        Some(inner) if !inner.contains("**") => inner.trim(),
        _ => t,
    }
}

/// The text after a bold label may end with the label's own closing `**`
/// when the whole paragraph was bold (`**Q: Why?**`).
fn strip_bold_close(text: &str, bold: bool) -> String {
    if bold && text.ends_with("**") && text.matches("**").count() % 2 == 1 {
        text[..text.len() - 2].trim_end().to_string()
    } else {
        text.to_string()
    }
}

/// Roles stated in the text: a caption or an introduction that names an
/// interviewee with their title (`蚂蚁集团副总裁、金融大模型负责人王晓航`, `Ada
/// Okafor, head of research at X,`). A caption that only says so is dropped.
fn name_roles(draft: &mut Draft) {
    let intro_end = draft.body.iter().position(|b| matches!(b, Block::Turn(_))).unwrap_or(0);
    let mut captions = Vec::new();
    for p in 0..draft.interviewees.len() {
        if draft.interviewees[p].role.is_some() || draft.interviewees[p].label.is_some() {
            continue;
        }
        let name = draft.interviewees[p].name.clone();
        for (i, block) in draft.body[..intro_end].iter().enumerate() {
            let Block::Text(text) = block else { continue };
            if let Some(role) = role_before(text, &name).or_else(|| role_after(text, &name)) {
                if text.trim().chars().count() <= role.chars().count() + name.chars().count() + 2 {
                    captions.push(i);
                }
                draft.interviewees[p].role = Some(role);
                break;
            }
        }
    }
    captions.sort_unstable();
    for i in captions.into_iter().rev() {
        if let Block::Text(text) = draft.body.remove(i) {
            draft.drop_block("photo caption", &[&text]);
        }
    }
}

/// Title words a Chinese role ends with.
const ROLE_ENDINGS: &[&str] = &[
    "负责人",
    "总裁",
    "总经理",
    "经理",
    "董事长",
    "董事",
    "主席",
    "创始人",
    "合伙人",
    "主任",
    "院长",
    "所长",
    "校长",
    "部长",
    "局长",
    "教授",
    "研究员",
    "科学家",
    "总监",
    "官",
    "CEO",
    "CTO",
    "COO",
    "首席",
    "主编",
    "作家",
    "导演",
    "专家",
    "委员",
    "秘书长",
    "会长",
    "馆长",
];

fn role_before(text: &str, name: &str) -> Option<String> {
    for (at, _) in text.match_indices(name) {
        let before = &text[..at];
        let start = before
            .rfind(['，', ',', '。', '：', ':', '；', '“', '”', '（', '(', '\n', ' ', '？', '！', '?', '!', '[', ']', '*', '了'])
            .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let role = before[start.unwrap_or(0)..].trim();
        let n = role.chars().count();
        if (2..=40).contains(&n) && ROLE_ENDINGS.iter().any(|e| role.ends_with(e)) {
            return Some(role.to_string());
        }
    }
    None
}

const ROLE_WORDS_EN: &[&str] = &[
    "professor",
    "director",
    "founder",
    "ceo",
    "cto",
    "head",
    "chief",
    "president",
    "researcher",
    "author",
    "editor",
    "manager",
    "lead",
    "engineer",
    "scientist",
    "officer",
    "chair",
    "partner",
    "fellow",
    "lecturer",
    "historian",
    "curator",
    "analyst",
];

fn role_after(text: &str, name: &str) -> Option<String> {
    // `Ada Okafor, head of research at X,` or `Ada Okafor is head of research at X,`.
    let (at, len) = [format!("{name}, "), format!("{name} is ")].iter().find_map(|p| text.find(p.as_str()).map(|at| (at, p.len())))?;
    let rest = &text[at + len..];
    let rest = ["the ", "a ", "an "].iter().find_map(|a| rest.strip_prefix(a)).unwrap_or(rest);
    let end = rest.find([',', '.', ';', '(', ')']).unwrap_or(rest.len());
    let role = rest[..end].trim();
    let lower = role.to_lowercase();
    let words = role.split_whitespace().count();
    ((1..=12).contains(&words) && lower.split_whitespace().any(|w| ROLE_WORDS_EN.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))))
        .then(|| role.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(texts: &[&str]) -> Vec<Para> {
        texts.iter().map(|t| Para::plain(*t)).collect()
    }

    #[test]
    fn labelled_turns_and_a_section() {
        let mut draft = Draft { lang: Some("zh-CN".into()), ..Draft::default() };
        let found = read(
            paras(&["导语。", "一、第一部分", "问:为什么?", "王晓航:因为。", "还有一段。", "问:然后呢?", "王晓航:就这样。"]),
            &mut draft,
            &Known::default(),
        );
        assert!(found);
        assert_eq!((draft.questions(), draft.answers(), draft.sections()), (2, 2, 1));
        assert_eq!(draft.interviewees, vec![Person::named("王晓航")]);
        let Block::Turn(t) = &draft.body[3] else { panic!("{:?}", draft.body) };
        assert_eq!(t.paragraphs, vec!["因为。".to_string(), "还有一段。".to_string()]);
    }

    #[test]
    fn the_one_who_asks_most_is_the_interviewer() {
        let mut draft = Draft::default();
        read(
            paras(&["Dana Cole: Why now?", "Ada Okafor: Because.", "Dana Cole: And then?", "Ada Okafor: We began."]),
            &mut draft,
            &Known::default(),
        );
        assert_eq!(draft.interviewers, vec![Person::named("Dana Cole")]);
        assert_eq!((draft.questions(), draft.answers()), (2, 2));
    }

    #[test]
    fn a_panel_signs_each_answer_after_it() {
        let mut draft = Draft::default();
        let mut ps = paras(&["Intro.", "", "It is early.", "— Maria Lopez, professor of law at Tulane", "Too early.", "— Sam Oduya, CEO"]);
        ps[1] = Para { text: "**Is regulation coming?**".into(), kind: Kind::Bold };
        ps.push(Para { text: "**And agents?**".into(), kind: Kind::Bold });
        ps.extend(paras(&["Later.", "— Maria Lopez, professor of law at Tulane"]));
        assert!(read(ps, &mut draft, &Known::default()));
        assert_eq!((draft.questions(), draft.answers()), (2, 3));
        assert_eq!(draft.interviewees[0].role.as_deref(), Some("professor of law at Tulane"));
    }

    #[test]
    fn a_caption_gives_the_role_and_is_dropped() {
        let mut draft = Draft::default();
        read(
            paras(&["蚂蚁集团副总裁、金融大模型负责人王晓航", "导语。", "问:为什么?", "王晓航:因为。", "问:然后?", "王晓航:好。"]),
            &mut draft,
            &Known::default(),
        );
        assert_eq!(draft.interviewees[0].role.as_deref(), Some("蚂蚁集团副总裁、金融大模型负责人"));
        assert_eq!(draft.body[0], Block::Text("导语。".into()));
        assert_eq!(draft.dropped[0].kind, "photo caption");
    }
}
