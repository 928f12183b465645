//! `wenda serve`: a real server on a free port of 127.0.0.1, real edits of the
//! site's files, and what it then serves.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::support::*;
use super::tools;

struct Server {
    child: Child,
    addr: String,
    /// What the server printed on stderr so far.
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wenda"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start wenda serve");
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = stderr.clone();
        let errors = BufReader::new(child.stderr.take().unwrap());
        std::thread::spawn(move || {
            for line in errors.lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.strip_prefix("wenda: serving http://") {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr, stderr }
    }

    /// Wait until the server has printed `line` on stderr.
    fn wait_for_stderr(&self, line: &str) {
        let started = Instant::now();
        while !self.stderr.lock().unwrap().lines().any(|l| l == line) {
            assert!(started.elapsed() < Duration::from_secs(10), "never printed {line:?}; printed:\n{}", self.stderr.lock().unwrap());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Status, headers and body of a raw GET of `target` (sent as written).
    fn get(&self, target: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let (status, head, body) = read_response(&mut BufReader::new(stream));
        (status, head, String::from_utf8_lossy(&body).into_owned())
    }

    /// Wait until `target`'s body satisfies `ok`.
    fn wait_for(&self, target: &str, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (_, _, body) = self.get(target);
            if ok(&body) {
                return body;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "{target} never changed; last body:\n{body}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// One HTTP/1.1 response: status, lowercased head, body (by Content-Length or chunks).
fn read_response(reader: &mut impl BufRead) -> (u16, String, Vec<u8>) {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line.to_lowercase());
    }
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let header = |name: &str| head.lines().find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()));
    let mut body = Vec::new();
    if let Some(length) = header("content-length:") {
        body.resize(length.parse().unwrap(), 0);
        reader.read_exact(&mut body).unwrap();
    } else if header("transfer-encoding:").is_some_and(|v| v.contains("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let size = usize::from_str_radix(size.trim(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).unwrap();
            body.extend_from_slice(&chunk[..size]);
            if size == 0 {
                break;
            }
        }
    } else {
        reader.read_to_end(&mut body).unwrap();
    }
    (status, head, body)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ADA: &str = "content/interviews/2024-05-01-ada-park.md";

#[test]
fn an_edit_is_served_and_a_broken_edit_shows_where_until_fixed() {
    let site = site_from(&fixtures().join("good"));
    let server = Server::start(site.path());
    let (status, head, body) = server.get("/interviews/ada-park/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"));
    assert!(body.contains("It is not magic."));
    assert!(body.contains("livereload"), "served pages carry the reload script");

    let file = site.path().join(ADA);
    let edited =
        read(&file).replace("It is not magic.", "It is no magic at all.").replace("What is an agent, really?", "What is an agent, truly?");
    std::fs::write(&file, edited).unwrap();
    server.wait_for("/interviews/ada-park/", |b| b.contains("It is no magic at all."));
    // Pages that show the interview follow: its person page lists the question answered.
    server.wait_for("/people/ada-park/", |b| b.contains("What is an agent, truly?"));

    std::fs::write(&file, read(&file).replace("title: \"Ada", "titel: \"Ada")).unwrap();
    // The watcher may see the file between its truncation and its writing, and
    // show that problem first: wait for the one this edit makes.
    let broken = server.wait_for("/interviews/ada-park/", |b| b.contains("wenda-problems") && b.contains("titel"));
    assert!(
        broken.contains("content/interviews/2024-05-01-ada-park.md:2:1: unknown key &quot;titel&quot; (did you mean &quot;title&quot;?)"),
        "{broken}"
    );
    assert!(broken.contains("It is no magic at all."), "the last good page stays served");
    server.wait_for_stderr("content/interviews/2024-05-01-ada-park.md:2:1: unknown key \"titel\" (did you mean \"title\"?)");
    server.wait_for_stderr("error: 1 problem; still serving the last good site");

    std::fs::write(&file, read(&file).replace("titel: \"Ada", "title: \"Ada")).unwrap();
    server.wait_for("/interviews/ada-park/", |b| !b.contains("wenda-problems") && b.contains("no magic"));
}

#[test]
fn files_created_deleted_renamed_and_templates_are_followed() {
    let site = site_from(&fixtures().join("good"));
    let server = Server::start(site.path());
    let new = site.path().join("content/interviews/2024-06-01-new.md");
    std::fs::write(
        &new,
        "---\ntitle: \"Brand new\"\ndate: 2024-06-01\ninterviewees:\n  - name: Ada Park\n---\n\nQ: New?\n\nAda Park: Yes, new.\n",
    )
    .unwrap();
    server.wait_for("/interviews/new/", |b| b.contains("Yes, new."));
    server.wait_for("/", |b| b.contains("Brand new"));

    // An editor that saves through a temporary file and a rename.
    let tmp = site.path().join("content/interviews/.2024-06-01-new.md.tmp");
    std::fs::write(&tmp, read(&new).replace("Yes, new.", "Yes, renamed in.")).unwrap();
    std::fs::rename(&tmp, &new).unwrap();
    server.wait_for("/interviews/new/", |b| b.contains("Yes, renamed in."));

    std::fs::remove_file(&new).unwrap();
    server.wait_for("/", |b| !b.contains("Brand new"));
    let (status, _, _) = server.get("/interviews/new/");
    assert_eq!(status, 404);

    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Nothing here, sorry</h1>{% endblock main %}",
    )
    .unwrap();
    server.wait_for("/no/such/page/", |b| b.contains("Nothing here, sorry"));
}

