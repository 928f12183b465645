//! The bodies of the fuzz targets under `fuzz/` (see FUZZING.md): each takes
//! any bytes, feeds them to one reader of what writers write, and panics when
//! a property fails. Reading never panics on its own; on top of that, every
//! slug and output path made from the input stays inside its folder.
//!
//! The same functions run the committed seed corpus in `cargo test` (the
//! `fuzz_seeds` integration test), so the targets are exercised on stable
//! without libFuzzer. Not part of wenda's interface.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use crate::config::Config;
use crate::content::approx::ApproxDate;
use crate::content::interview::NOTE_ITEM;
use crate::content::links::{LinkMap, Target};
use crate::content::participants::Participant;
use crate::content::recording::Duration;
use crate::content::source::{self, Source};
use crate::content::timecode::{self, Timecode};
use crate::content::turns::{self, Reading, Speakers};
use crate::content::{body, front_matter, frontmatter, meta, yaml_spans::Spans, Catalog, Fronted};
use crate::error::Diagnostic;
use crate::render::theme::Theme;
use crate::slug;

/// A fuzz target: its name (the folder of its seeds, its binary under
/// `fuzz/`) and its body.
pub type FuzzTarget = (&'static str, fn(&[u8]));

/// Every target, in the order FUZZING.md lists them.
pub const TARGETS: &[FuzzTarget] = &[
    ("front_matter", front_matter_target),
    ("turn_label", turn_label),
    ("timecode", timecode_target),
    ("interview", interview),
    ("pages", pages),
    ("site_toml", site_toml),
    ("slug", slug_target),
    ("search_tokens", search_tokens),
];

/// Where the interview under test is, as a build finds it.
const PATH: &str = "content/interviews/2024-01-01-fuzz.md";

/// The settings every target reads with: the archive fixture's (English,
/// five topics with keywords, two collections).
const SITE_TOML: &str = r#"title = "Valley Voices Oral History Archive"
base_url = "https://example.org/archive/"
language = "en"

[[topics]]
slug = "agents"
title = "Agents"
keywords = ["agent", "智能体"]

[[topics]]
slug = "multimodality"
title = "Multimodality"
keywords = ["multimodal", "多模态"]

[[topics]]
slug = "regulation"
title = "Regulation"
keywords = ["regulation", "监管"]

[[topics]]
slug = "labor"
title = "Labor and unions"
keywords = ["union", "strike", "labor", "工会", "罢工", "工人"]

[[topics]]
slug = "mining"
title = "Coal mining"
keywords = ["coal", "mine", "miner", "煤矿", "矿工"]

[[collections]]
slug = "coal-country"
title = "Coal Country Women Oral History Project"

[[collections]]
slug = "valley-schools"
title = "Valley Schools Oral History Project"
"#;

/// A site folder with a few files an interview may name (a bundle's photo,
/// a recording, captions, a static image), made once per process.
fn site_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join("wenda-fuzz-site");
        let files = [
            "content/interviews/union-hall.png",
            "content/interviews/recording.wav",
            "content/interviews/audio/interview.mp3",
            "content/interviews/captions.vtt",
            "content/people/ruth-delaney.png",
            "static/images/map.png",
            "static/a b.png",
        ];
        for file in files {
            let path = root.join(file);
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = std::fs::write(path, b"x");
        }
        root
    })
}

/// The default theme, compiled once.
fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme::load(site_root(), "default", (1, 1)).unwrap_or_else(|e| panic!("the default theme loads: {e:?}")))
}

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let mut config = Config::parse(SITE_TOML).expect("the fuzz site.toml is valid");
        config.root = site_root().to_path_buf();
        // Code is highlighted with the classes the theme styles, as a build does.
        let css = theme().assets.get("syntax.css").map(|css| String::from_utf8_lossy(&css.bytes).into_owned());
        config.code_classes = css.map(|css| std::sync::Arc::new(crate::css::Styled::from_css(&css)));
        config.person_slugs =
            ["chen-guifang", "john-smith-miner", "john-smith-teacher", "ruth-delaney", "wang-xiaohang"].map(String::from).into();
        config
    })
}

/// The other content files an interview may link to.
fn link_map() -> LinkMap {
    let mut links = LinkMap::default();
    let target = |slug: &str, published| Target { slug: slug.into(), url: format!("interviews/{slug}/"), published };
    links.insert("interviews/other.md".into(), target("other", true));
    links.insert("interviews/2023-06-02-draft.md".into(), target("draft", false));
    links.insert_unreadable("interviews/broken.md".into());
    links
}

