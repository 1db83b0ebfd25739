//! Writing imported articles into `content/`: where each goes, its front matter, its provenance
//! record, and the rules that make a re-import safe.
//!
//! Every existing article is indexed by its `source.url`, so importing the same original again
//! finds the same file, whatever its name. The `import.hash` of a written file is the SHA-256 of
//! the file as written without the `import` block; when the file no longer hashes to it, a person
//! has edited it and it is left alone unless `--force`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use sha2::{Digest, Sha256};

use super::extract::Extracted;
use super::sanitize::sanitize;
use crate::config::{is_reserved_section, Config};
use crate::content::frontmatter::{self, Authors, FrontMatter, ImportRecord, Source};
use crate::slug::slugify;

/// Longest slug written, in bytes; longer headlines are cut at a hyphen.
const MAX_SLUG: usize = 80;

/// Section used when neither the page nor `--section` names one.
pub const DEFAULT_SECTION: &str = "news";

/// What happened to one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new file.
    Created,
    /// An earlier import of the same original, rewritten.
    Updated,
    /// An earlier import with the same content; not touched.
    Unchanged,
    /// An earlier import that a person has edited since; not touched (use `--force`).
    SkippedEdited,
}

/// Settings of the writer that come from the command line.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Section for every article, instead of the page's own.
    pub section: Option<String>,
    /// Source URL for articles whose page does not give one.
    pub source_url: Option<String>,
    /// Overwrite files edited since they were imported.
    pub force: bool,
}

/// An article ready to be written: its place and text, before the provenance is added.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Section slug.
    pub section: String,
    /// File name without `.md`.
    pub slug: String,
    /// Front matter without `import`.
    pub front: FrontMatter,
    /// Sanitized Markdown body.
    pub body: String,
    /// Where it came from (file path or URL), for the `import.from` record.
    pub from: String,
    /// Remarks for the user that do not stop the article (e.g. a missing date).
    pub notes: Vec<String>,
    existing: Option<PathBuf>,
}

/// Places and writes articles under one site's `content/` folder.
pub struct Writer {
    content: PathBuf,
    config: Config,
    options: WriteOptions,
    by_url: HashMap<String, PathBuf>,
    written: HashMap<String, String>,
    now: String,
}

