//! `wenda import`: the seed page becomes the sample interview; each other
//! format's fixture (tests/fixtures/import/, modelled on published material)
//! imports into an interview that builds and passes check.

use std::path::{Path, PathBuf};

use super::support::*;

const SEED: &str = "000_5df60de5aaee7e66.txt";

fn seed() -> PathBuf {
    fixtures().join("seed").join(SEED)
}

/// One turn of a built interview page: its anchor, whether it asks, who
/// speaks and its text without markup.
#[derive(Debug, PartialEq, Eq)]
struct BuiltTurn {
    id: String,
    question: bool,
    speaker: String,
    text: String,
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

/// The turns of a built interview page, in order.
fn built_turns(page: &str) -> Vec<BuiltTurn> {
    let mut turns = Vec::new();
    for chunk in page.split("<div class=\"turn ").skip(1) {
        let question = chunk.starts_with("question");
        let id = between(chunk, "id=\"", "\"").unwrap_or_default().to_string();
        let speaker_html = between(chunk, "<p class=\"speaker\">", "</p>").unwrap_or_default();
        let speaker = strip_tags(speaker_html.split("<a class=\"anchor\"").next().unwrap_or_default());
        // What was said follows the speaker line, up to the turn's end (or its topic chips).
        let after = chunk.split_once("</p>").map_or("", |(_, rest)| rest);
        let said = after.split("<ul class=\"chips\"").next().unwrap_or_default();
        let text = strip_tags(said.split("</div>").next().unwrap_or_default());
        turns.push(BuiltTurn { id, question, speaker, text });
    }
    turns
}

/// The section titles of a built interview page.
fn built_sections(page: &str) -> Vec<String> {
    page.split("<section class=\"part\"")
        .skip(1)
        .filter_map(|s| between(s, "\">", "</h2>").map(|h| strip_tags(h.rsplit('>').next().unwrap_or(h))))
        .collect()
}

fn imported_file(site: &Path) -> PathBuf {
    let dir = site.join("content/interviews");
    let mut found: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    found.sort();
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

fn page_of(site: &Path, slug: &str) -> String {
    read(site.join("public/interviews").join(slug).join("index.html"))
}

#[test]
fn the_seed_imports_into_the_hand_cleaned_sample() {
    // The repository's own site, with no interviews yet.
    let site = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("site.toml"), site.path().join("site.toml")).unwrap();
    std::fs::create_dir_all(site.path().join("content/interviews")).unwrap();
    let root = site.path().to_str().unwrap();
    let out = wenda(&["import", seed().to_str().unwrap(), "--root", root]);
    let report = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{report}");
    for said in [
        "found: 3 sections, 14 questions, 14 answers",
        "people: interviewer 李宜坤; interviewee 王晓航 (蚂蚁集团副总裁、金融大模型负责人)",
        "dropped 3 lines of link lists (\"【澳门内部最准资料澳门】",
        "lines of download block (\"下载中心\")",
        "lines of reader comments (\"评论\")",
        "dropped 1 line of reading notices (\"阅读提醒",
        "builds and passes wenda check",
        "check interviewer: the page's author, taken to be the interviewer",
    ] {
        assert!(report.contains(said), "the report lacks {said:?}:\n{report}");
    }
    let file = imported_file(site.path());
    let text = read(&file);
    assert!(file.file_name().unwrap().to_str().unwrap().starts_with("2024-11-13-zhuan-fang-wang-xiao-hang"), "{file:?}");
    for line in [
        "date: 2024-11-13T23:15:00+08:00",
        "interviewer: \"李宜坤\"",
        "  - name: \"王晓航\"\n    role: \"蚂蚁集团副总裁、金融大模型负责人\"\n",
        "source:\n  name: \"源生如潮\"\n",
        "title: \"专访王晓航:大模型需落地千行百业,生态繁荣才能摆脱增长焦虑\"",
    ] {
        assert!(text.contains(line), "the file lacks {line:?}:\n{text}");
    }
    // None of the page's furniture, and no comment as a turn.
    for spam in ["澳门", "视频名称", "下载", "阅读提醒", "Drayton", "发表您的评论", "7秒前"] {
        assert!(!text.contains(spam), "{spam} was kept:\n{text}");
    }

    // Built beside the hand-cleaned sample, both pages hold the same turns,
    // anchors and sections.
    std::fs::copy(
        repo().join("content/interviews/2024-11-13-wang-xiaohang.md"),
        site.path().join("content/interviews/2024-11-13-wang-xiaohang.md"),
    )
    .unwrap();
    build_ok(site.path(), &[]);
    let check = wenda(&["check", "--root", root]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let slug = file.file_stem().unwrap().to_str().unwrap().trim_start_matches("2024-11-13-").to_string();
    let imported = page_of(site.path(), &slug);
    let sample = page_of(site.path(), "wang-xiaohang-2024");
    let (got, want) = (built_turns(&imported), built_turns(&sample));
    assert_eq!(want.len(), 28);
    assert_eq!(got, want);
    assert_eq!(built_sections(&imported), built_sections(&sample));
    assert_eq!(built_sections(&sample).len(), 3);
    let intro = |page: &str| strip_tags(between(page, "<div class=\"intro\">", "</div>").unwrap());
    assert_eq!(intro(&imported), intro(&sample));
}

/// The front matter and body of an imported file.
fn split_file(text: &str) -> (serde_yaml::Value, String) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("front matter closes");
    (serde_yaml::from_str(&rest[..end]).expect("front matter is YAML"), rest[end + 5..].to_string())
}

fn flat(text: &str) -> String {
    text.replace(['\\', '*'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name as the fixtures compare it: any case, no honorific.
fn bare_name(name: &str) -> String {
    let lower = name.to_lowercase();
    lower.trim_start_matches("dr. ").trim_start_matches("mrs. ").trim_start_matches("mr. ").to_string()
}

fn names_in(value: &serde_yaml::Value) -> Vec<(String, Option<String>)> {
    let one = |v: &serde_yaml::Value| match v {
        serde_yaml::Value::String(s) => Some((s.clone(), None)),
        serde_yaml::Value::Mapping(m) => {
            Some((m.get("name")?.as_str()?.to_string(), m.get("role").and_then(|r| r.as_str()).map(str::to_string)))
        }
        _ => None,
    };
    match value {
        serde_yaml::Value::Sequence(items) => items.iter().filter_map(one).collect(),
        serde_yaml::Value::Null => Vec::new(),
        other => one(other).into_iter().collect(),
    }
}

#[test]
fn each_format_imports_into_an_interview_that_builds_and_passes_check() {
    let dir = fixtures().join("import");
    let mut fixtures_seen = 0;
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for input in names.iter().filter(|p| !p.to_string_lossy().ends_with(".json") && !p.ends_with("README.md")) {
        fixtures_seen += 1;
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        let expect: serde_json::Value = serde_json::from_str(&read(dir.join(format!("{name}.expect.json")))).unwrap();
        let site = site_from(&fixtures().join("empty"));
        let root = site.path().to_str().unwrap();
        let out = wenda(&["import", input.to_str().unwrap(), "--root", root]);
        let report = String::from_utf8_lossy(&out.stderr).to_string();
        if expect["no_qa"] == true {
            assert!(!out.status.success(), "{name}: {report}");
            assert!(report.contains("found no questions and answers in it; nothing was written"), "{name}: {report}");
            let written = std::fs::read_dir(site.path().join("content/interviews"))
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
                .count();
            assert_eq!(written, 0, "{name}");
            continue;
        }
        assert!(out.status.success(), "{name}: {report}");
        assert!(report.contains("builds and passes wenda check"), "{name}: {report}");
        let file = imported_file(site.path());
        let text = read(&file);
        // What an archive's export says of the recording becomes fields the page shows.
        if name == "ohms.xml" {
            for field in [
                "identifier: \"HCHS2019.004\"",
                "duration: \"0:05:12\"",
                "media: \"https://media.hartwellhistory.example/oral-history/voss_e_2019_004.mp3\"",
                "rights: \"In copyright - Educational use permitted\"",
            ] {
                assert!(text.contains(&format!("\n{field}\n")), "{name}: no {field} in\n{text}");
            }
        }
        let (front, body) = split_file(&text);
        if let Some(title) = expect["title"].as_str() {
            assert_eq!(front["title"].as_str(), Some(title), "{name}");
        }
        if let Some(date) = expect["date"].as_str() {
            let got = match &front["date"] {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap().trim().to_string(),
            };
            if date.len() == 10 {
                assert_eq!(&got[..10], date, "{name}");
            } else {
                let (g, w) = (chrono::DateTime::parse_from_rfc3339(&got).unwrap(), chrono::DateTime::parse_from_rfc3339(date).unwrap());
                assert_eq!(g, w, "{name}: {got} is not {date}");
            }
        }
        let interviewers: Vec<String> = names_in(&front["interviewer"]).into_iter().map(|(n, _)| bare_name(&n)).collect();
        for want in expect["interviewers"].as_array().unwrap() {
            assert!(interviewers.contains(&bare_name(want.as_str().unwrap())), "{name}: interviewer {want} not in {interviewers:?}");
        }
        let interviewees = names_in(&front["interviewees"]);
        for want in expect["interviewees"].as_array().unwrap() {
            let wanted = bare_name(want["name"].as_str().unwrap());
            let found = interviewees.iter().find(|(n, _)| bare_name(n) == wanted);
            let Some((_, role)) = found else { panic!("{name}: interviewee {wanted} not in {interviewees:?}") };
            if let Some(want_role) = want["role"].as_str() {
                assert_eq!(role.as_deref(), Some(want_role), "{name}: role of {wanted}");
            }
        }
        if let Some(source) = expect["source"].as_str() {
            assert_eq!(front["source"]["name"].as_str(), Some(source), "{name}");
        }
        let topics: Vec<&str> = front["topics"].as_sequence().map(|t| t.iter().filter_map(|t| t.as_str()).collect()).unwrap_or_default();
        for want in expect["topics"].as_array().unwrap() {
            assert!(topics.contains(&want.as_str().unwrap()), "{name}: topic {want} not in {topics:?}");
        }
        for key in expect["unmapped"].as_array().unwrap() {
            assert!(report.contains(key.as_str().unwrap()), "{name}: {key} not reported:\n{report}");
        }
        let flat_body = flat(&body);
        for phrase in expect["present"].as_array().unwrap() {
            assert!(flat_body.contains(&flat(phrase.as_str().unwrap())), "{name}: {phrase} missing from\n{body}");
        }
        for phrase in expect["absent"].as_array().unwrap() {
            assert!(!flat_body.contains(&flat(phrase.as_str().unwrap())), "{name}: {phrase} kept in\n{body}");
        }
        let times: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix('[').and_then(|l| l.get(..8))).take(3).collect();
        let want_times: Vec<&str> = expect["times"].as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
        if !want_times.is_empty() {
            assert_eq!(times, want_times, "{name}");
        }
        build_ok(site.path(), &[]);
        let check = wenda(&["check", "--root", root]);
        assert!(check.status.success(), "{name}: {}", String::from_utf8_lossy(&check.stderr));
        let slug = file.file_stem().unwrap().to_str().unwrap()[11..].to_string();
        let page = page_of(site.path(), &slug);
        let turns = built_turns(&page);
        let questions = turns.iter().filter(|t| t.question).count();
        assert_eq!(questions, expect["questions"].as_u64().unwrap() as usize, "{name}: questions");
        assert_eq!(turns.len() - questions, expect["answers"].as_u64().unwrap() as usize, "{name}: answers");
    }
    assert_eq!(fixtures_seen, 11);
}

/// Serve `/old` as a redirect to `/page`, and `/page` as the seed's text in
/// GBK with its charset in the header; on 127.0.0.1, for two requests.
fn serve_gbk_seed() -> (String, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let text = read(seed());
    let body = encoding_rs::GBK.encode(&text).0.into_owned();
    let handle = std::thread::spawn(move || {
        for _ in 0..2 {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 4096];
            let n = stream.read(&mut request).unwrap();
            let request = String::from_utf8_lossy(&request[..n]).to_string();
            if request.starts_with("GET /old ") {
                stream
                    .write_all(b"HTTP/1.1 301 Moved Permanently\r\nLocation: /page\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .unwrap();
            } else {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=GBK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                stream.write_all(head.as_bytes()).unwrap();
                stream.write_all(&body).unwrap();
            }
        }
    });
    (base, handle)
}

#[test]
fn a_url_is_fetched_through_redirects_and_decoded_from_gbk() {
    let (base, server) = serve_gbk_seed();
    let site = site_from(&fixtures().join("empty"));
    let out = wenda(&["import", &format!("{base}/old"), "--root", site.path().to_str().unwrap(), "--dry-run"]);
    server.join().unwrap();
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("title: \"专访王晓航:大模型需落地千行百业,生态繁荣才能摆脱增长焦虑\""), "{text}");
    assert!(report.contains("found: 3 sections, 14 questions, 14 answers"), "{report}");
}

#[test]
fn dry_run_stdin_into_and_never_overwriting() {
    let site = site_from(&fixtures().join("empty"));
    let root = site.path().to_str().unwrap();
    let podcast = fixtures().join("import/podcast.txt");

    // --dry-run prints the file and writes nothing.
    let dry = wenda(&["import", podcast.to_str().unwrap(), "--root", root, "--dry-run", "--into", "content/imported"]);
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).starts_with("---\ntitle: \"Agents that ask before they act"));
    assert!(!site.path().join("content/imported").exists());

    // `-` reads standard input; --format says what it is.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wenda"))
        .args(["import", "-", "--root", root, "--into", "content/imported", "--format", "text", "--interviewer", "Sam Whitaker"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), read(&podcast).as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let report = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{report}");
    let rel = "content/imported/2024-03-12-agents-that-ask-before-they-act-noor-haddad-tessellate.md";
    assert!(report.contains(&format!("wrote {rel}")), "{report}");
    // The flag named the interviewer, so nothing about him is a guess.
    assert!(!report.contains("check interviewer"), "{report}");
    let first = read(site.path().join(rel));

    // A second import of the same interview leaves the first file alone.
    let again = wenda(&["import", podcast.to_str().unwrap(), "--root", root, "--into", "content/imported"]);
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(!again.status.success());
    assert!(said.contains("already exists; it was left as it is and nothing was written"), "{said}");
    assert_eq!(read(site.path().join(rel)), first);
}
