//! Assembles parsed interviews into the [`Site`]: newest first, anchors of
//! cross links checked, and the topic and people indexes built.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::model::{Collection, ExchangeRef, Person, PersonEntry, Site, Topic};
use crate::config::Config;
use crate::content::interview::AnchorLink;
use crate::content::interview::Exchange;
use crate::content::meta::PLACEHOLDER_NAMES;
use crate::content::person::PersonRecord;
use crate::content::Interview;
use crate::error::{Diagnostic, Kind};
use crate::slug;
use crate::suggest::{Budget, Suggester};
use std::path::Path;

/// The site of these interviews: sorted newest first, the anchors of their
/// cross links checked, and every index built.
pub(crate) fn assemble(config: Config, mut interviews: Vec<Interview>, records: Vec<PersonRecord>) -> Result<Site, Vec<Diagnostic>> {
    interviews.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then_with(|| a.meta.slug.cmp(&b.meta.slug)));
    let errors = check_anchors(&interviews);
    if !errors.is_empty() {
        return Err(errors);
    }
    let versions = versions(&interviews);
    let listed: Vec<usize> = (0..interviews.len()).filter(|&i| versions[i].first().is_none_or(|&o| o == i)).collect();
    let topics = topics(&config, &interviews, &listed);
    let People { people, cast, warnings } = people(&config, &interviews, records, &versions);
    let collections = collections(&config, &interviews, &listed);
    let updated = interviews.first().map(|i| i.meta.date);
    Ok(Site { config, interviews, topics, people, cast, collections, versions, listed, updated, warnings })
}

/// Links whose `#fragment` names no anchor of their target page. Links to pages
/// that are not among `interviews` (they failed to parse) are not judged.
pub(crate) fn check_anchors(interviews: &[Interview]) -> Vec<Diagnostic> {
    check_anchors_where(interviews, |_| true)
}

/// The same for the links written in the interviews `include` selects.
pub(crate) fn check_anchors_where(interviews: &[Interview], include: impl Fn(&Interview) -> bool) -> Vec<Diagnostic> {
    let written: Vec<(&Path, &[AnchorLink])> =
        interviews.iter().filter(|i| include(i)).map(|i| (i.path.as_path(), i.links.as_slice())).collect();
    check_links(interviews, &written)
}

/// Links written in the files at these paths (which need not have parsed),
/// against the anchors of `interviews`.
pub(crate) fn check_links(interviews: &[Interview], written: &[(&Path, &[AnchorLink])]) -> Vec<Diagnostic> {
    let targets: HashSet<&str> = written.iter().flat_map(|(_, links)| links.iter().map(|l| l.target_slug.as_str())).collect();
    let anchors: HashMap<&str, HashSet<&str>> = interviews
        .iter()
        .filter(|i| targets.contains(i.meta.slug.as_str()))
        .map(|i| (i.meta.slug.as_str(), i.anchors().collect()))
        .collect();
    let mut errors = Vec::new();
    let mut suggesters: HashMap<&str, Suggester> = HashMap::new();
    let mut budget = Budget::default();
    for (path, links) in written {
        for link in links.iter() {
            let Some(target) = anchors.get(link.target_slug.as_str()) else { continue };
            if !target.contains(link.fragment.as_str()) {
                let suggester = suggesters.entry(link.target_slug.as_str()).or_insert_with(|| Suggester::new(target.iter().copied()));
                errors.push(Diagnostic::new(
                    *path,
                    link.line,
                    link.column,
                    Kind::MissingAnchor {
                        fragment: link.fragment.clone(),
                        target: link.target_slug.clone(),
                        suggestion: suggester.suggest(&link.fragment, &mut budget),
                    },
                ));
            }
        }
    }
    errors
}

fn exchange_refs(i: usize, interview: &Interview) -> impl Iterator<Item = (ExchangeRef, &Exchange)> {
    interview.sections.iter().enumerate().flat_map(move |(s, section)| {
        section.exchanges.iter().enumerate().map(move |(e, ex)| (ExchangeRef { interview: i, section: s, exchange: e }, ex))
    })
}

fn topics(config: &Config, interviews: &[Interview], listed: &[usize]) -> Vec<Topic> {
    config
        .topics
        .iter()
        .map(|def| {
            let mut entries = Vec::new();
            let mut exchange_count = 0;
            for (i, interview) in listed.iter().map(|&i| (i, &interviews[i])) {
                let tagged: Vec<ExchangeRef> =
                    exchange_refs(i, interview).filter(|(_, ex)| ex.topics.contains(&def.slug)).map(|(r, _)| r).collect();
                if !tagged.is_empty() || interview.meta.topics.contains(&def.slug) {
                    exchange_count += tagged.len();
                    entries.push((i, tagged));
                }
            }
            Topic { def: def.clone(), url: format!("topics/{}/", def.slug), entries, exchange_count }
        })
        .collect()
}

