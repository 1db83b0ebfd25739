//! `newsmirror serve`: builds the site into memory, serves it over HTTP on 127.0.0.1, watches
//! the site's sources, rebuilds on change and tells open pages to reload (Server-Sent Events).
//! A failed rebuild keeps the last good site on the air and shows its error over every page
//! until a fix makes the build pass again. Rebuilds are incremental (see [`site`]).

mod files;
mod http;
pub mod reload;
pub mod site;

pub use files::{File, Files};

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::broadcast;

use crate::build::{BuildOptions, Summary};
use site::{Change, LiveSite};

/// What the server tells whoever runs it (the binary prints it).
pub trait Report: Send + Sync {
    /// The server listens at `url`; `note` says why it is not the port asked for, if so.
    fn listening(&self, url: &str, note: Option<&str>);
    /// A rebuild succeeded; `summary.pages` counts the pages rendered again.
    fn rebuilt(&self, summary: &Summary);
    /// A rebuild failed; the last good site stays served.
    fn failed(&self, error: &str);
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build (its base URL is replaced by the server's address).
    pub build: BuildOptions,
    /// Address to bind; 127.0.0.1 unless the user asks otherwise.
    pub bind: IpAddr,
    /// Port to try first; the next free ones are tried when it is taken.
    pub port: u16,
}

/// A message to open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The site changed: reload.
    Reload,
    /// Only stylesheets changed: load them again, without reloading the page.
    Styles,
    /// The last rebuild failed with this message.
    Failed(String),
}

/// What the server shares between requests and rebuilds.
pub struct Shared {
    files: RwLock<Files>,
    error: RwLock<Option<String>>,
    events: broadcast::Sender<Event>,
}

/// A running server.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    options: BuildOptions,
    site: LiveSite,
}

impl Server {
    /// Builds the site and binds the port (trying the next ones when it is taken).
    pub async fn bind(
        options: ServeOptions,
    ) -> Result<(Server, tokio::net::TcpListener, Option<String>)> {
        let (listener, note) = bind_free(options.bind, options.port).await?;
        let addr = listener.local_addr()?;
        let mut build = options.build.clone();
        let host = match addr.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        build.base_url = Some(format!("http://{host}:{}/", addr.port()));
        // Watched paths come back under the root as given: make it absolute once, so that
        // they compare with the paths the site was read from.
        build.root = std::path::absolute(&build.root)
            .with_context(|| format!("cannot find {}", build.root.display()))?;
        let (site, _) = LiveSite::load(&build)?;
        let (events, _) = broadcast::channel(64);
        let shared = Arc::new(Shared {
            files: RwLock::new(site.files()),
            error: RwLock::new(None),
            events,
        });
        Ok((
            Server {
                addr,
                shared,
                options: build,
                site,
            },
            listener,
            note,
        ))
    }

    /// Serves until `shutdown` completes, rebuilding when the sources change.
    pub async fn run(
        self,
        listener: tokio::net::TcpListener,
        report: Arc<dyn Report>,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        let _watcher = watch(&self.options, self.site, self.shared.clone(), report)?;
        let app = http::router(self.shared.clone());
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the server stopped")
    }

    /// A receiver of the events sent to pages (for tests).
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.shared.events.subscribe()
    }
}