/// True for a path that names a file inside the output folder and nothing
/// else: relative, no `..`, no `\`, no NUL, every part a plain name.
pub fn stays_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', '\0'])
        && !path.starts_with('/')
        && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
        && path.split('/').all(|part| part != ".." && part != ".")
        && crate::output::paths::safe_relative(path).is_ok()
}

/// A slug that can be a folder name: non-empty `[a-z0-9-]`.
fn assert_slug(slug: &str, of: &str) {
    assert!(slug::is_valid(slug), "slug {slug:?} of {of:?} is not [a-z0-9-]+");
    assert!(stays_inside(&format!("interviews/{slug}/index.html")), "slug {slug:?} leaves its folder");
}

/// Every problem can be said: its message is made and placed in the file.
fn say(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let _ = d.to_string();
        let _ = d.message();
    }
}

/// The text of a fuzz input as a build reads a file: UTF-8, no BOM, LF.
fn decoded(data: &[u8]) -> Option<String> {
    source::decode(Path::new(PATH), data.to_vec()).ok()
}

/// Front matter: the `---` fences split, the YAML read into its fields as
/// written (unknown keys, full-width colons), every value checked against
/// the settings, and keys located in the YAML for messages; the same text
/// read as a person file too (`content/people/`), whose photo is copied.
pub fn front_matter_target(data: &[u8]) {
    let Some(text) = decoded(data) else { return };
    let source = Source::new(Path::new(PATH), &text);
    if let Ok(split) = frontmatter::split(&source) {
        assert!(split.body_offset <= text.len() && text.is_char_boundary(split.body_offset));
        let spans = Spans::of(split.yaml);
        for key in ["title", "slug", "interviewees", "name", "media"] {
            let _ = spans.locate(key, None);
            let _ = spans.has(key);
        }
        let read = frontmatter::parse(&source, split.yaml);
        say(&read.errors);
    }
    let _ = meta::slug_location(&source);
    let _ = meta::key_location(&source, "translation_of");
    match front_matter(config(), &source) {
        Ok(front) => {
            assert_slug(&front.meta.slug, &text);
            assert!(front.body_offset <= text.len());
            say(&front.warnings);
            for copy in &front.meta.copies {
                assert!(stays_inside(&copy.to), "recording copied to {:?}", copy.to);
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a front matter refused without a reason");
            say(&errors);
        }
    }
    let person = Source::new(Path::new("content/people/ruth-delaney.md"), &text);
    match crate::content::person::read(&person, config(), &link_map()) {
        Ok(record) => {
            for copy in &record.copies {
                assert!(stays_inside(&copy.to), "photo copied to {:?}", copy.to);
            }
        }
        Err(errors) => say(&errors),
    }
}

/// Speakers to read labels with: the first line of the input may declare
/// them (`interviewer names|interviewee names`, each `Name=alias,alias`
/// separated by `;`); otherwise a fixed cast with surnames, aliases and a
/// role word as an alias.
fn cast(spec: Option<&str>) -> (Vec<Participant>, Vec<Participant>) {
    let person = |entry: &str| {
        let (name, aliases) = entry.split_once('=').unwrap_or((entry, ""));
        let aliases = aliases.split(',').filter(|a| !a.is_empty()).map(str::to_string).collect();
        Participant { name: name.to_string(), role: String::new(), aliases, person_ref: None }
    };
    let people = |list: &str| list.split(';').filter(|e| !e.is_empty()).map(person).collect::<Vec<_>>();
    match spec {
        Some(spec) => {
            let (asking, answering) = spec.split_once('|').unwrap_or((spec, ""));
            (people(asking), people(answering))
        }
        None => (people("王明远=王,本刊;Jerry N. Hess"), people("Tom Acheson;Dana Cole=DC;一位老师=答;Ann Brooks")),
    }
}

/// Turn labels: the opening of a paragraph read as a question, an answer, a
/// time or text, by the declared speakers; a question's `{topics: …}` and
/// `{#anchor}`; the importers' reading of labels.
pub fn turn_label(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (spec, paragraph) = match text.strip_prefix('@') {
        Some(rest) => {
            let (spec, paragraph) = rest.split_once('\n').unwrap_or((rest, ""));
            (Some(spec), paragraph)
        }
        None => (None, text),
    };
    let (interviewers, interviewees) = cast(spec);
    let speakers = Speakers { interviewers: &interviewers, interviewees: &interviewees };
    for opens in [0, 1, 2] {
        match turns::read(turns::opening(paragraph), &speakers, |_| opens) {
            Ok(Reading::Turn(marker)) => {
                assert!(marker.len <= paragraph.len() && paragraph.is_char_boundary(marker.len), "label of {} bytes", marker.len);
                if marker.alone {
                    assert!(paragraph[marker.len..].trim().is_empty());
                }
            }
            Ok(Reading::Suspect { label, .. }) => assert!(!label.is_empty()),
            Ok(Reading::Time(_) | Reading::Text) => {}
            Err(kind) => {
                let _ = kind.to_string();
            }
        }
    }
    if let Some(label) = turns::label(paragraph) {
        assert!(label.text_at <= paragraph.len() && paragraph.is_char_boundary(label.text_at));
        let _ = turns::role_word(label.name);
        let _ = turns::looks_like_a_speaker(label.name, label.bold, label.alone, false);
    }
    let suffix = turns::suffix(paragraph);
    assert!(suffix.at <= paragraph.len() && paragraph.is_char_boundary(suffix.at));
    for (at, topic) in suffix.topics.into_iter().flatten() {
        assert_eq!(paragraph.get(at..at + topic.len()), Some(topic), "topic {topic:?} is not where it is said to be");
    }
}

/// Timecodes (`[00:12:30]`, `\[03:59\]`, `(01:09:59)`), durations of
/// recordings and approximate dates, as transcripts and archives write them.
pub fn timecode_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(t) = Timecode::parse(text) {
        assert_eq!(t.written, text);
        let _ = t.iso();
    }
    for (read, what) in [(timecode::bracketed(text), "bracketed"), (timecode::parenthesized(text), "parenthesized")] {
        if let Some((_, taken)) = read {
            assert!(taken <= text.len() && text.is_char_boundary(taken), "{what} took {taken} bytes");
        }
    }
    for (read, what) in [(timecode::bracketed_suffix(text), "bracketed"), (timecode::parenthesized_suffix(text), "parenthesized")] {
        if let Some((_, at)) = read {
            assert!(at < text.len() && text.is_char_boundary(at), "{what} suffix at {at}");
        }
    }
    assert!(text.is_char_boundary(timecode::spaces(text)));
    if let Some(d) = Duration::parse(text) {
        let _ = (d.iso(), d.clock());
    }
    if let Some(d) = ApproxDate::parse(text) {
        const MONTHS: [&str; 12] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
        let _ = (d.edtf(), d.iso(), d.html_datetime(), d.display(true, &MONTHS), d.display(false, &MONTHS));
        if let Some(end) = d.end {
            assert!(end.first_day >= d.start.first_day);
        }
    }
}

