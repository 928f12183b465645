//! The interface's words in the site's language (`zh-CN` or `en`), with any
//! override from `[strings]` in site.toml, and dates written as readers of
//! that language expect.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset};

const ZH: &[(&str, &str)] = &[
    ("nav_home", "首页"),
    ("nav_topics", "话题"),
    ("nav_people", "人物"),
    ("nav_archive", "归档"),
    ("nav_label", "站点导航"),
    ("skip", "跳到正文"),
    ("newest", "最新访谈"),
    ("topics", "话题"),
    ("people", "人物"),
    ("all_people", "全部人物"),
    ("questions", "问题目录"),
    ("interviewer", "采访"),
    ("interviewees", "受访"),
    ("source", "来源"),
    ("published", "发布于"),
    ("reading_time", "约 {n} 分钟读完"),
    ("previous", "较早一篇"),
    ("next", "较新一篇"),
    ("interviews", "访谈"),
    ("qa_tagged", "相关问答"),
    ("answers_by_topic", "按话题的回答"),
    ("interviews_of_person", "参与的访谈"),
    ("gave", "受访"),
    ("conducted", "采访"),
    ("roles", "身份"),
    ("page_n", "第 {n} 页"),
    ("page_of", "第 {n} 页,共 {total} 页"),
    ("pagination", "分页"),
    ("newer_page", "上一页"),
    ("older_page", "下一页"),
    ("not_found", "页面不存在"),
    ("not_found_text", "这个地址没有页面。可以从首页、话题或归档重新找起。"),
    ("footnotes", "注释"),
    ("count_interviews", "{n} 篇访谈"),
    ("count_qa", "{n} 个问答"),
    ("count_answers", "{n} 个回答"),
    ("read_answer", "阅读完整回答"),
    ("topic_tags", "话题标签"),
    ("colon", ":"),
    ("archive_title", "访谈归档"),
    ("topics_intro", "每个话题汇集整个档案中与之相关的问答,直达原文中的那一问。"),
    ("people_intro", "所有受访者与采访者,以及他们的访谈和回答。"),
    ("intro", "导语"),
    ("question_label", "问"),
    ("link_to_question", "这个问题的链接"),
    ("search", "搜索"),
    ("search_placeholder", "搜索问答,如:金融大模型"),
    ("search_button", "搜索"),
    ("search_hint", "在全部访谈的问题和回答中搜索。中文可直接输入词语,无需空格。"),
    ("search_noscript", "搜索需要浏览器启用 JavaScript。也可以从话题、人物和归档页浏览全部访谈。"),
    ("search_none", "没有找到匹配的问答。"),
    ("search_short", "请至少输入两个汉字或一个完整的英文单词。"),
    ("search_count", "找到 {n} 条结果"),
    ("search_more", "显示更多结果"),
    ("search_loading", "正在搜索……"),
    ("recorded", "录制于"),
    ("place", "地点"),
    ("rights", "权利"),
    ("license", "许可"),
    ("identifier", "编号"),
    ("collection", "合集"),
    ("collections", "合集"),
    ("collections_intro", "按项目、系列或捐赠归在一起的访谈。"),
    ("duration", "时长"),
    ("transcriber", "整理"),
    ("language", "语言"),
    ("recording", "录音录像"),
    ("timecode_seek", "从这里播放"),
    ("versions", "其他语言版本"),
    ("in_languages", "语言"),
    ("part_n_of", "第 {n} 篇,共 {total} 篇"),
    ("aliases", "又名"),
    ("born", "生于"),
    ("died", "卒于"),
    ("affiliations", "经历"),
    ("links", "链接"),
    ("biography", "生平"),
    ("count_interviews_one", "{n} 篇访谈"),
    ("count_qa_one", "{n} 个问答"),
    ("count_answers_one", "{n} 个回答"),
    ("list_comma", "、"),
    ("list_and", "、"),
];

const EN: &[(&str, &str)] = &[
    ("nav_home", "Home"),
    ("nav_topics", "Topics"),
    ("nav_people", "People"),
    ("nav_archive", "Archive"),
    ("nav_label", "Site"),
    ("skip", "Skip to content"),
    ("newest", "Latest interviews"),
    ("topics", "Topics"),
    ("people", "People"),
    ("all_people", "All people"),
    ("questions", "Questions"),
    ("interviewer", "Interviewer"),
    ("interviewees", "Interviewee"),
    ("source", "Source"),
    ("published", "Published"),
    ("reading_time", "{n} min read"),
    ("previous", "Older"),
    ("next", "Newer"),
    ("interviews", "Interviews"),
    ("qa_tagged", "Questions and answers"),
    ("answers_by_topic", "Answers by topic"),
    ("interviews_of_person", "Interviews"),
    ("gave", "interviewed"),
    ("conducted", "interviewer"),
    ("roles", "Roles"),
    ("page_n", "Page {n}"),
    ("page_of", "Page {n} of {total}"),
    ("pagination", "Pages"),
    ("newer_page", "Previous page"),
    ("older_page", "Next page"),
    ("not_found", "Page not found"),
    ("not_found_text", "There is no page at this address. Start again from the home page, the topics or the archive."),
    ("footnotes", "Notes"),
    ("count_interviews", "{n} interviews"),
    ("count_qa", "{n} Q&As"),
    ("count_answers", "{n} answers"),
    ("read_answer", "Read the full answer"),
    ("topic_tags", "Topics"),
    ("colon", ": "),
    ("archive_title", "Archive"),
    (
        "topics_intro",
        "Each topic gathers the questions and answers about it from the whole archive, each linked to its place in the interview.",
    ),
    ("people_intro", "Everyone interviewed or interviewing, with their interviews and answers."),
    ("intro", "Introduction"),
    ("question_label", "Q"),
    ("link_to_question", "Link to this question"),
    ("search", "Search"),
    ("search_placeholder", "Search questions and answers"),
    ("search_button", "Search"),
    ("search_hint", "Searches every question and answer of the archive, in English and Chinese."),
    ("search_noscript", "Search needs JavaScript in your browser. The topics, people and archive pages list every interview without it."),
    ("search_none", "No question or answer matches."),
    ("search_short", "Type at least two Chinese characters or one whole word."),
    ("search_count", "{n} results"),
    ("search_more", "Show more results"),
    ("search_loading", "Searching…"),
    ("recorded", "Recorded"),
    ("place", "Place"),
    ("rights", "Rights"),
    ("license", "License"),
    ("identifier", "Identifier"),
    ("collection", "Collection"),
    ("collections", "Collections"),
    ("collections_intro", "Interviews gathered by project, series or donation."),
    ("duration", "Duration"),
    ("transcriber", "Transcribed by"),
    ("language", "Language"),
    ("recording", "Recording"),
    ("timecode_seek", "Play from here"),
    ("versions", "Also in"),
    ("in_languages", "Languages"),
    ("part_n_of", "Part {n} of {total}"),
    ("aliases", "Also known as"),
    ("born", "Born"),
    ("died", "Died"),
    ("affiliations", "Affiliations"),
    ("links", "Links"),
    ("biography", "Biography"),
    ("count_interviews_one", "{n} interview"),
    ("count_qa_one", "{n} Q&A"),
    ("count_answers_one", "{n} answer"),
    ("list_comma", ", "),
    ("list_and", " and "),
];

