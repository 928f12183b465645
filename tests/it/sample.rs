//! The sample archive in the repository root: the seed interview, cleaned.

use std::path::Path;

use super::support::*;

const SEED_SLUG: &str = "wang-xiaohang-2024";

fn build_sample() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    build_ok(&repo(), &["--output", public.to_str().unwrap()]);
    out
}

fn question_anchors(page: &str) -> Vec<String> {
    page.split(r#"<div class="turn question" id=""#).skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
}

#[test]
fn seed_interview_has_fourteen_question_anchors() {
    let out = build_sample();
    let page = read(out.path().join(format!("public/interviews/{SEED_SLUG}/index.html")));
    let anchors = question_anchors(&page);
    assert_eq!(anchors.len(), 14, "{anchors:?}");
    let unique: std::collections::HashSet<_> = anchors.iter().collect();
    assert_eq!(unique.len(), 14);
    for a in &anchors {
        assert!(page.contains(&format!(r##"<a href="#{a}">"##)), "table of questions lacks {a}");
    }
    assert!(page.contains("王晓航") && page.contains("李宜坤") && page.contains("源生如潮"));
    assert!(page.contains("蚂蚁集团副总裁、金融大模型负责人"));
    assert!(page.contains(r#"datetime="2024-11-13T23:15:00+08:00">2024年11月13日"#));
}

#[test]
fn each_topic_lists_a_seed_question_with_a_working_anchor_link() {
    let out = build_sample();
    let public = out.path().join("public");
    let seed = read(public.join(format!("interviews/{SEED_SLUG}/index.html")));
    let anchors = question_anchors(&seed);
    for topic in ["agents", "multimodality", "regulation"] {
        let page = read(public.join(format!("topics/{topic}/index.html")));
        let prefix = format!(r#"href="/archive/interviews/{SEED_SLUG}/#"#);
        let linked: Vec<&str> = page.split(&prefix).skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
        assert!(!linked.is_empty(), "{topic} lists no seed question");
        for anchor in linked {
            assert!(anchors.iter().any(|a| a == anchor), "{topic} links to missing #{anchor}");
        }
    }
    let regulation = read(public.join("topics/regulation/index.html"));
    assert!(regulation.contains("监管"), "the regulation question is listed");
}

#[test]
fn no_spam_of_the_seed_page_reaches_the_site() {
    let out = build_sample();
    let spam = ["澳门", "新澳", "开奖", "六开彩", "管家婆", "特马", "资料大全", "下载中心", "阅读提醒"];
    for (path, bytes) in tree(&out.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        for phrase in spam {
            assert!(!text.contains(phrase), "{} contains {phrase}", path.display());
        }
    }
    // The seed itself does carry the spam, so the test can tell.
    let seed = repo().join("../shared/seeds/000_5df60de5aaee7e66.txt");
    if Path::new(&seed).exists() {
        let seed = read(seed);
        assert!(spam.iter().filter(|p| seed.contains(*p)).count() >= 5);
    }
}

#[test]
fn person_page_groups_answers_by_topic() {
    let out = build_sample();
    let page = read(out.path().join("public/people/wang-xiaohang/index.html"));
    let by_topic = &page[page.find("by-topic-title").expect("answers by topic")..];
    for topic in ["agents", "multimodality", "regulation"] {
        assert!(by_topic.contains(&format!("chip-{topic}")), "no {topic} group");
    }
    assert!(by_topic.contains(&format!("/interviews/{SEED_SLUG}/#q-")));
    let interviewer = read(out.path().join("public/people/li-yikun/index.html"));
    assert_eq!(interviewer.matches("class=\"card\"").count(), 2, "李宜坤 conducted two interviews");
}

#[test]
fn sample_builds_identically_twice() {
    let a = build_sample();
    let b = build_sample();
    assert_eq!(tree(&a.path().join("public")), tree(&b.path().join("public")));
}
