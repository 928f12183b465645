//! `wenda serve`: builds the site into memory, serves it on 127.0.0.1, watches
//! the site's files and brings the served pages up to date on every change,
//! then tells open browsers to reload. Nothing is written to disk.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

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
    let opts = BuildOptions { root: root.clone(), output: None, base_url: Some(url.clone()), drafts: args.drafts, cache: false };
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
    let app = wenda::serve::http::router(shared).layer(livereload);
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
