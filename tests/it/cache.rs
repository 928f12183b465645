//! The build cache (`.wenda-cache/`): after any edit, a build that reuses it
//! writes exactly what a clean build of the same files writes, and leaves the
//! files whose inputs did not change untouched.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::support::*;

/// What a clean build writes for `site` as it is now (a copy with no cache
/// and no output).
fn clean_build(site: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let copy = tempfile::tempdir().unwrap();
    copy_tree(site, copy.path());
    let _ = std::fs::remove_dir_all(copy.path().join(".wenda-cache"));
    let _ = std::fs::remove_dir_all(copy.path().join("public"));
    build_ok(copy.path(), &[]);
    tree(&copy.path().join("public"))
}

/// Build `site` with its cache, then compare every file with a clean build.
fn build_and_compare(site: &Path, step: &str) {
    build_ok(site, &[]);
    let cached = tree(&site.join("public"));
    let clean = clean_build(site);
    let names = |t: &[(PathBuf, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&cached), names(&clean), "after {step}: not the same files as a clean build");
    for ((path, a), (_, b)) in cached.iter().zip(&clean) {
        assert!(a == b, "after {step}: {} differs from a clean build's", path.display());
    }
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).and_then(|m| m.modified()).unwrap()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_edit_builds_what_a_clean_build_does() {
    let site = super::archive::archive_site();
    let root = site.path();
    let interviews = root.join("content/interviews");
    build_and_compare(root, "the first build");
    assert!(root.join(".wenda-cache/files.bin").is_file(), "the build keeps a cache");

    let untouched = root.join("public/interviews/chen-2019/index.html");
    let before = modified(&untouched);
    std::thread::sleep(std::time::Duration::from_millis(20));
    build_and_compare(root, "a build with nothing changed");
    assert_eq!(modified(&untouched), before, "a page whose inputs did not change is not written again");

    edit(&interviews.join("smith-1978.md"), "schoolteacher\"", "schoolteacher and principal\"");
    build_and_compare(root, "a title changed (the neighbours show it)");
    assert_eq!(modified(&untouched), before, "an edit elsewhere leaves this page alone");

    std::fs::write(
        interviews.join("smith-1978.md"),
        read(interviews.join("smith-1978.md")) + "\nA closing remark added to the transcript.\n",
    )
    .unwrap();
    build_and_compare(root, "a body changed");

    std::fs::write(
        interviews.join("added-2001.md"),
        "---\ntitle: \"Interview with Ada Park\"\ndate: 2001-05-01\ninterviewer: [Ben Thompson]\ninterviewees: [Ada Park]\n---\n\n**Q:** What did the mill sound like?\n\nAda Park: Like rain on a tin roof, all day.\n",
    )
    .unwrap();
    build_and_compare(root, "an interview added");

    std::fs::remove_file(interviews.join("added-2001.md")).unwrap();
    build_and_compare(root, "an interview removed");
    assert!(!root.join("public/interviews/added-2001").exists(), "the removed interview's page is gone");

    let person = root.join("content/people/ruth-delaney.md");
    std::fs::write(&person, read(&person) + "\nShe kept the union hall's minutes for thirty years.\n").unwrap();
    build_and_compare(root, "a person file changed");

    // What an interview page reads of other interviews, changed without
    // changing which files there are or where they are published (which
    // remakes every page): its place in its collection, its versions.
    edit(&interviews.join("delaney-1998.md"), "collection: coal-country", "collection: valley-schools");
    build_and_compare(root, "an interview joined another's collection");
    assert!(read(root.join("public/interviews/smith-1978/index.html")).contains("Part 1 of 2"));
    edit(&interviews.join("chen-2019-en.md"), "lang: en", "lang: fr");
    build_and_compare(root, "a translation's language changed");
    edit(&interviews.join("delaney-1998.md"), "collection: valley-schools", "collection: coal-country");
    edit(&interviews.join("chen-2019-en.md"), "lang: fr", "lang: en");
    build_and_compare(root, "both put back");

    // And with files added, an address changed, a person renamed.
    let part = "---\ntitle: \"The valley schools, part two\"\ndate: 1990-02-01\ninterviewer: [Ben Thompson]\ninterviewees: [Ada Park]\ncollection: valley-schools\norder: 2\n---\n\n**Q:** Which school?\n\nAda Park: The one by the river.\n";
    std::fs::write(interviews.join("schools-part-two.md"), part).unwrap();
    build_and_compare(root, "a collection gained a part");
    let version = "---\ntitle: \"约翰·史密斯口述史访谈\"\ndate: 1978-06-02\ninterviewer: [Ben Thompson]\ninterviewees: [John Smith]\ntranslation_of: smith-1978\nlang: zh-CN\n---\n\n**问：** 您在哪里教书？\n\nJohn Smith：在山谷里的学校。\n";
    std::fs::write(interviews.join("smith-1978-zh.md"), version).unwrap();
    build_and_compare(root, "a translation added");
    edit(&interviews.join("schools-part-two.md"), "title:", "slug: valley-schools-two\ntitle:");
    build_and_compare(root, "an interview's URL changed");
    edit(&person, "name: Ruth Delaney", "name: Ruth C. Delaney");
    build_and_compare(root, "a person renamed in her file");

    std::fs::create_dir_all(root.join("templates")).unwrap();
    let template = read(repo().join("themes/default/templates/interview.html"))
        .replace("<article class=\"interview\">", "<article class=\"interview edited\">");
    std::fs::write(root.join("templates/interview.html"), template).unwrap();
    build_and_compare(root, "a template changed");

    edit(&root.join("site.toml"), "title = \"Valley Voices Oral History Archive\"", "title = \"Valley Voices\"");
    build_and_compare(root, "site.toml changed");

    std::fs::remove_dir_all(root.join(".wenda-cache")).unwrap();
    build_and_compare(root, "the cache deleted");
}

