//! The load stage: finds `content/**/*.md`, reads and parses them in parallel and validates each
//! into an [`Article`] with its body rendered to HTML. All problems in all files are gathered and
//! returned together as [`Diagnostics`], each with its `path:line`.

pub mod frontmatter;
pub mod highlight;
pub mod markdown;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{is_reserved_section, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::slug::slugify;
pub use frontmatter::{FrontMatter, Source};

/// One content file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path relative to the site root, e.g. `content/world/story.md`: what errors show.
    pub rel_path: PathBuf,
    /// Folders between `content/` and the file.
    pub folders: Vec<String>,
    /// File name without `.md`.
    pub stem: String,
    /// The whole file.
    pub text: String,
}

/// A validated article with its body rendered.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the site root.
    pub rel_path: PathBuf,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: DateTime<FixedOffset>,
    /// Last update, when given.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Section slug.
    pub section: String,
    /// Tags as written (display names).
    pub tags: Vec<String>,
    /// The URL slug of each tag, same order (made once here, not on every page that lists it).
    pub tag_slugs: Vec<String>,
    /// Language code, one of the site's.
    pub lang: String,
    /// The original article.
    pub source: Source,
    /// Author names.
    pub authors: Vec<String>,
    /// Summary from the front matter, or the start of the first paragraph.
    pub summary: String,
    /// Lead image URL.
    pub image: Option<String>,
    /// Whether the body shows the lead image itself (in any size): themes then leave out their
    /// lead figure rather than show the same picture twice.
    pub image_in_body: bool,
    /// View count from the source.
    pub views: Option<u64>,
    /// Whether it is a draft (present only in `--drafts` builds).
    pub draft: bool,
    /// URL slug.
    pub slug: String,
    /// Joins translations of one story.
    pub translation_key: Option<String>,
    /// Body HTML.
    pub body_html: String,
    /// Word count, for reading time.
    pub words: usize,
    /// A hash of the file's path and text ([`SourceDoc::fingerprint`]): equal fingerprints mean
    /// an unchanged article, which lets the preview server re-render only the pages whose
    /// inputs changed. Only the preview server sets it (0 otherwise): a build renders every
    /// page anyway and need not hash every file.
    pub fingerprint: u64,
}

/// Finds every Markdown file under `content/`, sorted for a stable order. Files and folders whose
/// names start with `.` or `_` are skipped (editor backups, partial drafts).
pub fn discover(content_dir: &Path) -> Result<Vec<PathBuf>> {
    if !content_dir.is_dir() {
        anyhow::bail!(
            "{}: no content folder\n  hint: create it and put articles in content/<section>/<slug>.md, or run `newsmirror init`",
            content_dir.display()
        );
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_name().to_string_lossy().starts_with(['.', '_'])
        });
    for entry in walker {
        let entry = entry.with_context(|| format!("cannot list {}", content_dir.display()))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

impl SourceDoc {
    /// FNV-1a over the file's path and text (not for security: it only tells versions apart).
    pub fn fingerprint(&self) -> u64 {
        let path = self.rel_path.to_string_lossy();
        crate::hash::fnv(path.bytes().chain([0]).chain(self.text.bytes()))
    }
}

/// Reads one file into a [`SourceDoc`]; `root` is the site root.
pub fn read_source(root: &Path, content_dir: &Path, path: &Path) -> Result<SourceDoc, Diagnostic> {
    let rel_path = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::new(&rel_path, None, format!("cannot read: {e}"))
            .with_hint("check that the file is readable UTF-8 text")
    })?;
    let inner = path.strip_prefix(content_dir).unwrap_or(path);
    let folders = inner
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(SourceDoc {
        rel_path,
        folders,
        stem,
        text,
    })
}

/// Loads all articles of the site in parallel. Drafts are kept only when `drafts` is set.
/// `on_file` is called once per file read, for progress reporting.
pub fn load(config: &Config, drafts: bool, on_file: &(dyn Fn() + Sync)) -> Result<Vec<Article>> {
    let content_dir = config.content_dir();
    let files = discover(&content_dir)?;
    let results: Vec<Result<Option<Article>, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|path| {
            let doc = read_source(&config.root, &content_dir, path).map_err(|d| vec![d])?;
            let article = to_article(config, &doc, drafts);
            on_file();
            article
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(Some(article)) => articles.push(article),
            Ok(None) => {}
            Err(mut errs) => problems.append(&mut errs),
        }
    }
    Diagnostics(problems).into_result()?;
    Ok(articles)
}

