//! Another generator's post: Markdown with Hugo, Jekyll or Hexo front
//! matter, YAML between `---` or TOML between `+++`. The body is kept as
//! written; the keys wenda has a meaning for are carried over, and every
//! other key is kept as a comment and reported, never lost unseen.

use super::draft::Draft;
use super::header::{self, split_names};
use super::qa::{self, Kind, Para};
use super::{read_turns, take_tags, Failure, Site};

pub fn read(text: &str, draft: &mut Draft, interviewers: &[String], site: &Site) -> Result<(), Failure> {
    let (fields, body) = split(text)?;
    draft.lang = Some(header::language_of(body).to_string());
    for (key, value) in fields {
        match key.as_str() {
            "title" => draft.title = scalar(&value),
            "date" => match header::parse_date(&scalar(&value), header::default_offset(draft)) {
                Some(d) => header::set_date(draft, d),
                None => draft.kept.push((key, scalar(&value))),
            },
            "description" | "summary" | "excerpt" | "subtitle" => {
                if draft.summary.is_none() {
                    draft.summary = Some(scalar(&value));
                }
            }
            "author" | "authors" => {
                for name in list(&value).iter().flat_map(|n| split_names(n)) {
                    draft.interviewers.push(super::draft::Person::named(name));
                }
                draft.check("interviewer", format!("the post's {key}, taken to be the interviewer"));
            }
            "lang" | "language" => draft.lang = Some(scalar(&value)),
            "tags" | "categories" | "keywords" | "topics" => take_tags(draft, &key, &list(&value), site),
            "draft" | "published" if value_is(&value, key == "draft") => {
                draft.notes.push("the post is a draft: written with draft: true".into());
                draft.draft = true;
            }
            "draft" | "published" => {}
            _ => draft.kept.push((key, scalar(&value))),
        }
    }
    let paras = paragraphs(body, draft);
    read_turns(paras, draft, interviewers)
}

/// The front matter's keys and values, and the body.
/// A front matter's keys and values, in order.
type Fields = Vec<(String, serde_json::Value)>;

fn split(text: &str) -> Result<(Fields, &str), Failure> {
    let text = text.trim_start_matches('\u{feff}');
    let (fence, toml) = if text.starts_with("+++") {
        ("+++", true)
    } else if text.starts_with("---") {
        ("---", false)
    } else {
        // No front matter: the body alone.
        return Ok((Vec::new(), text));
    };
    let after = &text[3..];
    let close = after
        .find(&format!("\n{fence}"))
        .ok_or_else(|| Failure::Unreadable(format!("its front matter opens with {fence} and never closes")))?;
    let head = &after[..close];
    let body = after[close + 4..].trim_start_matches(['-', '+']).trim_start_matches('\n');
    let map: serde_json::Map<String, serde_json::Value> = if toml {
        let value: toml::Table =
            toml::from_str(head).map_err(|e| Failure::Unreadable(format!("its TOML front matter does not parse: {}", e.message())))?;
        serde_json::to_value(value).ok().and_then(|v| v.as_object().cloned()).unwrap_or_default()
    } else {
        if crate::content::yaml_guard::too_deep(head).is_some() {
            let limit = crate::content::yaml_guard::DEPTH;
            return Err(Failure::Unreadable(format!("its YAML front matter nests more than {limit} lists and mappings deep")));
        }
        let value: serde_yaml::Value =
            serde_yaml::from_str(head).map_err(|e| Failure::Unreadable(format!("its YAML front matter does not parse: {e}")))?;
        serde_json::to_value(value).ok().and_then(|v| v.as_object().cloned()).unwrap_or_default()
    };
    Ok((map.into_iter().collect(), body))
}

fn scalar(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        // TOML dates arrive as `{"$__toml_private_datetime": "…"}`.
        serde_json::Value::Object(map) if map.len() == 1 && map.keys().all(|k| k.starts_with("$__toml")) => {
            map.values().next().map(scalar).unwrap_or_default()
        }
        other => other.to_string(),
    }
}

fn list(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::Array(items) => items.iter().map(scalar).collect(),
        serde_json::Value::String(s) => s.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
        other => vec![scalar(other)],
    }
}

fn value_is(value: &serde_json::Value, truth: bool) -> bool {
    value.as_bool() == Some(truth)
}

/// The body's blocks, as the Q&A reader sees them; a fenced code block is
/// one block, blank lines and all.
pub(super) fn paragraphs(body: &str, draft: &mut Draft) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut fence: Option<String> = None;
    for block in body.split("\n\n") {
        let block = block.trim_matches('\n');
        if let Some(open) = fence.as_mut() {
            open.push_str("\n\n");
            open.push_str(block);
            if block.lines().any(|l| l.trim_start().starts_with("```")) {
                paras.push(Para { text: fence.take().unwrap_or_default(), kind: Kind::Verbatim });
            }
            continue;
        }
        if block.trim().is_empty() {
            continue;
        }
        let trimmed = block.trim();
        if trimmed == "<!--more-->" || trimmed == "<!-- more -->" {
            draft.drop_block("summary divider", &[trimmed]);
            continue;
        }
        if trimmed.starts_with("```") && trimmed.matches("```").count() % 2 == 1 {
            fence = Some(block.to_string());
            continue;
        }
        let kind = if let Some(h) = trimmed.strip_prefix('#') {
            paras.push(Para { text: h.trim_start_matches('#').trim().to_string(), kind: Kind::Heading });
            continue;
        } else if qa::unbold(trimmed) != trimmed {
            Kind::Bold
        } else if trimmed.starts_with(['-', '*', '>', '|', '`', '<', '!']) && !trimmed.starts_with("**") {
            Kind::Verbatim
        } else {
            Kind::Plain
        };
        paras.push(Para { text: block.to_string(), kind });
    }
    if let Some(open) = fence {
        paras.push(Para { text: open, kind: Kind::Verbatim });
    }
    paras
}
