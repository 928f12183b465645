//! Problems a writer can act on. Every stage reports them as one type, a
//! [`Diagnostic`]: where (file, line, column, from the parser that found it)
//! and what ([`Kind`]). The sentence each kind prints is made here and only
//! here, so the wording of every message can be read, and is tested, in one
//! place. Stages collect them and fail once, with all.

use std::fmt;
use std::path::PathBuf;

/// One problem in the site's input, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root, as the writer knows it.
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub kind: Kind,
}

/// What is wrong. The fields hold what the sentence names; [`fmt::Display`]
/// makes the sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    // Files.
    NoContentFolder,
    CannotListContent {
        reason: String,
    },
    CannotRead {
        reason: String,
    },
    CannotReadConfig {
        reason: String,
    },
    NotUtf8 {
        byte: u8,
        offset: usize,
    },
    TemplateNotUtf8,
    CannotWrite {
        reason: String,
    },
    OutputIsSite {
        output: PathBuf,
    },

    // Front matter and site.toml as written.
    EmptyFile,
    NoFrontMatter,
    UnclosedFrontMatter,
    EmptyFrontMatter,
    UnknownKey {
        key: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    /// A key other site generators use, for which wenda has its own word.
    ForeignKey {
        key: String,
        instead: &'static str,
    },
    FullWidthColon {
        key: String,
    },
    MissingKey {
        key: String,
    },
    Yaml {
        message: String,
    },
    WrongType {
        key: String,
        found: String,
        expected: String,
    },
    Toml {
        message: String,
    },

    // Front matter values.
    EmptyTitle,
    BadDate {
        written: String,
    },
    BadSlug {
        slug: String,
        try_slug: String,
    },
    NoSlug,
    DuplicateSlug {
        slug: String,
        other: PathBuf,
    },
    UnknownTopic {
        topic: String,
        suggestion: Option<String>,
    },
    NoInterviewee,
    BadParticipants {
        key: String,
    },
    NoName {
        list: String,
    },
    BadAliases,
    /// A value `wenda new` wrote for the writer to replace (a warning).
    Placeholder {
        key: String,
        value: String,
    },
    BadName {
        name: String,
    },
    BadSourceUrl {
        url: String,
    },
    /// Neither `date` nor `recorded`.
    NoDate,
    BadApproxDate {
        key: String,
        written: String,
    },
    BadDuration {
        written: String,
    },
    BadMedia {
        problem: MediaProblem,
    },
    UnknownCollection {
        collection: String,
        suggestion: Option<String>,
    },
    UnknownTranslation {
        slug: String,
        suggestion: Option<String>,
    },
    UnknownPersonRef {
        reference: String,
        suggestion: Option<String>,
    },
    /// A local image, recording or file that is not there.
    MissingFile {
        what: &'static str,
        path: String,
        looked: PathBuf,
    },
    /// A person file names a person another person file names too, and an
    /// interview says only the name (a warning).
    AmbiguousPerson {
        name: String,
        refs: Vec<String>,
    },
    /// One name, no person file, and roles that differ between interviews (a warning).
    SharedName {
        name: String,
        roles: Vec<String>,
    },

    // site.toml values.
    BadBaseUrl {
        url: String,
        problem: BaseUrlProblem,
    },
    ZeroPagination,
    UnknownLanguage {
        language: String,
    },
    BadTopicSlug {
        what: &'static str,
        slug: String,
    },
    TopicTwice {
        what: &'static str,
        slug: String,
    },
    ThemeNotFound {
        name: String,
    },

    // Bodies.
    AnswerLabelAmbiguous {
        label: String,
        interviewees: usize,
    },
    /// A surname label that two declared people share.
    AmbiguousLabel {
        label: String,
        names: Vec<String>,
    },
    /// An anchor the author pinned that the page already has.
    DuplicateAnchor {
        id: String,
    },
    /// A paragraph opens like a turn, but its label names nobody declared (a warning).
    UndeclaredSpeaker {
        label: String,
        suggestion: Option<String>,
    },
    /// `{topic: ...}` and the like: a marker wenda does not know (a warning).
    UnknownMarker {
        written: String,
    },
    MissingOwnAnchor {
        fragment: String,
        suggestion: Option<String>,
    },
    MissingAnchor {
        fragment: String,
        target: String,
        suggestion: Option<String>,
    },
    LinkToUnpublished {
        dest: String,
    },
    LinkToNoFile {
        path: String,
        suggestion: Option<String>,
    },

    // Templates.
    TemplateSyntax {
        summary: String,
    },
    TemplateSet {
        message: String,
    },
    TemplateMissingParent {
        parent: String,
    },
    TemplateCircular {
        chain: String,
    },
    TemplateRender {
        page: String,
        message: String,
    },

    // Links found by `wenda check` in the built pages.
    BrokenLink {
        href: String,
        target: String,
    },
    BrokenLinkAnchor {
        href: String,
        fragment: String,
        target: String,
    },
}

