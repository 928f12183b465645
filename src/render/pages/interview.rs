//! An interview's page: every section, question and answer with its anchor,
//! topics and speaker, and links to its older and newer neighbours.

use serde::Serialize;

use super::super::context::PageContext;
use super::super::views::{Card, Chip, Link, Views};
use super::Fill;
use crate::content::interview::Heading;
use crate::content::meta::SourceRef;
use crate::content::timecode::Timecode;
use crate::content::Interview;

pub(in crate::render) fn interview(views: &Views, i: usize, ctx: &mut PageContext) -> Fill {
    let interview = &views.site.interviews[i];
    ctx.insert("interview", &interview_view(views, i, interview));
    ctx.insert("title", &interview.meta.title);
    ctx.insert("description", &interview.meta.summary);
    "interview.html"
}

#[derive(Serialize)]
struct InterviewView<'a> {
    /// "问" or "Q", in the interview's own language.
    question_label: &'a str,
    card: Card<'a>,
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
    text: &'a str,
    /// When in the recording, as written and as a `<time datetime>`.
    time: Option<TimeView<'a>>,
}

#[derive(Serialize)]
struct TimeView<'a> {
    written: &'a str,
    datetime: String,
    seconds: u64,
}

fn time_view(time: &Option<Timecode>) -> Option<TimeView<'_>> {
    time.as_ref().map(|t| TimeView { written: &t.written, datetime: t.iso(), seconds: t.millis / 1000 })
}

fn interview_view<'s: 'f, 'f>(views: &Views<'s>, i: usize, interview: &'f Interview) -> InterviewView<'f> {
    let site = views.site;
    let link = |j: usize| Link { title: &site.interviews[j].meta.title, url: &views.urls.interviews[j] };
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
                        speaker: q.asker.as_deref().unwrap_or_default(),
                        speaker_url: q.asker.as_deref().map_or("", |name| views.person_url(name)),
                        html: &q.html,
                        text: &q.text,
                        time: time_view(&q.time),
                    }),
                    answers: ex
                        .answers
                        .iter()
                        .map(|a| TurnView {
                            anchor: &a.anchor,
                            speaker: &a.speaker,
                            speaker_url: views.person_url(&a.speaker),
                            html: &a.html,
                            text: "",
                            time: time_view(&a.time),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    InterviewView {
        question_label: views.question_label(&interview.meta.lang),
        card: views.card(i),
        source: interview.meta.source.as_ref(),
        reading_time: views.strings.count("reading_time", interview.reading_minutes as usize),
        intro: &interview.intro,
        sections,
        footnotes: &interview.footnotes,
        timed: interview
            .sections
            .iter()
            .flat_map(|s| &s.exchanges)
            .any(|ex| ex.question.as_ref().is_some_and(|q| q.time.is_some()) || ex.answers.iter().any(|a| a.time.is_some())),
        older: (i + 1 < site.interviews.len()).then(|| link(i + 1)),
        newer: (i > 0).then(|| link(i - 1)),
    }
}
