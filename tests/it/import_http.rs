//! `newsmirror import` over HTTP against a scripted server on 127.0.0.1: User-Agent, robots.txt,
//! retries with backoff, redirects, pacing per host, charsets, feeds whose entries are fetched,
//! and downloaded images. Pages go through the stub extractor of `import.rs`.

use std::fs;
use std::time::Duration;

use encoding_rs::{KOI8_R, WINDOWS_1251};
use newsmirror::import::Outcome;

use crate::import::{options, page, run, site};
use crate::import_server::{Reply, Server};

const HTML: &str = "text/html; charset=utf-8";

fn robots(text: &str) -> (&'static str, Vec<Reply>) {
    (
        "/robots.txt",
        vec![Reply::ok("text/plain", text.to_string())],
    )
}

#[test]
fn fetches_with_our_user_agent_and_honours_robots_txt() {
    let server = Server::start(vec![
        robots("User-agent: *\nDisallow: /private/\n"),
        (
            "/news/a",
            vec![Reply::ok(
                HTML,
                page(
                    "Open story",
                    "https://planet.example/news/a",
                    "<p>Open text.</p>",
                ),
            )],
        ),
        (
            "/private/b",
            vec![Reply::ok(
                HTML,
                page("Secret", "https://planet.example/private/b", "<p>No.</p>"),
            )],
        ),
    ]);
    let s = site();
    let r = run(&options(
        &s,
        &[&server.url("/news/a"), &server.url("/private/b")],
    ));
    assert_eq!(r.count(Outcome::Created), 1, "{r:?}");
    assert_eq!(r.failures.len(), 1);
    assert!(
        r.failures[0].reason.contains("robots.txt"),
        "{}",
        r.failures[0].reason
    );
    assert!(
        server.hits_of("/private/b").is_empty(),
        "a disallowed page was requested"
    );
    assert_eq!(
        server.hits_of("/robots.txt").len(),
        1,
        "robots.txt is read once per host"
    );
    for hit in server.hits() {
        assert!(hit.user_agent.starts_with("newsmirror/"), "{hit:?}");
        assert!(hit.user_agent.contains("(+http"), "{hit:?}");
    }
}

#[test]
fn retries_429_and_5xx_then_follows_redirects() {
    let server = Server::start(vec![
        robots(""),
        (
            "/flaky",
            vec![
                Reply::status(503, &[]),
                Reply::status(429, &[("Retry-After", "0")]),
                Reply::ok(
                    HTML,
                    page(
                        "Finally",
                        "https://planet.example/news/flaky",
                        "<p>Got it.</p>",
                    ),
                ),
            ],
        ),
        (
            "/old",
            vec![Reply::status(301, &[("Location", "/new/place")])],
        ),
        // No canonical link: the address after the redirect is the source.
        (
            "/new/place",
            vec![Reply::ok(
                HTML,
                "<html><head><title>Moved</title></head><body><p>Here now.</p></body></html>",
            )],
        ),
        ("/gone", vec![Reply::status(500, &[])]),
    ]);
    let s = site();
    let r = run(&options(
        &s,
        &[
            &server.url("/flaky"),
            &server.url("/old"),
            &server.url("/gone"),
        ],
    ));
    assert_eq!(r.count(Outcome::Created), 2, "{r:?}");
    assert_eq!(server.hits_of("/flaky").len(), 3);
    // The default three retries, then the failure is reported with its status.
    assert_eq!(server.hits_of("/gone").len(), 4);
    assert!(
        r.failures[0].reason.contains("HTTP 500"),
        "{:?}",
        r.failures
    );
    let moved = r.items.iter().find(|i| i.from.ends_with("/old")).unwrap();
    let text = fs::read_to_string(s.root().join(&moved.path)).unwrap();
    assert!(
        text.contains(&format!("url: {}", server.url("/new/place"))),
        "{text}"
    );
}

#[test]
fn an_unreachable_host_is_reported_as_such_not_as_a_robots_refusal() {
    // A port nothing listens on: bind one, note it, let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let s = site();
    let url = format!("http://127.0.0.1:{port}/story");
    let r = run(&options(&s, &[&url]));
    assert_eq!(r.failures.len(), 1, "{r:?}");
    let reason = &r.failures[0].reason;
    assert!(
        reason.starts_with("cannot reach http://127.0.0.1:"),
        "{reason}"
    );
    assert!(!reason.contains("robots.txt"), "{reason}");
    assert!(
        !reason.contains(&url),
        "the report names the URL once: {reason}"
    );
}

