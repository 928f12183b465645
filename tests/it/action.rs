//! The GitHub Action (action.yml → scripts/pages-action) run here as a runner
//! would run it: it downloads a release-shaped archive, made by
//! scripts/package from this checkout's binary, from a local HTTP server.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::archive::archive_site;
use super::support::*;

const VERSION: &str = env!("CARGO_PKG_VERSION");
/// What the action downloads on a Linux x86_64 runner.
const TARGET: &str = "x86_64-unknown-linux-musl";
const BASE: &str = "https://example.github.io/oral-history";

/// `<dir>/v<version>/wenda-<version>-<target>.tar.gz` and its `.sha256`, as a
/// GitHub release serves them.
fn release(dir: &Path) -> PathBuf {
    let folder = dir.join(format!("v{VERSION}"));
    let out = Command::new(repo().join("scripts/package"))
        .args(["--target", TARGET, "--bin", env!("CARGO_BIN_EXE_wenda"), "--out"])
        .arg(&folder)
        .output()
        .unwrap();
    assert!(out.status.success(), "scripts/package failed:\n{}", String::from_utf8_lossy(&out.stderr));
    folder.join(format!("wenda-{VERSION}-{TARGET}.tar.gz"))
}

/// Serves the files under `root` on 127.0.0.1 until the test ends; returns
/// its address.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // The rest of the request's head.
            let mut header = String::new();
            while reader.read_line(&mut header).map(|n| n > 2).unwrap_or(false) {
                header.clear();
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/');
            let file = root.join(path);
            let reply = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => {
                    let mut reply = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes();
                    reply.extend(body);
                    reply
                }
                _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            };
            let _ = stream.write_all(&reply);
        }
    });
    format!("http://{addr}")
}

struct Run {
    out: Output,
    github_output: String,
    github_path: String,
}

/// scripts/pages-action with the environment action.yml and the runner give it.
fn run_action(releases: &str, site: &Path, version: &str, temp: &Path) -> Run {
    let github_output = temp.join("github_output");
    let github_path = temp.join("github_path");
    let runner_temp = temp.join("runner");
    std::fs::create_dir_all(&runner_temp).unwrap();
    let out = Command::new(repo().join("scripts/pages-action"))
        .env("WENDA_VERSION", version)
        .env("WENDA_ROOT", site)
        .env("WENDA_ARGS", "")
        .env("WENDA_BASE_URL", BASE)
        .env("WENDA_RELEASES", releases)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_PATH", &github_path)
        .output()
        .unwrap();
    Run {
        out,
        github_output: std::fs::read_to_string(github_output).unwrap_or_default(),
        github_path: std::fs::read_to_string(github_path).unwrap_or_default(),
    }
}

fn log(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn the_action_installs_a_verified_release_and_builds_a_project_site() {
    let temp = tempfile::tempdir().unwrap();
    let archive = release(&temp.path().join("releases"));
    let listing = String::from_utf8(Command::new("tar").arg("-tzf").arg(&archive).output().unwrap().stdout).unwrap();
    let top = format!("wenda-{VERSION}-{TARGET}");
    for file in [
        "wenda",
        "README.md",
        "LICENSE",
        "complete/wenda.bash",
        "complete/_wenda",
        "complete/wenda.fish",
        "complete/_wenda.ps1",
        "doc/wenda.1",
        "doc/wenda-build.1",
    ] {
        assert!(listing.lines().any(|l| l == format!("{top}/{file}")), "the archive lacks {file}:\n{listing}");
    }
    let server = serve(temp.path().join("releases"));

    let site = archive_site();
    let run = run_action(&server, site.path(), VERSION, temp.path());
    let text = log(&run.out);
    assert!(run.out.status.success(), "the action failed:\n{text}");
    assert!(text.contains("matches its SHA-256"), "{text}");
    let public = site.path().join("public").canonicalize().unwrap();
    assert_eq!(run.github_output.trim(), format!("path={}", public.display()));
    assert!(Path::new(run.github_path.trim()).join("wenda").is_file(), "{}", run.github_path);

    // Served under /oral-history/ as GitHub Pages serves a project site:
    // every link and asset of every page must be a file of the site.
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&public).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let page = format!("/oral-history/{}", entry.path().strip_prefix(&public).unwrap().to_str().unwrap());
            for link in links(&read(entry.path())) {
                if let Some(path) = local_path(&page, &link) {
                    assert!(path.starts_with("/oral-history/"), "{page} links to {link}, outside the project site");
                    let file = public.join(path.trim_start_matches("/oral-history/"));
                    let file = if path.ends_with('/') { file.join("index.html") } else { file };
                    assert!(file.is_file(), "{page} links to {link}, which is no file of the site");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} links checked");
}

#[test]
fn the_action_refuses_an_archive_whose_checksum_does_not_match() {
    let temp = tempfile::tempdir().unwrap();
    let archive = release(&temp.path().join("releases"));
    // One byte changed on the way: the .sha256 is the release's, the archive is not.
    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&archive, bytes).unwrap();
    let server = serve(temp.path().join("releases"));

    let site = archive_site();
    let run = run_action(&server, site.path(), VERSION, temp.path());
    let text = log(&run.out);
    assert!(!run.out.status.success(), "a corrupt archive was accepted:\n{text}");
    assert!(text.contains("is not the release; nothing was installed"), "{text}");
    assert!(run.github_path.is_empty() && run.github_output.is_empty());
    assert!(!site.path().join("public").exists(), "the site was built with an unverified binary");
}

#[test]
fn the_action_wants_an_exact_version_that_exists() {
    let temp = tempfile::tempdir().unwrap();
    release(&temp.path().join("releases"));
    let server = serve(temp.path().join("releases"));
    let site = archive_site();
    let run = run_action(&server, site.path(), "latest", temp.path());
    assert!(log(&run.out).contains("must be an exact release such as 0.2.0, not 'latest'"), "{}", log(&run.out));
    let run = run_action(&server, site.path(), "99.0.0", temp.path());
    assert!(!run.out.status.success());
    assert!(log(&run.out).contains(&format!("cannot download {server}/v99.0.0/wenda-99.0.0-{TARGET}.tar.gz")), "{}", log(&run.out));
}

/// The href and src values of a page (srcset too).
fn links(html: &str) -> Vec<String> {
    let doc = dom_query::Document::from(html);
    let mut links = Vec::new();
    for node in doc.select("[href], [src], [srcset]").nodes() {
        for attr in ["href", "src"] {
            if let Some(v) = node.attr(attr) {
                links.push(v.to_string());
            }
        }
        if let Some(set) = node.attr("srcset") {
            links.extend(set.split(',').filter_map(|c| c.split_whitespace().next()).map(str::to_string));
        }
    }
    links
}

/// The path on this host a link from `page` leads to, or None when it leads
/// to another host, a fragment of the same page, or another scheme.
fn local_path(page: &str, link: &str) -> Option<String> {
    let link = link.split(['#', '?']).next().unwrap_or("");
    let path = if let Some(rest) = link.strip_prefix("https://example.github.io") {
        rest.to_string()
    } else if link.is_empty() || link.contains(':') || link.starts_with("//") {
        return None;
    } else if link.starts_with('/') {
        link.to_string()
    } else {
        let dir = &page[..=page.rfind('/').unwrap()];
        format!("{dir}{link}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    Some(percent_decode(&parts.join("/")))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
