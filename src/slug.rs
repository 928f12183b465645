//! Readable URL slugs: `[a-z0-9-]` only, with Chinese transliterated to pinyin
//! (`王晓航` → `wang-xiaohang`) and other scripts folded to ASCII by deunicode.
//! Nothing a slug function returns can contain `/`, `.` or `..`, so no slug can
//! name a path outside the output folder.

use pinyin::ToPinyin;

/// Chinese compound surnames: the two characters form one word in a name slug.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "尉迟", "公孙", "长孙", "宇文", "轩辕", "端木", "南宫",
    "西门",
];

/// Slug of free text (titles, questions): one word per Chinese syllable.
pub(crate) fn slugify(text: &str) -> String {
    words(text, usize::MAX)
}

/// The slug of `text` cut to at most `max` bytes at a word boundary, without
/// transliterating more of the text than the cut keeps (questions are long).
pub(crate) fn slugify_within(text: &str, max: usize) -> String {
    let slug = words(text, max);
    truncate(&slug, max).to_string()
}

/// The slug's words joined by `-`, stopping once the slug is longer than
/// `limit` bytes (what [`truncate`] to `limit` keeps is then decided).
fn words(text: &str, limit: usize) -> String {
    let mut out = String::new();
    let mut current = String::new();
    for ch in text.chars() {
        if out.len() > limit {
            break;
        }
        if let Some(py) = ch.to_pinyin() {
            flush(&mut current, &mut out);
            push_word(&mut out, &ascii_pinyin(py.plain()));
        } else {
            push_folded(ch, &mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push('-');
    }
    out.push_str(word);
}

/// Slug of a person's name. A name written in Chinese characters gives the
/// surname and the given name as two words, as pinyin is written
/// (`王晓航` → `wang-xiaohang`, `欧阳修` → `ouyang-xiu`).
pub(crate) fn person_slug(name: &str) -> String {
    let name = name.trim();
    let all_han = !name.is_empty() && name.chars().all(|c| c.to_pinyin().is_some());
    if !all_han || name.chars().count() < 2 {
        return slugify(name);
    }
    let surname_len = if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) && name.chars().count() > 2 { 2 } else { 1 };
    let (surname, given): (String, String) = (name.chars().take(surname_len).collect(), name.chars().skip(surname_len).collect());
    format!("{}-{}", joined_pinyin(&surname), joined_pinyin(&given))
}

/// Cut a slug to at most `max` bytes at a word boundary.
fn truncate(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    let mut max = max;
    while !slug.is_char_boundary(max) {
        max -= 1;
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(i) if i > 0 => &cut[..i],
        _ => cut,
    }
}

/// True for a slug a writer may give by hand: non-empty `[a-z0-9-]`.
pub(crate) fn is_valid(slug: &str) -> bool {
    !slug.is_empty() && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn joined_pinyin(han: &str) -> String {
    han.chars().filter_map(|c| c.to_pinyin()).map(|p| ascii_pinyin(p.plain())).collect()
}

/// Pinyin in ASCII: ü is written v, as on keyboards (绿 → lv).
fn ascii_pinyin(syllable: &str) -> String {
    syllable.replace('ü', "v")
}

fn push_folded(ch: char, current: &mut String, out: &mut String) {
    if ch.is_ascii_alphanumeric() {
        current.push(ch.to_ascii_lowercase());
        return;
    }
    if ch.is_ascii() {
        flush(current, out);
        return;
    }
    let folded = deunicode::deunicode_char(ch).unwrap_or("");
    for f in folded.chars() {
        push_folded(f, current, out);
    }
}

fn flush(current: &mut String, out: &mut String) {
    if !current.is_empty() {
        push_word(out, current);
        current.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_chinese_names() {
        assert_eq!(person_slug("王晓航"), "wang-xiaohang");
        assert_eq!(person_slug("李宜坤"), "li-yikun");
        assert_eq!(person_slug("欧阳修"), "ouyang-xiu");
        assert_eq!(person_slug("Melissa Heikkilä"), "melissa-heikkila");
    }

    #[test]
    fn slugs_mixed_text() {
        assert_eq!(slugify("如何看待OpenAI增长放缓?"), "ru-he-kan-dai-openai-zeng-zhang-fang-huan");
        assert_eq!(slugify("../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("效率"), "xiao-lv");
        assert!(slugify("女").bytes().all(|b| b.is_ascii_lowercase()));
    }

    #[test]
    fn truncates_at_word_boundary() {
        assert_eq!(truncate("ab-cd-ef", 6), "ab-cd");
        assert_eq!(truncate("ab", 6), "ab");
    }

    #[test]
    fn slugify_within_equals_truncating_the_whole_slug() {
        let texts = [
            "如何看待OpenAI增长放缓?",
            "ab cd ef gh",
            "abcdefgh",
            "监管沙盒与金融大模型的落地：你怎么看数据安全",
            "Hello, World! 你好 ünïcode",
        ];
        for text in texts {
            for max in 0..60 {
                assert_eq!(slugify_within(text, max), truncate(&slugify(text), max), "{text} at {max}");
            }
        }
    }
}
