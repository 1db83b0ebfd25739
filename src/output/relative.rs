//! File-relative URLs for offline bundles. A bundle is opened from disk, where `/world/a/` means
//! the root of the disk and a folder shows as a listing, so every link to the site's own pages and
//! files is rewritten relative to the file that holds it, with `index.html` spelled out. Any other
//! mention of the mirror's own address (canonical links, metadata, feeds, share links) becomes
//! relative too, so that nothing in the bundle points back at a server.

use std::borrow::Cow;

use super::{Body, Output, Sink};
use crate::html::{encode_component, is_root_relative, rewrite_urls};

/// Rewrites outputs to file-relative URLs, then hands them on.
pub struct Relative<'a> {
    inner: &'a dyn Sink,
    base_url: String,
    base_path: String,
    /// `base_url` as it appears percent-encoded inside share links.
    base_url_encoded: String,
}

impl<'a> Relative<'a> {
    /// A rewriter for a site whose URLs start with `base_url` (path part `base_path`).
    pub fn new(inner: &'a dyn Sink, base_url: &str, base_path: &str) -> Relative<'a> {
        Relative {
            inner,
            base_url: base_url.to_string(),
            base_path: base_path.to_string(),
            base_url_encoded: encode_component(base_url),
        }
    }

    /// The text of one output with every internal URL made relative to it.
    pub fn rewrite(&self, path: &str, text: &str) -> String {
        let up = "../".repeat(path.matches('/').count());
        let root = if up.is_empty() {
            "./".to_string()
        } else {
            up.clone()
        };
        let linked = if path.ends_with(".html") {
            Cow::Owned(rewrite_urls(text, |url| self.relative_link(url, &up)))
        } else {
            Cow::Borrowed(text)
        };
        linked
            .replace(&self.base_url, &root)
            .replace(&self.base_url_encoded, &root)
    }

    /// A page-relative form of an internal link, `index.html` added to folder links.
    fn relative_link(&self, url: &str, up: &str) -> Option<String> {
        let inner = match url.strip_prefix(&self.base_url) {
            Some(rest) => rest,
            None if is_root_relative(url) => url.strip_prefix(&self.base_path)?,
            None => return folder_to_index(url),
        };
        let split = inner.find(['?', '#']).unwrap_or(inner.len());
        let (path, rest) = inner.split_at(split);
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        Some(format!("{up}{file}{rest}"))
    }
}

/// A relative link to a folder (`../b/`) gets `index.html`, which `file://` needs.
fn folder_to_index(url: &str) -> Option<String> {
    let relative = !url.contains(':') && !url.starts_with('#') && !url.starts_with("//");
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(split);
    (relative && (path.ends_with('/') || path == "." || path == ".."))
        .then(|| format!("{}/index.html{rest}", path.trim_end_matches('/')))
}

impl Sink for Relative<'_> {
    fn accept(&self, output: Output) -> anyhow::Result<()> {
        let text_kind = [".html", ".xml", ".js", ".css", ".txt"]
            .iter()
            .any(|ext| output.path.ends_with(ext));
        let output = match (&output.body, text_kind) {
            (Body::Bytes(bytes), true) => match std::str::from_utf8(bytes) {
                Ok(text) => Output {
                    body: Body::Bytes(self.rewrite(&output.path, text).into_bytes()),
                    ..output
                },
                Err(_) => output,
            },
            _ => output,
        };
        self.inner.accept(output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Discard;

    #[test]
    fn links_become_relative_to_the_file() {
        let r = Relative::new(&Discard, "https://m.example/repo/", "/repo/");
        let html = r##"<a href="/repo/">home</a><a href="/repo/world/a/#x">a</a><link href="../../css/site.css"><a href="../b/">b</a><a href="https://m.example/repo/tags/">t</a><a href="https://other.example/">o</a><meta content="https://m.example/repo/world/a/"><a href="https://x.com/s?u=https%3A%2F%2Fm.example%2Frepo%2Fworld%2F">s</a>"##;
        let out = r.rewrite("world/a/index.html", html);
        assert!(out.contains(r#"href="../../index.html""#), "{out}");
        assert!(out.contains(r#"href="../../world/a/index.html#x""#));
        assert!(out.contains(r#"href="../../css/site.css""#));
        assert!(out.contains(r#"href="../b/index.html""#));
        assert!(out.contains(r#"href="../../tags/index.html""#));
        assert!(out.contains(r#"href="https://other.example/""#));
        assert!(out.contains(r#"content="../../world/a/""#));
        assert!(!out.contains("m.example"), "{out}");
        assert_eq!(
            r.rewrite("index.html", "<a href=\"/repo/x/\">"),
            "<a href=\"x/index.html\">"
        );
    }
}