/// What is wrong with an entry of `media:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MediaProblem {
    NoSource,
    Shape,
    UnknownType,
}

/// Why a base URL cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BaseUrlProblem {
    NoScheme,
    NoHost,
    QueryOrFragment,
}

impl Kind {
    /// A warning: the site builds, but `wenda check` fails unless told to
    /// allow warnings.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Kind::UndeclaredSpeaker { .. }
                | Kind::UnknownMarker { .. }
                | Kind::Placeholder { .. }
                | Kind::AmbiguousPerson { .. }
                | Kind::SharedName { .. }
        )
    }
}

impl Diagnostic {
    pub fn is_warning(&self) -> bool {
        self.kind.is_warning()
    }

    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize, kind: Kind) -> Self {
        Diagnostic { file: file.into(), line, column, kind }
    }

    /// A problem with the file as a whole (unreadable, empty, not UTF-8).
    pub fn file(file: impl Into<PathBuf>, kind: Kind) -> Self {
        Diagnostic::new(file, 1, 1, kind)
    }

    /// The sentence, without the location.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warning = if self.is_warning() { "warning: " } else { "" };
        write!(f, "{}:{}:{}: {warning}{}", self.file.display(), self.line, self.column, self.kind)
    }
}

/// ` (did you mean "x"?)` or nothing.
struct Hint<'a>(&'a Option<String>);