/// A whole interview file, read as a build reads it: front matter, body,
/// the site it makes alone, and every output path and search file of that
/// site, none of which may leave the output folder.
pub fn interview(data: &[u8]) {
    let _ = one_site(data);
}

/// A whole interview file made into every page of the site it makes alone,
/// with the default theme: no page fails to render, and every page is
/// written inside the output folder.
pub fn pages(data: &[u8]) {
    let Some(site) = one_site(data) else { return };
    let renderer = crate::render::Renderer::new(&site, theme());
    let mut ctx = renderer.context();
    for page in crate::render::pages(&site) {
        match renderer.render_in(&mut ctx, &page) {
            Ok(output) => assert!(stays_inside(&output.path), "page written to {:?}", output.path),
            Err(e) => panic!("{} does not render: {e}", page.path),
        }
    }
}

/// The site of the interview in `data`, when it is one that builds; its
/// output paths and search files checked.
fn one_site(data: &[u8]) -> Option<crate::site::Site> {
    let text = decoded(data)?;
    let config = config();
    let source = Source::new(Path::new(PATH), &text);
    let front = match front_matter(config, &source) {
        Ok(front) => front,
        Err(errors) => {
            say(&errors);
            return None;
        }
    };
    assert_slug(&front.meta.slug, &text);
    let mut links = link_map();
    let url = format!("interviews/{}/", front.meta.slug);
    links.insert(source.content_path.clone(), Target { slug: front.meta.slug.clone(), url, published: true });
    let catalog = Catalog { links, keywords: crate::content::keywords::KeywordIndex::new(&config.topics) };
    let fronted = Fronted { source, meta: front.meta, body_offset: front.body_offset, warnings: front.warnings };
    let (interview, warnings) = match body::parse(fronted, &catalog.context(config)) {
        Ok(parsed) => parsed,
        Err(failure) => {
            assert!(!failure.errors.is_empty(), "a body refused without a reason");
            say(&failure.errors);
            return None;
        }
    };
    say(&warnings);
    assert!(stays_inside(&format!("{}index.html", interview.url)), "interview at {:?}", interview.url);
    // The ids of sections, questions and answers are made unique; the notes'
    // numbers are not judged here.
    let mut anchors: Vec<_> = interview
        .anchors()
        .filter(|a| !a.strip_prefix("fn-").is_some_and(|n| interview.footnotes.contains(&format!("{NOTE_ITEM}{n}\""))))
        .collect();
    let given = anchors.len();
    anchors.sort();
    anchors.dedup();
    assert_eq!(anchors.len(), given, "an anchor given twice: {anchors:?}");
    let site = match crate::site::assemble(config.clone(), vec![interview], Vec::new()) {
        Ok(site) => site,
        Err(errors) => {
            say(&errors);
            return None;
        }
    };
    let copies = site.interviews.iter().flat_map(|i| &i.copies).chain(site.people.iter().flat_map(|p| p.copies()));
    for copy in copies {
        assert!(stays_inside(&copy.to), "file copied to {:?}", copy.to);
        assert!(copy.from.components().all(|c| matches!(c, Component::Normal(_))), "file copied from {:?}", copy.from);
    }
    for person in &site.people {
        let slug = person.url.strip_prefix("people/").and_then(|s| s.strip_suffix('/')).unwrap_or("");
        assert!(slug::is_valid(slug), "person {:?} at {:?}", person.name, person.url);
    }
    for page in crate::render::pages(&site) {
        assert!(stays_inside(&page.path), "page written to {:?}", page.path);
    }
    let emit = |output: crate::render::Output| {
        assert!(stays_inside(&output.path), "search file written to {:?}", output.path);
        Ok(())
    };
    let date = |_: usize| String::from("2024-01-01");
    crate::render::search::build(&site, &date, &emit, None, None, &crate::progress::Silent).expect("the search index is made in memory");
    Some(site)
}

