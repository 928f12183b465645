//! The people of an interview as the front matter names them. `interviewer`
//! and `interviewees` take the same forms: a name, a map with `name` (and
//! `role`, `aliases`), or a list of those. Aliases are the labels a transcript
//! gives the person besides their name: a surname (`王`, `ACHESON`), an
//! outlet (`本刊`), or a role word for an unnamed person (`答`).

use serde::Serialize;
use serde_yaml::Value;

use crate::error::{did_you_mean, Kind};

/// One person taking part in an interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub(crate) struct Participant {
    pub name: String,
    pub role: String,
    pub aliases: Vec<String>,
    /// The person file (`content/people/<ref>.md`) this name means.
    #[serde(rename = "ref")]
    pub person_ref: Option<String>,
}

/// A problem with one entry: what, and the key (and value) that locate it.
pub(crate) struct Problem {
    pub kind: Kind,
    pub key: String,
    pub value: Option<String>,
}

const KEYS: [&str; 4] = ["name", "role", "aliases", "ref"];

/// The entries under `key` (`interviewer` or `interviewees`).
pub(crate) fn read(key: &str, value: &Value) -> (Vec<Participant>, Vec<Problem>) {
    let mut people = Vec::new();
    let mut problems = Vec::new();
    for entry in super::frontmatter::one_or_many(value) {
        match entry {
            Value::String(name) => {
                people.push(Participant { name: name.clone(), role: String::new(), aliases: Vec::new(), person_ref: None })
            }
            Value::Mapping(map) => {
                for k in map.keys() {
                    let k = k.as_str().unwrap_or_default();
                    if !KEYS.contains(&k) {
                        let suggestion = did_you_mean(k, KEYS);
                        let known = KEYS.iter().map(|s| s.to_string()).collect();
                        problems.push(Problem { kind: Kind::UnknownKey { key: k.into(), suggestion, known }, key: k.into(), value: None });
                    }
                }
                let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
                let aliases = match map.get("aliases") {
                    None | Some(Value::Null) => Vec::new(),
                    Some(Value::String(one)) => vec![one.clone()],
                    Some(Value::Sequence(items)) => items.iter().filter_map(|a| a.as_str().map(str::to_string)).collect(),
                    Some(_) => {
                        problems.push(Problem { kind: Kind::BadAliases, key: "aliases".into(), value: None });
                        Vec::new()
                    }
                };
                match text("name") {
                    Some(name) => {
                        people.push(Participant { name, role: text("role").unwrap_or_default(), aliases, person_ref: text("ref") })
                    }
                    None => {
                        // Placed at the entry's first key, which is written.
                        let first = map.iter().next().and_then(|(k, v)| Some((k.as_str()?.to_string(), v.as_str().map(str::to_string))));
                        let (at, value) = first.unwrap_or_else(|| (key.to_string(), None));
                        problems.push(Problem { kind: Kind::NoName { list: key.into() }, key: at, value });
                    }
                }
            }
            _ => problems.push(Problem { kind: Kind::BadParticipants { key: key.into() }, key: key.into(), value: None }),
        }
    }
    (people, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn every_form_reads_the_same() {
        let names = |v: &str| read("interviewer", &yaml(v)).0.into_iter().map(|p| p.name).collect::<Vec<_>>();
        assert_eq!(names("王明远"), ["王明远"]);
        assert_eq!(names("{name: 王明远, aliases: [王]}"), ["王明远"]);
        assert_eq!(names("[王明远, {name: 李宜坤, role: 记者}]"), ["王明远", "李宜坤"]);
        let (people, problems) = read("interviewer", &yaml("[{name: 王明远, aliases: [王, 本刊]}]"));
        assert!(problems.is_empty());
        assert_eq!(people[0].aliases, ["王", "本刊"]);
    }

    #[test]
    fn wrong_entries_are_named() {
        let (_, problems) = read("interviewees", &yaml("[{nme: x}, 42]"));
        let kinds: Vec<String> = problems.iter().map(|p| p.kind.to_string()).collect();
        assert_eq!(kinds[0], "unknown key \"nme\" (did you mean \"name\"?)");
        assert!(kinds[1].starts_with("an entry of interviewees has no name"), "{kinds:?}");
        assert!(kinds[2].starts_with("interviewees must be a name"), "{kinds:?}");
    }
}
