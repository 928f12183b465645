//! What a page never carries, whatever its content says: links that run
//! script, and (in Chromium) anything a strict Content-Security-Policy blocks.

use super::support::*;

#[test]
fn script_and_data_links_are_left_out_with_their_text_kept() {
    let site = site_from(&fixtures().join("warn/unsafe-links"));
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let interview = read(public.join("interviews/pasted/index.html"));
    let person = read(public.join("people/grace-okafor/index.html"));
    for (name, page) in [("interview", &interview), ("person", &person)] {
        let lower = page.to_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:text", "java\tscript"] {
            assert!(!lower.contains(scheme), "the {name} page keeps a {scheme} link:\n{page}");
        }
    }
    assert!(interview.contains("Share this: Weibo · WeChat"), "{interview}");
    assert!(interview.contains("The draft is here and"));
    assert!(interview.contains(r#"<a href="https://example.org/announcement">the announcement</a>"#));
    assert!(interview.contains("a tracking pixel Nothing more."));
    assert!(person.contains("Policy lead. Profile."), "{person}");
    assert!(person.contains("https://example.org/grace"));
}

/// What a Content-Security-Policy of `default-src 'self'` (no
/// 'unsafe-inline') would block, read off every page: inline style
/// attributes and elements, inline scripts (JSON-LD is data, not script) and
/// event-handler attributes. Chromium runs the pages under that policy in
/// tests/web/archive.mjs.
#[test]
fn no_page_needs_unsafe_inline() {
    let site = site_from(&fixtures().join("good"));
    std::fs::write(
        site.path().join("content/interviews/aligned.md"),
        "---\ntitle: Aligned\ndate: 2024-01-01\ninterviewees:\n  - name: Ada Park\n---\n\nQ: Which?\n\nAda Park: These.\n\n| left | centre | right |\n|:-----|:------:|------:|\n| a | b | c |\n\n<p style=\"color: red\" onclick=\"alert(1)\">raw</p>\n",
    )
    .unwrap();
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let aligned = read(public.join("interviews/aligned/index.html"));
    assert!(
        aligned.contains(r#"<th class="align-center">centre</th>"#) && aligned.contains(r#"<td class="align-right">c</td>"#),
        "{aligned}"
    );
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&public).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = read(entry.path());
        let doc = dom_query::Document::from(html.as_str());
        let page = entry.path().display();
        assert!(doc.select("[style], style").is_empty(), "{page} has inline style");
        for script in doc.select("script").nodes() {
            let data = script.attr("type").is_some_and(|t| t.as_ref() == "application/ld+json");
            assert!(script.has_attr("src") || data, "{page} has an inline script: {}", script.html());
        }
        for node in doc.select("*").nodes() {
            for attr in node.attrs() {
                assert!(!attr.name.local.starts_with("on"), "{page} has an event handler: {}", node.html());
            }
        }
    }
    assert!(pages > 10);
}