#[test]
fn a_cache_from_another_output_folder_is_not_trusted() {
    let site = site_from(&fixtures().join("good"));
    let root = site.path();
    build_ok(root, &[]);
    // Built elsewhere, then the usual folder again: it is written whole.
    let elsewhere = tempfile::tempdir().unwrap();
    build_ok(root, &["--output", elsewhere.path().join("out").to_str().unwrap()]);
    std::fs::remove_file(root.join("public/index.html")).unwrap();
    build_and_compare(root, "a build into another folder in between");
    // A file removed from the output by hand is written again.
    std::fs::remove_file(root.join("public/interviews/ada-park/index.html")).unwrap();
    build_and_compare(root, "a page removed by hand");
}

#[test]
fn no_cache_builds_the_same_site_and_keeps_nothing() {
    let site = site_from(&fixtures().join("good"));
    let root = site.path();
    build_ok(root, &["--no-cache"]);
    assert!(!root.join(".wenda-cache").exists(), "--no-cache writes no cache");
    let whole = tree(&root.join("public"));
    build_ok(root, &[]);
    assert!(root.join(".wenda-cache/files.bin").is_file());
    assert!(tree(&root.join("public")) == whole, "a build with the cache writes what one without it wrote");
}

/// A build with the cache writes its changes into the previous site kept
/// beside the output (`.public.wenda-spare`), brought level first, and swaps
/// the two: the output folder itself is never written file by file, so a
/// build stopped at any moment leaves one whole site or the other.
#[cfg(unix)]
#[test]
fn a_cached_build_swaps_a_whole_folder_in() {
    use std::os::unix::fs::MetadataExt;
    let site = super::archive::archive_site();
    let root = site.path();
    let (public, spare) = (root.join("public"), root.join(".public.wenda-spare"));
    let page = |dir: &Path| read(dir.join("interviews/smith-1978/index.html"));
    let inode = |dir: &Path| std::fs::metadata(dir).unwrap().ino();
    build_ok(root, &[]);
    assert!(!spare.exists(), "a first build has no previous site to keep");

    let smith = root.join("content/interviews/smith-1978.md");
    let before = inode(&public);
    edit(&smith, "schoolteacher\"", "schoolteacher and principal\"");
    build_and_compare(root, "the first cached build, which makes the spare");
    assert_ne!(inode(&public), before, "the output folder was swapped, not written in");
    assert_eq!(inode(&spare), before, "the previous site is the spare");
    assert!(page(&public).contains("principal") && !page(&spare).contains("principal"));
    // Files that did not change are the same file in both (no disk spent).
    let (a, b) = (public.join("interviews/chen-2019/index.html"), spare.join("interviews/chen-2019/index.html"));
    assert_eq!(std::fs::metadata(&a).unwrap().ino(), std::fs::metadata(&b).unwrap().ino());

    // The next one brings the spare level by its list, and swaps back.
    edit(&smith, "and principal\"", "and headmaster\"");
    build_and_compare(root, "a second cached build");
    assert_eq!(inode(&public), before, "the two folders take turns");
    assert!(page(&spare).contains("principal") && page(&public).contains("headmaster"));
    assert_eq!(read(&b), read(&a), "the shared file was never written through");

    // A build stopped while it brought the spare level leaves no list: the
    // next rebuilds the spare from the output folder.
    std::fs::remove_file(root.join(".public.wenda-spare.json")).unwrap();
    std::fs::remove_file(spare.join("index.html")).unwrap();
    std::fs::write(spare.join("index.html"), "half written").unwrap();
    std::fs::write(spare.join("stray.html"), "left by a stopped build").unwrap();
    edit(&smith, "and headmaster\"", "and principal\"");
    build_and_compare(root, "a build after one stopped while levelling");
}
