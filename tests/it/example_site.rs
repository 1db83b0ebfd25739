//! The example site shipped in this repository builds, and has what README promises.

use std::collections::BTreeSet;

use newsmirror::build::{render_to_memory, BuildOptions};

#[test]
fn the_example_site_builds_cleanly() {
    let options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    let (rendered, _) = render_to_memory(&options, true).unwrap_or_else(|e| panic!("{e:#}"));
    let site = &rendered.site;
    assert!(
        site.articles.len() >= 21,
        "{} articles",
        site.articles.len()
    );
    let sections: BTreeSet<&str> = site.articles.iter().map(|a| a.section.as_str()).collect();
    assert!(sections.len() >= 4, "{sections:?}");
    let langs: BTreeSet<&str> = site.articles.iter().map(|a| a.lang.as_str()).collect();
    assert_eq!(langs, BTreeSet::from(["en", "ru"]));
    assert!(
        site.links.iter().any(|l| !l.translations.is_empty()),
        "no translated story"
    );
    let seed = site
        .articles
        .iter()
        .find(|a| a.source.name == "Caliber.az")
        .expect("the mirrored Caliber.az article");
    assert_eq!(
        seed.title,
        "Reuters: ISIS seeks to regain foothold in Syria and Iraq following Assad’s fall"
    );
    assert_eq!(seed.views, Some(778));
    assert_eq!(seed.body_html.matches("<p>").count(), 10);
    let samples = site
        .articles
        .iter()
        .filter(|a| a.source.name != "Caliber.az");
    for a in samples {
        assert!(
            a.summary.starts_with("Sample article: ") || a.summary.starts_with("Пример статьи: "),
            "{} is not marked as a sample",
            a.rel_path.display()
        );
    }
}