#[test]
fn requests_to_one_host_are_spaced_by_the_delay() {
    let server = Server::start(vec![
        robots(""),
        (
            "/a",
            vec![Reply::ok(
                HTML,
                page("A", "https://planet.example/news/a", "<p>A.</p>"),
            )],
        ),
        (
            "/b",
            vec![Reply::ok(
                HTML,
                page("B", "https://planet.example/news/b", "<p>B.</p>"),
            )],
        ),
    ]);
    let s = site();
    let mut o = options(&s, &[&server.url("/a"), &server.url("/b")]);
    o.fetch.delay = Duration::from_millis(300);
    run(&o);
    let hits = server.hits();
    assert_eq!(hits.len(), 3, "{hits:?}");
    for pair in hits.windows(2) {
        let gap = pair[1].at - pair[0].at;
        assert!(
            gap >= Duration::from_millis(290),
            "{gap:?} between {} and {}",
            pair[0].path,
            pair[1].path
        );
    }
}

#[test]
fn windows_1251_and_koi8_r_pages_are_decoded() {
    let title = "Новости экономики и курс рубля";
    let body = "<p>Центральный банк сохранил ставку.</p>";
    let cp1251 = WINDOWS_1251
        .encode(&page(title, "https://ru.example/economy/a", body))
        .0
        .into_owned();
    let koi8 = {
        // KOI8-R declared only inside the page, not in the header.
        let html = page(title, "https://ru.example/economy/b", body).replace(
            "<head>",
            "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">",
        );
        KOI8_R.encode(&html).0.into_owned()
    };
    let server = Server::start(vec![
        robots(""),
        (
            "/cp1251",
            vec![Reply::ok("text/html; charset=windows-1251", cp1251)],
        ),
        ("/koi8", vec![Reply::ok("text/html", koi8)]),
    ]);
    let s = site();
    let r = run(&options(
        &s,
        &[&server.url("/cp1251"), &server.url("/koi8")],
    ));
    assert_eq!(r.count(Outcome::Created), 2, "{r:?}");
    for item in &r.items {
        let text = fs::read_to_string(s.root().join(&item.path)).unwrap();
        assert!(
            text.contains(title) && text.contains("Центральный банк"),
            "{text}"
        );
        assert!(item.path.starts_with("content/politics"), "{:?}", item.path);
    }
    assert!(
        r.items[0]
            .path
            .ends_with("novosti-ekonomiki-i-kurs-rublia.md"),
        "{:?}",
        r.items[0].path
    );
}

#[test]
fn feed_by_url_fetches_the_pages_of_summary_only_entries() {
    // The entry's link is relative: it is resolved against the feed's own address.
    let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Planet</title>\
         <item><title>Feed headline</title><link>/story</link><description>Short teaser.</description>\
         <pubDate>Thu, 12 Jun 2025 15:29:00 +0400</pubDate></item></channel></rss>";
    let server = Server::start(vec![
        robots(""),
        ("/feed", vec![Reply::ok("application/rss+xml", feed)]),
        (
            "/story",
            vec![Reply::ok(
                HTML,
                page(
                    "Page headline",
                    "https://planet.example/politics/story",
                    "<p>The whole article text.</p>",
                ),
            )],
        ),
    ]);
    let s = site();
    let r = run(&options(&s, &[&server.url("/feed")]));
    assert_eq!(r.failures.len(), 0, "{r:?}");
    assert_eq!(r.count(Outcome::Created), 1);
    let text = fs::read_to_string(s.root().join(&r.items[0].path)).unwrap();
    assert!(text.contains("The whole article text."), "{text}");
    assert!(
        text.contains("title: Feed headline"),
        "the feed's headline wins: {text}"
    );
    assert!(text.contains("date: 2025-06-12T15:29:00+04:00"), "{text}");
    assert_eq!(server.hits_of("/story").len(), 1);

    // With fetching off, the feed's own summary is the text and the page is not requested.
    let s = site();
    let mut o = options(&s, &[&server.url("/feed")]);
    o.fetch_linked = Some(false);
    let r = run(&o);
    let text = fs::read_to_string(s.root().join(&r.items[0].path)).unwrap();
    assert!(text.contains("Short teaser."), "{text}");
    assert_eq!(server.hits_of("/story").len(), 1);
}

