//! Plain text: a page's text as scraped or copied (the title, a header line
//! of date, source and author, the interview, and the page's furniture
//! around it), or a podcast transcript (`Name (00:01:02):` lines).

use super::draft::Draft;
use super::furniture;
use super::header;
use super::qa::Para;
use super::write::escape_markdown;
use super::Failure;

/// Header lines are looked for among the first lines of the page.
const HEADER_LINES: usize = 8;

pub fn read(text: &str, draft: &mut Draft, interviewers: &[String]) -> Result<(), Failure> {
    let paras = paragraphs(text, draft);
    super::read_turns(paras, draft, interviewers)
}

/// The page's paragraphs, one a line, its title and header lines read into
/// `draft` and its furniture dropped.
fn paragraphs(text: &str, draft: &mut Draft) -> Vec<Para> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')).collect();
    draft.lang = Some(header::language_of(text).to_string());
    let mut taken = vec![false; lines.len()];
    // The title: the first line, unless it already is the interview.
    let first = lines.iter().position(|l| !l.is_empty());
    if let Some(i) =
        first.filter(|&i| header::facts(lines[i]).is_none() && crate::content::turns::label(lines[i]).is_none_or(|_| is_title(lines[i])))
    {
        draft.title = lines[i].to_string();
        taken[i] = true;
    }
    for i in first.unwrap_or(0)..lines.len().min(first.unwrap_or(0) + HEADER_LINES) {
        if taken[i] {
            continue;
        }
        if let Some(facts) = header::facts(lines[i]) {
            header::apply(facts, draft);
            taken[i] = true;
        } else if let Some(d) = header::parse_date(lines[i], header::default_offset(draft)).filter(|_| lines[i].chars().count() <= 80) {
            if draft.date.is_none() {
                header::set_date(draft, d);
            }
            // `The Long Loop, episode 42 · March 12, 2024`: the show is the source.
            let show = lines[i].split([',', '·', '|']).next().unwrap_or("").trim();
            if draft.source.is_none() && lines[i].to_lowercase().contains("episode") && !show.to_lowercase().contains("episode") {
                draft.source = Some((show.to_string(), None));
            }
            taken[i] = true;
        } else if ["Transcript", "TRANSCRIPT", "文字实录", "文字稿"].contains(&lines[i]) {
            taken[i] = true;
        }
    }
    let kinds = furniture::classify(&lines);
    let mut paras = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut run_kind = None;
    for (i, line) in lines.iter().enumerate() {
        let kind = if taken[i] { None } else { kinds[i] };
        if kind != run_kind && !run.is_empty() {
            draft.drop_block(run_kind.unwrap_or_default(), &run);
            run.clear();
        }
        run_kind = kind;
        if kind.is_some() {
            if !line.is_empty() {
                run.push(line);
            }
            continue;
        }
        if !taken[i] && !line.is_empty() {
            paras.push(Para::plain(escape_markdown(&tidy(line))));
        }
    }
    if let Some(kind) = run_kind.filter(|_| !run.is_empty()) {
        draft.drop_block(kind, &run);
    }
    paras
}

/// A first line that has a colon may still be the title (`专访王晓航:大模型…`):
/// when it names no speaker's turn but the title's subject.
fn is_title(line: &str) -> bool {
    header::interviewee_in_title(line).is_some() || !line.ends_with(['。', '.', '?', '？'])
}

/// Spaces that copying leaves around Chinese punctuation (`能力 、机器人`).
pub fn tidy(line: &str) -> String {
    const MARKS: &[char] = &['、', '，', '。', '；', '：', '！', '？', '」', '』', '）', '》'];
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && (chars.get(i + 1).is_some_and(|n| MARKS.contains(n)) || (i > 0 && MARKS.contains(&chars[i - 1]))) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_around_chinese_punctuation_go() {
        assert_eq!(tidy("自动驾驶能力 、机器人能力"), "自动驾驶能力、机器人能力");
        assert_eq!(tidy("Agent tools, and more"), "Agent tools, and more");
    }
}
