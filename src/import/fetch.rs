//! An `http(s)://` input, fetched: redirects followed, the body's charset
//! kept for decoding.

use std::time::Duration;

use super::Input;

/// The largest page import reads.
const MAX_BYTES: u64 = 50 * 1024 * 1024;

pub fn is_url(name: &str) -> bool {
    name.starts_with("http://") || name.starts_with("https://")
}

/// Fetch `url`; the error is a sentence for the report.
pub fn get(url: &str) -> Result<Input, String> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .max_redirects(10)
        .user_agent(concat!("wenda/", env!("CARGO_PKG_VERSION"), " (interview import)"))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut response = agent.get(url).call().map_err(|e| format!("could not fetch it: {e}"))?;
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
    let bytes = response.body_mut().with_config().limit(MAX_BYTES).read_to_vec().map_err(|e| format!("could not read its body: {e}"))?;
    Ok(Input { name: url.to_string(), bytes, content_type })
}
