//! Article pages, lists, pagination, tags, languages, static files and drafts.

use crate::common::{list_titles, Site};

fn news_site() -> Site {
    let site = Site::new(
        "title: Test Mirror\nbase_url: https://mirror.example/\npaginate: 2\nlanguages: {en: {name: English}, ru: {name: Русский, title: Зеркало}}\nsections: {world: {en: World, ru: Мир}}\n",
    );
    site.article("world/oldest.md", "title: Oldest\ndate: 2025-01-01\ntags: [Syria, Iraq]", "Old body.")
        .article("world/middle.md", "title: Middle\ndate: 2025-02-01 09:30\ntags: [syria]\nauthor: [Ann Lee, Bo Kim]\nviews: 778\ntranslation_key: story", "Middle *body*.")
        .article("economy/newest.md", "title: Newest\ndate: 2025-03-01T12:00:00+04:00\nsummary: Own summary.", "## Markets\n\nNewest body.\n\n```rust\nfn main() {}\n```\n")
        .article("ru/world/sredniy.md", "title: Средний\ndate: 2025-02-02\ntranslation_key: story\ntags: [Сирия]", "Тело.")
        .article("world/draft.md", "title: Draft\ndraft: true", "Not yet.");
    site
}

#[test]
fn article_page_has_content_metadata_and_attribution() {
    let site = news_site();
    site.build();
    let html = site.read("world/middle/index.html");
    assert!(html.contains("<h1>Middle</h1>"));
    assert!(html.contains("<p>Middle <em>body</em>.</p>"));
    assert!(
        html.contains("<time datetime=\"2025-02-01T09:30:00+00:00\">1 February 2025, 09:30</time>")
    );
    assert!(html.contains("Ann Lee, Bo Kim"));
    assert!(html.contains("778"));
    assert!(html.contains(
        "<a class=\"source-link\" href=\"https://outlet.example/world/middle.md\" rel=\"noopener\">Outlet</a>"
    ));
    assert!(html.contains("<link rel=\"canonical\" href=\"https://mirror.example/world/middle/\">"));
    // Neighbours in the same language: newer is Newest, older is Oldest.
    assert!(html.contains("href=\"/economy/newest/\""));
    assert!(html.contains("href=\"/world/oldest/\""));
}

#[test]
fn home_lists_newest_first_and_paginates() {
    let site = news_site();
    site.build();
    assert_eq!(list_titles(&site.read("index.html")), ["Newest", "Middle"]);
    assert_eq!(list_titles(&site.read("page/2/index.html")), ["Oldest"]);
    assert!(!site.exists("page/3/index.html"));
    let first = site.read("index.html");
    assert!(first.contains("href=\"/page/2/\""), "no link to page 2");
    let second = site.read("page/2/index.html");
    assert!(
        second.contains("<title>Test Mirror — page 2</title>"),
        "{second}"
    );
    assert!(second.contains("rel=\"prev\" href=\"/\""));
    assert!(site.read("economy/index.html").contains("Own summary."));
}

#[test]
fn sections_and_tags_have_paginated_pages_and_an_index() {
    let site = news_site();
    site.build();
    assert_eq!(
        list_titles(&site.read("world/index.html")),
        ["Middle", "Oldest"]
    );
    // "Syria" and "syria" are one tag.
    assert_eq!(
        list_titles(&site.read("tags/syria/index.html")),
        ["Middle", "Oldest"]
    );
    assert_eq!(list_titles(&site.read("tags/iraq/index.html")), ["Oldest"]);
    let index = site.read("tags/index.html");
    assert!(index.contains("href=\"/tags/syria/\"") && index.contains("(2)"));
    assert!(site.exists("404.html"));
}

#[test]
fn languages_get_their_own_pages_and_translation_links() {
    let site = news_site();
    site.build();
    let ru = site.read("ru/world/sredniy/index.html");
    assert!(ru.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"));
    assert!(ru.contains("2 февраля 2025"));
    assert!(ru.contains("Мир"));
    assert!(ru.contains("hreflang=\"en\" href=\"https://mirror.example/world/middle/\""));
    assert!(ru.contains("hreflang=\"ru\" href=\"https://mirror.example/ru/world/sredniy/\""));
    assert!(ru.contains("hreflang=\"x-default\" href=\"https://mirror.example/world/middle/\""));
    let en = site.read("world/middle/index.html");
    assert!(en.contains("href=\"/ru/world/sredniy/\""));
    assert_eq!(list_titles(&site.read("ru/index.html")), ["Средний"]);
    assert_eq!(
        list_titles(&site.read("ru/tags/siriia/index.html")),
        ["Средний"]
    );
    assert!(!site.read("index.html").contains("Средний"));
}

#[test]
fn code_is_highlighted_with_classes_and_both_palettes_are_written() {
    let site = news_site();
    site.build();
    let html = site.read("economy/newest/index.html");
    assert!(html.contains("<h2 id=\"markets\">"));
    assert!(html.contains("class=\"hl-"));
    assert!(!html.contains("style=\"color"));
    assert!(site.read("css/syntax-light.css").contains(".hl-"));
    assert!(site.read("css/syntax-dark.css").contains(".hl-"));
    assert_ne!(
        site.read("css/syntax-light.css"),
        site.read("css/syntax-dark.css")
    );
}

#[test]
fn drafts_only_with_the_flag() {
    let site = news_site();
    let summary = site.build();
    assert_eq!(summary.articles, 4);
    assert!(!site.exists("world/draft/index.html"));
    let mut options = site.options();
    options.drafts = true;
    assert_eq!(site.build_with(options).articles, 5);
    assert!(site.exists("world/draft/index.html"));
}

#[test]
fn static_files_are_copied_and_override_the_theme() {
    let site = news_site();
    site.file("static/images/logo.svg", "<svg/>");
    site.file("static/css/site.css", "body{}");
    site.build();
    assert_eq!(site.read("images/logo.svg"), "<svg/>");
    assert_eq!(site.read("css/site.css"), "body{}");
}

#[test]
fn the_same_content_builds_the_same_bytes() {
    let site = news_site();
    site.build();
    let first: Vec<(String, String)> = site
        .files()
        .into_iter()
        .map(|f| (site.read(&f), f))
        .collect();
    site.build();
    let second: Vec<(String, String)> = site
        .files()
        .into_iter()
        .map(|f| (site.read(&f), f))
        .collect();
    assert!(first == second, "two builds of the same site differ");
}
