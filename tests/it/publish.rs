//! The built sample site, checked by the tools its readers and hosts use:
//! the Nu HTML Checker, feedparser, xmllint, and a walk of the sitemap.

use std::path::Path;

use super::support::*;
use super::tools;

const BASE: &str = "https://example.org/archive/";

fn built_sample() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo(), &["--output", out.path().join("public").to_str().unwrap()]);
    out
}

fn run_ok(mut cmd: std::process::Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(out.status.success(), "{what} failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let out = built_sample();
    vnu(&out.path().join("public"), "vnu");
    // The fixture with code, tables, footnotes and raw HTML too.
    let site = site_from(&fixtures().join("good"));
    build_ok(site.path(), &[]);
    vnu(&site.path().join("public"), "vnu on the markup fixture");
    // Published transcripts: timecodes, stage directions, labels of every form.
    let transcripts = site_with(&[]);
    for entry in std::fs::read_dir(fixtures().join("transcripts")).unwrap().map(Result::unwrap) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && name != "README.md" {
            std::fs::copy(entry.path(), transcripts.path().join("content/interviews").join(&name)).unwrap();
        }
    }
    build_ok(transcripts.path(), &[]);
    vnu(&transcripts.path().join("public"), "vnu on the transcripts");
}

/// The Nu HTML Checker over every page under `public`.
fn vnu(public: &std::path::Path, what: &str) {
    let mut cmd = tools::command("java");
    cmd.arg("-jar").arg(tools::node_module("vnu-jar/build/dist/vnu.jar")).args(["--errors-only", "--skip-non-html"]).arg(public);
    run_ok(cmd, what);
}

#[test]
fn every_feed_parses_with_feedparser() {
    let out = built_sample();
    let public = out.path().join("public");
    assert!(public.join("atom.xml").is_file() && public.join("topics/regulation/atom.xml").is_file());
    let mut cmd = tools::python_with_feedparser();
    cmd.arg(repo().join("tests/web/feeds.py")).arg(&public).arg(BASE);
    run_ok(cmd, "feedparser");
    let feed = read(public.join("atom.xml"));
    assert!(feed.contains("<updated>2025-03-18T09:30:00+00:00</updated>"));
    assert!(feed.contains("<author><name>李宜坤</name></author>"));
}

#[test]
fn sitemap_is_well_formed_and_every_loc_exists() {
    let out = built_sample();
    let public = out.path().join("public");
    let mut cmd = tools::command("xmllint");
    cmd.arg("--noout").arg(public.join("sitemap.xml"));
    run_ok(cmd, "xmllint");
    let sitemap = read(public.join("sitemap.xml"));
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).map(|s| &s[..s.find("</loc>").unwrap()]).collect();
    assert!(locs.len() >= 15, "{locs:?}");
    for loc in &locs {
        let rel = loc.strip_prefix(BASE).unwrap_or_else(|| panic!("{loc} not under {BASE}"));
        let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
        assert!(public.join(&file).is_file(), "{loc} → {file} missing");
    }
    assert!(!sitemap.contains("404.html"));
    assert_eq!(sitemap.matches("<lastmod>").count(), locs.len());
    assert!(read(public.join("robots.txt")).contains(&format!("Sitemap: {BASE}sitemap.xml")));
}

#[test]
fn every_page_has_canonical_description_and_open_graph() {
    let out = built_sample();
    for (path, bytes) in tree(&out.path().join("public")) {
        if path.extension().is_none_or(|e| e != "html") || path == Path::new("404.html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let url = format!("{BASE}{}", path.to_string_lossy().trim_end_matches("index.html"));
        assert!(html.contains(&format!(r#"<link rel="canonical" href="{url}">"#)), "{}", path.display());
        assert!(html.contains(&format!(r#"<meta property="og:url" content="{url}">"#)), "{}", path.display());
        assert!(html.contains(r#"<meta name="description" content=""#) && html.contains(r#"<meta property="og:title""#));
    }
}

#[test]
fn a_reader_in_chromium_finds_chinese_and_english_answers_and_axe_finds_nothing() {
    let out = built_sample();
    let script = repo().join("tests/web/browser.mjs");
    tools::node_module("playwright-core");
    tools::node_module("axe-core/axe.min.js");
    tools::command("chromium");
    let mut cmd = tools::command("node");
    cmd.arg(script).arg(out.path().join("public")).arg("/archive/");
    run_ok(cmd, "browser test");
}

#[test]
fn search_index_has_shards_and_every_interview_in_compressed_groups() {
    let out = built_sample();
    let search = out.path().join("public/search");
    let meta: serde_json::Value = serde_json::from_str(&read(search.join("meta.json"))).unwrap();
    assert_eq!(meta["docs"], 3);
    let shards = meta["shards"].as_u64().unwrap();
    for n in 0..shards {
        assert!(search.join(format!("index/{n}.bin")).is_file());
    }
    assert_eq!(meta["docs_per_file"], 16);
    // The three documents are one gzip'd group.
    let group = std::fs::read(search.join("docs/0.bin")).unwrap();
    assert_eq!(&group[..2], &[0x1f, 0x8b], "gzip");
    let mut json = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&group[..]), &mut json).unwrap();
    let docs: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(docs.as_array().unwrap().len(), 3);
    assert_eq!(docs[1]["url"], "/archive/interviews/wang-xiaohang-2024/");
    assert_eq!(docs[1]["records"].as_array().unwrap().len(), 14);
    assert!(!search.join("docs/1.bin").exists());
}
