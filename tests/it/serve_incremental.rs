//! Incremental rebuilds in the preview server: after each kind of change (edit, new title, new
//! date, add, delete, rename, section and tag changes, folders, templates, site.yaml, static
//! files) every file served over HTTP must equal a clean build of the same sources, byte for
//! byte, and files the clean build lacks must be gone.

use std::collections::BTreeSet;
use std::io::BufReader;
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use newsmirror::build::render_to_memory;
use newsmirror::output::Body;
use newsmirror::serve::reload::inject;

use crate::common::Site;
use std::sync::Arc;

use crate::serve::{next_within, request, start_reporting, subscribe, Recorder};

/// A site with two languages, several sections, tags, pagination and a translation, so that one
/// change reaches neighbours, related articles, list pages, feeds and the search index.
fn newsroom() -> Site {
    let site = Site::new(
        "title: Desk\npaginate: 2\nlanguages: {en: {name: English}, ru: {name: Русский}}\n",
    );
    for (n, section, tags) in [
        (1, "world", "[Syria, Iraq]"),
        (2, "world", "[Syria]"),
        (3, "world", "[Iraq]"),
        (4, "business", "[Oil]"),
        (5, "business", "[Oil, Syria]"),
        (6, "science", "[]"),
    ] {
        site.article(
            &format!("{section}/story-{n}.md"),
            &format!("title: Story {n}\ndate: 2025-03-0{n}T10:00:00Z\ntags: {tags}\ntranslation_key: k{n}"),
            &format!("Body of story {n} about oil and water.\n\nSecond paragraph {n}."),
        );
    }
    site.article(
        "ru/world/istoriya-1.md",
        "title: История 1\ndate: 2025-03-01T11:00:00Z\ntranslation_key: k1",
        "Текст о нефти.",
    );
    site
}

/// Every file of a clean build made with the server's base URL, by path.
fn clean_build(site: &Site, addr: SocketAddr) -> Vec<(String, Vec<u8>)> {
    let mut options = site.options();
    options.base_url = Some(format!("http://{addr}/"));
    let (_, outputs) = render_to_memory(&options, false).expect("the clean build succeeds");
    outputs
        .into_iter()
        .map(|o| {
            let bytes = match o.body {
                Body::Bytes(b) => b,
                Body::Copy(path) => std::fs::read(path).unwrap(),
            };
            (o.path, bytes)
        })
        .collect()
}

