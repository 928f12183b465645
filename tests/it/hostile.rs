//! Hostile content: inputs no writer means, which a build must survive all
//! the same. Each ends in a message or a normal build, in bounded time
//! (`wenda_bounded` fails the test when a build does not end) and bounded
//! memory (the build runs under an address-space limit), never a crash.

use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use super::support::*;

const LIMIT: Duration = Duration::from_secs(180);

fn build(site: &Path) -> (Output, String) {
    let root = site.to_str().unwrap();
    let (out, _) = wenda_bounded(&["build", "--root", root, "--no-cache"], LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr).replace(root, "<site>");
    (out, stderr)
}

fn page(site: &Path, slug: &str) -> String {
    read(site.join(format!("public/interviews/{slug}/index.html")))
}

#[test]
fn a_fifty_megabyte_interview_builds() {
    let answer = "Well, we went down to the mill that morning and the foreman told us the line was closed again. ".repeat(11);
    let text = interview("Long", &format!("**Q:** and then?\n\nBen Okoro: {answer}\n\n").repeat(47_000));
    assert!(text.len() > 50_000_000, "{} bytes", text.len());
    let site = site_with(&[("content/interviews/long.md", &text)]);
    drop(text);
    let (out, stderr) = build(site.path());
    assert!(out.status.success(), "{stderr}");
    let html = page(site.path(), "long");
    assert!(html.contains("id=\"q-and-then-47000\"") && !html.contains("id=\"q-and-then-47001\""));
}

#[test]
fn a_hundred_thousand_turns_in_one_file_build() {
    let text = interview("Many", &"**Q:** and then?\n\nBen Okoro: Mm-hmm.\n\n".repeat(100_000));
    let site = site_with(&[("content/interviews/many.md", &text)]);
    let (out, stderr) = build(site.path());
    assert!(out.status.success(), "{stderr}");
    let html = page(site.path(), "many");
    assert!(html.contains("id=\"q-and-then\""));
    assert!(html.contains("id=\"q-and-then-100000-a\"") && !html.contains("id=\"q-and-then-100001\""));
}

/// Markdown nests as deep as it is written: nothing recurses per level.
#[test]
fn ten_thousand_nested_lists_and_quotes_build() {
    let body = format!("Q: How deep?\n\nBen Okoro: This deep:\n\n{}list\n\n{} quote\n", "- ".repeat(10_000), ">".repeat(10_000));
    let site = site_with(&[("content/interviews/deep.md", &interview("Deep", &body))]);
    let (out, stderr) = build(site.path());
    assert!(out.status.success(), "{stderr}");
    let html = page(site.path(), "deep");
    assert_eq!(html.matches("<blockquote>").count(), 10_000);
    assert!(html.matches("<ul>").count() >= 10_000);
}

/// Raw HTML goes through the sanitizer, whose parser slows with depth: past
/// a depth no page needs, it is a located error instead.
#[test]
fn deeply_nested_raw_html_is_a_located_error() {
    let body = format!(
        "Q: How deep?\n\nBen Okoro: This deep:\n\n{} <b>quote</b>\n\nQ: And this?\n\nBen Okoro: {}x\n",
        ">".repeat(10_000),
        "<div>".repeat(100_000)
    );
    let site = site_with(&[("content/interviews/deep.md", &interview("Deep", &body))]);
    let (out, stderr) = build(site.path());
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let sentence = "the raw HTML here, with the lists and quotes around it, nests more than 128 elements inside each other or puts more than 128 things where a browser must move them, more than wenda checks: close each tag inside the one around it, or nest less";
    assert_eq!(
        stderr,
        format!(
            "content/interviews/deep.md:13:10002: {sentence}\ncontent/interviews/deep.md:17:12: {sentence}\nerror: 2 problems found; nothing was written\n"
        )
    );
}

/// Links are followed, to files and folders; one back to a folder around it
/// is named, not walked forever.
#[test]
fn a_symlink_loop_under_content_is_named_and_not_followed() {
    let site = site_with(&[("elsewhere/linked.md", &interview("Linked", "Q: Linked?\n\nBen Okoro: Yes.\n"))]);
    let content = site.path().join("content");
    std::fs::create_dir_all(content.join("archive")).unwrap();
    std::os::unix::fs::symlink("..", content.join("archive/loop")).unwrap();
    std::os::unix::fs::symlink("../../elsewhere/linked.md", content.join("archive/linked.md")).unwrap();
    let (out, stderr) = build(site.path());
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "content/archive/loop:1:1: the symbolic link leads back to content, a folder it is in, so wenda does not follow it: remove the link or point it elsewhere\nerror: 1 problem found; nothing was written\n"
    );
    std::fs::remove_file(content.join("archive/loop")).unwrap();
    let (out, stderr) = build(site.path());
    assert!(out.status.success(), "{stderr}");
    assert!(page(site.path(), "linked").contains("Linked?"));
}

