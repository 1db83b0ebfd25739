//! `newsmirror import`: saved pages, page-text dumps, feeds and URLs into Markdown articles with
//! YAML front matter under `content/`.
//!
//! Each input is read (a file, standard input, or fetched), decoded to text, told apart by its
//! content (page, feed or text dump) and turned into one or more [`extract::Extracted`] articles;
//! the [`write::Writer`] then places, sanitizes and writes them with their provenance. A failed
//! input is recorded with its reason and the run goes on.

pub mod charset;
pub mod extract;
pub mod feed;
pub mod fetch;
mod images;
pub mod input;
pub mod robots;
pub mod sanitize;
pub mod text;
mod textdate;
pub mod textdump;
pub mod write;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;

use crate::progress::Progress;
use extract::Extracted;
use fetch::{FetchConfig, Fetcher};
use input::{Input, Kind};
pub use write::{Outcome, WriteOptions};

/// The extraction function: the real one is [`extract::extract_html`]; tests may pass another.
pub type ExtractFn = fn(&str, Option<&url::Url>) -> Extracted;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site root; articles go under its `content/`.
    pub root: PathBuf,
    /// Files, folders, `-` and URLs, as given on the command line.
    pub inputs: Vec<String>,
    /// Section, source URL and `--force`.
    pub write: WriteOptions,
    /// Whether feed entries with only a summary have their page fetched: `None` means yes for
    /// feeds fetched from a URL, no for feed files.
    pub fetch_linked: Option<bool>,
    /// Save images beside the site (`static/images/…`) and link them locally.
    pub download_images: bool,
    /// HTTP behaviour.
    pub fetch: FetchConfig,
    /// Standard input, read by the caller when an input is `-`.
    pub stdin: Option<Vec<u8>>,
    /// Page extraction.
    pub extract: ExtractFn,
}

impl ImportOptions {
    /// Options for importing `inputs` into the site at `root`, everything else by default.
    pub fn new(root: impl Into<PathBuf>, inputs: Vec<String>) -> ImportOptions {
        ImportOptions {
            root: root.into(),
            inputs,
            write: WriteOptions::default(),
            fetch_linked: None,
            download_images: false,
            fetch: FetchConfig::default(),
            stdin: None,
            extract: extract::extract_html,
        }
    }
}

/// One article written or looked at.
#[derive(Debug, Clone)]
pub struct Item {
    /// Where it came from.
    pub from: String,
    /// Its file, relative to the site root.
    pub path: PathBuf,
    /// What happened.
    pub outcome: Outcome,
    /// Remarks that did not stop it.
    pub notes: Vec<String>,
}

/// An input or article that could not be imported.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The file, URL or feed entry.
    pub from: String,
    /// Why, with a hint where there is one.
    pub reason: String,
}

/// The outcome of a run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Articles, in input order.
    pub items: Vec<Item>,
    /// Failures, in input order.
    pub failures: Vec<Failure>,
    /// Wall time.
    pub seconds: f64,
}

impl Report {
    /// How many articles had this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.items.iter().filter(|i| i.outcome == outcome).count()
    }
}

/// An article found in an input, before it is written.
struct Found {
    from: String,
    page_url: Option<url::Url>,
    article: Result<Extracted>,
}

/// Runs an import. Only problems with the site itself (an unreadable config, an input that does
/// not exist) fail the run; problems with single pages are in the report.
pub fn run(options: &ImportOptions, progress: &dyn Progress) -> Result<Report> {
    let started = Instant::now();
    let inputs = input::expand(&options.inputs)?;
    let mut writer = write::Writer::open(&options.root, options.write.clone())?;
    let mut session = Session {
        options,
        fetcher: Fetcher::new(options.fetch.clone()),
    };
    let mut report = Report::default();
    progress.start("Import", inputs.len() as u64);
    for input in &inputs {
        for found in session.read(input) {
            session.write(&mut writer, found, &mut report);
        }
        progress.advance(1);
    }
    progress.finish();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// State shared by the inputs of one run: the fetcher keeps robots.txt and request times.
struct Session<'a> {
    options: &'a ImportOptions,
    fetcher: Fetcher,
}

