//! What a release carries besides the site builder: the version and commit,
//! shell completions, man pages, the workflows and the action (checked by
//! zizmor and the GitHub workflow schemas), and the Pages workflow of `init`.

use std::process::Command;

use super::support::*;
use super::tools;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn stdout(args: &[&str]) -> String {
    let out = wenda(args);
    assert!(out.status.success(), "wenda {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let head = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).current_dir(repo()).output().unwrap();
    let head = String::from_utf8(head.stdout).unwrap();
    assert_eq!(stdout(&["--version"]), format!("wenda {VERSION} (commit {})\n", head.trim()));
}

#[test]
fn completions_load_in_bash_and_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        for command in ["build", "check", "serve", "init", "import"] {
            assert!(script.contains(command), "{shell} completions lack {command}");
        }
    }
    let bash = format!("source <({} completions bash) && complete -p wenda", env!("CARGO_BIN_EXE_wenda"));
    let out = Command::new("bash").args(["-c", &bash]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("-F _wenda"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn man_pages_cover_every_command() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH wenda 1") && page.contains("wenda\\-build(1)"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    stdout(&["man", "--out", dir.path().to_str().unwrap()]);
    for name in ["wenda", "wenda-build", "wenda-check", "wenda-serve", "wenda-init", "wenda-new", "wenda-import"] {
        let text = read(dir.path().join(format!("{name}.1")));
        assert!(text.starts_with(".ie") && text.contains(".SH NAME"), "{name}.1:\n{text}");
    }
    assert!(read(dir.path().join("wenda-build.1")).contains("base\\-url"));
}

#[test]
fn init_writes_a_pages_workflow_that_uses_the_released_action() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(wenda(&["init", site.to_str().unwrap()]).status.success());
    let workflow = read(site.join(".github/workflows/pages.yml"));
    assert!(workflow.contains(&format!("uses: wenda-archive/wenda@v{VERSION}\n")), "{workflow}");
    assert!(workflow.contains(&format!("version: {VERSION}\n")));
    assert!(workflow.contains("base-url: ${{ steps.pages.outputs.base_url }}"));
    assert!(workflow.contains("path: ${{ steps.wenda.outputs.path }}"));
    lint(&site.join(".github/workflows/pages.yml"), "vendor.github-workflows");
}

#[test]
fn workflows_and_the_action_pass_zizmor_and_the_schemas() {
    let workflows = repo().join(".github/workflows");
    for entry in std::fs::read_dir(&workflows).unwrap().map(Result::unwrap) {
        lint(&entry.path(), "vendor.github-workflows");
    }
    lint(&repo().join("action.yml"), "vendor.github-actions");
}

/// zizmor (every persona's findings, offline) and check-jsonschema with
/// GitHub's schema for the file.
fn lint(file: &std::path::Path, schema: &str) {
    let out = tools::command("zizmor")
        .args(["--offline", "--persona", "pedantic", "--no-progress", "--config"])
        .arg(repo().join(".github/zizmor.yml"))
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "zizmor on {}:\n{}{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tools::command("check-jsonschema").args(["--builtin-schema", schema]).arg(file).output().unwrap();
    assert!(out.status.success(), "check-jsonschema on {}:\n{}", file.display(), String::from_utf8_lossy(&out.stdout));
}
