//! The default theme's page features that need no browser: share links, metadata, JSON-LD,
//! related articles, the search index, and interface languages.

use crate::common::Site;

fn site() -> Site {
    let site = Site::new(
        "title: Mirror\nbase_url: https://mirror.example/\nshare: [x, telegram, email]\nlanguages: {en: {name: English}, hy: {name: Հայերեն}, az: {name: Azərbaycan}}\n",
    );
    site.article("world/a.md", "title: \"Talks & tariffs: day 2\"\ndate: 2025-03-01\nimage: /img/a.jpg\ntags: [trade]\nauthor: Ann Lee", "The zanzibarite clause was dropped.")
        .article("world/b.md", "title: B\ndate: 2025-02-01", "B.")
        .article("world/c.md", "title: C\ndate: 2025-01-01", "C.")
        .article("hy/world/h.md", "title: Հայերեն\ndate: 2025-06-12", "Տեքստ։")
        .article("az/world/z.md", "title: Azərbaycanca\ndate: 2025-06-12", "Mətn.")
        .file("static/img/a.jpg", "jpg");
    site
}

#[test]
fn share_links_carry_the_encoded_url_and_title() {
    let site = site();
    site.build();
    let html = site.read("world/a/index.html");
    let url = "https%3A%2F%2Fmirror.example%2Fworld%2Fa%2F";
    let title = "Talks%20%26%20tariffs%3A%20day%202";
    assert!(
        html.contains(&format!(
            "href=\"https://x.com/intent/tweet?url={url}&amp;text={title}\""
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        "href=\"https://t.me/share/url?url={url}&amp;text={title}\""
    )));
    assert!(html.contains(&format!("href=\"mailto:?subject={title}&amp;body={url}\"")));
    assert!(
        !html.contains("facebook.com"),
        "only the configured targets"
    );
}

#[test]
fn article_metadata_and_json_ld() {
    let site = site();
    site.build();
    let html = site.read("world/a/index.html");
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(
        html.contains("<meta property=\"og:image\" content=\"https://mirror.example/img/a.jpg\">")
    );
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Talks & tariffs: day 2");
    assert_eq!(ld["isBasedOn"]["url"], "https://outlet.example/world/a.md");
    assert_eq!(ld["author"][0]["name"], "Ann Lee");
    assert_eq!(ld["datePublished"], "2025-03-01T00:00:00+00:00");
    assert_eq!(ld["image"][0], "https://mirror.example/img/a.jpg");
}

#[test]
fn related_articles_come_from_the_same_section() {
    let site = site();
    site.build();
    let html = site.read("world/b/index.html");
    let related = &html[html.find("class=\"related\"").expect("a related section")..];
    assert!(related.contains("href=\"/world/a/\"") && related.contains("href=\"/world/c/\""));
}

#[test]
fn search_index_finds_a_body_word_through_its_shard() {
    let site = site();
    site.build();
    let docs = site.read("search/docs.js");
    let json = docs
        .trim()
        .trim_start_matches("window.NM_SEARCH_DOCS=")
        .trim_end_matches(';');
    let json = json.replace(",\n]", "]");
    let docs: Vec<Vec<String>> = serde_json::from_str(&json).expect("docs.js holds a JSON array");
    let id = docs
        .iter()
        .position(|d| d[1] == "Talks & tariffs: day 2")
        .unwrap();
    assert_eq!(docs[id][0], "../world/a/");
    let shard = newsmirror::render::search::shard_of("zanzibarite");
    let text = site.read(&format!("search/t-{shard:02}.js"));
    let prefix = format!("window.NM_SEARCH_SHARD({shard},");
    let map: serde_json::Value = serde_json::from_str(
        text.trim()
            .strip_prefix(&prefix)
            .unwrap()
            .trim_end_matches(");"),
    )
    .unwrap();
    assert_eq!(map["zanzibarite"], serde_json::json!([id]));
    assert!(site.exists("search/index.html") && site.exists("hy/search/index.html"));
    assert!(site
        .read("search/index.html")
        .contains("data-index=\"../search/\""));
    assert!(site
        .read("hy/search/index.html")
        .contains("data-index=\"../../search/\""));
}

#[test]
fn armenian_and_azerbaijani_pages_are_localised() {
    let site = site();
    site.build();
    let hy = site.read("hy/world/h/index.html");
    assert!(
        hy.contains("<html lang=\"hy\">") && hy.contains("12 հունիսի 2025 թ."),
        "{hy}"
    );
    assert!(hy.contains("Աղբյուր"));
    let az = site.read("az/world/z/index.html");
    assert!(az.contains("12 iyun 2025") && az.contains("Mənbə"));
}

#[test]
fn a_lead_image_the_body_already_shows_is_not_shown_twice() {
    let site = Site::new("title: Mirror\nbase_url: https://mirror.example/\n");
    let lead = "https://cdn.outlet.example/2025/12/bridge-at-dusk.jpg";
    site.article(
        "world/shown.md",
        &format!("title: Shown\ndate: 2025-03-01\nimage: {lead}"),
        "![The bridge at dusk](https://cdn.outlet.example/2025/12/bridge-at-dusk-555x202.jpg?v=2)\n\nThe council voted.",
    )
    .article(
        "world/other.md",
        &format!("title: Other\ndate: 2025-03-02\nimage: {lead}"),
        "![The council chamber](https://cdn.outlet.example/2025/12/council-chamber.jpg)\n\nThe council met.",
    )
    .build();
    let shown = site.read("world/shown/index.html");
    assert!(!shown.contains("class=\"lead-image\""), "{shown}");
    assert!(shown.contains("bridge-at-dusk-555x202.jpg"));
    // Link previews still name the lead image.
    assert!(shown.contains(&format!("<meta property=\"og:image\" content=\"{lead}\">")));
    let other = site.read("world/other/index.html");
    assert!(other.contains("class=\"lead-image\""), "{other}");

    // Downloaded pictures have short names; on a site under a base path the body's address
    // gains the prefix, and the lead image is still known for the same file.
    let site = Site::new("title: Mirror\nbase_url: https://user.example/mirror/\n");
    site.article(
        "world/local.md",
        "title: Local\ndate: 2025-03-01\nimage: /images/world/local/1.jpg",
        "![The bridge at dusk](/images/world/local/1.jpg)\n\nThe council voted.",
    )
    .file("static/images/world/local/1.jpg", "jpg")
    .build();
    let local = site.read("world/local/index.html");
    assert!(
        local.contains("/mirror/images/world/local/1.jpg"),
        "{local}"
    );
    assert!(!local.contains("class=\"lead-image\""), "{local}");
}
