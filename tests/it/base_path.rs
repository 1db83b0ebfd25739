//! `--base-url` with a path: every link, asset, feed and sitemap URL carries it.

use crate::common::{attr_values, Site};

#[test]
fn every_internal_url_carries_the_project_path() {
    let site = Site::new("title: T\nlanguages: {en: {name: English}, ru: {name: R}}\n");
    site.article(
        "world/a.md",
        "tags: [t]\nimage: /images/a.jpg",
        "See [b](/world/b/) and ![x](/images/a.jpg).",
    )
    .article("world/b.md", "", "B.")
    .article("ru/world/c.md", "", "C.")
    .file("static/images/a.jpg", "jpg");
    let mut options = site.options();
    options.base_url = Some("https://user.github.io/repo".into());
    site.build_with(options);
    for file in site.files().iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(file);
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            let internal = url.starts_with('/') && !url.starts_with("//");
            assert!(
                !internal || url.starts_with("/repo/"),
                "{file}: {url} lacks /repo/"
            );
            if url.starts_with("https://user.github.io") {
                assert!(
                    url.starts_with("https://user.github.io/repo/"),
                    "{file}: {url}"
                );
            }
        }
    }
    let a = site.read("world/a/index.html");
    assert!(a.contains("href=\"/repo/world/b/\"") && a.contains("src=\"/repo/images/a.jpg\""));
    // Theme assets are named relative to the page, so they work from disk too.
    assert!(a.contains("href=\"../../css/site.css\""));
    let atom = site.read("atom.xml");
    assert!(atom.contains("href=\"https://user.github.io/repo/world/a/\""));
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://user.github.io/repo/ru/world/c/</loc>"));
    assert!(site
        .read("robots.txt")
        .contains("https://user.github.io/repo/sitemap.xml"));
}
