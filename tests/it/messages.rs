//! Every sentence wenda can say about a problem is pinned by a test that
//! makes it happen. The kinds are read from `src/error.rs`; each must be
//! listed here with the fixture whose `expected.txt` (compared byte for byte
//! with a real build by `bad_input`) or the test that shows it.

use super::support::*;

/// Kind → where a real run shows it, and words of its sentence.
const PINNED: &[(&str, Pin, &str)] = &[
    ("NoContentFolder", Fixture("no-content-folder"), "there is no content/ folder"),
    ("CannotListContent", Unit, ""),
    ("CannotRead", Unit, ""),
    ("CannotRead", Test("hostile.rs"), "content/interviews/gone.md:1:1: cannot read the file: No such file or directory"),
    ("SymlinkLoop", Test("hostile.rs"), "content/archive/loop:1:1: the symbolic link leads back to content, a folder it is in"),
    ("CannotReadConfig", Fixture("no-site-toml"), "cannot read the site configuration"),
    ("NotUtf8", Fixture("not-utf8"), "is not UTF-8 text (byte 0xE9"),
    ("TemplateNotUtf8", Fixture("template-not-utf8"), "the template is not UTF-8 text"),
    ("CannotWrite", Unit, ""),
    ("OutputIsSite", Fixture("output-is-root"), "would replace the site's own files"),
    ("EmptyFile", Fixture("empty-file"), "the file is empty"),
    ("NoFrontMatter", Fixture("no-front-matter"), "does not start with front matter"),
    ("UnclosedFrontMatter", Fixture("unterminated-fence"), "is never closed"),
    ("EmptyFrontMatter", Fixture("empty-front-matter"), "the front matter is empty"),
    ("UnknownKey", Fixture("unknown-key"), "unknown key \"summry\" (did you mean \"summary\"?)"),
    ("UnknownKey", Fixture("unknown-key-far"), "unknown key \"xyzzy\"; known keys: title"),
    ("UnknownKey", Fixture("config-key"), "site.toml:3:1: unknown key \"paginate\""),
    ("MissingKey", Fixture("missing-title"), "the required key \"title\" is missing"),
    ("MissingKey", Fixture("config-missing-key"), "the required key \"base_url\" is missing"),
    ("Yaml", Fixture("yaml-syntax"), "the front matter is not valid YAML"),
    ("WrongType", Fixture("wrong-type"), "\"draft\" should be a boolean"),
    ("Toml", Fixture("toml-syntax"), "site.toml is not valid TOML"),
    ("YamlTooDeep", Fixture("yaml-deep"), "opens more than 128 lists or maps inside each other"),
    ("YamlAliases", Fixture("yaml-bomb"), "a.md:7:10: the front matter's aliases (*name) repeat their anchors' values more often"),
    ("EmptyTitle", Fixture("empty-title"), "the title is empty"),
    ("BadDate", Fixture("bad-date"), "is not a date"),
    ("BadSlug", Fixture("bad-slug"), "may hold only lowercase letters"),
    ("NoSlug", Fixture("no-slug"), "no slug can be made from the file name"),
    ("DuplicateSlug", Fixture("duplicate-slug"), "is already used by"),
    ("UnknownTopic", Fixture("unknown-topic"), "unknown topic \"agent\""),
    ("UnknownTopic", Fixture("question-topic"), "unknown topic \"agnts\""),
    ("NoInterviewee", Fixture("no-interviewee"), "no interviewee"),
    ("BadParticipants", Fixture("bad-participants"), "interviewer must be a name"),
    ("NoName", Fixture("no-name"), "an entry of interviewees has no name"),
    ("BadAliases", Fixture("bad-aliases"), "aliases must be a list"),
    ("ForeignKey", Fixture("foreign-keys"), "unknown key \"tags\": wenda calls it \"topics\""),
    ("FullWidthColon", Fixture("full-width-colon"), "is followed by a full-width colon"),
    ("Placeholder", Test("warnings.rs"), "the placeholder `wenda new` wrote"),
    ("UndeclaredSpeaker", Warning("undeclared-speaker"), "did you mean \"Luis Alvarado\"? Declare them under interviewees or add an alias"),
    ("UndeclaredSpeaker", Warning("undeclared-speaker"), "\"Maria Alvarado\" opens the paragraph like a speaker's label"),
    ("UnknownMarker", Warning("unknown-marker"), "\"{tags: ...}\" is not a marker wenda knows"),
    ("BadName", Fixture("bad-name"), "is empty or holds a colon"),
    ("BadSourceUrl", Fixture("bad-source-url"), "the source url"),
    ("BadBaseUrl", Fixture("base-url-scheme"), "must start with http:// or https://"),
    ("NoScheme", Fixture("base-url-scheme"), "must start with http:// or https://"),
    ("NoHost", Fixture("base-url-host"), "has no host name"),
    ("QueryOrFragment", Fixture("base-url-query"), "may not carry a query"),
    ("ZeroPagination", Fixture("config-values"), "paginate_by must be at least 1"),
    ("UnknownLanguage", Fixture("config-values"), "has no built-in interface strings"),
    ("BadTopicSlug", Fixture("config-values"), "topic slug \"Regulation\""),
    ("TopicTwice", Fixture("config-values"), "is defined twice"),
    ("ThemeNotFound", Fixture("theme-not-found"), "theme \"nope\" not found"),
    ("AnswerLabelAmbiguous", Fixture("two-interviewees-a-label"), "stands for the sole interviewee"),
    ("AmbiguousLabel", Fixture("surname-twice"), "\"ACHESON\" could be Dean Acheson or Ruth Acheson"),
    ("DuplicateAnchor", Fixture("pinned-anchor-twice"), "the anchor \"#why\" is already used on this page"),
    ("MissingOwnAnchor", Fixture("missing-own-anchor"), "which this page does not have"),
    ("MissingAnchor", Fixture("broken-anchor"), "which the page of \"b\" does not have"),
    ("MissingAnchor", Fixture("anchor-typo"), "(did you mean \"q-why-did-you-leave\"?)"),
    ("LinkToUnpublished", Fixture("link-to-draft"), "points to a draft or future interview"),
    ("LinkToNoFile", Fixture("broken-link"), "names no content file"),
    ("TangledHtml", Fixture("tangled-html"), "a.md:11:1: the raw HTML here, with the lists and quotes around it, nests more than 128"),
    ("TemplateSyntax", Fixture("template-syntax"), "template error: expected"),
    ("TemplateSet", Fixture("template-set"), "loads macros from"),
    ("TemplateMissingParent", Fixture("template-missing-parent"), "it extends \"no-such-base.html\""),
    ("TemplateCircular", Fixture("template-circular"), "extend each other in a circle"),
    ("TemplateRender", Fixture("template-runtime"), "template error while rendering"),
    ("BrokenLink", Test("check.rs"), "which the site does not have"),
    ("NoDate", Fixture("many-errors"), "the interview has no date: give `date:`"),
    ("BadApproxDate", Fixture("archive-values"), "recorded \"spring 1975\" is not a date wenda reads"),
    ("BadDuration", Fixture("archive-values"), "the duration \"an hour and a half\" is not a duration"),
    ("BadMedia", Fixture("archive-values"), "a media entry needs `src:`"),
    ("BadMedia", Fixture("archive-values"), "the media type cannot be told"),
    ("UnknownCollection", Fixture("archive-values"), "unknown collection \"coal-contry\" (did you mean \"coal-country\"?)"),
    ("UnknownTranslation", Fixture("archive-values"), "translation_of names \"delaney-1975\", which is the slug of no interview"),
    ("UnknownPersonRef", Fixture("archive-values"), "ref \"ruth-delany\" names no person file"),
    ("MissingFile", Fixture("archive-values"), "the recording \"tape-2.mp3\" is missing"),
    ("MissingFile", Fixture("archive-values"), "the image \"union-hall.jpg\" is missing"),
    ("AmbiguousPerson", Warning("people-names"), "\"John Smith\" is the name of 2 people with files"),
    ("SharedName", Warning("people-names"), "\"Li Wei\" has different roles in different interviews"),
    ("UnsafeLink", Warning("unsafe-links"), "a javascript: address runs script in the reader's browser"),
    ("BrokenLinkAnchor", Test("check.rs"), "names the anchor #q-missing, which interviews/ada-park/index.html does not have"),
];