impl fmt::Display for Hint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(s) => write!(f, " (did you mean \"{s}\"?)"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Kind::*;
        match self {
            NoContentFolder => write!(f, "there is no content/ folder: interviews go in content/"),
            CannotListContent { reason } => write!(f, "cannot list the content folder: {reason}"),
            CannotRead { reason } => write!(f, "cannot read the file: {reason}"),
            CannotReadConfig { reason } => write!(f, "cannot read the site configuration: {reason}"),
            NotUtf8 { byte, offset } => write!(f, "the file is not UTF-8 text (byte 0x{byte:02X} at offset {offset}); save it as UTF-8"),
            TemplateNotUtf8 => write!(f, "the template is not UTF-8 text; save it as UTF-8"),
            CannotWrite { reason } => write!(f, "cannot write: {reason}"),
            OutputIsSite { output } => {
                write!(f, "the output folder {} would replace the site's own files; choose another output_dir", output.display())
            }
            EmptyFile => write!(f, "the file is empty: an interview needs front matter between two `---` lines, then its text"),
            NoFrontMatter => write!(f, "the file does not start with front matter: its first line must be `---`"),
            UnclosedFrontMatter => write!(f, "the front matter opened on line 1 is never closed: add a line `---` after its last key"),
            EmptyFrontMatter => write!(f, "the front matter is empty: it needs at least title and date"),
            UnknownKey { key, suggestion, known } => {
                write!(f, "unknown key \"{key}\"{}", Hint(suggestion))?;
                if suggestion.is_none() && !known.is_empty() {
                    write!(f, "; known keys: {}", known.join(", "))?;
                }
                Ok(())
            }
            ForeignKey { key, instead } => write!(f, "unknown key \"{key}\": wenda calls it \"{instead}\""),
            FullWidthColon { key } => {
                write!(f, "the key \"{key}\" is followed by a full-width colon \"：\"; YAML needs an ASCII colon \":\" after a key")
            }
            MissingKey { key } => write!(f, "the required key \"{key}\" is missing"),
            Yaml { message } => write!(f, "the front matter is not valid YAML: {message}"),
            WrongType { key, found, expected } => write!(f, "\"{key}\" should be {expected} (found: {found})"),
            Toml { message } => write!(f, "site.toml is not valid TOML: {message}"),
            EmptyTitle => write!(f, "the title is empty"),
            BadDate { written } => write!(f, "the date \"{written}\" is not a date: write 2024-11-13 or 2024-11-13T23:15:00+08:00"),
            BadSlug { slug, try_slug } => {
                write!(f, "slug \"{slug}\" may hold only lowercase letters, digits and '-' (try \"{try_slug}\")")
            }
            NoSlug => write!(f, "no slug can be made from the file name: add `slug:` with lowercase letters, digits and '-'"),
            DuplicateSlug { slug, other } => {
                write!(f, "the slug \"{slug}\" is already used by {}; give one of them another `slug:`", other.display())
            }
            UnknownTopic { topic, suggestion } => {
                write!(f, "unknown topic \"{topic}\"{}; topics are defined in site.toml", Hint(suggestion))
            }
            NoInterviewee => write!(f, "no interviewee: list at least one person under `interviewees:` with a name"),
            BadParticipants { key } => write!(f, "{key} must be a name, a map with `name` (and `role`, `aliases`), or a list of those"),
            NoName { list } => write!(f, "an entry of {list} has no name: give it `name:`"),
            BadAliases => write!(f, "aliases must be a list of the labels the transcript uses for this person, e.g. `aliases: [王, 本刊]`"),
            Placeholder { key, value } => write!(f, "{key} is still \"{value}\", the placeholder `wenda new` wrote: fill it in"),
            BadName { name } => write!(f, "the name \"{name}\" is empty or holds a colon"),
            BadSourceUrl { url } => write!(f, "the source url \"{url}\" must start with http:// or https://"),
            NoDate => write!(f, "the interview has no date: give `date:` (when it was published) or `recorded:` (when it was recorded), or both"),
            BadApproxDate { key, written } => write!(
                f,
                "{key} \"{written}\" is not a date wenda reads: write 1998, 1998-04, 1998-04-12, ca. 1975, or a range such as 1975/1980"
            ),
            BadDuration { written } => write!(f, "the duration \"{written}\" is not a duration: write 01:12:30, 45:10 or PT1H12M30S"),
            BadMedia { problem } => match problem {
                MediaProblem::NoSource => write!(f, "a media entry needs `src:`, the recording's file or URL"),
                MediaProblem::Shape => write!(
                    f,
                    "media must be a file or URL, a map with `src` (and `type`, `duration`, `captions`, `title`), or a list of those"
                ),
                MediaProblem::UnknownType => write!(
                    f,
                    "the media type cannot be told: give `type:` as audio/mpeg, audio/ogg, video/mp4 and the like (or audio, video)"
                ),
            },
            UnknownCollection { collection, suggestion } => {
                write!(f, "unknown collection \"{collection}\"{}; collections are defined in site.toml as [[collections]]", Hint(suggestion))
            }
            UnknownTranslation { slug, suggestion } => {
                write!(f, "translation_of names \"{slug}\", which is the slug of no interview{}", Hint(suggestion))
            }
            UnknownPersonRef { reference, suggestion } => write!(
                f,
                "ref \"{reference}\" names no person file: there is no content/people/{reference}.md{}",
                Hint(suggestion)
            ),
            MissingFile { what, path, looked } => write!(f, "the {what} \"{path}\" is missing: there is no file {}", looked.display()),
            AmbiguousPerson { name, refs } => write!(
                f,
                "\"{name}\" is the name of {} people with files ({}): say which with `ref:` beside the name",
                refs.len(),
                refs.join(", ")
            ),
            SharedName { name, roles } => write!(
                f,
                "\"{name}\" has different roles in different interviews ({}): if these are two people, give each a file under content/people/ and `ref:` it; if one, a file content/people/<slug>.md declares them",
                roles.join("; ")
            ),
            BadBaseUrl { url, problem } => match problem {
                BaseUrlProblem::NoScheme => write!(f, "base_url \"{url}\" must start with http:// or https://"),
                BaseUrlProblem::NoHost => write!(f, "base_url \"{url}\" has no host name"),
                BaseUrlProblem::QueryOrFragment => write!(f, "base_url \"{url}\" may not carry a query, a fragment or spaces"),
            },
            ZeroPagination => write!(f, "paginate_by must be at least 1"),
            UnknownLanguage { language } => write!(
                f,
                "language \"{language}\" has no built-in interface strings; use \"zh-CN\" or \"en\" (and [strings] to adjust them)"
            ),
            BadTopicSlug { what, slug } => write!(f, "{what} slug \"{slug}\" may hold only lowercase letters, digits and '-'"),
            TopicTwice { what, slug } => write!(f, "{what} \"{slug}\" is defined twice"),
            ThemeNotFound { name } => write!(f, "theme \"{name}\" not found: there is no folder themes/{name}/"),
            AnswerLabelAmbiguous { label, interviewees } => {
                let written = if label.ends_with('.') { label.clone() } else { format!("{label}:") };
                let alias = label.trim_end_matches('.');
                write!(
                    f,
                    "\"{written}\" stands for the sole interviewee, but this interview has {interviewees}: write the speaker's name, or give the one who answers `aliases: [{alias}]` under interviewees"
                )
            }
            AmbiguousLabel { label, names } => write!(
                f,
                "\"{label}\" could be {}: give each an alias under interviewees (or interviewer) and label their turns with it",
                names.join(" or ")
            ),
            DuplicateAnchor { id } => write!(f, "the anchor \"#{id}\" is already used on this page: pin another one with {{#...}}"),
            UndeclaredSpeaker { label, suggestion: Some(s) } => write!(
                f,
                "\"{label}\" is not declared; did you mean \"{s}\"? Declare them under interviewees or add an alias"
            ),
            UndeclaredSpeaker { label, suggestion: None } => write!(
                f,
                "\"{label}\" opens the paragraph like a speaker's label, but nobody of that name is declared: declare them under interviewees (or interviewer), or add an alias; until then the paragraph is read as text, not as a turn"
            ),
            UnknownMarker { written } => write!(f, "\"{{{written}: ...}}\" is not a marker wenda knows: write {{topics: a, b}}"),
            MissingOwnAnchor { fragment, suggestion } => {
                write!(f, "the link names the anchor \"#{fragment}\", which this page does not have{}", Hint(suggestion))
            }
            MissingAnchor { fragment, target, suggestion } => {
                write!(f, "the link names the anchor \"#{fragment}\", which the page of \"{target}\" does not have{}", Hint(suggestion))
            }
            LinkToUnpublished { dest } => {
                write!(f, "the link to \"{dest}\" points to a draft or future interview, which this build leaves out")
            }
            LinkToNoFile { path, suggestion } => write!(f, "the link to \"{path}\" names no content file{}", Hint(suggestion)),
            TemplateSyntax { summary } => write!(f, "template error: {summary}"),
            TemplateSet { message } => write!(f, "template error: {message}"),
            TemplateMissingParent { parent } => {
                write!(f, "template error: it extends \"{parent}\", which is neither in the theme nor in templates/")
            }
            TemplateCircular { chain } => write!(f, "template error: the templates extend each other in a circle: {chain}"),
            TemplateRender { page, message } => write!(f, "template error while rendering {page}: {message}"),
            BrokenLink { href, target } => write!(f, "the link \"{href}\" points to {target}, which the site does not have"),
            BrokenLinkAnchor { href, fragment, target } => {
                write!(f, "the link \"{href}\" names the anchor #{fragment}, which {target} does not have")
            }
        }
    }
}

