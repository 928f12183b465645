//! Rewrites serde's messages into sentences for writers: an unknown key gets
//! the closest known key as a suggestion.

use crate::diagnostic::suggestion;

/// `unknown field `titel`, expected one of `title`, `date`` →
/// `unknown key "titel" (did you mean "title"?)`.
pub fn friendly_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once('`') {
            let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let hint = suggestion(field, known.iter().copied());
            let hint = if hint.is_empty() && !known.is_empty() {
                format!("; known keys: {}", known.join(", "))
            } else {
                hint
            };
            return format!("unknown key \"{field}\"{hint}");
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        if let Some((field, _)) = rest.split_once('`') {
            return format!("the required key \"{field}\" is missing");
        }
    }
    message.to_string()
}