/// Validates one document; `Ok(None)` for a draft left out of this build.
pub fn to_article(
    config: &Config,
    doc: &SourceDoc,
    drafts: bool,
) -> Result<Option<Article>, Vec<Diagnostic>> {
    let parsed = frontmatter::parse(&doc.rel_path, &doc.text).map_err(|d| vec![d])?;
    let front = parsed.front;
    if front.draft && !drafts {
        return Ok(None);
    }
    let mut check = Checker {
        doc,
        yaml: parsed.yaml,
        problems: Vec::new(),
    };
    let (lang, section) = locate(config, doc, &front).unwrap_or_else(|(key, msg, hint)| {
        check.report(key, msg, &hint);
        Default::default()
    });
    let title = front.title.clone().filter(|t| !t.trim().is_empty());
    if title.is_none() {
        check.report(
            "title",
            "no `title`".into(),
            "add `title: \"Headline\"` to the front matter",
        );
    }
    let date = check.date(config, "date", front.date.as_deref(), true);
    let updated = check.date(config, "updated", front.updated.as_deref(), false);
    let source = check_source(front.source.clone())
        .map_err(|(msg, hint)| check.report("source", msg, hint))
        .ok();
    let slug = match front.slug.as_deref() {
        Some(s) => slugify(s),
        None => slugify(strip_lang_suffix(config, &doc.stem).0),
    };
    if slug.is_empty() {
        let hint = "give the file a name with letters or digits, or set `slug:`";
        check.report("slug", "the slug is empty".into(), hint);
    }
    match (title, date, source, check.problems.is_empty()) {
        (Some(title), Some(date), Some(source), true) => {
            let checked = Checked {
                title,
                date,
                updated,
                source,
                lang,
                section,
                slug,
            };
            Ok(Some(assemble(config, doc, front, parsed.body, checked)))
        }
        _ => Err(check.problems),
    }
}

/// The validated parts of an article's front matter and place.
struct Checked {
    title: String,
    date: DateTime<FixedOffset>,
    updated: Option<DateTime<FixedOffset>>,
    source: Source,
    lang: String,
    section: String,
    slug: String,
}

/// Gathers the problems of one file, each pointed at the line of its key.
struct Checker<'a> {
    doc: &'a SourceDoc,
    yaml: &'a str,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, key: &str, message: String, hint: &str) {
        let line = frontmatter::line_of_key(self.yaml, key).or(Some(1));
        self.problems
            .push(Diagnostic::new(&self.doc.rel_path, line, message).with_hint(hint));
    }

    /// Parses the date under `key`, reporting it when it is malformed, or missing but `required`.
    fn date(
        &mut self,
        config: &Config,
        key: &str,
        text: Option<&str>,
        required: bool,
    ) -> Option<DateTime<FixedOffset>> {
        let Some(text) = text else {
            if required {
                let hint = "add `date: 2025-06-12T15:29:00+04:00` (or YYYY-MM-DD)";
                self.report(key, format!("no `{key}`"), hint);
            }
            return None;
        };
        let date = frontmatter::parse_date(text, config.timezone);
        if date.is_none() {
            self.report(key, format!("`{key}: {text}` is not a date"), DATE_HINT);
        }
        date
    }
}

/// Builds the article from checked parts, rendering its body.
fn assemble(
    config: &Config,
    doc: &SourceDoc,
    front: FrontMatter,
    body: &str,
    checked: Checked,
) -> Article {
    let rendered = markdown::render(body, &config.base_path);
    let summary = front
        .summary
        .unwrap_or_else(|| shorten(&rendered.first_paragraph, 200));
    let tags: Vec<String> = front
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let tag_slugs = tags.iter().map(|t| slugify(t)).collect();
    Article {
        rel_path: doc.rel_path.clone(),
        title: checked.title,
        date: checked.date,
        updated: checked.updated,
        section: checked.section,
        tags,
        tag_slugs,
        lang: checked.lang,
        source: checked.source,
        authors: front.author.map(|a| a.into_vec()).unwrap_or_default(),
        summary,
        image_in_body: front.image.as_deref().is_some_and(|lead| {
            rendered
                .pictures
                .iter()
                .any(|p| crate::html::same_picture(p, lead))
        }),
        image: front.image,
        views: front.views,
        draft: front.draft,
        slug: checked.slug,
        translation_key: front.translation_key,
        body_html: rendered.html,
        words: rendered.words,
        fingerprint: 0,
    }
}

const DATE_HINT: &str =
    "write RFC 3339 (2025-06-12T15:29:00+04:00) or YYYY-MM-DD or YYYY-MM-DD HH:MM";

