//! Layered templates, the attribution check, and template errors that name the file.

use crate::common::Site;

#[test]
fn a_template_without_attribution_fails_naming_template_and_article() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "A.");
    site.file(
        "templates/article.html",
        "<html><body><h1>{{ article.title }}</h1>{{ article.body | safe }}</body></html>",
    );
    let err = site.build_error();
    assert!(err.contains("templates/article.html"), "{err}");
    assert!(err.contains("content/world/a.md"), "{err}");
    assert!(
        err.contains("no link to the original (https://outlet.example/world/a.md)"),
        "{err}"
    );
    assert!(!site.public().exists());
}

#[test]
fn a_source_link_inside_the_body_does_not_count() {
    let site = Site::new("title: T\n");
    site.article(
        "world/a.md",
        "",
        "From [Outlet](https://outlet.example/world/a.md).",
    );
    site.file(
        "templates/article.html",
        "{{ article.body | safe }} {{ site.notice }}",
    );
    assert!(site.build_error().contains("no link to the original"));
}

#[test]
fn a_link_without_the_source_name_or_notice_is_not_enough() {
    let site = Site::new("title: T\nattribution: {notice: Reuse needs a link.}\n");
    site.article("world/a.md", "", "A.");
    site.file(
        "templates/article.html",
        "<a href=\"{{ article.source.url }}\">here</a> {{ site.notice }}",
    );
    assert!(site.build_error().contains("naming Outlet"));
    site.file(
        "templates/article.html",
        "<a href=\"{{ article.source.url }}\">{{ article.source.name }}</a>",
    );
    assert!(site.build_error().contains("no reuse notice"));
    site.file("templates/article.html", "<a href=\"{{ article.source.url }}\"><b>{{ article.source.name }}</b></a> {{ site.notice }}");
    site.build();
}

#[test]
fn site_templates_override_theme_templates_which_override_the_builtin() {
    let site = Site::new("title: T\ntheme: plain\n");
    site.article("world/a.md", "", "A.");
    site.file("themes/plain/templates/404.html", "theme 404");
    site.file("themes/plain/templates/tags.html", "theme tags");
    site.file("templates/tags.html", "site tags");
    site.build();
    assert_eq!(site.read("404.html"), "theme 404");
    assert_eq!(site.read("tags/index.html"), "site tags");
    assert!(
        site.read("index.html").contains("<!DOCTYPE html>"),
        "built-in list.html is used"
    );
}

#[test]
fn template_syntax_errors_name_the_file() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "A.");
    site.file("templates/tags.html", "{% if %}");
    let err = site.build_error();
    assert!(err.contains("templates/tags.html"), "{err}");
}

#[test]
fn a_static_file_may_not_hide_a_generated_one() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "A.");
    site.file("static/robots.txt", "mine");
    let err = site.build_error();
    assert!(
        err.contains("static/robots.txt: the build writes robots.txt itself"),
        "{err}"
    );
}

#[test]
fn an_unknown_highlight_theme_is_a_clear_error() {
    let site = Site::new("title: T\nhighlight: {dark: Nope}\n");
    site.article("world/a.md", "", "A.");
    let err = site.build_error();
    assert!(err.contains("unknown highlight theme `Nope`"), "{err}");
}

#[test]
fn a_missing_theme_is_a_clear_error() {
    let site = Site::new("title: T\ntheme: nowhere\n");
    site.article("world/a.md", "", "A.");
    let err = site.build_error();
    assert!(err.contains("theme `nowhere` not found"), "{err}");
}

#[test]
fn broken_links_in_templates_fail_and_in_articles_warn() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "See [gone](/world/gone/).");
    let summary = site.build();
    assert_eq!(summary.warnings.len(), 1);
    assert!(summary.warnings[0]
        .to_string()
        .starts_with("content/world/a.md: link to /world/gone/ points nowhere"));
    let strict = newsmirror::build::check(&site.options(), &newsmirror::progress::Silent);
    assert!(format!("{:#}", strict.unwrap_err()).contains("/world/gone/"));
    site.file("templates/404.html", "<a href=\"/missing.html\">x</a>");
    let err = site.build_error();
    assert!(
        err.contains("templates/404.html: on /404.html: link to /missing.html points nowhere"),
        "{err}"
    );
}
