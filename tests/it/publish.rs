//! Publishing: output fit for GitHub Pages, the site under a project path crawled over HTTP, the
//! workflow, and offline bundles (folder, zip, single files).

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;
use std::process::Command;

use newsmirror::build::{build, write_dir, write_zip, BuildOptions};
use newsmirror::progress::Silent;

use crate::common::{attr_values, Site};
use crate::http;

fn example(output: &Path) -> BuildOptions {
    let mut options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    options.output = Some(output.to_path_buf());
    options
}

#[test]
fn output_is_fit_for_github_pages() {
    let site = Site::new("title: T\ndomain: news.example.org\n");
    site.article("world/a.md", "", "A.");
    site.file("static/private.txt", "x");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = site.root().join("static/private.txt");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::symlink(&path, site.root().join("static/link.txt")).unwrap();
    }
    site.build();
    assert!(site.exists(".nojekyll"));
    assert_eq!(site.read("CNAME"), "news.example.org\n");
    #[cfg(unix)]
    for file in site.files() {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(site.public().join(&file)).unwrap();
        assert!(meta.file_type().is_file(), "{file} is not a plain file");
        assert_eq!(meta.permissions().mode() & 0o777, 0o644, "{file}");
    }
}

#[test]
fn under_a_project_path_every_link_and_asset_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let (listener, url) = http::bind();
    let base = format!("{url}repo/");
    let mut options = example(&public);
    options.base_url = Some(base.clone());
    build(&options, &Silent).unwrap();
    http::serve_under(listener, public, "/repo/");
    let mut queue = VecDeque::from([
        base.clone(),
        format!("{base}sitemap.xml"),
        format!("{base}atom.xml"),
    ]);
    let mut seen = BTreeSet::new();
    let mut broken = Vec::new();
    while let Some(page) = queue.pop_front() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let (status, body) = http::get(&page);
        if status != 200 {
            broken.push(format!("{status} {page}"));
            continue;
        }
        let text = String::from_utf8_lossy(&body);
        let targets = attr_values(&text, "href")
            .into_iter()
            .chain(attr_values(&text, "src"));
        let locs = text
            .split("<loc>")
            .skip(1)
            .map(|s| s[..s.find("</loc>").unwrap()].to_string());
        for target in targets.chain(locs) {
            let Ok(resolved) = url::Url::parse(&page)
                .unwrap()
                .join(&target.replace("&amp;", "&"))
            else {
                continue;
            };
            let mut resolved = resolved;
            resolved.set_fragment(None);
            resolved.set_query(None);
            if resolved.as_str().starts_with(&url) {
                assert!(
                    resolved.as_str().starts_with(&base),
                    "{page} links outside /repo/: {target}"
                );
                queue.push_back(resolved.to_string());
            }
        }
    }
    assert!(seen.len() > 100, "crawled only {} URLs", seen.len());
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn init_and_deploy_config_write_the_pages_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_newsmirror");
    let dir = tmp.path().join("mirror");
    let out = Command::new(bin)
        .args([
            "init",
            "--github-pages",
            "--newsmirror-git",
            "https://git.example/newsmirror",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/pages.yml")).unwrap();
    assert!(workflow.contains("actions/deploy-pages@v4"));
    let again = Command::new(bin)
        .args(["deploy-config", "github-pages", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "an existing workflow was replaced without --force"
    );
    let forced = Command::new(bin)
        .args([
            "deploy-config",
            "github-pages",
            "--force",
            "--newsmirror-git",
            "https://git.example/nm",
            "--root",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(forced.status.success());
}

/// Every href/src of every HTML file in a bundle folder is relative and names an existing file.
fn assert_self_contained(root: &Path) {
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let Some(name) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !["html", "xml", "js", "css", "txt"].contains(&name) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            !text.contains("127.0.0.1:1111"),
            "{} names the mirror's host",
            path.display()
        );
        if name != "html" {
            continue;
        }
        for target in attr_values(&text, "href")
            .into_iter()
            .chain(attr_values(&text, "src"))
        {
            if target.contains(':') || target.starts_with('#') {
                continue; // external (the source, share links) or in-page
            }
            assert!(
                !target.starts_with('/'),
                "{}: {target} is root-relative",
                path.display()
            );
            let file = target.split(['#', '?']).next().unwrap();
            let resolved = path.parent().unwrap().join(file);
            assert!(
                resolved.is_file(),
                "{}: {target} is missing",
                path.display()
            );
        }
    }
}

#[test]
fn a_site_bundle_opens_from_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("bundle");
    write_dir(&example(&bundle), &bundle, true, &Silent).unwrap();
    assert_self_contained(&bundle);
    assert!(std::fs::read_to_string(bundle.join("index.html"))
        .unwrap()
        .contains("href=\"world/index.html\""));
}

#[test]
fn a_zip_bundle_holds_the_same_site() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("site.zip");
    write_zip(&example(&tmp.path().join("unused")), &archive, &Silent).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&archive).unwrap()).unwrap();
    let out = tmp.path().join("unpacked");
    zip.extract(&out).unwrap();
    assert!(out.join("search/docs.js").is_file() && out.join(".nojekyll").is_file());
    assert_self_contained(&out);
}

#[test]
fn single_files_hold_everything_an_article_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("single");
    let summary =
        newsmirror::single::write(&example(&tmp.path().join("unused")), &dir, &Silent).unwrap();
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), summary.articles);
    let html = std::fs::read_to_string(
        dir.join("world--isis-seeks-to-regain-foothold-in-syria-and-iraq.html"),
    )
    .unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<!-- Saved by newsmirror"));
    assert!(!html.contains("<link rel=\"stylesheet\"") && !html.contains("<script src="));
    assert!(
        html.contains("<style>") && html.contains("__nmLastCopied"),
        "styles and script inline"
    );
    assert!(html.contains("href=\"data:image/svg+xml;base64,"));
    assert!(html.contains("<a class=\"source-link\" href=\"https://caliber.az\""));
    assert!(
        html.contains("href=\"http://127.0.0.1:1111/world/\""),
        "links point at the mirror online"
    );
}