#[derive(Clone, Copy)]
enum Pin {
    /// `tests/fixtures/bad/<name>/expected.txt`.
    Fixture(&'static str),
    /// A test file under `tests/it/` that asserts the exact line.
    Test(&'static str),
    /// `tests/fixtures/warn/<name>/expected.txt`, a build that warns.
    Warning(&'static str),
    /// `error.rs`'s own unit test (failures of the machine, not the site).
    Unit,
}
use Pin::*;

/// The variant names of `pub enum Kind` and `pub enum BaseUrlProblem`.
fn kinds() -> Vec<String> {
    let source = read(repo().join("src/error.rs"));
    let mut names = Vec::new();
    for start in ["pub enum Kind {", "pub enum BaseUrlProblem {"] {
        let body = source.split(start).nth(1).and_then(|rest| rest.split("\n}").next()).expect("enum in error.rs");
        for line in body.lines().map(str::trim) {
            let name: String = line.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                names.push(name);
            }
        }
    }
    names
}

#[test]
fn every_kind_of_problem_is_pinned_by_a_run_that_shows_it() {
    let kinds = kinds();
    assert!(kinds.len() > 40, "kinds read from error.rs: {kinds:?}");
    let mut failures = Vec::new();
    for kind in &kinds {
        if !PINNED.iter().any(|(k, ..)| k == kind) {
            failures.push(format!("{kind}: no fixture or test shows it"));
        }
    }
    for (kind, pin, words) in PINNED {
        if !kinds.contains(&kind.to_string()) {
            failures.push(format!("{kind}: not a kind in error.rs"));
        }
        let text = match pin {
            Fixture(name) => read(fixtures().join("bad").join(name).join("expected.txt")),
            Warning(name) => read(fixtures().join("warn").join(name).join("expected.txt")),
            Test(file) => read(repo().join("tests/it").join(file)),
            Unit => read(repo().join("src/error.rs")),
        };
        let words = if words.is_empty() { kind_sentence_start(kind) } else { words.to_string() };
        if !text.contains(&words) {
            failures.push(format!("{kind}: \"{words}\" is not in what pins it"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The start of the sentence of a kind pinned by `error.rs`'s unit test.
fn kind_sentence_start(kind: &str) -> String {
    match kind {
        "CannotListContent" => "\"cannot list the content folder: Permission denied",
        "CannotRead" => "\"cannot read the file: Permission denied",
        "CannotWrite" => "\"cannot write: Permission denied",
        other => other,
    }
    .to_string()
}

#[test]
fn commands_say_what_went_wrong_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    let r = root.to_str().unwrap();

    let made = wenda(&["init", r]);
    assert!(made.status.success());
    assert_eq!(stderr(&wenda(&["init", r])), format!("error: {r} is not empty; choose a new folder\n"));

    assert_eq!(
        stderr(&wenda(&["new", "!!!", "--root", r])),
        "error: no slug can be made from \"!!!\"; use letters or Chinese characters\n"
    );
    let first = wenda(&["new", "Second thoughts", "--root", r]);
    let written = String::from_utf8_lossy(&first.stdout);
    let rel = written.split_whitespace().nth(2).expect("wenda: wrote PATH ...");
    assert_eq!(stderr(&wenda(&["new", "Second thoughts", "--root", r])), format!("error: {rel} already exists; it was left as it is\n"));

    let broken = site_from(&fixtures().join("bad/many-errors"));
    let check = stderr(&wenda(&["check", "--root", broken.path().to_str().unwrap()]));
    assert!(check.ends_with("\nerror: 4 problems found\n"), "{check}");
}

#[test]
fn serve_says_when_its_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = site_from(&fixtures().join("good"));
    let out = wenda(&["serve", "--root", site.path().to_str().unwrap(), "--port", &port]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out), format!("error: cannot listen on 127.0.0.1:{port}: Address already in use (os error 98)\n"));
}

#[test]
fn serve_says_when_it_cannot_watch_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let out = wenda(&["serve", "--root", missing.to_str().unwrap(), "--port", "0"]);
    assert!(!out.status.success());
    let text = stderr(&out);
    let last = text.lines().last().unwrap_or_default();
    assert!(last.starts_with(&format!("error: cannot watch {}: ", missing.display())), "{text}");
}
