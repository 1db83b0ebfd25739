//! The verify step, run on each page as soon as it is rendered: every article page must carry its
//! attribution (a link to the original whose text names the source, and the reuse notice, outside
//! the article's own body), and every internal link and asset reference must point at a file the
//! build writes. A build whose report has errors is never swapped into place.

use std::collections::HashSet;

use super::templates::Templates;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html::escape as escape_html;
use crate::model::Site;
use crate::output::Output;

/// Broken links reported at most, so a bad template does not print ten thousand lines.
const MAX_LINK_PROBLEMS: usize = 50;

/// What the checks found.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems that fail every build: a missing attribution.
    pub errors: Vec<Diagnostic>,
    /// Broken links made by templates: they fail every build too, but one template mistake
    /// repeats on every page, so only the first 50 are reported.
    pub template_links: Vec<Diagnostic>,
    /// Broken links inside article bodies. `build` reports them and goes on (an archive may lack
    /// some images); `check` fails on them.
    pub content_links: Vec<Diagnostic>,
}

impl Report {
    /// Both reports together.
    pub fn merge(mut self, other: Report) -> Report {
        self.errors.extend(other.errors);
        self.template_links.extend(other.template_links);
        self.content_links.extend(other.content_links);
        self
    }

    /// The errors as a result; with `strict`, content links count as errors too. Otherwise the
    /// content links come back as warnings.
    pub fn into_result(self, strict: bool) -> Result<Vec<Diagnostic>, Diagnostics> {
        let mut errors = self.errors;
        let warnings = tidy(self.content_links);
        let mut link_errors = tidy(self.template_links);
        link_errors.truncate(MAX_LINK_PROBLEMS);
        errors.extend(link_errors);
        if strict {
            errors.extend(warnings);
            Diagnostics(errors).into_result()?;
            return Ok(Vec::new());
        }
        Diagnostics(errors).into_result()?;
        Ok(warnings)
    }
}

fn tidy(mut list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    list.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    list.dedup();
    list
}

/// Checks pages one at a time, as they are rendered, against the list of every file the build
/// writes (known before rendering starts).
pub struct PageChecks<'a> {
    site: &'a Site,
    templates: &'a Templates,
    files: HashSet<&'a str>,
}

