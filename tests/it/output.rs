//! Atomic output: a failed build leaves the previous `public/` exactly as it was.

use crate::common::Site;

fn snapshot(site: &Site) -> Vec<(String, String)> {
    site.files()
        .into_iter()
        .map(|f| (site.read(&f), f))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "A.");
    site.build();
    let before = snapshot(&site);
    // A content error, then a template error: neither may touch public/.
    site.article("world/b.md", "date: someday", "B.");
    site.build_error();
    assert!(
        snapshot(&site) == before,
        "public/ changed after a content error"
    );
    site.article("world/b.md", "", "B.");
    site.file("templates/list.html", "{{ no_such_variable }}");
    let err = site.build_error();
    assert!(err.contains("templates/list.html"), "{err}");
    assert!(
        snapshot(&site) == before,
        "public/ changed after a template error"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_successful_build_removes_stale_files() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "A.")
        .article("world/b.md", "", "B.");
    site.build();
    std::fs::remove_file(site.root().join("content/world/b.md")).unwrap();
    site.build();
    assert!(site.exists("world/a/index.html"));
    assert!(!site.exists("world/b/index.html"));
}

#[test]
fn output_dir_can_be_chosen() {
    let site = Site::new("title: T\n");
    site.article("world/a.md", "", "A.");
    let mut options = site.options();
    options.output = Some("out/site".into());
    let summary = site.build_with(options);
    assert!(site.root().join("out/site/world/a/index.html").exists());
    assert!(summary.pages >= 5 && summary.files > summary.pages);
}