/// A built-in string of a language, without the site's overrides.
pub(crate) fn built_in(language: &str, key: &str) -> &'static str {
    let table = if language.starts_with("zh") { ZH } else { EN };
    table.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v)
}

/// Interface strings and date style for one language.
#[derive(Debug, Clone)]
pub(crate) struct Strings {
    chinese: bool,
    pub map: BTreeMap<String, String>,
}

impl Strings {
    pub fn new(language: &str, overrides: &BTreeMap<String, String>) -> Strings {
        let chinese = language.starts_with("zh");
        let table = if chinese { ZH } else { EN };
        let mut map: BTreeMap<String, String> = table.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        map.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
        Strings { chinese, map }
    }

    pub fn get(&self, key: &str) -> &str {
        self.map.get(key).map_or("", String::as_str)
    }

    /// `key` with `{n}` replaced; its singular form (`key_one`) for one.
    pub fn count(&self, key: &str, n: usize) -> String {
        let one = format!("{key}_one");
        let form = if n == 1 && self.map.contains_key(&one) { self.get(&one) } else { self.get(key) };
        form.replace("{n}", &n.to_string())
    }

    /// Names joined as the language joins them: `A, B and C`, `甲、乙、丙`.
    pub fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        let mut out = String::new();
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                out.push_str(if k + 1 == items.len() { self.get("list_and") } else { self.get("list_comma") });
            }
            out.push_str(item.as_ref());
        }
        out
    }

    /// An approximate date as this language writes it.
    pub fn approx(&self, date: &crate::content::approx::ApproxDate) -> String {
        date.display(self.chinese, &MONTHS)
    }

    /// 2024年11月13日 or 13 November 2024.
    pub fn date(&self, date: &DateTime<FixedOffset>) -> String {
        if self.chinese {
            format!("{}年{}月{}日", date.year(), date.month(), date.day())
        } else {
            format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
        }
    }

    /// 1975年 or 1975.
    pub fn year(&self, year: i32) -> String {
        if self.chinese {
            format!("{year}年")
        } else {
            year.to_string()
        }
    }

    /// 2024年11月 or November 2024.
    pub fn month(&self, year: i32, month: u32) -> String {
        if self.chinese {
            format!("{year}年{month}月")
        } else {
            format!("{} {year}", MONTHS[(month as usize).saturating_sub(1) % 12])
        }
    }
}

/// A language's name in that language, for language switchers.
pub(crate) fn language_name(code: &str) -> &str {
    match code.split('-').next().unwrap_or(code) {
        "zh" => "中文",
        "en" => "English",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "ja" => "日本語",
        "ko" => "한국어",
        "ru" => "Русский",
        "ar" => "العربية",
        "pt" => "Português",
        _ => code,
    }
}

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_dates_per_language() {
        let d = DateTime::parse_from_rfc3339("2024-11-13T23:15:00+08:00").unwrap();
        assert_eq!(Strings::new("zh-CN", &BTreeMap::new()).date(&d), "2024年11月13日");
        assert_eq!(Strings::new("en", &BTreeMap::new()).date(&d), "13 November 2024");
    }

    #[test]
    fn english_counts_have_singulars_and_lists_have_and() {
        let en = Strings::new("en", &BTreeMap::new());
        assert_eq!(en.count("count_interviews", 1), "1 interview");
        assert_eq!(en.count("count_interviews", 2), "2 interviews");
        assert_eq!(en.list(&["Ruth Delaney", "Tom Acheson"]), "Ruth Delaney and Tom Acheson");
        assert_eq!(en.list(&["A", "B", "C"]), "A, B and C");
        let zh = Strings::new("zh-CN", &BTreeMap::new());
        assert_eq!(zh.list(&["甲", "乙", "丙"]), "甲、乙、丙");
        assert_eq!(zh.count("count_interviews", 1), "1 篇访谈");
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let zh: Vec<_> = ZH.iter().map(|p| p.0).collect();
        let en: Vec<_> = EN.iter().map(|p| p.0).collect();
        assert_eq!(zh, en);
    }
}
