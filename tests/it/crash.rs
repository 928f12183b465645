//! A build that cannot finish leaves the previous site exactly as it was:
//! another build running, a full disk, a read-only folder, a build killed
//! while it swaps its output in. The disk and folder cases mount a small
//! tmpfs and a read-only bind mount, so they run as root (CI does).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::*;

/// A mount point that is unmounted when the test ends, however it ends.
struct Mount(PathBuf);

impl Mount {
    fn new(at: &Path, args: &[&str]) -> Mount {
        std::fs::create_dir_all(at).unwrap();
        let out = Command::new("mount").args(args).arg(at).output().expect("run mount");
        assert!(out.status.success(), "this test mounts a file system and must run as root: {}", stderr(&out));
        Mount(at.to_path_buf())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Every file under `dir` with its size and a hash of its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, usize, u64)> {
    use std::hash::{Hash, Hasher};
    tree(dir)
        .into_iter()
        .map(|(path, bytes)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (path, bytes.len(), h.finish())
        })
        .collect()
}

/// The entries beside the output folder that a build leaves behind, besides
/// its lock and the previous site kept as the spare.
fn leftovers(parent: &Path) -> Vec<String> {
    let kept = [".public.wenda-lock", ".public.wenda-spare", ".public.wenda-spare.json"];
    let mut names: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.wenda-") && !kept.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

#[test]
fn a_second_build_of_the_same_output_is_refused_while_the_first_runs() {
    let site = site_from(&fixtures().join("good"));
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("public"));
    // The lock a running build holds, taken here as another build would.
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(site.path().join(".public.wenda-lock")).unwrap();
    lock.try_lock().unwrap();
    std::fs::write(
        site.path().join("content/interviews/new.md"),
        "---\ntitle: New\ndate: 2024-01-01\ninterviewees:\n  - name: Ada Park\n---\n\nQ: Now?\n\nAda Park: Yes.\n",
    )
    .unwrap();
    let out = wenda(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("another wenda build is writing this output folder"), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("wait for it to finish, then build again. Nothing was written\n"));
    assert_eq!(snapshot(&site.path().join("public")), before, "the refused build touched the site");
    drop(lock);
    build_ok(site.path(), &[]);
    assert!(site.path().join("public/interviews/new/index.html").is_file());
}

#[test]
fn a_full_disk_keeps_the_previous_site() {
    // Written in place of the files that changed (with the build cache) or
    // into a staging folder (without).
    for cache in [&[][..], &["--no-cache"][..]] {
        let site = site_from(&fixtures().join("good"));
        let scratch = tempfile::tempdir().unwrap();
        let disk = scratch.path().join("disk");
        let _mount = Mount::new(&disk, &["-t", "tmpfs", "-o", "size=4m", "tmpfs"]);
        let public = disk.join("public");
        let mut args = vec!["build", "--root", site.path().to_str().unwrap(), "--output", public.to_str().unwrap()];
        args.extend_from_slice(cache);
        assert!(wenda(&args).status.success());
        let before = snapshot(&public);
        // An interview of 5 MB: its page alone does not fit on the disk.
        let answer = "The looms ran day and night and we ran with them. ".repeat(100_000);
        let long = site.path().join("content/interviews/long.md");
        std::fs::write(
            &long,
            format!("---\ntitle: Long\ndate: 2024-01-01\ninterviewees:\n  - name: Ada Park\n---\n\nQ: How was it?\n\nAda Park: {answer}\n"),
        )
        .unwrap();
        let out = wenda(&args);
        assert_eq!(out.status.code(), Some(1), "{cache:?}: {}", stderr(&out));
        let text = stderr(&out);
        assert!(text.contains("No space left on device") && text.contains("the previous output was kept"), "{cache:?}: {text}");
        assert_eq!(snapshot(&public), before, "{cache:?}: a failed build changed the site");
        assert_eq!(leftovers(&disk), Vec::<String>::new(), "{cache:?}: the failed build left its staging folder");
        std::fs::remove_file(&long).unwrap();
        std::fs::write(
            site.path().join("content/interviews/short.md"),
            "---\ntitle: Short\ndate: 2024-01-01\ninterviewees:\n  - name: Ada Park\n---\n\nQ: And now?\n\nAda Park: It fits.\n",
        )
        .unwrap();
        assert!(wenda(&args).status.success());
        assert!(public.join("interviews/short/index.html").is_file());
    }
}

#[test]
fn a_read_only_folder_keeps_the_previous_site() {
    let site = site_from(&fixtures().join("good"));
    let scratch = tempfile::tempdir().unwrap();
    let writable = scratch.path().join("writable");
    let frozen = scratch.path().join("frozen");
    std::fs::create_dir_all(&writable).unwrap();
    build_ok(site.path(), &["--output", writable.join("public").to_str().unwrap()]);
    let _bind = Mount::new(&frozen, &["--bind", writable.to_str().unwrap()]);
    let _ro = Command::new("mount").args(["-o", "remount,ro,bind"]).arg(&frozen).status().unwrap();
    assert!(std::fs::write(frozen.join("probe"), "x").is_err(), "the bind mount is not read-only");
    let before = snapshot(&frozen.join("public"));
    std::fs::write(
        site.path().join("content/interviews/new.md"),
        "---\ntitle: New\ndate: 2024-01-01\ninterviewees:\n  - name: Ada Park\n---\n\nQ: Now?\n\nAda Park: Yes.\n",
    )
    .unwrap();
    let out = wenda(&["build", "--root", site.path().to_str().unwrap(), "--output", frozen.join("public").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Read-only file system"), "{}", stderr(&out));
    assert_eq!(snapshot(&frozen.join("public")), before);
}

#[test]
fn a_build_killed_while_swapping_is_put_right_by_the_next() {
    let site = site_from(&fixtures().join("good"));
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let before = snapshot(&public);
    // Killed between the two renames of a swap where the folders cannot be
    // exchanged in one step: the site is aside, a half-written one beside it.
    std::fs::rename(&public, site.path().join(".public.wenda-old")).unwrap();
    std::fs::create_dir_all(site.path().join(".public.wenda-new/interviews")).unwrap();
    std::fs::write(site.path().join(".public.wenda-new/index.html"), "half").unwrap();
    let out = wenda(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    build_ok(site.path(), &[]);
    assert_eq!(snapshot(&public), before);
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
}
