//! Reads serde's messages about keys into [`Kind`]s: an unknown key gets the
//! closest known key as a suggestion, a missing one is named.

use crate::error::{did_you_mean, Kind};

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
