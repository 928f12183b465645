//! A saved HTML page. The page's chrome that news sites share (menus,
//! footers, share bars, related links, comments, ads, scripts) is cut first
//! and reported; dom_smoothie (a port of Mozilla's Readability, chosen over
//! the `readability` crate, which dropped short answers and lists in our
//! comparison and pulls a second HTML parser) finds the article in what is
//! left; htmd turns it into Markdown; the Q&A reader finds the turns. Title,
//! date, byline and outlet come from `<meta>`, JSON-LD and the page's text.

use dom_query::Document;
use dom_smoothie::{Config, Readability};
use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown};
use serde_json::Value;

use super::draft::{Draft, Person};
use super::header::{self, split_names};
use super::{post, read_turns, take_tags, Failure, Site};

/// What each kind of chrome is called in the report, and how pages mark it.
const CHROME: &[(&str, &str)] = &[
    ("scripts", "script, style, noscript, template"),
    ("navigation", "nav, header nav, [role=navigation], .breadcrumb, [class*=breadcrumb], [class*=menu], [id*=menu]"),
    ("footers", "footer, [role=contentinfo], [class*=footer], [id*=footer]"),
    ("share bars", "[class*=share], [id*=share], [class*=social]"),
    ("reader comments", "[class*=comment], [id*=comment], #respond"),
    ("related links", "[class*=related], [id*=related], [class*=relNews], [class*=recommend], [class*=more-stories]"),
    ("ads", "[class*=advert], [id^=ad_], [id^=ad-], .ad, .ads, [class*=ad-slot], [class*=sponsor], ins.adsbygoogle"),
    ("banners and forms", "form, [class*=cookie], [id*=cookie], [class*=newsletter], [class*=subscribe], [class*=signup], aside"),
];

pub fn read(html: &str, draft: &mut Draft, interviewers: &[String], site: &Site) -> Result<(), Failure> {
    let doc = Document::from(html);
    let meta = Meta::of(&doc);
    let page_text = doc.select("body").text().to_string();
    draft.lang = meta.lang.clone().or_else(|| Some(header::language_of(&page_text).to_string()));
    for (kind, selector) in CHROME {
        let found = doc.select(selector);
        let texts: Vec<String> =
            found.iter().map(|s| s.text().split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty()).collect();
        let lines: Vec<&str> = texts.iter().map(String::as_str).collect();
        if *kind == "scripts" {
            let n = found.length();
            if n > 0 {
                draft.dropped.push(super::draft::Dropped {
                    kind: kind.to_string(),
                    lines: n,
                    chars: lines.iter().map(|l| l.len()).sum(),
                    first_words: String::new(),
                });
            }
        } else {
            draft.drop_block(kind, &lines);
        }
        found.remove();
    }
    let mut readability = Readability::with_document(doc, meta.url.as_deref(), Some(Config::default()))
        .map_err(|e| Failure::Unreadable(format!("the page could not be read: {e}")))?;
    let article = readability.parse().map_err(|_| Failure::NoInterview)?;

    let title = meta.title.clone().unwrap_or_else(|| without_site(&article.title, meta.site.as_deref()));
    // `<title>` often adds the column and the site (`标题_要闻_某某网`); the `<h1>` does not.
    draft.title = match &meta.h1 {
        Some(h1) if title.starts_with(h1.as_str()) => h1.clone(),
        _ => title,
    };
    let offset = header::default_offset(draft);
    let date = meta
        .published
        .clone()
        .or_else(|| article.published_time.as_ref().map(|t| t.to_string()))
        .and_then(|d| header::parse_date(&d, offset))
        .or_else(|| date_in_text(&page_text, offset));
    if let Some(d) = date {
        header::set_date(draft, d);
    }
    let stated_source = || {
        page_text.lines().map(str::trim).filter(|l| l.chars().count() <= 120).find_map(|l| {
            let at = ["来源：", "来源:", "Source:"].iter().find_map(|k| l.find(k).map(|i| i + k.len()))?;
            let value: String = l[at..].trim_start().chars().take_while(|c| !c.is_whitespace() && *c != '|').collect();
            (!value.is_empty()).then_some(value)
        })
    };
    if let Some(site_name) = meta.site.clone().or_else(|| article.site_name.as_ref().map(|s| s.to_string())).or_else(stated_source) {
        draft.source = Some((site_name, meta.url.clone()));
    }
    let byline = meta.author.clone().or_else(|| article.byline.as_ref().map(|b| b.to_string()));
    if let Some(byline) = byline {
        for name in byline_names(&byline) {
            draft.interviewers.push(Person::named(name));
        }
        if !draft.interviewers.is_empty() {
            draft.check("interviewer", "the page's byline, taken to be the interviewer");
        }
    }
    if let Some(description) = meta.description.clone() {
        draft.summary = Some(description);
    }
    take_tags(draft, "keywords", &meta.keywords, site);

    let markdown = HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "iframe", "form", "noscript", "button"])
        .add_handler(vec!["strong", "b"], cjk_safe_strong)
        .build()
        .convert(&article.content)
        .map_err(|e| Failure::Unreadable(format!("its article could not be turned into Markdown: {e}")))?;
    let markdown: String = markdown.lines().map(|l| l.trim_matches(|c: char| c.is_whitespace())).collect::<Vec<_>>().join("\n");
    let mut paras = post::paragraphs(&markdown, draft);
    // The article's own title, repeated as its first heading.
    if paras.first().is_some_and(|p| p.text.trim_start_matches('#').trim() == draft.title) {
        paras.remove(0);
    }
    read_turns(paras, draft, interviewers)
}

/// What a page says of itself in `<head>` and in JSON-LD.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    site: Option<String>,
    published: Option<String>,
    author: Option<String>,
    description: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    keywords: Vec<String>,
    h1: Option<String>,
}

