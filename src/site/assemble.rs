//! Assembles parsed interviews into the [`Site`]: newest first, anchors of
//! cross links checked, and the topic and people indexes built.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::model::{ExchangeRef, Person, PersonEntry, Site, Topic};
use crate::config::Config;
use crate::content::interview::AnchorLink;
use crate::content::interview::Exchange;
use crate::content::meta::PLACEHOLDER_NAMES;
use crate::content::Interview;
use crate::error::{did_you_mean, Diagnostic, Kind};
use crate::slug;
use std::path::Path;

/// The site of these interviews: sorted newest first, the anchors of their
/// cross links checked, and every index built.
pub(crate) fn assemble(config: Config, mut interviews: Vec<Interview>) -> Result<Site, Vec<Diagnostic>> {
    interviews.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then_with(|| a.meta.slug.cmp(&b.meta.slug)));
    let errors = check_anchors(&interviews);
    if !errors.is_empty() {
        return Err(errors);
    }
    let topics = topics(&config, &interviews);
    let people = people(&interviews);
    let person_index = people.iter().enumerate().map(|(i, p)| (p.name.clone(), i)).collect();
    let updated = interviews.first().map(|i| i.meta.date);
    Ok(Site { config, interviews, topics, people, person_index, updated })
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
        .map(|i| (i.meta.slug.as_str(), i.anchors.iter().map(String::as_str).collect()))
        .collect();
    let mut errors = Vec::new();
    for (path, links) in written {
        for link in links.iter() {
            let Some(target) = anchors.get(link.target_slug.as_str()) else { continue };
            if !target.contains(link.fragment.as_str()) {
                errors.push(Diagnostic::new(
                    *path,
                    link.line,
                    link.column,
                    Kind::MissingAnchor {
                        fragment: link.fragment.clone(),
                        target: link.target_slug.clone(),
                        suggestion: did_you_mean(&link.fragment, target.iter().copied()),
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

fn topics(config: &Config, interviews: &[Interview]) -> Vec<Topic> {
    config
        .topics
        .iter()
        .map(|def| {
            let mut entries = Vec::new();
            let mut exchange_count = 0;
            for (i, interview) in interviews.iter().enumerate() {
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

fn people(interviews: &[Interview]) -> Vec<Person> {
    let mut by_name: BTreeMap<&str, Vec<PersonEntry>> = BTreeMap::new();
    let mut roles: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
    for (i, interview) in interviews.iter().enumerate() {
        let names =
            interview.meta.interviewees.iter().map(|p| p.name.as_str()).chain(interview.meta.interviewers.iter().map(|p| p.name.as_str()));
        let mut seen = HashSet::new();
        // A placeholder `wenda new` wrote is nobody yet: no page of its own.
        for name in names.filter(|n| !PLACEHOLDER_NAMES.contains(n)) {
            if !seen.insert(name) {
                continue;
            }
            let gave = interview.meta.interviewees.iter().any(|p| p.name == name);
            let conducted = interview.meta.interviewers.iter().any(|p| p.name == name);
            let answers =
                exchange_refs(i, interview).filter(|(_, ex)| ex.answers.iter().any(|a| a.speaker == name)).map(|(r, _)| r).collect();
            by_name.entry(name).or_default().push(PersonEntry { interview: i, gave, conducted, answers });
            if let Some(p) = interview.meta.interviewees.iter().find(|p| p.name == name && !p.role.is_empty()) {
                roles.entry(name).or_default().push((p.role.clone(), i));
            }
        }
    }
    let mut used: HashSet<String> = HashSet::new();
    by_name
        .into_iter()
        .map(|(name, entries)| {
            let base = slug::person_slug(name);
            let base = if base.is_empty() { "person".to_string() } else { base };
            let mut slug = base.clone();
            let mut n = 2;
            while !used.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            let mut person_roles = roles.remove(name).unwrap_or_default();
            // Oldest first, one line per role, dated by its first interview.
            person_roles.reverse();
            let mut seen_roles = HashSet::new();
            person_roles.retain(|(r, _)| seen_roles.insert(r.clone()));
            let answer_count = entries.iter().map(|e| e.answers.len()).sum();
            Person { name: name.to_string(), url: format!("people/{slug}/"), entries, roles: person_roles, answer_count }
        })
        .collect()
}
