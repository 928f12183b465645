//! The archive model, on the oral histories of tests/fixtures/archive: an
//! interview as a page bundle with its recording, captions and photographs,
//! recording dates, places, rights and identifiers in the page's metadata,
//! people files, series, a translation, and what `wenda check` and the build
//! report about them. The recording is generated here (see `wav`), not kept
//! in the repository.

use std::path::{Path, PathBuf};

use super::support::*;
use super::tools;

const BASE: &str = "https://example.org/project/";
const PREFIX: &str = "/project/";
const BUNDLE: &str = "content/interviews/delaney-1975";
const IDENTIFIER: &str = "1977OH058";

/// A WAV file: mono, 8000 Hz, 8-bit PCM, `seconds` long, a quiet 440 Hz tone.
fn wav(seconds: u32) -> Vec<u8> {
    const RATE: u32 = 8000;
    let samples = RATE * seconds;
    let mut out = Vec::with_capacity(44 + samples as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + samples).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes()); // size of the fmt chunk
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // one channel
    out.extend_from_slice(&RATE.to_le_bytes()); // samples per second
    out.extend_from_slice(&RATE.to_le_bytes()); // bytes per second
    out.extend_from_slice(&1u16.to_le_bytes()); // bytes per sample frame
    out.extend_from_slice(&8u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&samples.to_le_bytes());
    for n in 0..samples {
        let phase = 2.0 * std::f64::consts::PI * 440.0 * f64::from(n) / f64::from(RATE);
        out.push((128.0 + 6.0 * phase.sin()).round() as u8);
    }
    out
}

/// The fixture in a temporary folder, with its 90-second recording.
pub(super) fn archive_site() -> tempfile::TempDir {
    let site = site_from(&fixtures().join("archive"));
    std::fs::write(site.path().join(BUNDLE).join("recording.wav"), wav(90)).unwrap();
    site
}

/// The fixture built under /project/; its output is `site/public`.
fn built() -> (tempfile::TempDir, PathBuf) {
    let site = archive_site();
    build_ok(site.path(), &["--base-url", BASE]);
    let public = site.path().join("public");
    (site, public)
}

fn run_ok(mut cmd: std::process::Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(out.status.success(), "{what} failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// 1-based line of the first line of `file` that contains `needle`.
fn line_of(file: &Path, needle: &str) -> usize {
    read(file).lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in {}", file.display())) + 1
}

/// Every `<name …>` start tag in `html`.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        let tail = &rest[at..];
        let end = tail.find('>').map_or(tail.len(), |e| e + 1);
        if tail[open.len()..].starts_with([' ', '>', '\n', '/']) {
            found.push(&tail[..end]);
        }
        rest = &tail[end..];
    }
    found
}

/// The value of `name="…"` in a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    tag[at..].find('"').map(|end| &tag[at..at + end])
}

/// The text of a page: tags dropped, the common entities decoded, every run
/// of whitespace one space.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&nbsp;", " ").replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    const OPEN: &str = r#"<script type="application/ld+json">"#;
    html.split(OPEN)
        .skip(1)
        .map(|block| {
            let json = &block[..block.find("</script>").expect("JSON-LD block closed")];
            serde_json::from_str(json).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{json}"))
        })
        .collect()
}

/// Start and end, in milliseconds, of every cue of a WebVTT file
/// (`hh:mm:ss.ttt` or `mm:ss.ttt`).
fn cue_times(vtt: &str) -> Vec<(u64, u64)> {
    let ms = |t: &str| {
        let (clock, millis) = t.split_once('.').unwrap_or_else(|| panic!("bad cue time {t:?}"));
        let seconds = clock.split(':').fold(0, |acc, part| acc * 60 + part.parse::<u64>().unwrap_or_else(|_| panic!("bad cue time {t:?}")));
        seconds * 1000 + millis.parse::<u64>().unwrap_or_else(|_| panic!("bad cue time {t:?}"))
    };
    vtt.lines()
        .filter_map(|l| l.split_once(" --> "))
        .map(|(start, rest)| (ms(start.trim()), ms(rest.split_whitespace().next().unwrap_or(""))))
        .collect()
}