impl Writer {
    /// Reads the site's config and indexes the articles already in `content/` by source URL.
    pub fn open(root: &Path, options: WriteOptions) -> Result<Writer> {
        let config = Config::load(root)?;
        let content = config.content_dir();
        let mut by_url = HashMap::new();
        if content.is_dir() {
            for path in crate::content::discover(&content)? {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                // Files that do not parse are not imports we can match; build reports them.
                if let Ok(parsed) = frontmatter::parse(&path, &text) {
                    if let Some(source) = parsed.front.source {
                        by_url.insert(url_key(&source.url), path);
                    }
                }
            }
        }
        Ok(Writer {
            content,
            config,
            options,
            by_url,
            written: HashMap::new(),
            now: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
    }

    /// Decides where an extracted article goes and builds its front matter and body. Fails when
    /// it lacks a headline, a body, or a source URL.
    pub fn plan(
        &self,
        article: &Extracted,
        from: &str,
        page_url: Option<&url::Url>,
    ) -> Result<Planned> {
        // Without a body the page is no article at all (a listing, a cut-off save), whatever
        // headline-like line it has: that is the first thing to tell the user.
        let body = sanitize(article.body.trim());
        if body.trim().is_empty() {
            bail!(
                "no article text found: the page holds no paragraphs of prose; check that the \
                 file is the whole saved article page"
            );
        }
        let title = clean_line(article.title.as_deref().unwrap_or(""));
        if title.is_empty() {
            bail!(
                "no headline found: a saved page needs an <h1>, og:title or <title>, a page-text \
                 dump a headline line of its own above the text; add it to the input and import \
                 it again"
            );
        }
        let url = self.source_url(article, page_url)?;
        if let Some(other) = self.written.get(&url_key(url.as_str())) {
            bail!("{url} was already imported in this run from {other}; each original is written once");
        }
        let mut notes = Vec::new();
        let (lang, lang_dir) = self.language(article.lang.as_deref(), &mut notes);
        let section = self.section(article, &url);
        let date = article.date.clone().unwrap_or_else(|| {
            notes.push("no publication date found; the import date was used".into());
            self.now.clone()
        });
        let front = FrontMatter {
            title: Some(title.clone()),
            date: Some(date),
            section: Some(section.clone()),
            lang,
            source: Some(source(article, &url)),
            ..described(article)
        };
        let existing = self.by_url.get(&url_key(url.as_str())).cloned();
        let (path, slug) = match &existing {
            Some(path) => (path.clone(), file_stem(path)),
            None => self.free_path(&lang_dir, &section, &slug_for(&title, &url)),
        };
        Ok(Planned {
            path,
            section,
            slug,
            front,
            body: format!("{}\n", body.trim_end()),
            from: from.to_string(),
            notes,
            existing,
        })
    }

    /// Writes a planned article (or leaves an existing one alone) and says what happened.
    pub fn commit(&mut self, planned: &Planned) -> Result<Outcome> {
        let Planned {
            path, front, body, ..
        } = planned;
        let url = front
            .source
            .as_ref()
            .map(|s| url_key(&s.url))
            .unwrap_or_default();
        self.written.insert(url.clone(), planned.from.clone());
        let unstamped = frontmatter::write(front, body);
        let hash = hash_of(&unstamped);
        let outcome = match &planned.existing {
            Some(existing) => {
                let current = std::fs::read_to_string(existing)
                    .with_context(|| format!("cannot read {}", existing.display()))?;
                match stored_hash(existing, &current) {
                    Some(stored)
                        if stored == hash && hash_of(&strip_import(&current)) == stored =>
                    {
                        return Ok(Outcome::Unchanged)
                    }
                    Some(stored) if hash_of(&strip_import(&current)) == stored => Outcome::Updated,
                    _ if self.options.force => Outcome::Updated,
                    _ => return Ok(Outcome::SkippedEdited),
                }
            }
            None => Outcome::Created,
        };
        let mut stamped = front.clone();
        stamped.import = Some(ImportRecord {
            from: planned.from.clone(),
            at: self.now.clone(),
            hash,
        });
        let text = frontmatter::write(&stamped, body);
        debug_assert_eq!(strip_import(&text), unstamped);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
        self.by_url.insert(url, path.clone());
        Ok(outcome)
    }

    /// The content folder, for reporting paths relative to the site.
    pub fn content_dir(&self) -> &Path {
        &self.content
    }

    fn source_url(&self, article: &Extracted, page_url: Option<&url::Url>) -> Result<url::Url> {
        let web = |u: &url::Url| matches!(u.scheme(), "http" | "https") && u.host().is_some();
        let canonical = article
            .canonical_url
            .as_deref()
            .and_then(|u| url::Url::parse(u.trim()).ok())
            .filter(web);
        if let Some(url) = canonical.or_else(|| page_url.filter(|u| web(u)).cloned()) {
            return Ok(url);
        }
        match &self.options.source_url {
            Some(given) => url::Url::parse(given.trim())
                .ok()
                .filter(web)
                .ok_or_else(|| anyhow!("--source-url {given} is not an absolute http(s) URL")),
            None => bail!(
                "no source URL found (no canonical link or og:url on the page)\n  hint: pass --source-url https://… with the address of the original article"
            ),
        }
    }

    /// The `lang` to write and the language folder: articles in the site's other languages go
    /// under `content/<lang>/`; a language the site does not have is left out, with a note,
    /// because the build would reject it.
    fn language(&self, lang: Option<&str>, notes: &mut Vec<String>) -> (Option<String>, String) {
        let Some(code) = lang.map(|l| l.trim().to_lowercase()) else {
            return (None, String::new());
        };
        // `en-US` → `en` when the site has `en` but not `en-us`.
        let code = if self.config.has_language(&code) {
            code
        } else {
            code.split(['-', '_']).next().unwrap_or("").to_string()
        };
        if !self.config.has_language(&code) {
            notes.push(format!(
                "language `{code}` is not one of the site's languages; `lang` left out"
            ));
            return (None, String::new());
        }
        let dir = match code == self.config.default_language() {
            true => String::new(),
            false => code.clone(),
        };
        (Some(code), dir)
    }

    fn section(&self, article: &Extracted, url: &url::Url) -> String {
        let named = self
            .options
            .section
            .as_deref()
            .or(article.section.as_deref())
            .map(|s| capped(slugify(s)))
            .filter(|s| !s.is_empty());
        // The first folder of the original's path is the section on most news sites.
        let from_url = || {
            let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
            (segments.len() >= 2)
                .then(|| slugify(segments[0]))
                .filter(|s| s.len() >= 3 && s.chars().any(|c| c.is_ascii_alphabetic()))
        };
        let section = named
            .or_else(from_url)
            .unwrap_or_else(|| DEFAULT_SECTION.to_string());
        if is_reserved_section(&section) || self.config.has_language(&section) {
            format!("{section}-news")
        } else {
            section
        }
    }

    /// `content/[lang/]section/slug.md`, with `-2`, `-3`… when another original has that name.
    fn free_path(&self, lang_dir: &str, section: &str, slug: &str) -> (PathBuf, String) {
        let dir = self.content.join(lang_dir).join(section);
        let taken = |p: &Path| p.exists() || self.by_url.values().any(|q| q == p);
        let mut candidate = slug.to_string();
        let mut n = 1;
        while taken(&dir.join(format!("{candidate}.md"))) {
            n += 1;
            candidate = format!("{slug}-{n}");
        }
        (dir.join(format!("{candidate}.md")), candidate)
    }
}

/// The key an original is known by: the URL without fragment and trailing slash.
pub fn url_key(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(mut u) => {
            u.set_fragment(None);
            u.to_string().trim_end_matches('/').to_string()
        }
        Err(_) => url.trim().trim_end_matches('/').to_string(),
    }
}

/// The front matter fields read straight from the page: update, tags, authors, summary,
/// lead image and views, each cleaned to one line and an unsafe image URL left out.
fn described(article: &Extracted) -> FrontMatter {
    FrontMatter {
        updated: article.updated.clone(),
        tags: article
            .tags
            .iter()
            .map(|t| clean_line(t))
            .filter(|t| !t.is_empty())
            .collect(),
        author: authors(&article.authors),
        summary: article
            .summary
            .as_deref()
            .map(clean_line)
            .filter(|s| !s.is_empty()),
        image: article
            .image
            .clone()
            .filter(|i| !super::sanitize::is_unsafe_url(i)),
        views: article.views,
        ..FrontMatter::default()
    }
}

fn source(article: &Extracted, url: &url::Url) -> Source {
    let host = url.host_str().unwrap_or("");
    let name = article
        .site_name
        .as_deref()
        .map(clean_line)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| host.trim_start_matches("www.").to_string());
    Source {
        name,
        url: url.to_string(),
        notice: article.reuse_notice.as_deref().map(clean_line),
    }
}

