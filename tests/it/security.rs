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
