//! Page furniture in scraped text: what surrounds an interview on a news
//! page and is not part of it. Each line gets the kind of furniture it is, or
//! none; the import drops those and says so.

use crate::content::turns;

/// The kind of furniture each line is, `None` for the page's own text.
pub fn classify(lines: &[&str]) -> Vec<Option<&'static str>> {
    let mut kinds: Vec<Option<&'static str>> = lines.iter().map(|l| line_kind(l)).collect();
    // A short line that recurs three times or more is a widget's, not the text's.
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    for l in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty() && l.chars().count() <= 40) {
        *seen.entry(l).or_default() += 1;
    }
    for (i, l) in lines.iter().enumerate() {
        if kinds[i].is_none() && seen.get(l.trim()).is_some_and(|n| *n >= 3) && turns::label(l.trim()).is_none() {
            kinds[i] = Some("repeated lines");
        }
    }
    // Reader comments run from their heading to the end of the page, once
    // the interview's questions are over (a comment may quote an answer).
    if let Some(start) = lines.iter().position(|l| is_comments_heading(l)) {
        let question_after =
            lines[start + 1..].iter().any(|l| turns::label(l.trim()).is_some_and(|l| turns::role_word(l.name) == Some(true)));
        if !question_after {
            for k in &mut kinds[start..] {
                *k = Some("reader comments");
            }
        }
    }
    // A video or download widget: its records and what sits between them.
    let marks: Vec<usize> = (0..lines.len()).filter(|&i| kinds[i] == Some("download block")).collect();
    for pair in marks.windows(2) {
        if pair[1] - pair[0] <= 4 {
            for k in &mut kinds[pair[0]..pair[1]] {
                if k.is_none() || *k == Some("repeated lines") {
                    *k = Some("download block");
                }
            }
        }
    }
    kinds
}

fn line_kind(line: &str) -> Option<&'static str> {
    let l = line.trim();
    if l.is_empty() {
        return None;
    }
    if is_link_list(l) {
        return Some("link lists");
    }
    if is_navigation(l) {
        return Some("navigation");
    }
    if DOWNLOAD_WORDS.iter().any(|w| l.contains(w)) || is_file_size(l) {
        return Some("download block");
    }
    if NOTICES.iter().any(|n| l.starts_with(n)) || NOTICE_WORDS.iter().any(|w| l.contains(w)) {
        return Some("reading notices");
    }
    None
}

/// `【澳门…】 【新澳…】 【2024…】`: three or more bracketed links, and
/// little else.
fn is_link_list(l: &str) -> bool {
    let items = l.matches('【').count().max(l.matches('[').count());
    let bracketed: usize =
        l.split(['【', '[']).skip(1).filter_map(|p| p.split_once(['】', ']']).map(|(inside, _)| inside.chars().count() + 2)).sum();
    let total = l.chars().filter(|c| !c.is_whitespace()).count();
    items >= 3 && bracketed * 10 >= total * 6
}

/// `首页 | 新闻 | 财经 | 科技`, `首页 > 科技 > 正文`: short items between bars.
fn is_navigation(l: &str) -> bool {
    for sep in ['|', '｜', '>', '›', '»', '·'] {
        let items: Vec<&str> = l.split(sep).map(str::trim).collect();
        if items.len() >= 4 && items.iter().all(|i| !i.is_empty() && i.chars().count() <= 10 && !i.contains([':', '：'])) {
            return true;
        }
    }
    false
}

/// `大小: 5.3GB 下载:(200199)`.
fn is_file_size(l: &str) -> bool {
    let Some(rest) = l.strip_prefix("大小").or_else(|| l.strip_prefix("Size")) else { return false };
    let rest = rest.trim_start_matches([':', '：', ' ']);
    rest.starts_with(|c: char| c.is_ascii_digit()) && ["GB", "MB", "KB"].iter().any(|u| rest.contains(u))
}

/// Lines that open a notice of the page, not of the interview.
const NOTICES: &[&str] = &[
    "阅读提醒",
    "阅读提示",
    "温馨提示",
    "免责声明",
    "版权声明",
    "特别声明",
    "本文来源",
    "原标题",
    "扫码",
    "扫描二维码",
    "关注我们",
    "分享到",
    "打开APP",
    "返回搜狐",
    "查看更多",
    "点击查看",
    "点击进入",
    "推荐阅读",
    "相关阅读",
    "相关新闻",
    "热门推荐",
    "Advertisement",
    "ADVERTISEMENT",
    "Sign up for",
    "Subscribe to",
    "Share this",
    "Read more:",
    "Related:",
    "Copyright ©",
    "©",
];
const NOTICE_WORDS: &[&str] = &["min read", "分钟阅读"];
const DOWNLOAD_WORDS: &[&str] = &["防盗链", "下载中心", "视频封面", "视频名称", "下载视频", "最后更新:", "最后更新："];

/// `评论`, `打开APP查看76条评论`, `12 Comments`, `Leave a Reply`.
fn is_comments_heading(line: &str) -> bool {
    let l = line.trim();
    const HEADINGS: &[&str] = &[
        "评论",
        "网友评论",
        "热门评论",
        "最新评论",
        "全部评论",
        "精彩评论",
        "发表评论",
        "Comments",
        "Comment",
        "Leave a comment",
        "Leave a Reply",
        "Join the discussion",
        "Reader comments",
    ];
    if HEADINGS.iter().any(|h| l.eq_ignore_ascii_case(h)) {
        return true;
    }
    let digits_then = |s: &str, suffix: &str| {
        s.strip_suffix(suffix).is_some_and(|n| {
            let n = n.trim().trim_start_matches("打开APP").trim_start_matches("查看").trim();
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
        })
    };
    digits_then(l, "条评论") || digits_then(l, "Comments") || digits_then(l, "comments")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_furniture() {
        let lines = [
            "【澳门内部最准资料澳门】 【新澳门今晚开特马结果查询】 【2024正版资料大全】",
            "首页 | 新闻 | 财经 | 科技",
            "问:为什么?",
            "王晓航:因为。",
            "下载中心",
            "视频封面",
            "视频名称:某视频",
            "大小: 5.3GB 下载:(200199) 语言: 中文字幕",
            "下载视频 (注:防盗链已开启)",
            "视频封面",
            "评论",
            "乙叶",
            "王晓航:五年前,很少有人预料到。",
        ];
        let kinds = classify(&lines);
        assert_eq!(kinds[0], Some("link lists"));
        assert_eq!(kinds[1], Some("navigation"));
        assert_eq!((kinds[2], kinds[3]), (None, None));
        assert!(kinds[4..10].iter().all(|k| *k == Some("download block")), "{kinds:?}");
        assert!(kinds[10..].iter().all(|k| *k == Some("reader comments")));
    }

    #[test]
    fn a_comments_word_before_more_questions_is_text() {
        let kinds = classify(&["评论", "问:还有吗?", "答:有。"]);
        assert!(kinds.iter().all(Option::is_none));
    }
}