fn authors(names: &[String]) -> Option<Authors> {
    let mut names: Vec<String> = names.iter().map(|n| clean_line(n)).collect();
    names.retain(|n| !n.is_empty());
    names.dedup();
    match names.len() {
        0 => None,
        1 => Some(Authors::One(names.remove(0))),
        _ => Some(Authors::Many(names)),
    }
}

/// One line of plain text for the front matter: whitespace collapsed, markup removed.
fn clean_line(text: &str) -> String {
    let cleaned = sanitize(text);
    let no_tags = strip_tags(&cleaned);
    no_tags.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' if !in_tag => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The slug from the headline, else from the URL's last path segment, cut at a hyphen.
fn slug_for(title: &str, url: &url::Url) -> String {
    let mut slug = slugify(title);
    if slug.is_empty() {
        let last = url
            .path_segments()
            .and_then(|mut s| s.rfind(|p| !p.is_empty()));
        slug = slugify(last.unwrap_or(""))
            .trim_end_matches("-html")
            .to_string();
    }
    let slug = capped(slug);
    if slug.is_empty() {
        "article".to_string()
    } else {
        slug
    }
}

/// A slug cut to `MAX_SLUG` bytes at a hyphen, so that file and folder names stay within
/// what file systems allow (255 bytes a name) and readable in a listing.
fn capped(mut slug: String) -> String {
    if slug.len() > MAX_SLUG {
        let cut = slug[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    slug
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `sha256:<hex>` of some text.
fn hash_of(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The hash an imported file recorded, if it has an `import` record.
fn stored_hash(path: &Path, text: &str) -> Option<String> {
    frontmatter::parse(path, text)
        .ok()?
        .front
        .import
        .map(|i| i.hash)
}

/// A file's text without the `import:` block of its front matter: what the hash covers.
pub fn strip_import(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_front = false;
    let mut skipping = false;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if i == 0 && bare == "---" {
            in_front = true;
        } else if in_front && (bare == "---" || bare == "...") {
            in_front = false;
            skipping = false;
        } else if in_front && line.starts_with("import:") {
            skipping = true;
            continue;
        } else if skipping && line.starts_with([' ', '\t']) {
            continue;
        } else {
            skipping = false;
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_cut_at_a_hyphen_and_fall_back_to_the_url() {
        let url = url::Url::parse("https://e.org/news/some-story.html").unwrap();
        let long = "word ".repeat(40);
        let slug = slug_for(&long, &url);
        assert!(slug.len() <= MAX_SLUG && !slug.ends_with('-'), "{slug}");
        assert_eq!(slug_for("!!!", &url), "some-story");
        assert_eq!(slug_for("Новости дня", &url), "novosti-dnia");
        let section = capped(slugify(&"fitness trends ".repeat(20)));
        assert!(section.len() <= MAX_SLUG && section.starts_with("fitness-trends-"));
    }

    #[test]
    fn import_block_is_stripped_exactly() {
        let text = "---\ntitle: T\nimport:\n  from: a\n  at: b\n  hash: c\n---\nimport: body\n";
        assert_eq!(strip_import(text), "---\ntitle: T\n---\nimport: body\n");
    }

    #[test]
    fn url_keys_ignore_fragments_and_trailing_slashes() {
        assert_eq!(url_key("https://E.org/a/#x"), url_key("https://e.org/a"));
        assert_ne!(url_key("https://e.org/a"), url_key("https://e.org/b"));
    }

    #[test]
    fn front_matter_lines_lose_markup() {
        assert_eq!(
            clean_line("  A <b>bold</b>\n title<script>x</script> "),
            "A bold title"
        );
    }
}
