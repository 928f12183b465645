//! What the interview page makes of the content format (fixture `good`).

use super::support::*;

fn built() -> (tempfile::TempDir, String, String) {
    let site = site_from(&fixtures().join("good"));
    build_ok(site.path(), &[]);
    let en = read(site.path().join("public/interviews/ada-park/index.html"));
    let zh = read(site.path().join("public/interviews/wang-xiaohang/index.html"));
    (site, en, zh)
}

#[test]
fn bold_and_plain_question_labels_open_questions() {
    let (_s, en, zh) = built();
    assert!(en.contains(r#"<div class="turn question" id="q-what-is-an-agent-really">"#));
    assert!(en.contains("<p>What is an agent, really?</p>"), "label must be stripped");
    assert!(en.contains("<p><strong>Will regulators care about multimodal models?</strong></p>"));
    assert!(en.contains("<p>What about <del>nothing</del> something else?</p>"));
    assert!(zh.contains(r#"id="q-duo-mo-tai-shu-ju-cong-na-li-lai""#));
    assert!(zh.contains("<p>多模态数据从哪里来?</p>"));
}

#[test]
fn answer_label_means_the_sole_interviewee_and_continues_over_paragraphs() {
    let (_s, _en, zh) = built();
    let answer = zh.split(r#"id="q-jian-guan-hui-zen-yang-a""#).nth(1).expect("answer anchor");
    let answer = answer.split("</div>\n        </div>").next().unwrap();
    assert!(answer.contains("王晓航"), "{answer}");
    assert!(answer.contains("<p>监管要跟上。</p>") && answer.contains("<p>继续回答的一段。</p>"), "{answer}");
}

#[test]
fn topic_suffix_tags_question_and_is_removed() {
    let (_s, en, _) = built();
    assert!(!en.contains("{topics"));
    let q = en.split(r#"id="q-will-regulators-care-about-multimodal""#).nth(1).unwrap();
    let chips = &q[..q.find("</ul>").unwrap()];
    assert!(chips.contains("chip-multimodality") && chips.contains("chip-regulation") && !chips.contains("chip-agents"), "{chips}");
}

#[test]
fn keyword_rule_tags_untagged_questions() {
    let (_s, en, zh) = built();
    let q = en.split(r#"id="q-what-is-an-agent-really""#).nth(1).unwrap();
    assert!(q[..q.find("</ul>").unwrap()].contains("chip-agents"));
    let q = zh.split(r#"id="q-jian-guan-hui-zen-yang""#).nth(1).unwrap();
    assert!(q[..q.find("</ul>").unwrap()].contains("chip-regulation"));
}

#[test]
fn code_is_highlighted_with_classes_and_tables_footnotes_strikethrough_render() {
    let (_s, en, _) = built();
    // Only the classes syntax.css can match are written (not `z-function z-rust`).
    assert!(en.contains(r#"<span class="z-storage z-type">fn</span>"#), "{en}");
    assert!(!en.contains("z-rust"));
    assert!(!en.contains("style="));
    assert!(en.contains("<table>") && en.contains("<del>nothing</del>"));
    assert!(en.contains(r##"<a href="#fn-1" id="fnref-1""##) && en.contains(r#"<li id="fn-1">"#));
}

#[test]
fn only_pages_with_highlighted_code_load_its_stylesheet() {
    let (_s, en, zh) = built();
    // Its colours are for code: a page without any saves the request and the bytes.
    assert!(en.contains("/archive/syntax."), "ada-park has a Rust block");
    assert!(!zh.contains("/archive/syntax."), "wang-xiaohang has no code");
    assert!(zh.contains("/archive/style."));
}

#[test]
fn content_links_become_page_urls_with_anchor() {
    let (_s, en, _) = built();
    assert!(en.contains(r##"href="/archive/interviews/wang-xiaohang/#q-duo-mo-tai-shu-ju-cong-na-li-lai""##));
}

#[test]
fn raw_html_is_sanitized_and_front_matter_is_escaped() {
    let (_s, en, _) = built();
    assert!(!en.contains("<script>"), "script survived");
    assert!(en.contains("<em>kept emphasis</em>"));
    assert!(en.contains("Ada Park on agents &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(en.contains("Chief Scientist, &lt;b&gt;Acme&lt;/b&gt;"));
}

#[test]
fn raw_html_is_kept_when_the_site_opts_out() {
    let site = site_from(&fixtures().join("good"));
    configure(site.path(), "unsafe_html = true");
    build_ok(site.path(), &[]);
    let en = read(site.path().join("public/interviews/ada-park/index.html"));
    assert!(en.contains("<script>alert(\"xss\")</script>"));
}

#[test]
fn interview_page_shows_header_lang_and_reading_time() {
    let (_s, en, zh) = built();
    assert!(en.contains(r#"<html lang="en">"#));
    assert!(zh.contains(r#"<html lang="zh-CN">"#));
    assert!(en.contains("1 May 2024") && en.contains("min read"));
    // Each version's labels and dates follow its own language; the site's chrome, the site's.
    assert!(zh.contains("2024年3月1日") && zh.contains("发布于"), "dates and labels follow the interview's language");
    assert!(zh.contains(r#"<a href="/archive/topics/">Topics</a>"#), "the navigation stays in the site's language");
    assert!(en.contains(r#"<a href="https://example.com/ada" rel="external">Example Weekly</a>"#));
    assert!(en.contains(r#"<a href="/archive/people/ben-thompson/">Ben Thompson</a>"#));
}