#[test]
fn only_the_sites_files_are_served_with_their_types() {
    let site = site_from(&fixtures().join("good"));
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    std::fs::write(site.path().join("static/module.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("static/passwd")).unwrap();
    let server = Server::start(site.path());
    for target in [
        "/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/..\\..\\etc\\passwd",
        "/static/../../site.toml",
        "/%2E%2E%2F%2E%2E%2Fsite.toml",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/..%5c..%5csite.toml",
        "/site.toml%00.html",
        "/./../site.toml",
        "/passwd",
        "/site.toml",
        "/content/interviews/2024-05-01-ada-park.md",
    ] {
        let (status, _, body) = server.get(target);
        assert!(status == 404 || status == 400, "{target} → {status}");
        assert!(!body.contains("root:") && !body.contains("base_url"), "{target} leaked a file");
    }
    let (status, _, body) = server.get("/nowhere/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");

    let (_, head, home) = server.get("/");
    let css = home.split("href=\"").find(|s| s.starts_with("/style.")).map(|s| s[..s.find('"').unwrap()].to_string()).unwrap();
    for (target, kind) in [
        ("/".to_string(), "text/html"),
        (css, "text/css"),
        ("/atom.xml".into(), "text/xml"),
        ("/search/meta.json".into(), "application/json"),
        ("/logo.svg".into(), "image/svg+xml"),
        ("/module.wasm".into(), "application/wasm"),
        ("/robots.txt".into(), "text/plain"),
    ] {
        let (status, head, _) = server.get(&target);
        assert_eq!(status, 200, "{target}");
        assert!(head.contains(&format!("content-type: {kind}")), "{target}: {head}");
    }
    assert!(head.contains("200"));
    let (_, _, search) = server.get("/search/");
    let script = search.split("src=\"").find(|s| s.starts_with("/search.")).map(|s| s[..s.find('"').unwrap()].to_string()).unwrap();
    let (_, head, _) = server.get(&script);
    assert!(head.contains("content-type: text/javascript"), "{head}");
}

#[test]
fn the_built_output_never_carries_the_reload_script() {
    let site = site_from(&fixtures().join("good"));
    build_ok(site.path(), &[]);
    for (path, bytes) in tree(&site.path().join("public")) {
        assert!(!String::from_utf8_lossy(&bytes).contains("livereload"), "{}", path.display());
    }
}

#[test]
fn twenty_thousand_requests_from_fifty_connections_all_succeed() {
    let site = site_from(&fixtures().join("good"));
    let server = Server::start(site.path());
    let addr = server.addr.clone();
    let targets = ["/", "/interviews/ada-park/", "/topics/agents/", "/atom.xml", "/search/meta.json"];
    let workers: Vec<_> = (0..50)
        .map(|w| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&addr).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut ok = 0;
                for i in 0..400 {
                    let target = targets[(w + i) % targets.len()];
                    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
                    let (status, _, body) = read_response(&mut reader);
                    if status == 200 && !body.is_empty() {
                        ok += 1;
                    }
                }
                ok
            })
        })
        .collect();
    let ok: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
    assert_eq!(ok, 20_000);
}

#[test]
fn a_browser_reloads_by_itself_after_an_edit() {
    let site = site_from(&fixtures().join("good"));
    let server = Server::start(site.path());
    tools::node_module("playwright-core");
    let mut cmd = tools::command("node");
    cmd.arg(repo().join("tests/web/reload.mjs"))
        .arg(format!("http://{}/interviews/ada-park/", server.addr))
        .arg(site.path().join(ADA))
        .arg("It is not magic.")
        .arg("It reloaded by itself.");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[test]
fn init_writes_a_site_that_builds_and_new_writes_a_draft_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    let out = wenda(&["init", root.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(root.join("themes/default/templates/interview.html").is_file());
    build_ok(&root, &[]);
    assert!(root.join("public/interviews/example/index.html").is_file());
    assert!(read(root.join("public/topics/agents/index.html")).contains("Example: an interview about agents"));
    let out = wenda(&["new", "专访王晓航:大模型", "--root", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = String::from_utf8_lossy(&out.stdout);
    assert!(written.contains("-zhuan-fang-wang-xiao-hang-da-mo-xing.md"), "{written}");
    let again = wenda(&["new", "专访王晓航:大模型", "--root", root.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    build_ok(&root, &["--drafts"]);
    assert!(!wenda(&["init", root.to_str().unwrap()]).status.success(), "init refuses a folder in use");
}