impl Meta {
    fn of(doc: &Document) -> Meta {
        let content = |selector: &str| {
            doc.select(selector).iter().find_map(|s| s.attr("content").map(|c| c.trim().to_string()).filter(|c| !c.is_empty()))
        };
        let mut meta = Meta {
            title: content("meta[property='og:title']").or_else(|| content("meta[name='twitter:title']")),
            site: content("meta[property='og:site_name']").or_else(|| content("meta[name='application-name']")),
            published: content("meta[property='article:published_time']")
                .or_else(|| content("meta[name='pubdate']"))
                .or_else(|| content("meta[name='publishdate']"))
                .or_else(|| content("meta[itemprop='datePublished']")),
            author: content("meta[name='author']")
                .or_else(|| content("meta[property='article:author']"))
                .filter(|a| !a.starts_with("http")),
            description: content("meta[property='og:description']").or_else(|| content("meta[name='description']")),
            url: doc
                .select("link[rel='canonical']")
                .attr("href")
                .map(|h| h.to_string())
                .or_else(|| content("meta[property='og:url']"))
                .filter(|u| u.starts_with("http")),
            lang: doc.select("html").attr("lang").map(|l| l.to_string()).filter(|l| !l.is_empty()),
            keywords: Vec::new(),
            h1: Some(doc.select("h1").first().text().split_whitespace().collect::<Vec<_>>().join(" ")).filter(|h| !h.is_empty()),
        };
        let tags: Vec<String> =
            doc.select("meta[property='article:tag']").iter().filter_map(|s| s.attr("content").map(|c| c.to_string())).collect();
        meta.keywords = if tags.is_empty() {
            content("meta[name='keywords']")
                .map(|k| k.split([',', '，', ';']).map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect())
                .unwrap_or_default()
        } else {
            tags
        };
        for script in doc.select("script[type='application/ld+json']").iter() {
            if let Ok(value) = serde_json::from_str::<Value>(&script.text()) {
                meta.read_json_ld(&value);
            }
        }
        meta
    }

    /// Fill what is still open from an article object of JSON-LD, which may
    /// sit in a list or an `@graph`.
    fn read_json_ld(&mut self, value: &Value) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.read_json_ld(v)),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    self.read_json_ld(graph);
                }
                let kind = map.get("@type").map(|t| t.to_string()).unwrap_or_default();
                if !kind.contains("Article") && !kind.contains("Posting") && !kind.contains("Interview") {
                    return;
                }
                let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
                self.title = self.title.take().or_else(|| text(map.get("headline")));
                self.published = self.published.take().or_else(|| text(map.get("datePublished")));
                self.description = self.description.take().or_else(|| text(map.get("description")));
                if self.author.is_none() {
                    self.author = match map.get("author") {
                        Some(Value::Array(list)) => {
                            let names: Vec<String> = list.iter().filter_map(|a| text(a.get("name")).or_else(|| text(Some(a)))).collect();
                            (!names.is_empty()).then(|| names.join(", "))
                        }
                        Some(one) => text(one.get("name")).or_else(|| text(Some(one))),
                        None => None,
                    };
                }
                if self.site.is_none() {
                    self.site = map.get("publisher").and_then(|p| text(p.get("name")));
                }
            }
            _ => {}
        }
    }
}

/// The names in a byline: `By Rachel Kim Sept. 5, 2024` → Rachel Kim,
/// `记者 孙悦` → 孙悦.
fn byline_names(byline: &str) -> Vec<String> {
    const MONTHS: &[&str] =
        &["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Updated", "Published"];
    let text = byline.trim();
    let text = text.strip_prefix("By ").or_else(|| text.strip_prefix("by ")).unwrap_or(text);
    let text = text.trim_start_matches("记者").trim_start_matches(['：', ':', ' ']);
    split_names(text)
        .into_iter()
        .filter_map(|part| {
            if part.chars().all(|c| crate::content::reading::is_cjk(c) || c == '·') {
                return (part.chars().count() <= 6).then_some(part);
            }
            let words: Vec<&str> = part
                .split_whitespace()
                .take_while(|w| {
                    w.starts_with(char::is_uppercase) && !MONTHS.iter().any(|m| w.trim_end_matches('.').eq_ignore_ascii_case(m))
                })
                .collect();
            (!words.is_empty() && words.len() <= 4).then(|| words.join(" "))
        })
        .collect()
}

/// `Title - Site`, `Title_Site`, `Title | Site` → `Title`.
fn without_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else { return title.trim().to_string() };
    for sep in [" - ", " | ", " – ", " — ", "_", "｜", "|"] {
        if let Some(head) = title.strip_suffix(site).and_then(|t| t.trim_end().strip_suffix(sep.trim())) {
            return head.trim().to_string();
        }
    }
    title.trim().to_string()
}

/// The first date a line of the page's text shows (old portals print it in a
/// `<span>` their markup does not name).
fn date_in_text(text: &str, offset: &str) -> Option<header::Dated> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && l.chars().count() <= 60).find_map(|l| header::parse_date(l, offset))
}

/// `**记者：**问` is not bold to CommonMark (its closing `**` follows
/// punctuation and precedes a letter); `**记者**：问` is.
fn cjk_safe_strong(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let mut result = handlers.fallback(element)?;
    for mark in ["**", "*"] {
        if let Some(inner) = result.content.strip_prefix(mark).and_then(|s| s.strip_suffix(mark)) {
            let kept = inner.trim_end_matches(['：', ':', '，', ',', '、', '；', ';']);
            if !kept.is_empty() && kept.len() != inner.len() {
                result.content = format!("{mark}{kept}{mark}{}", &inner[kept.len()..]);
            }
            break;
        }
    }
    Some(result)
}