/// `unknown field `titel`, expected one of `title`, `date`` → an unknown key
/// "titel" (did you mean "title"?); `missing field `date`` → a missing key.
/// Other messages are not about keys: `None`.
pub(crate) fn key_problem(message: &str) -> Option<Kind> {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let known: Vec<String> = expected.split('`').skip(1).step_by(2).map(str::to_string).collect();
        let suggestion = did_you_mean(field, known.iter().map(String::as_str));
        return Some(Kind::UnknownKey { key: field.to_string(), suggestion, known });
    }
    let rest = message.strip_prefix("missing field `")?;
    let (field, _) = rest.split_once('`')?;
    Some(Kind::MissingKey { key: field.to_string() })
}

/// wenda's word for a front-matter key of Hugo, Zola or Jekyll.
pub(crate) fn foreign_key(key: &str) -> Option<&'static str> {
    match key {
        "tags" | "categories" | "taxonomies" | "keywords" => Some("topics"),
        "description" | "excerpt" | "abstract" => Some("summary"),
        "author" | "authors" | "interviewers" => Some("interviewer"),
        "interviewee" | "guests" | "guest" => Some("interviewees"),
        _ => None,
    }
}

/// Line and column (1-based, column counted in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How many problems of one file come with a "did you mean" hint. Each hint
/// compares the word with every candidate (the anchors of a page, the files
/// of the site), so a file with thousands of broken links took time quadratic
/// in its size; its problems past these are reported without a hint.
pub(crate) const HINTS_PER_FILE: usize = 20;