impl Session<'_> {
    /// Reads one input into the articles it holds (one, or one per feed entry).
    fn read(&mut self, input: &Input) -> Vec<Found> {
        let from = input.label();
        let loaded = match input {
            Input::File(path) => input::read_file(path).map(|b| (b, None, None)),
            Input::Stdin => match &self.options.stdin {
                Some(bytes) => input::gunzip_if_needed(bytes.clone()).map(|b| (b, None, None)),
                None => input::read_stdin().map(|b| (b, None, None)),
            },
            Input::Url(url) => self
                .fetcher
                .get(url)
                .map(|f| (f.bytes, f.content_type, Some(f.url))),
        };
        let (bytes, content_type, page_url) = match loaded {
            Ok(loaded) => loaded,
            Err(e) => return vec![failed(from, e)],
        };
        let (text, _) = charset::decode(&bytes, content_type.as_deref());
        if input::looks_binary(&text) {
            let why = "not a page, text dump or feed: the data is binary (an image, PDF or \
                       archive?); give the saved HTML page or the copied text instead";
            return vec![failed(from, anyhow::anyhow!(why))];
        }
        // A saved page or dump has no address of its own; the one the user gave stands in for
        // it (base of relative links, date in the path, slug of the headline).
        let given = self.options.write.source_url.as_deref();
        let address = page_url
            .clone()
            .or_else(|| given.and_then(|u| url::Url::parse(u.trim()).ok()));
        match input::sniff(&text) {
            Kind::Html => vec![Found {
                article: Ok((self.options.extract)(&text, address.as_ref())),
                from,
                page_url,
            }],
            Kind::TextDump => vec![Found {
                article: Ok(textdump::parse(&text, address.as_ref())),
                from,
                page_url: None,
            }],
            Kind::Feed => {
                let fetch = self
                    .options
                    .fetch_linked
                    .unwrap_or(matches!(input, Input::Url(_)));
                self.feed(&from, &text, page_url.as_ref(), fetch)
            }
        }
    }

    /// Every entry of a feed as an article.
    fn feed(
        &mut self,
        from: &str,
        text: &str,
        feed_url: Option<&url::Url>,
        fetch: bool,
    ) -> Vec<Found> {
        let feed = match feed::parse(text) {
            Ok(feed) => feed,
            Err(e) => return vec![failed(from.to_string(), e.context("not a readable feed"))],
        };
        if feed.entries.is_empty() {
            let why = anyhow::anyhow!("the feed holds no entries, so there is nothing to import");
            return vec![failed(from.to_string(), why)];
        }
        let mut found = Vec::new();
        for (n, entry) in feed.entries.iter().enumerate() {
            let link = entry.link.as_deref().and_then(|l| match feed_url {
                Some(base) => base.join(l).ok(),
                None => url::Url::parse(l).ok(),
            });
            let label = match &link {
                Some(link) => format!("{from} → {link}"),
                None => format!("{from} (entry {})", n + 1),
            };
            let article = self.entry(&feed, entry, link.as_ref(), fetch);
            found.push(Found {
                from: label,
                page_url: link,
                article,
            });
        }
        found
    }

    /// One feed entry: its own content when it has the full text, else the linked page when
    /// fetching is on, else its summary. The feed's metadata fills what the page lacks.
    fn entry(
        &mut self,
        feed: &feed::Feed,
        entry: &feed::Entry,
        link: Option<&url::Url>,
        fetch: bool,
    ) -> Result<Extracted> {
        let page_link = link.filter(|_| fetch && !entry.has_full_text());
        let mut article = match page_link {
            Some(page_link) => {
                let page = self.fetcher.get(page_link)?;
                let (text, _) = charset::decode(&page.bytes, page.content_type.as_deref());
                (self.options.extract)(&text, Some(&page.url))
            }
            None => {
                let html = entry
                    .content
                    .as_deref()
                    .filter(|_| entry.has_full_text())
                    .or(entry.summary.as_deref())
                    .unwrap_or("");
                let mut a = (self.options.extract)(&fragment_page(entry, html), link);
                if a.body.trim().is_empty() {
                    a.body = paragraphs(html);
                }
                a
            }
        };
        merge_entry(&mut article, feed, entry, link);
        Ok(article)
    }

    /// Plans, optionally downloads images for, and writes one article into the report.
    fn write(&mut self, writer: &mut write::Writer, found: Found, report: &mut Report) {
        let Found {
            from,
            page_url,
            article,
        } = found;
        let result = article.and_then(|a| {
            let mut planned = writer.plan(&a, &from, page_url.as_ref())?;
            if self.options.download_images {
                let notes = images::download(&mut planned, &self.options.root, &mut self.fetcher);
                planned.notes.extend(notes);
            }
            let outcome = writer.commit(&planned)?;
            Ok((planned, outcome))
        });
        match result {
            Ok((planned, outcome)) => report.items.push(Item {
                from,
                path: planned
                    .path
                    .strip_prefix(&self.options.root)
                    .unwrap_or(&planned.path)
                    .to_path_buf(),
                outcome,
                notes: planned.notes,
            }),
            Err(e) => report.failures.push(Failure {
                reason: reason_about(&from, &e),
                from,
            }),
        }
    }
}