/// Every "<n> interview(s)" in `text`, as n and the noun as written.
fn interview_counts(text: &str) -> Vec<(u64, &str)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(" interview") {
        let digits = text[..at].chars().rev().take_while(char::is_ascii_digit).count();
        let Ok(n) = text[at - digits..at].parse::<u64>() else { continue };
        let after = &text[at + " interview".len()..];
        let noun = match after.chars().next() {
            Some('s') if !after[1..].starts_with(char::is_alphanumeric) => "interviews",
            Some(c) if c.is_alphanumeric() => continue, // "interviewer", "interviewed"
            _ => "interview",
        };
        found.push((n, noun));
    }
    found
}

#[test]
fn the_fixture_checks_clean() {
    let site = archive_site();
    let out = wenda(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(out.status.success(), "wenda check on the archive fixture:\n{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_bundle_publishes_its_recording_photographs_and_captions() {
    let (site, public) = built();
    let page = public.join("interviews/delaney-1975");
    let source = site.path().join(BUNDLE);
    assert!(page.join("index.html").is_file(), "the bundle's folder name is its slug");
    assert_eq!(
        std::fs::read(page.join("recording.wav")).ok(),
        std::fs::read(source.join("recording.wav")).ok(),
        "recording.wav copied as is"
    );
    assert_eq!(
        std::fs::read(page.join("union-hall.png")).ok(),
        std::fs::read(source.join("union-hall.png")).ok(),
        "union-hall.png copied as is"
    );
    assert!(!page.join("index.md").exists(), "the Markdown source is not published");
    assert_eq!(
        std::fs::read(public.join("images/map.png")).ok(),
        std::fs::read(site.path().join("static/images/map.png")).ok(),
        "static/images/map.png published as images/map.png"
    );

    let vtt = read(page.join("captions.vtt"));
    assert!(vtt.starts_with("WEBVTT"), "captions.vtt must start with WEBVTT:\n{vtt}");
    let cues = cue_times(&vtt);
    for start in ["00:00", "00:09", "00:21", "00:23", "00:34", "00:37", "00:51", "00:54", "01:05", "01:08", "01:19"] {
        assert!(vtt.contains(&format!("{start}.000 --> ")), "no cue starts at the turn timed {start}:\n{vtt}");
    }
    assert!(cues.iter().all(|(start, end)| end > start), "every cue ends after it starts:\n{vtt}");
    assert!(cues.windows(2).all(|w| w[0].0 <= w[1].0), "cues in the order of the recording:\n{vtt}");
    assert!(vtt.contains("<v Ruth Delaney>") && vtt.contains("<v Margaret Hale>"), "cues name their speakers with <v …>:\n{vtt}");
    assert!(vtt.contains("Mm-hmm."), "the interviewer's short turn is a cue too:\n{vtt}");
    assert!(!vtt.contains("HALE:") && !vtt.contains("[00:"), "labels and timecodes are not caption text:\n{vtt}");
    assert!(!public.join("interviews/delaney-1998/captions.vtt").exists(), "no captions without a recording");
}

#[test]
fn images_have_their_size_lazy_loading_and_a_caption() {
    let (_site, public) = built();
    let html = read(public.join("interviews/delaney-1975/index.html"));
    let imgs = tags(&html, "img");
    let find = |end: &str| {
        *imgs
            .iter()
            .find(|t| attr(t, "src").is_some_and(|s| s.ends_with(end)))
            .unwrap_or_else(|| panic!("no img with src …{end}: {imgs:#?}"))
    };
    let hall = find("union-hall.png");
    assert_eq!(attr(hall, "src"), Some("/project/interviews/delaney-1975/union-hall.png"), "{hall}");
    assert_eq!((attr(hall, "width"), attr(hall, "height")), (Some("120"), Some("80")), "the PNG's own size: {hall}");
    assert_eq!(attr(hall, "alt"), Some("Ruth Delaney at the union hall, 1952"), "{hall}");
    let map = find("map.png");
    assert_eq!(attr(map, "src"), Some("/project/images/map.png"), "a site-absolute image is written under the base path: {map}");
    assert_eq!((attr(map, "width"), attr(map, "height")), (Some("160"), Some("100")), "{map}");
    for img in &imgs {
        assert_eq!(attr(img, "loading"), Some("lazy"), "{img}");
    }
    let captions: Vec<&str> = html.split("<figcaption").skip(1).map(|s| &s[..s.find("</figcaption>").unwrap_or(s.len())]).collect();
    assert!(html.matches("<figure").count() >= 2, "each image alone in its paragraph is a figure");
    assert!(captions.iter().any(|c| c.contains(">Ruth Delaney at the union hall, 1952")), "{captions:?}");
    assert!(captions.iter().any(|c| c.contains(">Camps along Clover Fork named in the interview")), "{captions:?}");

    let person = read(public.join("people/ruth-delaney/index.html"));
    let photo = *tags(&person, "img")
        .iter()
        .find(|t| attr(t, "class").is_some_and(|c| c.split(' ').any(|c| c == "person-photo")))
        .expect("img.person-photo on the person page");
    assert!(attr(photo, "src").is_some_and(|s| s.starts_with(PREFIX) && s.ends_with(".png")), "{photo}");
    assert_eq!((attr(photo, "width"), attr(photo, "height"), attr(photo, "loading")), (Some("60"), Some("80"), Some("lazy")), "{photo}");
}

#[test]
fn the_interview_page_carries_dublin_core_and_json_ld() {
    let (_site, public) = built();
    let html = read(public.join("interviews/delaney-1975/index.html"));
    assert!(html.contains(&format!(r#"<meta name="dcterms.identifier" content="{IDENTIFIER}">"#)), "dcterms.identifier missing:\n{html}");
    let created = tags(&html, "meta")
        .into_iter()
        .find(|t| attr(t, "name") == Some("dcterms.created"))
        .unwrap_or_else(|| panic!("no <meta name=\"dcterms.created\">:\n{html}"));
    assert!(attr(created, "content").is_some_and(|c| c.contains("1975")), "recorded ca. 1975: {created}");

    let blocks = json_ld(&html);
    let ld = blocks.iter().find(|b| b.get("dateCreated").is_some()).unwrap_or_else(|| panic!("no JSON-LD with dateCreated: {blocks:#?}"));
    let identifier = &ld["identifier"];
    assert!(identifier == IDENTIFIER || identifier["value"] == IDENTIFIER, "identifier: {ld:#}");
    assert!(ld["dateCreated"].as_str().is_some_and(|d| d.contains("1975")), "dateCreated: {ld:#}");
    assert_eq!(ld["contentLocation"]["name"], "Harlan County, Kentucky", "{ld:#}");
    let media = ld["associatedMedia"][0]["contentUrl"].as_str().unwrap_or_else(|| panic!("associatedMedia[0].contentUrl: {ld:#}"));
    assert_eq!(media, "https://example.org/project/interviews/delaney-1975/recording.wav");
    assert!(ld.get("datePublished").is_none_or(|d| d.is_null()), "the fixture gives no published date: {ld:#}");
}

#[test]
fn every_link_and_source_is_under_the_base_path() {
    let (_site, public) = built();
    let mut wrong = Vec::new();
    let mut seen = 0;
    for (path, bytes) in tree(&public) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for key in [" href=\"", " src=\""] {
            for (at, _) in html.match_indices(key) {
                let value = &html[at + key.len()..];
                let value = &value[..value.find('"').unwrap_or(value.len())];
                seen += 1;
                // DCMI's namespace is named by its http URI: an identifier, never fetched.
                let namespace = value == "http://purl.org/dc/terms/" && html[..at].ends_with("rel=\"schema.dcterms\"");
                if !(namespace || value.starts_with(PREFIX) || value.starts_with('#') || value.starts_with("https://")) {
                    wrong.push(format!("{}: {}{value}\"", path.display(), key.trim_start()));
                }
            }
        }
    }
    assert!(seen > 100, "only {seen} links found");
    assert!(wrong.is_empty(), "links outside {PREFIX}:\n{}", wrong.join("\n"));
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let (_site, public) = built();
    let mut cmd = tools::command("java");
    cmd.arg("-jar").arg(tools::node_module("vnu-jar/build/dist/vnu.jar")).args(["--errors-only", "--skip-non-html"]).arg(&public);
    run_ok(cmd, "vnu on the archive fixture");
}

#[test]
fn a_reader_in_chromium_jumps_to_timecodes_and_every_asset_loads() {
    let (_site, public) = built();
    tools::node_module("playwright-core");
    tools::command("chromium");
    let mut cmd = tools::command("node");
    cmd.arg(repo().join("tests/web/archive.mjs")).arg(&public).arg(PREFIX);
    run_ok(cmd, "tests/web/archive.mjs");
}

#[test]
fn a_series_lists_its_interviews_in_order_and_has_a_feed() {
    let (_site, public) = built();
    let html = read(public.join("collections/coal-country/index.html"));
    let first = html.find("/project/interviews/delaney-1975/").expect("delaney-1975 listed in its collection");
    let second = html.find("/project/interviews/delaney-1998/").expect("delaney-1998 listed in its collection");
    assert!(first < second, "order: 1 comes before order: 2, whatever the dates");
    assert!(!html.contains("/project/interviews/smith-1978/"), "smith-1978 belongs to valley-schools");
    assert!(public.join("collections/coal-country/atom.xml").is_file());
    assert!(read(public.join("collections/valley-schools/index.html")).contains("/project/interviews/smith-1978/"));
}

#[test]
fn two_people_of_one_name_get_a_page_each() {
    let (_site, public) = built();
    let miner = read(public.join("people/john-smith-miner/index.html"));
    let teacher = read(public.join("people/john-smith-teacher/index.html"));
    assert!(text_of(&miner).contains("hoot owl shift") && miner.contains("/project/interviews/delaney-1998/"), "the miner's page");
    assert!(text_of(&teacher).contains("Poor Fork") && teacher.contains("/project/interviews/smith-1978/"), "the teacher's page");
    assert!(
        !miner.contains("/project/interviews/smith-1978/") && !teacher.contains("/project/interviews/delaney-1998/"),
        "each keeps his own interviews"
    );
    let people = read(public.join("people/index.html"));
    assert!(people.contains("/project/people/john-smith-miner/") && people.contains("/project/people/john-smith-teacher/"));
    assert!(!public.join("people/john-smith").exists(), "no page merged from the shared name");
}

#[test]
fn english_counts_agree_with_one_and_two_names_are_joined_with_and() {
    let (_site, public) = built();
    let mut counts = Vec::new();
    for page in ["people/index.html", "people/john-smith-teacher/index.html", "people/ruth-delaney/index.html"] {
        let text = text_of(&read(public.join(page)));
        counts.extend(interview_counts(&text).into_iter().map(|(n, noun)| (page, n, noun.to_string())));
    }
    assert!(counts.iter().any(|(_, n, noun)| *n == 1 && noun == "interview"), "nobody shown with \"1 interview\": {counts:?}");
    assert!(counts.iter().any(|(_, n, noun)| *n == 2 && noun == "interviews"), "Ruth Delaney has 2 interviews: {counts:?}");
    let wrong: Vec<_> = counts.iter().filter(|(_, n, noun)| (*n == 1) != (noun == "interview")).collect();
    assert!(wrong.is_empty(), "number and noun disagree: {wrong:?}");

    let series = text_of(&read(public.join("collections/coal-country/index.html")));
    assert!(series.contains("Ruth Delaney and John Smith"), "two interviewees on a card are joined with \" and \":\n{series}");
    assert!(!series.contains("Ruth Delaney、John Smith"), "no Chinese enumeration comma on an English page");
}

#[test]
fn a_translation_and_its_original_point_to_each_other() {
    let (_site, public) = built();
    let en = read(public.join("interviews/chen-2019-en/index.html"));
    assert!(en.contains(r#"<html lang="en">"#), "the translation's page is in English");
    let alternates: Vec<&str> =
        tags(&en, "link").into_iter().filter(|t| attr(t, "rel") == Some("alternate") && attr(t, "hreflang").is_some()).collect();
    assert!(
        alternates.iter().any(|t| attr(t, "hreflang") == Some("zh-CN") && attr(t, "href").is_some_and(|h| h.ends_with("/project/interviews/chen-2019/"))),
        "no <link rel=alternate hreflang=zh-CN> to the original: {alternates:?}"
    );
    let zh = read(public.join("interviews/chen-2019/index.html"));
    assert!(zh.contains(r#"<html lang="zh-CN">"#));
    assert!(
        tags(&zh, "link").iter().any(|t| attr(t, "hreflang") == Some("en") && attr(t, "href").is_some_and(|h| h.ends_with("/project/interviews/chen-2019-en/"))),
        "the original links its translation"
    );
    // One card for the pair on the topic page: tests/web/archive.mjs.
}

#[test]
fn check_names_the_line_of_a_missing_image() {
    let site = archive_site();
    std::fs::remove_file(site.path().join(BUNDLE).join("union-hall.png")).unwrap();
    let line = line_of(&site.path().join(BUNDLE).join("index.md"), "](union-hall.png");
    let out = wenda(&["check", "--root", site.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let at = format!("{BUNDLE}/index.md:{line}:");
    assert!(
        stderr.lines().any(|l| l.starts_with(&at) && l.contains("union-hall.png")),
        "expected a line starting {at} that names union-hall.png:\n{stderr}"
    );
}

#[test]
fn check_names_the_line_of_a_missing_recording() {
    let site = archive_site();
    let file = site.path().join(BUNDLE).join("index.md");
    std::fs::write(&file, read(&file).replace("src: recording.wav", "src: missing.wav")).unwrap();
    let line = line_of(&file, "src: missing.wav");
    let out = wenda(&["check", "--root", site.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let at = format!("{BUNDLE}/index.md:{line}:");
    assert!(
        stderr.lines().any(|l| l.starts_with(&at) && l.contains("missing.wav")),
        "expected a line starting {at} that names missing.wav:\n{stderr}"
    );
}

#[test]
fn the_build_says_what_it_left_out() {
    let site = archive_site();
    let interviews = site.path().join("content/interviews");
    std::fs::write(
        interviews.join("unfinished.md"),
        "---\ntitle: \"An unfinished transcript\"\nrecorded: 1999\ndraft: true\ninterviewees:\n  - name: Ruth Delaney\n    ref: ruth-delaney\n---\n\nQ: Not checked yet?\n\nDELANEY: Not yet.\n",
    )
    .unwrap();
    std::fs::write(
        interviews.join("embargoed.md"),
        "---\ntitle: \"An embargoed interview\"\ndate: 2999-01-01\nrecorded: 2001-05\ninterviewees: Jane Roe\n---\n\nQ: Can this be published?\n\nJane Roe: Not until the embargo ends.\n",
    )
    .unwrap();
    let out = build_ok(site.path(), &[]);
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("1 draft"), "the build should say it skipped 1 draft:\n{said}");
    assert!(said.contains("1 interview dated in the future"), "the build should say it skipped 1 interview dated in the future:\n{said}");
    assert!(!site.path().join("public/interviews/unfinished").exists() && !site.path().join("public/interviews/embargoed").exists());
}

#[test]
fn extra_reaches_templates_as_written() {
    let site = archive_site();
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("interview.html"),
        "{% extends \"base.html\" %}{% block main %}<p id=\"accession\">{{ interview.extra.accession | default(value=\"\") }}</p>\
         <p id=\"format\">{{ interview.extra.format | default(value=\"\") }}</p>{% endblock main %}",
    )
    .unwrap();
    build_ok(site.path(), &["--base-url", BASE]);
    let page = read(site.path().join("public/interviews/delaney-1975/index.html"));
    assert!(page.contains(r#"<p id="accession">1977OH058 CC 12</p>"#), "{page}");
    assert!(page.contains(r#"<p id="format">Audio cassette, 1 of 1, side A</p>"#));
}

#[test]
fn recorded_and_published_dates_are_told_apart() {
    let (_site, public) = built();
    let only_recorded = read(public.join("interviews/delaney-1975/index.html"));
    assert!(only_recorded.contains(r#"<dt>Recorded</dt><dd><time datetime="1975">ca. 1975</time> · Harlan County, Kentucky</dd>"#));
    assert!(only_recorded.contains("\">Coal Country Women Oral History Project</a> · Part 1 of 2</dd>"), "{only_recorded}");
    let both = read(public.join("interviews/delaney-1998/index.html"));
    assert!(both.contains(r#"<dt>Recorded</dt><dd><time datetime="1998-04">April 1998</time>"#), "{both}");
    assert!(both.contains(r#"<time datetime="2021-06-01T00:00:00+00:00">1 June 2021</time>"#));
    // Listings date an interview by its publication, else by its recording, and say which.
    let archive = read(public.join("archive/index.html"));
    assert!(archive.contains(r#"Recorded <time datetime="1975">ca. 1975</time>"#), "{archive}");
    assert!(archive.contains(r#"<time datetime="2021-06-01T00:00:00+00:00">1 June 2021</time>"#));
}