/// The closest candidate to a misspelt name, if one is close enough to suggest.
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Comparing takes time in the product of the lengths: a word or a name
    // longer than any key, slug or anchor is no slip of one.
    const LONGEST: usize = 100;
    let given = given.to_lowercase();
    let length = given.chars().count();
    if length > LONGEST {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| {
            // Jaro-Winkler is above 0.8 only when Jaro is above 0.7, which
            // needs the shorter word to be over a tenth of the longer.
            let other = c.chars().count();
            other <= LONGEST && 10 * length.min(other) > length.max(other)
        })
        .map(|c| (strsim::jaro_winkler(&given, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        // Of equally close candidates, the first by name: the same every run.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_chars() {
        assert_eq!(line_col("ab\n问:x", 6), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("agent", ["agents", "regulation"]).as_deref(), Some("agents"));
        assert_eq!(did_you_mean("zzz", ["agents"]), None);
    }

    #[test]
    fn hints_take_no_time_for_long_words() {
        // Found by probing the fuzz targets with their worst inputs: links
        // with fragments of 1,500 characters, compared with 650 anchors of
        // 40 for each hint, took 13 s. No word that much longer or shorter
        // can score above 0.8, and none of over 100 characters is a slip.
        let long = "b".repeat(1500);
        let anchors: Vec<String> = (0..200).map(|n| format!("{n:0>40}{}", "a".repeat(360))).collect();
        let started = std::time::Instant::now();
        for _ in 0..20 {
            assert_eq!(did_you_mean(&long, anchors.iter().map(String::as_str)), None);
            assert_eq!(did_you_mean("q-why", anchors.iter().map(String::as_str)), None);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "took {:?}", started.elapsed());
        // Lengths still within reach are compared as before.
        assert_eq!(did_you_mean("q-wy", ["q-why-did-you-leave", "q-why"]).as_deref(), Some("q-why"));
        assert_eq!(did_you_mean(&"a".repeat(100), [&*"a".repeat(99)]).map(|s| s.len()), Some(99));
    }

    /// The failures of the machine rather than of the site (a folder that
    /// cannot be listed, a file that cannot be read or written) cannot be
    /// made by a fixture; their sentences are pinned here.
    #[test]
    fn io_failures_read_as_sentences() {
        let reason = "Permission denied (os error 13)".to_string();
        assert_eq!(
            Kind::CannotListContent { reason: reason.clone() }.to_string(),
            "cannot list the content folder: Permission denied (os error 13)"
        );
        assert_eq!(Kind::CannotRead { reason: reason.clone() }.to_string(), "cannot read the file: Permission denied (os error 13)");
        assert_eq!(Kind::CannotWrite { reason }.to_string(), "cannot write: Permission denied (os error 13)");
    }

    #[test]
    fn prints_file_line_column_and_sentence() {
        let d =
            Diagnostic::new("content/a.md", 6, 10, Kind::UnknownTopic { topic: "regulaton".into(), suggestion: Some("regulation".into()) });
        assert_eq!(
            d.to_string(),
            "content/a.md:6:10: unknown topic \"regulaton\" (did you mean \"regulation\"?); topics are defined in site.toml"
        );
    }
}