/// Checks that the server serves exactly the clean build; `gone` are paths that must now be
/// missing. Returns the clean build's paths.
fn assert_same_as_clean(
    site: &Site,
    addr: SocketAddr,
    step: &str,
    gone: &[&str],
) -> BTreeSet<String> {
    let clean = clean_build(site, addr);
    for (path, expected) in &clean {
        let (status, _, served) = request(addr, "GET", &format!("/{path}"), "");
        let expected = if path.ends_with(".html") {
            inject(expected, None)
        } else {
            expected.clone()
        };
        assert_eq!(status, 200, "{step}: /{path}");
        if served != expected {
            let (a, b) = (
                String::from_utf8_lossy(&served),
                String::from_utf8_lossy(&expected),
            );
            let at = a
                .bytes()
                .zip(b.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!(
                "{step}: /{path} differs from a clean build at byte {at}:\nserved: {}\nclean:  {}",
                &a[at.saturating_sub(80)..(at + 80).min(a.len())],
                &b[at.saturating_sub(80)..(at + 80).min(b.len())]
            );
        }
    }
    let paths: BTreeSet<String> = clean.into_iter().map(|(p, _)| p).collect();
    for path in gone {
        assert!(
            !paths.contains(*path),
            "{step}: the clean build still has {path}"
        );
        let (status, _, _) = request(addr, "GET", &format!("/{path}"), "");
        assert_eq!(status, 404, "{step}: /{path} is still served");
    }
    paths
}

/// Makes a change and waits for the server to reload, and for any further rebuild the change
/// caused (making a folder and then a file in it is two changes); a build error fails the test.
fn step(events: &mut BufReader<TcpStream>, change: impl FnOnce()) {
    change();
    let mut reloaded = false;
    loop {
        let wait = Duration::from_millis(if reloaded { 400 } else { 20_000 });
        match next_within(events, wait) {
            None if reloaded => return,
            None => panic!("no reload after the change"),
            // A change of stylesheets alone is announced as `css` instead.
            Some((event, _)) if event == "reload" || event == "css" => reloaded = true,
            Some((event, data)) if event == "build-error" => {
                panic!("the change broke the build: {data}")
            }
            Some(_) => {}
        }
    }
}

#[test]
fn every_kind_of_change_serves_what_a_clean_build_makes() {
    let site = newsroom();
    let report = Arc::new(Recorder::default());
    let (addr, _) = start_reporting(&site, 0, report.clone());
    let mut events = subscribe(addr);
    std::thread::sleep(Duration::from_millis(300)); // let the watcher settle
    assert_same_as_clean(&site, addr, "start", &[]);
    let story = |n: u32, section: &str, extra: &str, body: &str| {
        let front = format!(
            "title: Story {n}\ndate: 2025-03-0{n}T10:00:00Z\ntranslation_key: k{n}\n{extra}"
        );
        site.article(&format!("{section}/story-{n}.md"), front.trim(), body);
    };

    step(&mut events, || {
        story(2, "world", "tags: [Syria]", "A new word: zanzibar.")
    });
    assert_same_as_clean(&site, addr, "body edit", &[]);
    let search = String::from_utf8(request(addr, "GET", "/search/docs.js", "").2).unwrap();
    assert!(search.contains("Story 2"));
    let last = report.0.lock().unwrap().last().cloned().unwrap();
    let pages = assert_same_as_clean(&site, addr, "again", &[])
        .iter()
        .filter(|p| p.ends_with(".html"))
        .count();
    // The story's page, its neighbours', related and translated articles' pages, and the list
    // pages it is on; not the other pages.
    assert!(
        last.pages > 0 && last.pages < pages / 2,
        "{} of {pages} pages rendered",
        last.pages
    );

    step(&mut events, || {
        site.article(
            "world/story-2.md",
            "title: Story two, retitled\ndate: 2025-03-02T10:00:00Z\ntags: [Syria]\ntranslation_key: k2",
            "A new word: zanzibar.",
        );
    });
    assert_same_as_clean(&site, addr, "title edit", &[]);

    step(&mut events, || {
        site.article(
            "world/story-3.md",
            "title: Story 3\ndate: 2025-02-01T10:00:00Z\ntags: [Iraq]\ntranslation_key: k3",
            "Moved back in time.",
        );
    });
    assert_same_as_clean(&site, addr, "date change (new order)", &[]);

    step(&mut events, || {
        story(7, "world", "tags: [Kurds]", "A brand new story.")
    });
    assert_same_as_clean(&site, addr, "add with a new tag", &[]);

    step(&mut events, || {
        std::fs::remove_file(site.root().join("content/world/story-7.md")).unwrap()
    });
    assert_same_as_clean(
        &site,
        addr,
        "delete",
        &["world/story-7/index.html", "tags/kurds/index.html"],
    );

    step(&mut events, || {
        let dir = site.root().join("content/business");
        std::fs::rename(dir.join("story-4.md"), dir.join("story-four.md")).unwrap();
    });
    assert_same_as_clean(&site, addr, "rename", &["business/story-4/index.html"]);

    step(&mut events, || {
        std::fs::remove_file(site.root().join("content/science/story-6.md")).unwrap();
        story(6, "culture", "tags: [Art]", "Now in a new section.");
    });
    assert_same_as_clean(
        &site,
        addr,
        "section change",
        &[
            "science/story-6/index.html",
            "science/index.html",
            "science/atom.xml",
        ],
    );

    step(&mut events, || {
        story(5, "business", "tags: [Gas]", "Body of story 5.")
    });
    assert_same_as_clean(&site, addr, "tag change", &["tags/syria/page/2/index.html"]);

    step(&mut events, || {
        let from = site.root().join("content/culture");
        std::fs::rename(&from, site.root().join("content/arts")).unwrap();
    });
    assert_same_as_clean(
        &site,
        addr,
        "folder rename",
        &["culture/story-6/index.html"],
    );

    let base = include_str!("../../themes/default/templates/base.html");
    step(&mut events, || {
        site.file(
            "templates/base.html",
            &base.replace("</footer>", "<p>Edited template.</p></footer>"),
        );
    });
    let paths = assert_same_as_clean(&site, addr, "template edit", &[]);
    let home = String::from_utf8(request(addr, "GET", "/", "").2).unwrap();
    assert!(home.contains("Edited template.") && paths.contains("index.html"));

    step(&mut events, || {
        site.file(
            "site.yaml",
            "title: Desk Renamed\npaginate: 3\nlanguages: {en: {name: English}, ru: {name: Русский}}\n",
        );
    });
    assert_same_as_clean(&site, addr, "site.yaml edit", &["page/3/index.html"]);

    step(&mut events, || {
        site.file(
            "static/img/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    });
    let paths = assert_same_as_clean(&site, addr, "static file", &[]);
    assert!(paths.contains("img/logo.svg"));

    // A stylesheet alone: open pages are told to load their stylesheets again, not to reload.
    // (Its folder exists first: a file made in a brand-new folder can come before the watch on
    // that folder, and then only the folder is reported, which reloads.)
    step(&mut events, || {
        site.file("static/css/print.css", "");
    });
    site.file("static/css/site.css", "body { color: rebeccapurple }\n");
    match next_within(&mut events, Duration::from_secs(20)) {
        Some((event, _)) if event == "css" => {}
        Some((event, data)) => panic!("expected a css event, got {event}: {data}"),
        None => panic!("no css event"),
    }
    assert_same_as_clean(&site, addr, "stylesheet", &[]);
    let css = request(addr, "GET", "/css/site.css?nm-v=1", "").2;
    assert_eq!(css, b"body { color: rebeccapurple }\n");
}