/// `site.toml`: read and checked; what it accepts names folders for topics
/// and collections, which must stay inside the output folder.
pub fn site_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Config::parse(text) {
        Ok(mut config) => {
            assert!(config.base_url.ends_with('/') && config.base_path.starts_with('/') && config.base_path.ends_with('/'));
            assert!(config.paginate_by > 0);
            for slug in config.topics.iter().map(|t| &t.slug).chain(config.collections.iter().map(|c| &c.slug)) {
                assert!(slug::is_valid(slug), "topic or collection {slug:?}");
                assert!(stays_inside(&format!("topics/{slug}/page/2/index.html")));
            }
            let _ = crate::render::i18n::Strings::new(&config.language, &config.strings);
            let base = config.base_url.clone();
            let _ = config.set_base_url(&base);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "site.toml refused without a reason");
            say(&errors);
        }
    }
}

/// Slugs of free text, of names and cut to a length: `[a-z0-9-]` only, no
/// empty words, and a cut slug is the whole slug cut. The first byte is the
/// length to cut to.
pub fn slug_target(data: &[u8]) {
    let Some((&max, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let max = usize::from(max);
    let whole = slug::slugify(text);
    let cut = slug::slugify_within(text, max);
    let person = slug::person_slug(text);
    for s in [&whole, &cut, &person] {
        assert!(s.is_empty() || slug::is_valid(s), "slug {s:?} of {text:?}");
        assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "slug {s:?} of {text:?} has an empty word");
        assert!(s.is_empty() || stays_inside(&format!("people/{s}/index.html")));
    }
    assert!(cut.len() <= max, "slug {cut:?} longer than {max}");
    assert!(whole.starts_with(&cut), "cut slug {cut:?} is not the start of {whole:?}");
    assert_eq!(slug::slugify(&whole), whole, "a slug's slug is itself");
}

/// The search tokenizer: the hashes of Latin words and CJK pairs, computed
/// as the characters come, are those of the terms cut as strings; text split
/// at a space gives the terms of its two parts.
pub fn search_tokens(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let terms = |text: &str| {
        let mut v = Vec::new();
        crate::render::search::each_term(text, |k| v.push(k));
        v
    };
    let got = terms(text);
    let want: Vec<u32> = reference_terms(text).iter().map(|t| crate::render::search::fnv1a32(t.as_bytes())).collect();
    assert_eq!(got, want, "terms of {text:?}");
    if let Some((a, b)) = text.split_once(' ') {
        let mut parts = terms(a);
        parts.extend(terms(b));
        assert_eq!(got, parts, "terms of {text:?} split at its first space");
    }
}

/// The terms of `text` as strings, as the module documents them: Latin
/// words lowercased, overlapping pairs of CJK characters.
fn reference_terms(text: &str) -> Vec<String> {
    let is_cjk = crate::content::reading::is_cjk;
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if is_cjk(c) && !c.is_ascii() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if let Some(p) = prev {
                out.push(format!("{p}{c}"));
            }
            prev = Some(c);
            continue;
        }
        prev = None;
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}