#[test]
fn images_are_downloaded_next_to_the_site_and_linked_locally() {
    let png = b"\x89PNG\r\n\x1a\nfake".to_vec();
    let server = Server::start(vec![
        robots(""),
        ("/img/photo.png", vec![Reply::ok("image/png", png.clone())]),
    ]);
    let body = format!("<p>Text.</p>\n\n![Photo]({})", server.url("/img/photo.png"));
    let s = site();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.html");
    fs::write(
        &input,
        page("With photo", "https://planet.example/world/photo", &body),
    )
    .unwrap();
    let mut o = options(&s, &[&input.display().to_string()]);
    o.download_images = true;
    let r = run(&o);
    assert_eq!(r.count(Outcome::Created), 1, "{r:?}");
    let saved = s.root().join("static/images/politics/with-photo/1.png");
    assert_eq!(fs::read(&saved).unwrap(), png);
    let text = fs::read_to_string(s.root().join(&r.items[0].path)).unwrap();
    assert!(
        text.contains("![Photo](/images/politics/with-photo/1.png)"),
        "{text}"
    );
    s.build();
    assert!(s.exists("images/politics/with-photo/1.png"));
}

#[test]
fn a_lead_image_the_body_shows_in_another_size_is_saved_once() {
    let png = b"\x89PNG\r\n\x1a\nsmall".to_vec();
    let server = Server::start(vec![
        robots(""),
        (
            "/img/old-bridge-at-dusk-555x202.png",
            vec![Reply::ok("image/png", png.clone())],
        ),
        (
            "/img/old-bridge-at-dusk.png",
            vec![Reply::ok("image/png", b"large".to_vec())],
        ),
    ]);
    // The stub extractor reads the body as written: Markdown here.
    let html = format!(
        "<html><head><title>Bridge</title>\
         <link rel=\"canonical\" href=\"https://planet.example/world/bridge\">\
         <meta property=\"og:image\" content=\"{lead}\"></head><body>\
         ![The bridge at dusk]({small})\n\nThe council voted to close the old bridge.</body></html>",
        lead = server.url("/img/old-bridge-at-dusk.png"),
        small = server.url("/img/old-bridge-at-dusk-555x202.png"),
    );
    let s = site();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.html");
    fs::write(&input, html).unwrap();
    let mut o = options(&s, &[&input.display().to_string()]);
    o.download_images = true;
    let r = run(&o);
    assert_eq!(r.count(Outcome::Created), 1, "{r:?}");
    let text = fs::read_to_string(s.root().join(&r.items[0].path)).unwrap();
    assert!(text.contains("image: /images/"), "{text}");
    let local = text
        .lines()
        .find_map(|l| l.strip_prefix("image: "))
        .unwrap()
        .to_string();
    assert!(
        text.contains(&format!("![The bridge at dusk]({local})")),
        "{text}"
    );
    assert!(
        server.hits_of("/img/old-bridge-at-dusk.png").is_empty(),
        "the large copy is not fetched"
    );
    // The built page shows the picture once: in the body, not again as a lead figure.
    s.build();
    let rel = r.items[0].path.with_extension("");
    let rel = rel.strip_prefix("content").unwrap().display().to_string();
    let page = s.read(&format!("{rel}/index.html"));
    assert!(!page.contains("lead-image"), "{page}");
}

#[test]
fn a_text_dump_fetched_by_url_is_credited_to_that_url() {
    let dump = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/caliber-dump.txt"
    ))
    .unwrap();
    let server = Server::start(vec![
        robots(""),
        (
            "/en/post/isis",
            vec![Reply::ok("text/plain; charset=utf-8", dump)],
        ),
    ]);
    let s = site();
    let r = run(&options(&s, &[&server.url("/en/post/isis")]));
    assert_eq!(r.count(Outcome::Created), 1, "{r:?}");
    let written = fs::read_to_string(s.root().join(&r.items[0].path)).unwrap();
    assert!(
        written.contains(&format!("url: {}", server.url("/en/post/isis"))),
        "{written}"
    );
}