async fn bind_free(ip: IpAddr, port: u16) -> Result<(tokio::net::TcpListener, Option<String>)> {
    let mut last_error = None;
    for candidate in port..port.saturating_add(20) {
        match tokio::net::TcpListener::bind((ip, candidate)).await {
            Ok(listener) if candidate == port => return Ok((listener, None)),
            Ok(listener) => {
                let note = format!("port {port} is in use, so the server took {candidate}");
                return Ok((listener, Some(note)));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 => {
                last_error = Some(e)
            }
            Err(e) => return Err(e).with_context(|| format!("cannot listen on {ip}:{candidate}")),
        }
    }
    Err(last_error.expect("at least one port was tried")).with_context(|| {
        format!(
            "ports {port} to {} are all in use\n  hint: pass --port with a free one",
            port.saturating_add(19)
        )
    })
}

/// What the server watches, under the site root.
const WATCHED: [&str; 6] = [
    "content",
    "static",
    "templates",
    "themes",
    "i18n",
    "site.yaml",
];

/// Watches the site's sources; each burst of changes triggers one update. The root itself is
/// watched too (not its subfolders), so that a `templates/` or `static/` folder made later, or
/// a site.yaml replaced by an editor's rename, is seen.
fn watch(
    options: &BuildOptions,
    mut site: LiveSite,
    shared: Arc<Shared>,
    report: Arc<dyn Report>,
) -> Result<Arc<Mutex<RecommendedWatcher>>> {
    let (tx, rx) = std::sync::mpsc::channel::<(Change, bool)>();
    let root = options.root.clone();
    let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let change = match result {
            Ok(event) if event.need_rescan() => (Change::Everything, false),
            // Reading files (as every build does) raises open/close events: only writes count.
            Ok(event) if changes_content(&event.kind) => {
                let closed = event.kind == EventKind::Access(AccessKind::Close(AccessMode::Write));
                let paths: Vec<PathBuf> = event
                    .paths
                    .into_iter()
                    .filter(|p| is_watched(&root, p))
                    .collect();
                if paths.is_empty() {
                    return;
                }
                (Change::Paths(paths), closed)
            }
            Ok(_) => return,
            Err(_) => (Change::Everything, false),
        };
        let _ = tx.send(change);
    })
    .context("cannot watch the site's files")?;
    let watcher = Arc::new(Mutex::new(watcher));
    watch_path(&watcher, &options.root, RecursiveMode::NonRecursive)?;
    for name in WATCHED {
        watch_path(&watcher, &options.root.join(name), RecursiveMode::Recursive)?;
    }
    let (folders, root) = (watcher.clone(), options.root.clone());
    std::thread::spawn(move || {
        while let Ok((mut change, mut closed)) = rx.recv() {
            // A save is several events. A file closed after writing is complete: take what else
            // is queued and go; otherwise wait for the burst to end.
            loop {
                let wait = if closed { Duration::ZERO } else { DEBOUNCE };
                match rx.recv_timeout(wait) {
                    Ok((next, next_closed)) => {
                        change = combine(change, next);
                        closed = next_closed;
                    }
                    Err(_) => break,
                }
            }
            if let Change::Paths(paths) = &change {
                for path in paths.iter().filter(|p| p.parent() == Some(root.as_path())) {
                    let _ = watch_path(&folders, path, RecursiveMode::Recursive);
                }
            }
            rebuild(&mut site, change, &shared, report.as_ref());
        }
    });
    Ok(watcher)
}

fn watch_path(watcher: &Mutex<RecommendedWatcher>, path: &Path, mode: RecursiveMode) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
    watcher
        .watch(path, mode)
        .with_context(|| format!("cannot watch {}", path.display()))
}

/// Whether a path is one of the site's sources (not, say, `public/` or a README).
fn is_watched(root: &Path, path: &Path) -> bool {
    let first = path
        .strip_prefix(root)
        .ok()
        .and_then(|p| p.components().next());
    first.is_some_and(|c| WATCHED.iter().any(|w| c.as_os_str() == *w))
}

fn combine(a: Change, b: Change) -> Change {
    match (a, b) {
        (Change::Paths(mut a), Change::Paths(b)) => {
            for path in b {
                if !a.contains(&path) {
                    a.push(path);
                }
            }
            Change::Paths(a)
        }
        _ => Change::Everything,
    }
}

/// Quiet time after a change before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(15);

fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// Updates the site and publishes the result: the new files and a reload, or the error.
pub(crate) fn rebuild(site: &mut LiveSite, change: Change, shared: &Shared, report: &dyn Report) {
    let styles_only = site.is_style_change(&change);
    match site.update(change) {
        Ok(summary) => {
            *shared.files.write().unwrap_or_else(|e| e.into_inner()) = site.files();
            let was_failing = shared
                .error
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .is_some();
            // A page showing the error overlay needs a reload to lose it.
            let event = match styles_only && summary.pages == 0 && !was_failing {
                true => Event::Styles,
                false => Event::Reload,
            };
            let _ = shared.events.send(event);
            report.rebuilt(&summary);
        }
        Err(e) => {
            let message = format!("{e:#}");
            *shared.error.write().unwrap_or_else(|e| e.into_inner()) = Some(message.clone());
            let _ = shared.events.send(Event::Failed(message.clone()));
            report.failed(&message);
        }
    }
}
