//! Answers the preview's HTTP requests from the [`Shared`] store: a URL path
//! is only ever looked up among the built files, so nothing else on the
//! machine can be reached. While the last edit could not be built, every HTML
//! page carries an overlay listing its problems.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::Response;
use axum::Router;

use super::Shared;
use crate::error::Diagnostic;
use crate::text::{escape, percent_decode};

/// The preview's routes: every path is a file of the store.
pub fn router(shared: Shared) -> Router {
    Router::new().fallback(serve_file).with_state(shared)
}

async fn serve_file(State(shared): State<Shared>, uri: Uri) -> Response {
    respond(&shared, uri.path())
}

/// The response to a GET of `path`.
fn respond(shared: &Shared, path: &str) -> Response {
    let Some(key) = file_key(path) else {
        return plain(StatusCode::BAD_REQUEST, "bad path");
    };
    let Ok(served) = shared.read() else {
        return plain(StatusCode::INTERNAL_SERVER_ERROR, "server state unavailable");
    };
    let (status, key, bytes) = match served.files.get(&key) {
        Some(bytes) => (StatusCode::OK, key, bytes.clone()),
        None if served.files.contains_key(&format!("{key}/index.html")) => {
            return Response::builder()
                .status(StatusCode::MOVED_PERMANENTLY)
                .header(header::LOCATION, format!("{path}/"))
                .body(Body::empty())
                .unwrap_or_default();
        }
        None => match served.files.get("404.html") {
            Some(bytes) => (StatusCode::NOT_FOUND, "404.html".to_string(), bytes.clone()),
            None => return plain(StatusCode::NOT_FOUND, "not found"),
        },
    };
    let mime = mime_guess::from_path(&key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html && !served.problems.is_empty() { Body::from(with_overlay(&bytes, &served.problems)) } else { Body::from(bytes) };
    let content_type = if mime.type_() == "text" || mime.subtype() == "javascript" || mime.subtype() == "json" || mime.subtype() == "xml" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .body(body)
        .unwrap_or_default()
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    Response::builder().status(status).header(header::CONTENT_TYPE, "text/plain; charset=utf-8").body(Body::from(text)).unwrap_or_default()
}

/// The key of the built file a URL path names: `/a/b/` → `a/b/index.html`.
/// `None` for anything that tries to climb: `..`, encoded or not, backslashes.
fn file_key(path: &str) -> Option<String> {
    let decoded = percent_decode(path);
    if decoded.contains(['\\', '\0']) || decoded.split('/').any(|s| s == ".." || s == ".") {
        return None;
    }
    let rel = decoded.trim_start_matches('/');
    Some(if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() })
}

/// The page with the build's problems shown over it (served pages only).
fn with_overlay(page: &[u8], problems: &[Diagnostic]) -> Vec<u8> {
    let items: String = problems.iter().map(|d| format!("<li><code>{}</code></li>", escape(&d.to_string()))).collect();
    let overlay = format!(
        "<div id=\"wenda-problems\" role=\"alert\" style=\"position:fixed;inset:auto 1rem 1rem 1rem;z-index:99999;max-height:50vh;overflow:auto;background:#7f1d1d;color:#fff;padding:1rem 1.25rem;border-radius:8px;font:14px/1.5 ui-monospace,monospace;box-shadow:0 8px 30px rgba(0,0,0,.4)\"><strong>wenda: the last change could not be built; this is the last good version.</strong><ul style=\"margin:.5rem 0 0;padding-left:1.2rem\">{items}</ul></div>"
    );
    let text = String::from_utf8_lossy(page);
    match text.rfind("</body>") {
        Some(at) => format!("{}{overlay}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{overlay}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use axum::body::to_bytes;
    use bytes::Bytes;

    use super::*;
    use crate::error::Kind;

    fn store(files: &[(&str, &str)]) -> Shared {
        let shared = Shared::default();
        let files: HashMap<String, Bytes> = files.iter().map(|(k, v)| (k.to_string(), Bytes::from(v.to_string()))).collect();
        shared.replace_all(files);
        shared
    }

    fn body(response: Response) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let bytes = runtime.block_on(to_bytes(response.into_body(), usize::MAX)).unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    const SITE: &[(&str, &str)] = &[
        ("index.html", "<html><body>home</body></html>"),
        ("topics/agents/index.html", "<html><body>agents</body></html>"),
        ("style.1234abcd.css", "body{}"),
        ("search/meta.json", "{}"),
        ("404.html", "<html><body>missing</body></html>"),
    ];

    #[test]
    fn keys_never_climb() {
        assert_eq!(file_key("/").as_deref(), Some("index.html"));
        assert_eq!(file_key("/topics/agents/").as_deref(), Some("topics/agents/index.html"));
        assert_eq!(file_key("/style.css").as_deref(), Some("style.css"));
        assert_eq!(file_key("/../etc/passwd"), None);
        assert_eq!(file_key("/%2e%2e/etc/passwd"), None);
        assert_eq!(file_key("/a/..%2F..%2Fetc"), None);
        assert_eq!(file_key("/..\\etc"), None);
    }

    #[test]
    fn serves_pages_and_files_with_their_types() {
        let shared = store(SITE);
        let page = respond(&shared, "/topics/agents/");
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(page.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert_eq!(page.headers()[header::CACHE_CONTROL], "no-store");
        assert_eq!(body(page), "<html><body>agents</body></html>");
        assert_eq!(respond(&shared, "/style.1234abcd.css").headers()[header::CONTENT_TYPE], "text/css; charset=utf-8");
        assert_eq!(respond(&shared, "/search/meta.json").headers()[header::CONTENT_TYPE], "application/json; charset=utf-8");
    }

    #[test]
    fn a_folder_without_its_slash_is_redirected() {
        let response = respond(&store(SITE), "/topics/agents");
        assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY);
        assert_eq!(response.headers()[header::LOCATION], "/topics/agents/");
    }

    #[test]
    fn a_missing_page_gets_the_site_404_page_and_status() {
        let response = respond(&store(SITE), "/nowhere/");
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(body(response), "<html><body>missing</body></html>");
        let bare = respond(&store(&[("index.html", "x")]), "/nowhere/");
        assert_eq!((bare.status(), body(bare)), (StatusCode::NOT_FOUND, "not found".to_string()));
    }

    #[test]
    fn a_climbing_path_is_refused() {
        assert_eq!(respond(&store(SITE), "/%2e%2e/etc/passwd").status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn problems_show_over_html_pages_only() {
        let shared = store(SITE);
        shared.fail(vec![Diagnostic::new("content/a.md", 3, 1, Kind::EmptyTitle)]);
        let page = body(respond(&shared, "/"));
        assert!(page.contains("<div id=\"wenda-problems\""), "{page}");
        assert!(page.contains("content/a.md:3:1: the title is empty"), "{page}");
        assert!(page.ends_with("</ul></div></body></html>"), "the overlay goes before </body>: {page}");
        assert_eq!(body(respond(&shared, "/style.1234abcd.css")), "body{}");
    }
}
