//! A fixture site in a temporary directory, and helpers to build it and read what it wrote.

use std::fs;
use std::path::{Path, PathBuf};

use newsmirror::build::{self, BuildOptions, Summary};
use newsmirror::progress::Silent;

/// A site under construction in a temp dir.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// An empty site with the given `site.yaml`.
    pub fn new(config: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.file("site.yaml", config);
        fs::create_dir_all(site.root().join("content")).unwrap();
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file under the site root, creating folders.
    pub fn file(&self, rel: &str, text: &str) -> &Site {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Writes `content/<rel>` with a valid front matter made of `extra` lines plus defaults for
    /// whatever `extra` does not set.
    pub fn article(&self, rel: &str, extra: &str, body: &str) -> &Site {
        let mut front = String::from(extra);
        let has = |key: &str| extra.lines().any(|l| l.starts_with(&format!("{key}:")));
        if !has("title") {
            front.push_str(&format!("\ntitle: \"Title of {rel}\""));
        }
        if !has("date") {
            front.push_str("\ndate: 2025-01-01T10:00:00+00:00");
        }
        if !has("source") {
            front.push_str(&format!(
                "\nsource: {{name: Outlet, url: \"https://outlet.example/{rel}\"}}"
            ));
        }
        self.file(
            &format!("content/{rel}"),
            &format!("---\n{}\n---\n{body}", front.trim()),
        )
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.root())
    }

    /// Builds with default options, panicking with the error text on failure.
    pub fn build(&self) -> Summary {
        self.build_with(self.options())
    }

    pub fn build_with(&self, options: BuildOptions) -> Summary {
        build::build(&options, &Silent).unwrap_or_else(|e| panic!("build failed: {e:#}"))
    }

    /// Builds and returns the error text, panicking if the build succeeds.
    pub fn build_error(&self) -> String {
        match build::build(&self.options(), &Silent) {
            Ok(_) => panic!("build succeeded but should have failed"),
            Err(e) => format!("{e:#}"),
        }
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Reads `public/<rel>`.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }

    /// Every file under `public/`, relative, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.public())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(self.public())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }
}

/// All values of an attribute in some HTML, in order.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            let end = start + html[start..].find('"').unwrap();
            html[start..end].to_string()
        })
        .collect()
}

/// The headlines of a news list page, in order.
pub fn list_titles(html: &str) -> Vec<String> {
    html.split("<li class=\"item\">")
        .skip(1)
        .map(|item| {
            let link = item.split("<h2><a href=\"").nth(1).unwrap();
            let text = &link[link.find('>').unwrap() + 1..];
            text[..text.find("</a>").unwrap()].to_string()
        })
        .collect()
}