/// Why an input failed, without repeating the input's name that the report prints before it
/// (several layers name the file or URL they were reading).
fn reason_about(from: &str, error: &anyhow::Error) -> String {
    let mut reason = fetch::reason(error);
    while let Some(rest) = reason.strip_prefix(from).and_then(|r| r.strip_prefix(": ")) {
        reason = rest.to_string();
    }
    reason
}

fn failed(from: String, error: anyhow::Error) -> Found {
    Found {
        from,
        page_url: None,
        article: Err(error),
    }
}

/// A feed entry's HTML wrapped as a page, so that the extractor reads it like any other.
fn fragment_page(entry: &feed::Entry, html: &str) -> String {
    let title = crate::html::escape(entry.title.as_deref().unwrap_or(""));
    format!("<!DOCTYPE html><html><head><title>{title}</title></head><body><article>{html}</article></body></html>")
}

/// Plain paragraphs from an HTML fragment, escaped for Markdown.
fn paragraphs(html: &str) -> String {
    text::html_to_text(html)
        .split("\n\n")
        .map(|p| p.replace(['*', '_', '[', ']', '`', '<'], " "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The feed's fields win for what feeds state reliably (headline, link, dates, authors, tags);
/// the page fills the rest.
fn merge_entry(a: &mut Extracted, feed: &feed::Feed, entry: &feed::Entry, link: Option<&url::Url>) {
    let or = |mine: &mut Option<String>, theirs: &Option<String>| {
        if theirs.is_some() {
            *mine = theirs.clone();
        }
    };
    or(&mut a.title, &entry.title);
    or(&mut a.date, &entry.date);
    or(&mut a.updated, &entry.updated);
    if !entry.authors.is_empty() {
        a.authors = entry.authors.clone();
    }
    if !entry.tags.is_empty() {
        a.tags = entry.tags.clone();
    }
    if a.canonical_url.is_none() {
        a.canonical_url = link.map(|l| l.to_string());
    }
    if a.summary.is_none() {
        a.summary = entry
            .summary
            .as_deref()
            .map(text::html_to_text)
            .map(|s| s.replace("\n\n", " "))
            .filter(|s| !s.is_empty());
    }
    a.image = a.image.take().or_else(|| entry.image.clone());
    a.site_name = a.site_name.take().or_else(|| feed.title.clone());
    a.lang = a.lang.take().or_else(|| feed.lang.clone());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_names_its_input_once() {
        let from = "http://127.0.0.1:9/x";
        let e = anyhow::anyhow!("connection refused").context(format!("{from}: cannot reach it"));
        assert_eq!(
            reason_about(from, &e),
            "cannot reach it: connection refused"
        );
        let other = anyhow::anyhow!("no article text found");
        assert_eq!(reason_about(from, &other), "no article text found");
    }
}
