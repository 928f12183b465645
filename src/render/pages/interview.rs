//! An interview's page: every section, question and answer with its anchor,
//! topics and speaker, and links to its older and newer neighbours.

use serde::Serialize;

use super::super::context::PageContext;
use super::super::views::{listed, Card, Chip, Link, Views};
use super::Fill;
use crate::content::interview::{Heading, Question};
use crate::content::meta::SourceRef;
use crate::content::timecode::Timecode;
use crate::content::Interview;
use crate::render::i18n::Strings;

pub(in crate::render) fn interview(views: &Views, i: usize, ctx: &mut PageContext) -> Fill {
    let interview = &views.site.interviews[i];
    ctx.insert("interview", &interview_view(views, i, interview));
    ctx.insert("title", &interview.meta.title);
    ctx.insert("description", &interview.meta.summary);
    ctx.insert("code", &interview.has_highlighted_code());
    "interview.html"
}

/// The interface strings an interview's page shows, which follow its language.
const LABELS: [&str; 23] = [
    "collection",
    "colon",
    "duration",
    "footnotes",
    "identifier",
    "interviewees",
    "interviewer",
    "language",
    "license",
    "link_to_question",
    "list_and",
    "list_comma",
    "place",
    "published",
    "questions",
    "recorded",
    "recording",
    "rights",
    "source",
    "timecode_seek",
    "transcriber",
    "versions",
    "reading_time",
];

/// What an archive records of the interview, as the page shows it.
#[derive(Serialize)]
struct Facts<'a> {
    /// When it was published, in the interview's language; empty when unknown.
    published: String,
    published_iso: String,
    recorded: String,
    recorded_iso: String,
    place: Option<&'a str>,
    rights: Option<&'a str>,
    license: Option<&'a str>,
    /// The license is a URL: link it.
    license_is_url: bool,
    identifier: Option<&'a str>,
    collection: Option<CollectionLink<'a>>,
    duration: Option<DurationView>,
    transcribers: String,
    languages: String,
}

#[derive(Serialize)]
struct CollectionLink<'a> {
    title: &'a str,
    url: String,
    /// `Part 2 of 5`, for an interview with an `order`.
    part: String,
}

#[derive(Serialize)]
struct DurationView {
    clock: String,
    iso: String,
}

#[derive(Serialize)]
struct MediaView<'a> {
    /// The element's id; the first is `recording`, which timecodes seek.
    id: String,
    url: &'a str,
    kind: crate::content::recording::MediaKind,
    mime: Option<&'a str>,
    title: Option<&'a str>,
    /// Captions: the writer's, or the file wenda writes from the timed turns.
    captions: Option<String>,
}

fn facts<'a>(views: &Views<'a>, i: usize, strings: &Strings) -> Facts<'a> {
    let site = views.site;
    let m = &site.interviews[i].meta;
    let collection = site.collection_of(i).map(|(c, at)| {
        let part = match (m.order, at) {
            (Some(_), Some(at)) => {
                strings.get("part_n_of").replace("{n}", &(at + 1).to_string()).replace("{total}", &c.entries.len().to_string())
            }
            _ => String::new(),
        };
        CollectionLink { title: &c.def.title, url: views.url(&c.url), part }
    });
    Facts {
        published: if m.published { strings.date(&m.date) } else { String::new() },
        published_iso: m.date.to_rfc3339(),
        recorded: m.recorded.as_ref().map(|r| strings.approx(r)).unwrap_or_default(),
        recorded_iso: m.recorded.as_ref().map(|r| r.html_datetime()).unwrap_or_default(),
        place: m.place.as_deref(),
        rights: m.rights.as_deref(),
        license: m.license.as_deref(),
        license_is_url: m.license.as_deref().is_some_and(|l| l.starts_with("https://") || l.starts_with("http://")),
        identifier: m.identifier.as_deref(),
        collection,
        duration: m.duration.as_ref().map(|d| DurationView { clock: d.clock(), iso: d.iso() }),
        transcribers: strings.list(&m.transcribers),
        languages: strings.list(&m.languages),
    }
}

#[derive(Serialize)]
struct InterviewView<'a> {
    /// "问" or "Q", in the interview's own language.
    question_label: &'a str,
    /// The interface's words the page uses, in the interview's own language.
    labels: std::collections::BTreeMap<&'static str, &'a str>,
    card: Card<'a>,
    facts: Facts<'a>,
    media: Vec<MediaView<'a>>,
    /// Every version of the interview (empty without translations), with absolute URLs for `hreflang`.
    versions: Vec<VersionView<'a>>,
    /// schema.org JSON-LD, escaped for `<script>`.
    json_ld: String,
    /// Dublin Core `<meta>` names and values.
    dublin_core: Vec<(&'static str, String)>,
    /// `extra:` of the front matter, as written.
    extra: &'a serde_yaml::Value,
    source: Option<&'a SourceRef>,
    reading_time: String,
    intro: &'a str,
    sections: Vec<SectionView<'a>>,
    footnotes: &'a str,
    /// Some turn has a time: the template looks for times only then.
    timed: bool,
    older: Option<Link<'a>>,
    newer: Option<Link<'a>>,
}