impl<'a> PageChecks<'a> {
    /// Checks for a site that writes `paths`.
    pub fn new(site: &'a Site, templates: &'a Templates, paths: &'a [String]) -> PageChecks<'a> {
        PageChecks {
            site,
            templates,
            files: paths.iter().map(String::as_str).collect(),
        }
    }

    /// Attribution (on article pages) and internal links (on HTML pages) of one output.
    pub fn check(&self, output: &Output) -> Report {
        let mut report = Report::default();
        let Some(html) = output.generated().and_then(|b| std::str::from_utf8(b).ok()) else {
            return report;
        };
        if let Some(i) = output.article {
            report
                .errors
                .extend(check_attribution(self.site, i, html, self.templates));
        }
        if output.path.ends_with(".html") {
            let config = &self.site.config;
            let page_dir = output.path.rsplit_once('/').map_or("", |(dir, _)| dir);
            let targets = broken_targets(
                html,
                page_dir,
                &config.base_url,
                &config.base_path,
                &self.files,
            );
            for target in targets {
                match link_problem(self.site, self.templates, output, &target) {
                    (true, d) => report.content_links.push(d),
                    (false, d) => report.template_links.push(d),
                }
            }
        }
        report
    }
}

fn check_attribution(
    site: &Site,
    i: usize,
    html: &str,
    templates: &Templates,
) -> Option<Diagnostic> {
    let article = &site.articles[i];
    // Only what the template added counts: a link to the source inside the article's own body is
    // not the attribution block.
    let body = match find_body(html, &article.body_html) {
        Some(at) => at..at + article.body_html.len(),
        None => 0..0,
    };
    let outside = |at: &usize| !body.contains(at);
    let href = format!("href=\"{}\"", escape_html(&article.source.url));
    let name = escape_html(&article.source.name);
    let linked = html
        .match_indices(&href)
        .map(|(at, _)| at)
        .filter(outside)
        .any(|at| link_text_at(html, at).contains(&name));
    let notice = escape_html(&site.config.notice);
    let noticed = html
        .match_indices(&notice)
        .map(|(at, _)| at)
        .any(|at| outside(&at));
    let missing = match (linked, noticed) {
        (true, true) => return None,
        (false, _) => format!(
            "no link to the original ({}) naming {}",
            article.source.url, article.source.name
        ),
        (true, false) => "no reuse notice".to_string(),
    };
    Some(
        Diagnostic::new(
            templates.origin("article.html"),
            None,
            format!("the page of {} has {missing}", article.rel_path.display()),
        )
        .with_hint("every article page must show the attribution: include \"partials/attribution.html\" in the article template"),
    )
}

/// Where the body stands in the page. Searching for a short prefix and comparing the rest is much
/// cheaper than preparing a search for a whole body as the needle.
fn find_body(html: &str, body: &str) -> Option<usize> {
    if body.is_empty() {
        return None;
    }
    let mut cut = body.len().min(64);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    html.match_indices(&body[..cut])
        .map(|(at, _)| at)
        .find(|&at| html[at..].starts_with(body))
}

/// The text of the `<a>` element whose attribute starts at byte `at`, tags stripped.
fn link_text_at(html: &str, at: usize) -> String {
    let Some(open_end) = html[at..].find('>').map(|p| at + p + 1) else {
        return String::new();
    };
    let close = html[open_end..]
        .find("</a>")
        .map(|p| open_end + p)
        .unwrap_or(open_end);
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[open_end..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// A broken link found on page `o`: the article's own (`true`) when its body holds the target,
/// else the template's.
fn link_problem(
    site: &Site,
    templates: &Templates,
    o: &Output,
    target: &str,
) -> (bool, Diagnostic) {
    let message = format!("link to {target} points nowhere");
    let quoted = format!("\"{target}\"");
    match o
        .article
        .filter(|&i| site.articles[i].body_html.contains(&quoted))
    {
        Some(i) => (
            true,
            Diagnostic::new(&site.articles[i].rel_path, None, message).with_hint(
                "fix the link in the article, or add what it points to (files go in static/)",
            ),
        ),
        None => (
            false,
            Diagnostic::new(
                o.template
                    .map(|t| templates.origin(t))
                    .unwrap_or_else(|| o.path.clone()),
                None,
                format!("on /{}: {message}", o.path),
            )
            .with_hint("the template made this link: fix the template"),
        ),
    }
}

/// Internal `href`/`src` targets of a page that match no output file. A root-relative URL outside
/// the base path counts as broken: on the published site it would leave the project's path.
fn broken_targets(
    html: &str,
    page_dir: &str,
    base_url: &str,
    base_path: &str,
    files: &HashSet<&str>,
) -> Vec<String> {
    let mut broken = Vec::new();
    for range in crate::html::url_ranges(html) {
        let raw = &html[range];
        let resolved;
        let inner = match raw.strip_prefix(base_url) {
            Some(rest) => rest,
            None if crate::html::is_root_relative(raw) => match raw.strip_prefix(base_path) {
                Some(rest) => rest,
                None => {
                    broken.push(raw.to_string());
                    continue;
                }
            },
            None if is_relative_path(raw) => match join_relative(page_dir, raw) {
                Some(path) => {
                    resolved = path;
                    &resolved
                }
                None => {
                    broken.push(raw.to_string());
                    continue;
                }
            },
            None => continue,
        };
        let end = inner.find(['#', '?']).unwrap_or(inner.len());
        if !resolves(&inner[..end], files) {
            broken.push(raw.to_string());
        }
    }
    broken
}

/// A relative reference such as `../css/a.css` (no scheme, not `/`-rooted, not a fragment).
fn is_relative_path(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with(['/', '#', '?'])
        && !url
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .contains(':')
}

/// `url` taken relative to the folder `dir` of the site; `None` when it climbs above the root.
fn join_relative(dir: &str, url: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let (path, rest) = match url.find(['?', '#']) {
        Some(at) => url.split_at(at),
        None => (url, ""),
    };
    for segment in path.split('/') {
        match segment {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') || path.ends_with("/.") || path == "." || path.ends_with("..") {
        joined.push('/');
    }
    if joined == "/" {
        joined.clear();
    }
    Some(joined + rest)
}

fn resolves(path: &str, files: &HashSet<&str>) -> bool {
    if path.is_empty() || path.ends_with('/') {
        return files.contains(format!("{path}index.html").as_str());
    }
    files.contains(path) || files.contains(format!("{path}/index.html").as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_found_after_a_false_start() {
        let body = "<p>Same start, then the rest.</p>";
        let html = format!("<p>Same start, but not this.</p><main>{body}</main>");
        assert_eq!(find_body(&html, body), html.find("<main>").map(|at| at + 6));
        assert_eq!(find_body(&html, ""), None);
    }

    #[test]
    fn relative_links_resolve_against_the_page() {
        assert_eq!(
            join_relative("world/a", "../../css/site.css").as_deref(),
            Some("css/site.css")
        );
        assert_eq!(
            join_relative("world/a", "../b/").as_deref(),
            Some("world/b/")
        );
        assert_eq!(join_relative("", "./").as_deref(), Some(""));
        assert_eq!(join_relative("", "../x"), None);
        assert!(
            is_relative_path("../a") && !is_relative_path("mailto:x") && !is_relative_path("#x")
        );
        let files: HashSet<&str> = ["css/site.css", "world/b/index.html"].into();
        let html =
            r#"<link href="../../css/site.css"><a href="../b/">b</a><a href="../gone/">x</a>"#;
        assert_eq!(
            broken_targets(html, "world/a", "https://s/", "/", &files),
            ["../gone/"]
        );
    }

    #[test]
    fn link_text_strips_tags() {
        let html = r#"<p>From <a class="x" href="https://o.example/a"><b>Outlet</b> Daily</a></p>"#;
        let at = html.find("href=").unwrap();
        assert_eq!(link_text_at(html, at), "Outlet Daily");
    }

    #[test]
    fn internal_links_must_resolve() {
        let files: HashSet<&str> = ["index.html", "world/a/index.html", "css/site.css"].into();
        let html = r##"<a href="/repo/world/a/">a</a><a href="/repo/world/b/#x">b</a>
            <link href="/repo/css/site.css"><a href="https://e.org/repo/x">ext</a>
            <a href="https://site.example/repo/nope.html">abs</a><img src="/repo/img.png"><a href="#top">t</a>"##;
        let broken = broken_targets(html, "", "https://site.example/repo/", "/repo/", &files);
        assert!(broken_targets(
            "<a href=\"/elsewhere/\">",
            "",
            "https://s/repo/",
            "/repo/",
            &files
        )
        .contains(&"/elsewhere/".to_string()));
        assert_eq!(
            broken,
            [
                "/repo/world/b/#x",
                "https://site.example/repo/nope.html",
                "/repo/img.png"
            ]
        );
    }
}
