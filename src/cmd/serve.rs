//! `wenda serve`: builds the site into memory, serves it on 127.0.0.1, watches
//! the site's files and brings the served pages up to date on every change,
//! then tells open browsers to reload. Nothing is written to disk.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use notify_debouncer_mini::new_debouncer;
use notify_debouncer_mini::notify::RecursiveMode;
use tower_livereload::LiveReloadLayer;
use wenda::build::BuildOptions;
use wenda::serve::{Preview, Shared, Update};

#[derive(clap::Args)]
pub struct Args {
    /// The site's folder, holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Address to listen on. Only this machine can connect unless told otherwise.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Include drafts and interviews dated in the future.
    #[arg(long)]
    drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

/// How long to wait for an editor to finish writing before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(30);

pub fn run(args: Args) -> ExitCode {
    let listener = match std::net::TcpListener::bind(SocketAddr::new(args.bind, args.port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}:{}: {e}", args.bind, args.port);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().expect("bound socket has an address");
    let url = format!("http://{addr}/");
    let root = args.root.canonicalize().unwrap_or(args.root);
    let shared = Shared::default();
    let opts = BuildOptions { root: root.clone(), output: None, base_url: Some(url.clone()), drafts: args.drafts };
    let (preview, update) = Preview::start(opts, shared.clone());
    report(&shared, &update);
    let livereload = LiveReloadLayer::new();
    let reloader = livereload.reloader();
    let (tx, rx) = mpsc::channel();
    let mut debouncer = match new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: cannot watch files: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = debouncer.watcher().watch(&root, RecursiveMode::Recursive) {
        eprintln!("error: cannot watch {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    // Announce the address only once changes are watched.
    println!("wenda: serving {url} (Ctrl-C to stop)");
    if args.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }
    let watched = shared.clone();
    std::thread::spawn(move || {
        let mut preview = preview;
        for events in rx {
            let Ok(events) = events else { continue };
            let mut paths: Vec<PathBuf> = events.iter().filter_map(|e| e.path.strip_prefix(&root).ok().map(PathBuf::from)).collect();
            paths.sort();
            paths.dedup();
            let update = preview.changed(&paths);
            if update.files > 0 || update.problems > 0 {
                report(&watched, &update);
                reloader.reload();
            }
        }
    });
    let app = Router::new().fallback(serve_file).with_state(shared).layer(livereload);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    drop(debouncer);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn report(shared: &Shared, update: &Update) {
    if update.problems > 0 {
        if let Ok(served) = shared.read() {
            for d in &served.problems {
                eprintln!("{d}");
            }
        }
        eprintln!("error: {} problem{}; still serving the last good site", update.problems, if update.problems == 1 { "" } else { "s" });
        return;
    }
    if update.full {
        println!("wenda: built {} files in {} ms", update.files, update.total.as_millis());
        return;
    }
    let first = update.first.map(|d| format!("; first page in {} ms", d.as_millis())).unwrap_or_default();
    let pages = update.pages.map(|d| format!("; {} pages in {} ms", update.page_files, d.as_millis())).unwrap_or_default();
    println!("wenda: updated {} files in {} ms{first}{pages}", update.files, update.total.as_millis());
}

/// Serve one file of the site from memory. Paths are only looked up in the
/// set of built files, so nothing else on the machine can be reached.
async fn serve_file(State(shared): State<Shared>, uri: Uri) -> Response {
    let Some(key) = file_key(uri.path()) else {
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
                .header(header::LOCATION, format!("{}/", uri.path()))
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
    let decoded = wenda::text::percent_decode(path);
    if decoded.contains(['\\', '\0']) || decoded.split('/').any(|s| s == ".." || s == ".") {
        return None;
    }
    let rel = decoded.trim_start_matches('/');
    Some(if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() })
}

/// The page with the build's problems shown over it (served pages only).
fn with_overlay(page: &[u8], problems: &[wenda::error::Diagnostic]) -> Vec<u8> {
    let items: String = problems.iter().map(|d| format!("<li><code>{}</code></li>", wenda::text::escape(&d.to_string()))).collect();
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
    use super::file_key;

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
}
