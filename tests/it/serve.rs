//! The preview server over real HTTP on 127.0.0.1: what it serves, what it refuses, and live
//! reload through edits, a broken file and its fix.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsmirror::build::Summary;
use newsmirror::serve::{Report, ServeOptions, Server};

use crate::common::Site;

/// Keeps the summaries of the server's rebuilds.
#[derive(Default)]
pub struct Recorder(pub std::sync::Mutex<Vec<Summary>>);

impl Report for Recorder {
    fn listening(&self, _url: &str, _note: Option<&str>) {}
    fn rebuilt(&self, summary: &Summary) {
        self.0.lock().unwrap().push(summary.clone());
    }
    fn failed(&self, _error: &str) {}
}

/// Starts a server for `site` on a free port, in a thread of its own; returns its address.
pub fn start(site: &Site, port: u16) -> (SocketAddr, Option<String>) {
    start_reporting(site, port, Arc::new(Recorder::default()))
}

/// [`start`], telling `report` what happens.
pub fn start_reporting(
    site: &Site,
    port: u16,
    report: Arc<Recorder>,
) -> (SocketAddr, Option<String>) {
    let options = ServeOptions {
        build: site.options(),
        bind: "127.0.0.1".parse().unwrap(),
        port,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let (server, listener, note) = Server::bind(options).await.unwrap();
            tx.send((server.addr, note)).unwrap();
            server
                .run(listener, report, std::future::pending())
                .await
                .unwrap();
        });
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("the server starts")
}

/// A raw request; returns status, the header block and the body.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &str,
) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{headers}\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let end = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..end]).to_lowercase();
    let status = head[9..12].parse().unwrap();
    (status, head, response[end + 4..].to_vec())
}

fn page(addr: SocketAddr, path: &str) -> String {
    let (status, _, body) = request(addr, "GET", path, "");
    assert_eq!(status, 200, "{path}");
    String::from_utf8(body).unwrap()
}

fn news() -> Site {
    let site = Site::new("title: Preview\n");
    site.article("world/a.md", "title: First", "Original text.");
    site.file("static/img/x.svg", "<svg/>");
    site
}

#[test]
fn serves_the_site_with_the_right_headers() {
    let site = news();
    let (addr, _) = start(&site, 0);
    let (status, head, body) = request(addr, "GET", "/world/a/", "");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("cache-control: no-cache"));
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("Original text.") && html.contains("/__newsmirror/events"));
    let (_, head, _) = request(addr, "GET", "/css/site.css", "");
    assert!(
        head.contains("content-type: text/css; charset=utf-8"),
        "{head}"
    );
    let (_, head, _) = request(addr, "GET", "/img/x.svg", "");
    assert!(head.contains("content-type: image/svg+xml"), "{head}");
    let etag = head
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .unwrap()
        .to_string();
    let (status, _, body) = request(
        addr,
        "GET",
        "/img/x.svg",
        &format!("If-None-Match: {etag}\r\n"),
    );
    assert_eq!((status, body.len()), (304, 0));
    let (status, head, body) = request(addr, "HEAD", "/world/a/", "");
    assert_eq!((status, body.len()), (200, 0), "{head}");
    let (status, head, _) = request(addr, "GET", "/world/a", "");
    assert_eq!(status, 301);
    assert!(head.contains("location: /world/a/"));
    let (status, _, body) = request(addr, "GET", "/no/such/page/", "");
    assert_eq!(status, 404);
    assert!(
        String::from_utf8(body).unwrap().contains("Page not found"),
        "the site's 404 page"
    );
    assert_eq!(request(addr, "POST", "/", "").0, 405);
}