/// Who a name of an interview is: a person with a file, or a name alone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Who {
    File(usize),
    Name(String),
}

/// Everyone the interviews name, and the person files: one page each.
struct People {
    people: Vec<Person>,
    cast: Vec<Vec<(String, usize)>>,
    warnings: Vec<Diagnostic>,
}

fn people(config: &Config, interviews: &[Interview], records: Vec<PersonRecord>, versions: &[Vec<usize>]) -> People {
    let mut warnings = Vec::new();
    let mut cast_keys: Vec<Vec<(String, Who)>> = Vec::with_capacity(interviews.len());
    let mut by_who: BTreeMap<Who, Vec<PersonEntry>> = BTreeMap::new();
    let mut roles: HashMap<Who, Vec<(String, usize)>> = HashMap::new();
    let mut warned: HashSet<&str> = HashSet::new();
    let by_slug: HashMap<&str, usize> = records.iter().enumerate().map(|(r, rec)| (rec.slug.as_str(), r)).collect();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (r, rec) in records.iter().enumerate() {
        for name in std::iter::once(&rec.name).chain(&rec.aliases) {
            let list = by_name.entry(name.as_str()).or_default();
            if !list.contains(&r) {
                list.push(r);
            }
        }
    }
    for (i, interview) in interviews.iter().enumerate() {
        let m = &interview.meta;
        let mut cast: Vec<(String, Who)> = Vec::new();
        // A placeholder `wenda new` wrote is nobody yet: no page of its own.
        for p in m.interviewees.iter().chain(&m.interviewers).filter(|p| !PLACEHOLDER_NAMES.contains(&p.name.as_str())) {
            if cast.iter().any(|(n, _)| n == &p.name) {
                continue;
            }
            let who = match p.person_ref.as_deref().and_then(|r| by_slug.get(r)) {
                Some(&file) => Who::File(file),
                None => {
                    let named: &[usize] = by_name.get(p.name.as_str()).map_or(&[], Vec::as_slice);
                    match named[..] {
                        [one] => Who::File(one),
                        [] => Who::Name(p.name.clone()),
                        _ => {
                            if warned.insert(&p.name) {
                                let refs = named.iter().map(|&r| records[r].slug.clone()).collect();
                                warnings.push(located(
                                    config,
                                    &interview.path,
                                    "name",
                                    &p.name,
                                    Kind::AmbiguousPerson { name: p.name.clone(), refs },
                                ));
                            }
                            Who::Name(p.name.clone())
                        }
                    }
                }
            };
            cast.push((p.name.clone(), who));
        }
        // A translation's people are the original's: listed once, under the original.
        let translation = versions[i].first().is_some_and(|&o| o != i);
        for (name, who) in &cast {
            if translation {
                by_who.entry(who.clone()).or_default();
                continue;
            }
            let gave = m.interviewees.iter().any(|p| &p.name == name);
            let conducted = m.interviewers.iter().any(|p| &p.name == name);
            let answers =
                exchange_refs(i, interview).filter(|(_, ex)| ex.answers.iter().any(|a| &a.speaker == name)).map(|(r, _)| r).collect();
            by_who.entry(who.clone()).or_default().push(PersonEntry { interview: i, gave, conducted, answers });
            if let Some(p) = m.interviewees.iter().find(|p| &p.name == name && !p.role.is_empty()) {
                roles.entry(who.clone()).or_default().push((p.role.clone(), i));
            }
        }
        cast_keys.push(cast);
    }
    for r in 0..records.len() {
        by_who.entry(Who::File(r)).or_default();
    }
    warnings.extend(shared_names(config, interviews, &roles));
    // Person files keep their slug; a name alone gets one from the name.
    let mut used: HashSet<String> = records.iter().map(|r| r.slug.clone()).collect();
    let mut records: Vec<Option<PersonRecord>> = records.into_iter().map(Some).collect();
    let mut people: Vec<(Who, Person)> = by_who
        .into_iter()
        .map(|(who, entries)| {
            let (name, slug, record) = match &who {
                Who::File(r) => {
                    let record = records[*r].take();
                    let (name, slug) = record.as_ref().map(|rec| (rec.name.clone(), rec.slug.clone())).unwrap_or_default();
                    (name, slug, record)
                }
                Who::Name(name) => {
                    let base = slug::person_slug(name);
                    let base = if base.is_empty() { "person".to_string() } else { base };
                    let mut slug = base.clone();
                    let mut n = 2;
                    while !used.insert(slug.clone()) {
                        slug = format!("{base}-{n}");
                        n += 1;
                    }
                    (name.clone(), slug, None)
                }
            };
            let mut person_roles = roles.remove(&who).unwrap_or_default();
            // Oldest first, one line per role, dated by its first interview.
            person_roles.reverse();
            let mut seen_roles = HashSet::new();
            person_roles.retain(|(r, _)| seen_roles.insert(r.clone()));
            let answer_count = entries.iter().map(|e| e.answers.len()).sum();
            (who, Person { name, url: format!("people/{slug}/"), record, entries, roles: person_roles, answer_count })
        })
        .collect();
    people.sort_by(|a, b| a.1.name.cmp(&b.1.name).then_with(|| a.1.url.cmp(&b.1.url)));
    let index: HashMap<&Who, usize> = people.iter().enumerate().map(|(k, (who, _))| (who, k)).collect();
    let cast = cast_keys.iter().map(|c| c.iter().map(|(name, who)| (name.clone(), index[who])).collect()).collect();
    People { people: people.into_iter().map(|(_, p)| p).collect(), cast, warnings }
}