/// A file named, then gone before it is read (a link to nothing stands for
/// it; `source.rs` deletes one between the two), is named with why.
#[test]
fn a_file_gone_before_it_is_read_is_named() {
    let site = site_with(&[("content/interviews/here.md", &interview("Here", "Q: Here?\n\nBen Okoro: Yes.\n"))]);
    std::os::unix::fs::symlink("/nonexistent/gone.md", site.path().join("content/interviews/gone.md")).unwrap();
    // An editor's lock file is such a link too, and is passed over.
    std::os::unix::fs::symlink("ann@host.1234", site.path().join("content/interviews/.#here.md")).unwrap();
    let (out, stderr) = build(site.path());
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "content/interviews/gone.md:1:1: cannot read the file: No such file or directory (os error 2)\nerror: 1 problem found; nothing was written\n"
    );
}

/// Linux allows any byte but `/` in a name: the build reads such files,
/// writes their pages inside the output, and names them on one line.
#[test]
fn names_with_newlines_or_bytes_that_are_not_utf8_stay_inside_the_output() {
    let site = site_with(&[]);
    let dir = site.path().join("content/interviews");
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9 ..\n.md"));
    std::fs::write(&latin1, interview("Latin-1", "Q: Café?\n\nBen Okoro: Oui.\n")).unwrap();
    let newline = dir.join("new\nline.md");
    std::fs::write(&newline, interview("Newline", "Q: Where?\n\nBen Okoro: Here.\n")).unwrap();
    std::fs::write(dir.join("../..\n.md"), "not an interview, and hidden").unwrap();
    std::fs::write(dir.join("x\n..\n..\n.md"), interview("Dots", "Q: Up?\n\nBen Okoro: No.\n")).unwrap();

    // A problem in such a file is one line, its name escaped.
    let broken = std::fs::read_to_string(&newline).unwrap().replace("date: 2024-01-01", "date: someday");
    std::fs::write(&newline, broken).unwrap();
    let (out, stderr) = build(site.path());
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("content/interviews/new\\nline.md:3:1: the date \"someday\" is not a date"), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");

    std::fs::write(&newline, interview("Newline", "Q: Where?\n\nBen Okoro: Here.\n")).unwrap();
    let (out, stderr) = build(site.path());
    assert!(out.status.success(), "{stderr}");
    assert!(page(site.path(), "new-line").contains("Here."));
    assert!(page(site.path(), "caf").contains("Oui."));
    assert!(page(site.path(), "x").contains("Up?"));
    // Nothing was written beside the site's own files but the output.
    let outside: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !["content", "public", "site.toml", ".public.wenda-lock"].contains(&n.as_str()))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
    for (path, _) in tree(&site.path().join("public")) {
        assert!(!path.to_string_lossy().contains('\n') && !path.components().any(|c| c.as_os_str() == ".."), "{path:?}");
    }
}

/// A billion laughs: anchors whose aliases expand to 9⁹ strings. The YAML
/// reader stops expanding them at a bound, and the build says where they
/// start; lists nested past the reader's depth are refused before it reads.
#[test]
fn a_yaml_bomb_is_a_located_error_in_bounded_time_and_memory() {
    let mut yaml = String::from("extra:\n  a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
        yaml.push_str(&format!("  {name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
    }
    let bomb = interview("Bomb", "Q: Read?\n\nBen Okoro: No.\n").replacen("---\n", &format!("---\n{yaml}"), 1);
    let deep = interview("Deep", "Q: Read?\n\nBen Okoro: No.\n").replacen(
        "---\n",
        &format!("---\nextra: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        1,
    );
    let site = site_with(&[("content/interviews/bomb.md", &bomb), ("content/interviews/deep.md", &deep)]);
    let (out, stderr) = build(site.path());
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "content/interviews/bomb.md:4:10: the front matter's aliases (*name) repeat their anchors' values more often than wenda reads: write the values out, or use fewer aliases\n\
         content/interviews/deep.md:2:136: the front matter opens more than 128 lists or maps inside each other, more than wenda reads: nest less\n\
         error: 2 problems found; nothing was written\n"
    );
}