#[derive(Serialize)]
struct SectionView<'a> {
    heading: Option<&'a Heading>,
    lead: &'a str,
    exchanges: Vec<ExchangeView<'a>>,
}

#[derive(Serialize)]
struct ExchangeView<'a> {
    topics: Vec<Chip<'a>>,
    question: Option<TurnView<'a>>,
    answers: Vec<TurnView<'a>>,
}

/// One turn, flat: templates look each field up once per turn, and a
/// shallower path costs tera less to look up.
#[derive(Serialize)]
struct TurnView<'a> {
    anchor: &'a str,
    speaker: &'a str,
    /// The speaker's page; empty for a name that has none.
    speaker_url: &'a str,
    html: &'a str,
    /// The question's gist, for the table of questions.
    text: String,
    /// When in the recording, as written and as a `<time datetime>`.
    time: Option<TimeView<'a>>,
}

#[derive(Serialize)]
struct VersionView<'a> {
    lang: &'a str,
    name: &'a str,
    url: &'a str,
    absolute: String,
    current: bool,
}

#[derive(Serialize)]
struct TimeView<'a> {
    written: &'a str,
    datetime: String,
    seconds: u64,
    /// The recording at this moment (`…#t=750`); empty without a recording.
    href: String,
}

fn time_view<'a>(time: &'a Option<Timecode>, media: Option<&str>) -> Option<TimeView<'a>> {
    time.as_ref().map(|t| {
        let seconds = t.millis / 1000;
        TimeView { written: &t.written, datetime: t.iso(), seconds, href: media.map(|m| format!("{m}#t={seconds}")).unwrap_or_default() }
    })
}

fn interview_view<'s: 'f, 'f>(views: &Views<'s>, i: usize, interview: &'f Interview) -> InterviewView<'f> {
    let site = views.site;
    let strings = views.strings_for(&interview.meta.lang);
    let seek = interview.meta.media.first().map(|m| m.url.as_str());
    let timed = interview.is_timed();
    let link = |j: usize| Link { title: &site.interviews[j].meta.title, url: &views.urls.interviews[j] };
    // With one interviewer, named in the header, who asked goes without saying.
    let sole = match interview.meta.interviewers.as_slice() {
        [only] => Some(only.name.as_str()),
        _ => None,
    };
    let asker = |q: &'f Question| q.asker.as_deref().filter(|name| Some(*name) != sole);
    let sections = interview
        .sections
        .iter()
        .map(|s| SectionView {
            heading: s.heading.as_ref(),
            lead: &s.lead,
            exchanges: s
                .exchanges
                .iter()
                .map(|ex| ExchangeView {
                    topics: views.chips(&ex.topics),
                    question: ex.question.as_ref().map(|q| TurnView {
                        anchor: &q.anchor,
                        speaker: asker(q).unwrap_or_default(),
                        speaker_url: asker(q).map_or("", |name| views.person_url(i, name)),
                        html: &q.html,
                        text: listed(q),
                        time: time_view(&q.time, seek),
                    }),
                    answers: ex
                        .answers
                        .iter()
                        .map(|a| TurnView {
                            anchor: &a.anchor,
                            speaker: &a.speaker,
                            speaker_url: views.person_url(i, &a.speaker),
                            html: &a.html,
                            text: "".into(),
                            time: time_view(&a.time, seek),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let media = interview
        .meta
        .media
        .iter()
        .enumerate()
        .map(|(k, m)| MediaView {
            id: if k == 0 { "recording".into() } else { format!("recording-{}", k + 1) },
            url: &m.url,
            kind: m.kind,
            mime: m.mime.as_deref(),
            title: m.title.as_deref(),
            captions: m
                .captions
                .clone()
                .or_else(|| (k == 0 && interview.writes_captions()).then(|| views.url(&format!("{}captions.vtt", interview.url)))),
        })
        .collect();
    let versions = views
        .versions(i)
        .into_iter()
        .map(|v| VersionView {
            lang: v.lang,
            name: v.name,
            url: v.url,
            absolute: crate::render::record::absolute(site, v.url),
            current: v.current,
        })
        .collect();
    InterviewView {
        question_label: views.question_label(&interview.meta.lang),
        labels: LABELS.iter().map(|&k| (k, strings.get(k))).collect(),
        card: views.card(i),
        facts: facts(views, i, strings),
        media,
        versions,
        json_ld: crate::render::record::json_ld(site, i),
        dublin_core: crate::render::record::dublin_core(site, i),
        extra: &interview.meta.extra,
        source: interview.meta.source.as_ref(),
        reading_time: strings.count("reading_time", interview.reading_minutes as usize),
        intro: &interview.intro,
        sections,
        footnotes: &interview.footnotes,
        timed,
        older: (i + 1 < site.interviews.len()).then(|| link(i + 1)),
        newer: (i > 0).then(|| link(i - 1)),
    }
}
