//! `wenda check`: all problems at once, links of the rendered pages walked,
//! nothing written.

use super::support::*;

#[test]
fn sample_site_checks_clean_and_nothing_is_written() {
    let site = site_from(&fixtures().join("good"));
    let out = wenda(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!site.path().join("public").exists());
    let repo_check = wenda(&["check", "--root", repo().to_str().unwrap()]);
    assert!(repo_check.status.success(), "{}", String::from_utf8_lossy(&repo_check.stderr));
}

#[test]
fn broken_site_links_are_found_in_content_and_templates() {
    let site = site_from(&fixtures().join("good"));
    let file = site.path().join("content/interviews/2024-03-01-wang-xiaohang.md");
    let text =
        read(&file).replace("导语一段。", "导语一段,见[话题](/archive/topics/nope/)与[问题](/archive/interviews/ada-park/#q-missing)。");
    std::fs::write(&file, text).unwrap();
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}\n<a href=\"{{ site.base_path }}lost/\">lost</a>{% endblock main %}",
    )
    .unwrap();
    let out = wenda(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/interviews/2024-03-01-wang-xiaohang.md:11:7: the link \"/archive/topics/nope/\" points to topics/nope/index.html, which the site does not have"), "{stderr}");
    assert!(stderr.contains("content/interviews/2024-03-01-wang-xiaohang.md:11:35: the link \"/archive/interviews/ada-park/#q-missing\" names the anchor #q-missing, which interviews/ada-park/index.html does not have"), "{stderr}");
    // The line is that of the rendered page, which follows base.html's layout.
    let lost = stderr.lines().find(|l| l.contains("\"/archive/lost/\"")).expect("template link reported");
    assert!(
        lost.starts_with("404.html (output):") && lost.contains(":10: the link \"/archive/lost/\" points to lost/index.html"),
        "{lost}"
    );
    assert_eq!(stderr.matches("the link").count(), 3, "each problem once: {stderr}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn json_format_lists_every_problem_for_ci() {
    let site = site_from(&fixtures().join("bad/many-errors"));
    let out = wenda(&["check", "--root", site.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
    assert_eq!(report["ok"], false);
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 4, "{report}");
    assert_eq!(problems[0]["file"], "content/interviews/a.md");
    assert_eq!(problems[0]["line"], 6);
}

#[test]
fn check_refuses_what_build_refuses_about_the_output_folder() {
    let site = site_from(&fixtures().join("bad/output-is-root"));
    let root = site.path().to_str().unwrap();
    let out = wenda(&["check", "--root", root]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr).replace(root, "<site>");
    assert_eq!(stderr, "site.toml:4:14: the output folder <site>/. would replace the site's own files; choose another output_dir\nerror: 1 problem found\n");
}
