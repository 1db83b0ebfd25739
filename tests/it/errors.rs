//! Every kind of bad input gives `path:line: message` with a hint, and all of them come together.

use crate::common::Site;

/// Builds a site holding one file `content/world/bad.md` with `text`; returns the error.
fn error_for(text: &str) -> String {
    let site = Site::new("title: T\nlanguages: {en: {name: E}}\n");
    site.file("content/world/bad.md", text);
    site.build_error()
}

const SOURCE: &str = "source: {name: O, url: 'https://o.example/a'}";

#[test]
fn each_kind_of_bad_front_matter_names_file_and_line() {
    let cases: Vec<(String, &str)> = vec![
        (
            "Just text".into(),
            "content/world/bad.md:1: no front matter",
        ),
        (
            "---\ntitle: x\n".into(),
            "content/world/bad.md:1: front matter is not closed",
        ),
        (
            format!("---\ntitle: T\ndate: 2025-01-01\n{SOURCE}\ntags: [a\n---\n"),
            "content/world/bad.md:5:",
        ),
        (
            format!("---\ntitle: T\ndate: 2025-01-01\n{SOURCE}\ntitel: x\n---\n"),
            "content/world/bad.md:5: unknown key `titel`\n  hint: did you mean `title`?",
        ),
        (
            format!("---\ntitle: T\ndate: 2025-01-01\n{SOURCE}\ntitle: U\n---\n"),
            "content/world/bad.md:5: `title` is given twice",
        ),
        (
            format!("---\ndate: 2025-01-01\n{SOURCE}\n---\n"),
            "content/world/bad.md:1: no `title`",
        ),
        (
            format!("---\ntitle: T\n{SOURCE}\n---\n"),
            "content/world/bad.md:1: no `date`",
        ),
        (
            format!("---\ntitle: T\ndate: 12/06/2025\n{SOURCE}\n---\n"),
            "content/world/bad.md:3: `date: 12/06/2025` is not a date",
        ),
        (
            format!("---\ntitle: T\ndate: 2025-01-01\nupdated: soon\n{SOURCE}\n---\n"),
            "content/world/bad.md:4: `updated: soon` is not a date",
        ),
        (
            "---\ntitle: T\ndate: 2025-01-01\n---\n".into(),
            "content/world/bad.md:1: no `source`",
        ),
        (
            "---\ntitle: T\ndate: 2025-01-01\nsource: {url: '/relative'}\n---\n".into(),
            "content/world/bad.md:4: `source.url: /relative` is not an absolute http(s) URL",
        ),
        (
            format!("---\ntitle: T\ndate: 2025-01-01\n{SOURCE}\nlang: fr\n---\n"),
            "content/world/bad.md:5: language `fr` is not one of the site's languages",
        ),
        (
            format!("---\ntitle: T\ndate: 2025-01-01\n{SOURCE}\nsection: tags\n---\n"),
            "content/world/bad.md:5: `tags` cannot be a section name",
        ),
        (
            format!("---\ntitle: T\ndate: 2025-01-01\n{SOURCE}\nviews: many\n---\n"),
            "content/world/bad.md:5:",
        ),
    ];
    for (text, expected) in cases {
        let err = error_for(&text);
        assert!(
            err.contains(expected),
            "for {text:?}\nexpected {expected:?}\ngot {err:?}"
        );
        assert!(
            err.contains("hint:") || expected.ends_with(':'),
            "no hint in {err:?}"
        );
    }
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = Site::new("title: T\n");
    site.file("content/world/one.md", "no front matter");
    site.file("content/world/two.md", "---\ntitle: T\n---\n");
    site.article("world/fine.md", "", "Fine.");
    let err = site.build_error();
    assert!(
        err.contains("content/world/one.md:1: no front matter"),
        "{err}"
    );
    assert!(err.contains("content/world/two.md:1: no `date`"), "{err}");
    assert!(err.contains("content/world/two.md:1: no `source`"), "{err}");
    assert!(err.contains("3 errors found"), "{err}");
}

#[test]
fn duplicate_urls_name_both_files() {
    let site = Site::new("title: T\n");
    site.article("world/story.md", "", "A.")
        .article("world/other.md", "slug: story", "B.");
    let err = site.build_error();
    assert!(
        err.contains("content/world/other.md") && err.contains("content/world/story.md"),
        "{err}"
    );
    assert!(err.contains("same URL /world/story/"), "{err}");
}

#[test]
fn site_yaml_errors_name_the_key_and_line() {
    let site = Site::new("title: T\npaginat: 5\n");
    site.article("world/a.md", "", "A.");
    let err = site.build_error();
    assert!(
        err.contains("site.yaml:2: unknown key `paginat`\n  hint: did you mean `paginate`?"),
        "{err}"
    );
    let site = Site::new("title: T\nbase_url: ftp://x/\n");
    site.article("world/a.md", "", "A.");
    assert!(site
        .build_error()
        .contains("site.yaml:2: `base_url: ftp://x/` must be an http(s) URL"));
}

#[test]
fn missing_content_folder_says_what_to_do() {
    let site = Site::new("title: T\n");
    std::fs::remove_dir(site.root().join("content")).unwrap();
    let err = site.build_error();
    assert!(
        err.contains("no content folder") && err.contains("newsmirror init"),
        "{err}"
    );
}