/// A name with no person file whose interviews give it different roles:
/// perhaps two people, merged into one page.
fn shared_names(config: &Config, interviews: &[Interview], roles: &HashMap<Who, Vec<(String, usize)>>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (who, list) in roles {
        let Who::Name(name) = who else { continue };
        let mut distinct: Vec<&str> = Vec::new();
        for (role, _) in list {
            if !distinct.contains(&role.as_str()) {
                distinct.push(role);
            }
        }
        if distinct.len() < 2 {
            continue;
        }
        let described = list.iter().map(|(role, i)| format!("{role} in {}", interviews[*i].path.display())).collect::<Vec<_>>();
        let first = list.iter().map(|(_, i)| *i).max().unwrap_or(0);
        out.push(located(config, &interviews[first].path, "name", name, Kind::SharedName { name: name.clone(), roles: described }));
    }
    out.sort();
    out
}

/// A problem at `key: value` in the front matter of the file at `path`.
fn located(config: &Config, path: &Path, key: &str, value: &str, kind: Kind) -> Diagnostic {
    let (line, column) = std::fs::read_to_string(config.root.join(path))
        .ok()
        .and_then(|text| {
            let source = crate::content::source::Source::new(path, &text);
            let split = crate::content::frontmatter::split(&source).ok()?;
            let spans = crate::content::yaml_spans::Spans::of(split.yaml);
            // `name: X` in a list, or `interviewees: X` alone.
            let (line, column) = [key, "interviewees", "interviewer"]
                .iter()
                .map(|k| spans.locate(k, Some(value)))
                .find(|&at| at != (1, 1))
                .unwrap_or((1, 1));
            Some((line + 1, column))
        })
        .unwrap_or((1, 1));
    Diagnostic::new(path, line, column, kind)
}

/// Each interview's versions: an original and the interviews that say they
/// translate it (a translation of a translation counts for the original).
fn versions(interviews: &[Interview]) -> Vec<Vec<usize>> {
    let by_slug: HashMap<&str, usize> = interviews.iter().enumerate().map(|(i, iv)| (iv.meta.slug.as_str(), i)).collect();
    let original_of = |mut i: usize| {
        // Bounded: a circle of translations ends where it started.
        for _ in 0..interviews.len() {
            match interviews[i].meta.translation_of.as_deref().and_then(|s| by_slug.get(s)) {
                Some(&o) if o != i => i = o,
                _ => break,
            }
        }
        i
    };
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..interviews.len() {
        groups.entry(original_of(i)).or_default().push(i);
    }
    let mut out = vec![Vec::new(); interviews.len()];
    for (original, mut members) in groups {
        if members.len() < 2 {
            continue;
        }
        members.retain(|&m| m != original);
        members.sort_by(|a, b| interviews[*a].meta.lang.cmp(&interviews[*b].meta.lang));
        members.insert(0, original);
        for &m in &members {
            out[m] = members.clone();
        }
    }
    out
}

fn collections(config: &Config, interviews: &[Interview], listed: &[usize]) -> Vec<Collection> {
    config
        .collections
        .iter()
        .map(|def| {
            let mut entries: Vec<usize> =
                listed.iter().copied().filter(|&i| interviews[i].meta.collection.as_deref() == Some(&def.slug)).collect();
            // `listed` is newest first; a stable sort keeps that among equals.
            entries.sort_by_key(|&i| interviews[i].meta.order.map_or((1, 0), |o| (0, o)));
            Collection { def: def.clone(), url: format!("collections/{}/", def.slug), entries }
        })
        .collect()
}
