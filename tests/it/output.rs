//! The site as a whole: which pages exist, their URLs under the base path,
//! drafts, pagination, and that output is deterministic and contained.

use super::support::*;

#[test]
fn drafts_and_future_interviews_are_left_out_unless_asked() {
    let site = site_from(&fixtures().join("good"));
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert!(!public.join("interviews/draft").exists());
    assert!(!public.join("interviews/future").exists());
    assert!(!read(public.join("archive/index.html")).contains("From the future"));

    build_ok(site.path(), &["--drafts"]);
    assert!(public.join("interviews/draft/index.html").exists());
    assert!(public.join("interviews/future/index.html").exists());
}

#[test]
fn base_url_path_prefixes_every_link_and_can_be_overridden() {
    let site = site_from(&fixtures().join("good"));
    build_ok(site.path(), &["--base-url", "https://preview.example.net/pr-7"]);
    let home = read(site.path().join("public/index.html"));
    assert!(home.contains(r#"<link rel="stylesheet" href="/pr-7/style."#), "{home}");
    assert!(home.contains(r#"href="/pr-7/interviews/ada-park/""#));
    assert!(home.contains(r#"<link rel="canonical" href="https://preview.example.net/pr-7/">"#));
    for (path, bytes) in tree(&site.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        if path.extension().is_some_and(|e| e == "html") {
            assert!(!text.contains("href=\"/archive/"), "{} keeps the old base path", path.display());
        }
    }
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = site_from(&fixtures().join("good"));
    let a = site.path().join("a");
    let b = site.path().join("b");
    build_ok(site.path(), &["--output", a.to_str().unwrap()]);
    build_ok(site.path(), &["--output", b.to_str().unwrap()]);
    assert_eq!(tree(&a), tree(&b));
}

/// A rebuild keeps the files whose bytes did not change as they were (the same
/// file, so its modification time too, which deploy tools compare), and writes
/// the ones that changed anew.
#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_rewrites_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = site_from(&fixtures().join("good"));
    let public = site.path().join("public");
    let inode = |rel: &str| std::fs::metadata(public.join(rel)).unwrap().ino();
    build_ok(site.path(), &[]);
    let (ada, wang, css) = ("interviews/ada-park/index.html", "interviews/wang-xiaohang/index.html", "robots.txt");
    let before = [inode(ada), inode(wang), inode(css)];

    build_ok(site.path(), &[]);
    assert_eq!([inode(ada), inode(wang), inode(css)], before, "nothing changed, so every file is kept");

    let file = site.path().join("content/interviews/2024-05-01-ada-park.md");
    std::fs::write(&file, read(&file).replace("Ada Park: Nothing else.", "Ada Park: Nothing else, really.")).unwrap();
    build_ok(site.path(), &[]);
    assert_ne!(inode(ada), before[0], "the edited interview's page is written anew");
    assert!(read(public.join(ada)).contains("Nothing else, really."));
    assert_eq!(inode(wang), before[1], "an untouched interview's page is kept");
    let fresh = tempfile::tempdir().unwrap();
    build_ok(site.path(), &["--output", fresh.path().join("p").to_str().unwrap()]);
    assert_eq!(tree(&public), tree(&fresh.path().join("p")), "a rebuild gives what a clean build gives");
}

#[test]
fn every_page_family_is_written() {
    let site = site_from(&fixtures().join("good"));
    let out = build_ok(site.path(), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with("wenda: built ") && first.contains(" pages ") && first.ends_with(" s"), "{stdout}");
    // What a build leaves out is said, not dropped silently.
    assert_eq!(stdout.lines().nth(1), Some("wenda: left out 1 draft and 1 interview dated in the future (--drafts includes them)"));
    let public = site.path().join("public");
    for page in [
        "index.html",
        "404.html",
        "topics/index.html",
        "topics/agents/index.html",
        "topics/regulation/index.html",
        "people/index.html",
        "people/ada-park/index.html",
        "people/wang-xiaohang/index.html",
        "people/li-yikun/index.html",
        "archive/index.html",
        "atom.xml",
        "topics/agents/atom.xml",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(public.join(page).is_file(), "missing {page}");
    }
    let home = read(public.join("index.html"));
    for asset in ["style", "syntax"] {
        let start = home.find(&format!("href=\"/archive/{asset}.")).unwrap_or_else(|| panic!("no {asset} link"));
        let href = &home[start + 6..];
        let href = &href[..href.find('"').unwrap()];
        let name = href.trim_start_matches("/archive/");
        assert!(name.len() == asset.len() + 13 && name.ends_with(".css"), "{name} has no content hash");
        assert!(public.join(name).is_file(), "{name} not written");
    }
    let archive = read(public.join("archive/index.html"));
    assert!(archive.contains("May 2024") && archive.contains("March 2024"));
    assert!(archive.find("May 2024") < archive.find("March 2024"), "newest month first");
}

#[test]
fn listings_are_paginated() {
    let mut files = Vec::new();
    for i in 0..5 {
        files.push((
            format!("content/interviews/2024-01-0{}-x{i}.md", i + 1),
            format!("---\ntitle: \"T{i}\"\ndate: 2024-01-0{}\ninterviewees:\n  - name: Ada Park\ntopics: [agents]\n---\n\nQ: Agent question {i}?\n\nAda Park: Answer {i}.\n", i + 1),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = site_with(&refs);
    configure(site.path(), "paginate_by = 2");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    for page in [
        "topics/agents/page/2/index.html",
        "topics/agents/page/3/index.html",
        "people/ada-park/page/3/index.html",
        "archive/page/3/index.html",
    ] {
        assert!(public.join(page).is_file(), "missing {page}");
    }
    assert!(!public.join("topics/agents/page/4").exists());
    let p2 = read(public.join("topics/agents/page/2/index.html"));
    assert!(p2.contains(r#"<a rel="prev" href="/archive/topics/agents/">"#), "{p2}");
    assert!(p2.contains(r#"<a rel="next" href="/archive/topics/agents/page/3/">"#));
    assert_eq!(p2.matches("class=\"card\"").count(), 2);
}

#[test]
fn refuses_an_output_folder_that_holds_the_site() {
    let site = site_from(&fixtures().join("good"));
    let out = wenda(&["build", "--root", site.path().to_str().unwrap(), "--output", site.path().join("content").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("would replace the site's own files"));
    assert!(site.path().join("content/interviews/2024-05-01-ada-park.md").is_file());
}

#[test]
fn site_templates_override_the_theme() {
    let site = site_from(&fixtures().join("good"));
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Custom missing page</h1>{% endblock main %}",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/robots-note.txt"), "hello").unwrap();
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert!(read(public.join("404.html")).contains("<h1>Custom missing page</h1>"));
    assert!(read(public.join("index.html")).contains("class=\"hero\""), "other templates stay default");
    assert_eq!(read(public.join("robots-note.txt")), "hello");
}
