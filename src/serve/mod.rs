//! `newsmirror serve`: builds the site into memory, serves it over HTTP on 127.0.0.1, watches
//! the site's sources, rebuilds on change and tells open pages to reload (Server-Sent Events).
//! A failed rebuild keeps the last good site on the air and shows its error over every page
//! until a fix makes the build pass again. Rebuilds are whole-site for now.

mod http;
mod reload;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::broadcast;

use crate::build::{render_to_memory, BuildOptions, Summary};
use crate::output::Body;

/// What the server tells whoever runs it (the binary prints it).
pub trait Report: Send + Sync {
    /// The server listens at `url`; `note` says why it is not the port asked for, if so.
    fn listening(&self, url: &str, note: Option<&str>);
    /// A rebuild succeeded.
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

/// One file of the served site.
#[derive(Debug, Clone)]
pub struct File {
    pub(crate) bytes: Arc<[u8]>,
    pub(crate) etag: String,
}

/// A message to open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The site changed: reload.
    Reload,
    /// The last rebuild failed with this message.
    Failed(String),
}

/// What the server shares between requests and rebuilds.
pub struct Shared {
    files: RwLock<Arc<HashMap<String, File>>>,
    error: RwLock<Option<String>>,
    events: broadcast::Sender<Event>,
}

/// A running server.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    options: BuildOptions,
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
        let (files, _) = build_files(&build)?;
        let (events, _) = broadcast::channel(64);
        let shared = Arc::new(Shared {
            files: RwLock::new(Arc::new(files)),
            error: RwLock::new(None),
            events,
        });
        Ok((
            Server {
                addr,
                shared,
                options: build,
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
        let _watcher = watch(self.options.clone(), self.shared.clone(), report)?;
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

/// Builds the site into memory: path → file.
fn build_files(options: &BuildOptions) -> Result<(HashMap<String, File>, Summary)> {
    let started = Instant::now();
    let (rendered, outputs) = render_to_memory(options, false)?;
    let mut files = HashMap::with_capacity(outputs.len());
    for output in outputs {
        let bytes: Arc<[u8]> = match output.body {
            Body::Bytes(bytes) => bytes.into(),
            Body::Copy(path) => std::fs::read(&path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .into(),
        };
        let etag = format!("\"{:016x}\"", fnv(&bytes));
        files.insert(output.path, File { bytes, etag });
    }
    Ok((files, crate::build::summarise(rendered, started, None)))
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Watches the site's sources; each burst of changes triggers one rebuild.
fn watch(
    options: BuildOptions,
    shared: Arc<Shared>,
    report: Arc<dyn Report>,
) -> Result<RecommendedWatcher> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        // Reading files (as every build does) raises open/close events: only writes count.
        if result.is_ok_and(|event| changes_content(&event.kind)) {
            let _ = tx.send(());
        }
    })
    .context("cannot watch the site's files")?;
    for name in [
        "content",
        "static",
        "templates",
        "themes",
        "i18n",
        "site.yaml",
    ] {
        let path: PathBuf = options.root.join(name);
        if path.exists() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // An editor's save is several events; wait for the burst to end, then build once.
            while rx.recv_timeout(DEBOUNCE).is_ok() {}
            rebuild(&options, &shared, report.as_ref());
        }
    });
    Ok(watcher)
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

/// Rebuilds and publishes the result: the new site and a reload, or the error.
pub(crate) fn rebuild(options: &BuildOptions, shared: &Shared, report: &dyn Report) {
    match build_files(options) {
        Ok((files, summary)) => {
            *shared.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(files);
            *shared.error.write().unwrap_or_else(|e| e.into_inner()) = None;
            report.rebuilt(&summary);
            let _ = shared.events.send(Event::Reload);
        }
        Err(e) => {
            let message = format!("{e:#}");
            report.failed(&message);
            *shared.error.write().unwrap_or_else(|e| e.into_inner()) = Some(message.clone());
            let _ = shared.events.send(Event::Failed(message));
        }
    }
}