#[test]
fn paths_that_climb_out_are_refused() {
    let site = news();
    std::fs::write(site.root().join("secret.txt"), "TOP SECRET").unwrap();
    let (addr, _) = start(&site, 0);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/world/..%2f..%2fsecret.txt",
        "//etc/passwd",
        "/..\\secret.txt",
        "/%2e%2e%5csecret.txt",
        "/site.yaml",
        "/content/world/a.md",
    ] {
        let (status, _, body) = request(addr, "GET", path, "");
        assert!(status == 400 || status == 404, "{path}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("TOP SECRET")
                && !body.contains("root:")
                && !body.contains("title: Preview"),
            "{path}"
        );
    }
    // A link in static/ to a file outside the site is refused by the build, so never served.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "OUTSIDE SECRET").unwrap();
        let mut events = subscribe(addr);
        std::thread::sleep(Duration::from_millis(300));
        let link = site.root().join("static/leak.txt");
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), &link).unwrap();
        let error = next_event(&mut events, "build-error");
        assert!(
            error.contains("static/leak.txt") && error.contains("outside the site"),
            "{error}"
        );
        let (status, _, body) = request(addr, "GET", "/leak.txt", "");
        assert_eq!(status, 404);
        assert!(!String::from_utf8_lossy(&body).contains("OUTSIDE SECRET"));
    }
}

/// Reads the event stream until an event named `name` arrives; returns its data (the lines of
/// a multi-line message joined again).
pub fn next_event(reader: &mut BufReader<TcpStream>, name: &str) -> String {
    loop {
        let (event, data) = next_any(reader);
        if event == name {
            return data;
        }
    }
}

/// The next event's name and data.
pub fn next_any(reader: &mut BufReader<TcpStream>) -> (String, String) {
    next_within(reader, Duration::from_secs(20)).expect("no event")
}

/// The next event's name and data, if one comes within `wait`.
pub fn next_within(reader: &mut BufReader<TcpStream>, wait: Duration) -> Option<(String, String)> {
    let deadline = Instant::now() + wait;
    let (mut current, mut data) = (String::new(), Vec::<String>::new());
    loop {
        if Instant::now() >= deadline {
            return None;
        }
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            continue;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if let Some(event) = line.strip_prefix("event: ") {
            current = event.to_string();
        } else if let Some(text) = line.strip_prefix("data: ").or(line.strip_prefix("data:")) {
            data.push(text.to_string());
        } else if line.is_empty() && !data.is_empty() {
            return Some((std::mem::take(&mut current), data.join("\n")));
        }
    }
}

pub fn subscribe(addr: SocketAddr) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(
        stream,
        "GET /__newsmirror/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    BufReader::new(stream)
}

#[test]
fn edits_reload_errors_show_and_fixes_clear_them() {
    let site = news();
    let (addr, _) = start(&site, 0);
    let mut events = subscribe(addr);
    std::thread::sleep(Duration::from_millis(300)); // let the watcher settle
    site.article("world/a.md", "title: First", "Edited text.");
    next_event(&mut events, "reload");
    let edited = page(addr, "/world/a/");
    assert!(
        edited.contains("Edited text."),
        "{}",
        &edited[edited.find("<div class=\"body\">").unwrap_or(0)..][..300]
    );
    site.article("world/b.md", "title: Second", "New article.");
    next_event(&mut events, "reload");
    assert!(page(addr, "/").contains("Second"));
    site.file(
        "content/world/a.md",
        "---\ntitle: First\ndate: not a date\n---\nBroken.",
    );
    let error = next_event(&mut events, "build-error");
    assert!(error.contains("content/world/a.md:3"), "{error}");
    let stale = page(addr, "/world/a/");
    assert!(stale.contains("Edited text."), "the last good site stays");
    assert!(stale.contains("<pre id=\"nm-build-error\"") && stale.contains("content/world/a.md:3"));
    site.article("world/a.md", "title: First", "Fixed text.");
    next_event(&mut events, "reload");
    let fixed = page(addr, "/world/a/");
    assert!(fixed.contains("Fixed text.") && !fixed.contains("<pre id=\"nm-build-error\""));
}

#[test]
fn a_port_in_use_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = news();
    let (addr, note) = start(&site, port);
    assert_ne!(addr.port(), port);
    assert!(note.unwrap().contains(&format!("port {port} is in use")));
}