/// Works out the language and the section from the front matter and the file's place:
/// `content/<section>/…` or `content/<lang>/<section>/…`, or a `name.<lang>.md` file name.
fn locate(
    config: &Config,
    doc: &SourceDoc,
    front: &FrontMatter,
) -> Result<(String, String), (&'static str, String, String)> {
    let mut folders = doc.folders.iter().map(String::as_str).peekable();
    let folder_lang = folders.next_if(|f| config.has_language(f));
    let suffix_lang = strip_lang_suffix(config, &doc.stem).1;
    let lang = front
        .lang
        .as_deref()
        .or(folder_lang)
        .or(suffix_lang)
        .unwrap_or(config.default_language())
        .to_string();
    if !config.has_language(&lang) {
        let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        return Err((
            "lang",
            format!(
                "language `{lang}` is not one of the site's languages ({})",
                known.join(", ")
            ),
            format!(
                "add it under `languages:` in site.yaml, e.g. `languages: {{{lang}: {{name: …}}}}`"
            ),
        ));
    }
    let section = match (&front.section, folders.next()) {
        (Some(s), _) => slugify(s),
        (None, Some(folder)) => slugify(folder),
        (None, None) => String::new(),
    };
    if section.is_empty() {
        return Err((
            "section",
            "no section".into(),
            "put the file in content/<section>/ or add `section: world` to the front matter".into(),
        ));
    }
    if is_reserved_section(&section) || config.has_language(&section) {
        return Err((
            "section",
            format!("`{section}` cannot be a section name"),
            "it is used for generated pages or a language; choose another section".into(),
        ));
    }
    Ok((lang, section))
}

/// Splits `story.ru` into `story` and `ru` when `ru` is one of the site's languages.
fn strip_lang_suffix<'a>(config: &Config, stem: &'a str) -> (&'a str, Option<&'a str>) {
    match stem.rsplit_once('.') {
        Some((name, lang)) if config.has_language(lang) => (name, Some(lang)),
        _ => (stem, None),
    }
}

fn check_source(source: Option<Source>) -> Result<Source, (String, &'static str)> {
    const HINT: &str = "add `source: {name: Outlet, url: https://outlet.example/article}`: the link to the original is required on every article";
    let mut source = source.ok_or_else(|| ("no `source`".to_string(), HINT))?;
    let parsed = url::Url::parse(source.url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    let Some(parsed) = parsed else {
        return Err((
            format!(
                "`source.url: {}` is not an absolute http(s) URL",
                source.url
            ),
            "write the original article's full address, starting with https://",
        ));
    };
    source.url = source.url.trim().to_string();
    if source.name.trim().is_empty() {
        source.name = parsed
            .host_str()
            .unwrap_or_default()
            .trim_start_matches("www.")
            .to_string();
    }
    Ok(source)
}

/// Cuts text to at most `max` characters at a word boundary, adding an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) => &cut[..space],
        None => &cut,
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_ascii_punctuation())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            Path::new("/site"),
            "languages:\n  en: {name: English}\n  ru: {name: Русский}\n",
        )
        .unwrap()
    }

    fn doc(folders: &[&str], stem: &str, text: &str) -> SourceDoc {
        SourceDoc {
            rel_path: PathBuf::from(format!("content/{}/{stem}.md", folders.join("/"))),
            folders: folders.iter().map(|s| s.to_string()).collect(),
            stem: stem.into(),
            text: text.into(),
        }
    }

    const GOOD: &str = "---\ntitle: T\ndate: 2025-01-02\nsource: {url: 'https://www.outlet.example/a'}\n---\nBody text.\n";

    #[test]
    fn section_lang_and_slug_come_from_the_path() {
        let a = to_article(&config(), &doc(&["ru", "world"], "Новость", GOOD), false)
            .unwrap()
            .unwrap();
        assert_eq!(
            (a.lang.as_str(), a.section.as_str(), a.slug.as_str()),
            ("ru", "world", "novost")
        );
        assert_eq!(a.source.name, "outlet.example");
        assert_eq!(a.summary, "Body text.");
        let b = to_article(&config(), &doc(&["world"], "story.ru", GOOD), false)
            .unwrap()
            .unwrap();
        assert_eq!((b.lang.as_str(), b.slug.as_str()), ("ru", "story"));
    }

    #[test]
    fn all_problems_of_a_file_are_reported_with_lines() {
        let text = "---\ntitle: ''\ndate: yesterday\nsource: {url: 'ftp://x'}\n---\n";
        let errs = to_article(&config(), &doc(&["world"], "a", text), false).unwrap_err();
        let lines: Vec<_> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)], "{errs:?}");
    }

    #[test]
    fn unknown_language_and_missing_section() {
        let text = GOOD.replace("title: T", "title: T\nlang: fr");
        let errs = to_article(&config(), &doc(&["world"], "a", &text), false).unwrap_err();
        assert!(errs[0].message.contains("`fr`"));
        let errs = to_article(&config(), &doc(&[], "a", GOOD), false).unwrap_err();
        assert_eq!(errs[0].message, "no section");
    }

    #[test]
    fn drafts_are_skipped_unless_asked_for() {
        let text = GOOD.replace("title: T", "title: T\ndraft: true");
        assert!(to_article(&config(), &doc(&["w"], "a", &text), false)
            .unwrap()
            .is_none());
        assert!(to_article(&config(), &doc(&["w"], "a", &text), true)
            .unwrap()
            .is_some());
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("one two three", 9), "one two…");
        assert_eq!(shorten("short", 9), "short");
    }
}
