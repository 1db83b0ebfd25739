//! Feeds, sitemap and robots.txt, parsed back as XML.

use crate::common::Site;

fn site() -> Site {
    let site =
        Site::new("title: Feeds & Co\nbase_url: https://mirror.example/\nfeed: {limit: 2}\n");
    site.article(
        "world/a.md",
        "title: \"A <b>&</b> c\"\ndate: 2025-01-01\nauthor: Ann\ntags: [x]",
        "Body of **a** & more.",
    )
    .article("world/b.md", "title: B\ndate: 2025-01-02", "Body b.")
    .article(
        "economy/c.md",
        "title: C\ndate: 2025-01-03\nupdated: 2025-02-01",
        "Body c.",
    );
    site
}

fn texts<'a>(doc: &'a roxmltree::Document, tag: &str) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag)
        .map(|n| n.text().unwrap_or(""))
        .collect()
}

#[test]
fn atom_feed_parses_with_newest_entries_and_attribution() {
    let site = site();
    site.build();
    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("atom.xml is well-formed XML");
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 2, "feed limit is 2");
    let titles: Vec<&str> = entries
        .iter()
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    assert_eq!(titles, ["C", "B"]);
    assert_eq!(texts(&doc, "updated")[0], "2025-02-01T00:00:00+00:00");
    let content = texts(&doc, "content")[0];
    assert!(
        content.contains("<a href=\"https://outlet.example/economy/c.md\">Outlet</a>"),
        "{content}"
    );
    let self_link = doc
        .descendants()
        .find(|n| n.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(
        self_link.attribute("href"),
        Some("https://mirror.example/atom.xml")
    );
}

#[test]
fn rss_feed_parses_and_escapes() {
    let site = site();
    site.build();
    let xml = site.read("world/rss.xml");
    let doc = roxmltree::Document::parse(&xml).expect("rss.xml is well-formed XML");
    assert_eq!(
        texts(&doc, "title"),
        ["World — Feeds & Co", "B", "A <b>&</b> c"]
    );
    // The channel's atom:link self-reference has no text; the RSS links do.
    let links: Vec<&str> = texts(&doc, "link")
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        links,
        [
            "https://mirror.example/world/",
            "https://mirror.example/world/b/",
            "https://mirror.example/world/a/"
        ]
    );
    let description = texts(&doc, "description")[2];
    assert!(
        description.contains("<strong>a</strong> &amp; more"),
        "{description}"
    );
    assert!(texts(&doc, "pubDate")[0].starts_with("Thu, 2 Jan 2025"));
    assert_eq!(texts(&doc, "creator"), ["Ann"]);
}

#[test]
fn sitemap_lists_every_page_and_robots_points_to_it() {
    let site = site();
    site.build();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let locs = texts(&doc, "loc");
    for url in [
        "https://mirror.example/",
        "https://mirror.example/world/a/",
        "https://mirror.example/economy/c/",
        "https://mirror.example/world/",
        "https://mirror.example/tags/x/",
    ] {
        assert!(locs.contains(&url), "{url} missing from sitemap");
    }
    assert!(texts(&doc, "lastmod").contains(&"2025-02-01T00:00:00+00:00"));
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://mirror.example/sitemap.xml"));
}
