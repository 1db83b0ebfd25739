//! The preview server's site in memory, and how it is brought up to date after a change.
//!
//! A change to an article file reloads that file only, rebuilds the model from the articles kept
//! in memory (cheap: they are shared, not copied), and re-renders only the pages whose key
//! changed (see [`Renderer::plan_changed`]): the article, its neighbours and related articles,
//! the list pages it is on. Feeds and the sitemap are made again; the search index moves only the
//! terms of the changed articles. Any other change (site.yaml, templates, themes, static files,
//! interface strings) rebuilds everything, as a clean build would. Either way the result is the
//! same files a clean build makes, which the tests check byte for byte.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use anyhow::{Context, Result};

use super::Files;
use crate::build::{load_config, BuildOptions, Summary};
use crate::config::Config;
use crate::content::{self, Article};
use crate::diagnostics::Diagnostics;
use crate::hash::Keys;
use crate::model::Site;
use crate::output::{Body, Collect, Output};
use crate::render::search::SearchIndex;
use crate::render::{Parts, Renderer};

/// A static file as last read: its modification time and bytes.
type Copied = (SystemTime, Arc<[u8]>);

/// What happened on disk since the last update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// These files or folders changed (created, written, removed or renamed).
    Paths(Vec<PathBuf>),
    /// Unknown (the watcher lost events): look at everything.
    Everything,
}

/// One content file as last read.
enum Loaded {
    Article(Arc<Article>),
    /// A draft left out of the build.
    Skipped,
    Failed(Diagnostics),
}

/// The served site and what it was made from.
pub struct LiveSite {
    options: BuildOptions,
    config: Config,
    /// Every content file, by path, as last read from disk (also when the build failed).
    sources: BTreeMap<PathBuf, Loaded>,
    /// The articles of the served site, in their order: the search index's ids.
    served_articles: Vec<Arc<Article>>,
    /// Each served page's key.
    keys: Keys,
    search: Option<SearchIndex>,
    files: Files,
    /// Templates, strings and code styles: kept while only content changes.
    parts: Arc<Parts>,
    /// Static files as last read, by source path, so an edit does not read them all again.
    copies: Mutex<HashMap<PathBuf, Copied>>,
    /// Set when the last full rebuild failed: the next change must rebuild fully again.
    stale: bool,
}

impl LiveSite {
    /// Loads and renders the whole site.
    pub fn load(options: &BuildOptions) -> Result<(LiveSite, Summary)> {
        let started = Instant::now();
        let config = load_config(options)?;
        let parts = Arc::new(Parts::load(&config).context("cannot prepare the templates")?);
        let mut site = LiveSite {
            parts,
            options: options.clone(),
            config,
            sources: BTreeMap::new(),
            served_articles: Vec::new(),
            keys: Keys::default(),
            search: None,
            files: Files::default(),
            copies: Mutex::new(HashMap::new()),
            stale: false,
        };
        site.rescan_content()?;
        let summary = site.render(started)?;
        Ok((site, summary))
    }

    /// The files of the served site, by site-relative path.
    pub fn files(&self) -> Files {
        self.files.clone()
    }

    /// Brings the site up to date. On an error the served files stay as they were.
    pub fn update(&mut self, change: Change) -> Result<Summary> {
        let started = Instant::now();
        let paths = match change {
            Change::Paths(paths) if !self.stale => paths,
            _ => return self.reload_everything(),
        };
        let content_dir = self.config.content_dir();
        let mut rescan = false;
        for path in &paths {
            if self.is_static(path) {
                // Static files are listed and read (when changed) by every update anyway.
                continue;
            }
            match classify(&content_dir, path) {
                Kind::Article => self.reload_file(&content_dir, path),
                Kind::Ignored => {}
                Kind::Folder => rescan = true,
                Kind::Other => return self.reload_everything(),
            }
        }
        // A folder created, removed or renamed moves its files without an event for each.
        let is_folder_gone =
            |p: &PathBuf| !p.exists() && self.sources.keys().any(|s| s.starts_with(p) && s != p);
        if rescan || paths.iter().any(is_folder_gone) {
            self.rescan_content()?;
        }
        let mut summary = self.render(started)?;
        // The other files' warnings were shown before; repeating them on every save buries news.
        let root = &self.config.root;
        summary.warnings.retain(|w| {
            paths
                .iter()
                .any(|p| p.strip_prefix(root).is_ok_and(|p| p == w.path))
        });
        Ok(summary)
    }

    /// Whether `change` touches only stylesheets among the static files, which open pages can
    /// load again without a reload.
    pub fn is_style_change(&self, change: &Change) -> bool {
        match change {
            Change::Paths(paths) => {
                let is_css = |p: &PathBuf| p.extension().is_some_and(|e| e == "css") && p.is_file();
                // Folders made to hold the stylesheet do not count.
                paths
                    .iter()
                    .all(|p| self.is_static(p) && (is_css(p) || p.is_dir()))
                    && paths.iter().any(is_css)
            }
            Change::Everything => false,
        }
    }

    /// Whether a path is in the site's or its theme's static folder.
    fn is_static(&self, path: &Path) -> bool {
        let root = &self.config.root;
        let theme = root.join("themes").join(&self.config.theme).join("static");
        path.starts_with(root.join("static")) || path.starts_with(theme)
    }

    /// Reads everything again: the config, every article, and all pages are rendered.
    fn reload_everything(&mut self) -> Result<Summary> {
        self.stale = true;
        let (fresh, summary) = LiveSite::load(&self.options)?;
        *self = fresh;
        Ok(summary)
    }

    /// Makes `sources` match the content folder: new files read, removed ones dropped.
    fn rescan_content(&mut self) -> Result<()> {
        let content_dir = self.config.content_dir();
        let found: HashSet<PathBuf> = content::discover(&content_dir)?.into_iter().collect();
        self.sources.retain(|path, _| found.contains(path));
        let new: Vec<PathBuf> = found
            .into_iter()
            .filter(|p| !self.sources.contains_key(p))
            .collect();
        let loaded: Vec<(PathBuf, Loaded)> = {
            use rayon::prelude::*;
            new.into_par_iter()
                .map(|path| {
                    let loaded = self.read(&content_dir, &path);
                    (path, loaded)
                })
                .collect()
        };
        self.sources.extend(loaded);
        Ok(())
    }

    fn reload_file(&mut self, content_dir: &Path, path: &Path) {
        if path.is_file() {
            let loaded = self.read(content_dir, path);
            self.sources.insert(path.to_path_buf(), loaded);
        } else {
            self.sources.remove(path);
        }
    }

    fn read(&self, content_dir: &Path, path: &Path) -> Loaded {
        let doc = match content::read_source(&self.config.root, content_dir, path) {
            Ok(doc) => doc,
            Err(problem) => return Loaded::Failed(Diagnostics(vec![problem])),
        };
        match content::to_article(&self.config, &doc, self.options.drafts) {
            Ok(Some(mut article)) => {
                article.fingerprint = doc.fingerprint();
                Loaded::Article(Arc::new(article))
            }
            Ok(None) => Loaded::Skipped,
            Err(problems) => Loaded::Failed(Diagnostics(problems)),
        }
    }

    /// Renders what changed since the served site and, when all is well, serves the result.
    fn render(&mut self, started: Instant) -> Result<Summary> {
        let mut problems = Vec::new();
        let mut articles = Vec::with_capacity(self.sources.len());
        for loaded in self.sources.values() {
            match loaded {
                Loaded::Article(article) => articles.push(article.clone()),
                Loaded::Skipped => {}
                Loaded::Failed(d) => problems.extend(d.0.iter().cloned()),
            }
        }
        Diagnostics(problems).into_result()?;
        let site = Site::new(self.config.clone(), articles)?;
        let renderer = Renderer::with_parts(&site, self.parts.clone())?;
        let plan = renderer.plan_changed(&mut self.keys);
        let rendered = plan.as_ref().map_or(0, |p| p.page_count());
        let paths = plan.as_ref().map(|p| p.paths.clone()).unwrap_or_default();
        let outputs = Collect::default();
        let result = plan.and_then(|plan| renderer.render(plan, &outputs, &|| {}));
        let warnings = match result.map(|report| report.into_result(false)) {
            Ok(Ok(warnings)) => warnings,
            Ok(Err(problems)) => return Err(self.forget_keys(problems.into())),
            Err(e) => return Err(self.forget_keys(e)),
        };
        let mut files = self.files.clone();
        // Some files are gone when not every file is among the paths.
        let added = paths.iter().filter(|p| !files.contains_key(p)).count();
        if files.len() + added != paths.len() {
            files.retain(&paths.iter().map(String::as_str).collect());
        }
        for output in outputs.into_outputs() {
            self.add_file(&mut files, output)?;
        }
        // Everything is rendered, checked and read: from here on nothing fails, so the index
        // never runs ahead of the served site.
        for output in self.update_search(&site, &renderer) {
            self.add_file(&mut files, output)?;
        }
        self.files = files;
        self.served_articles = site.articles.clone();
        self.stale = false;
        Ok(Summary {
            articles: site.articles.len(),
            pages: rendered,
            files: self.files.len(),
            seconds: started.elapsed().as_secs_f64(),
            output: None,
            warnings,
        })
    }

    /// After a failed render the page keys no longer describe the served pages: the next
    /// update renders everything.
    fn forget_keys(&mut self, error: anyhow::Error) -> anyhow::Error {
        self.keys.clear();
        error
    }

    /// The index files that changed: all of them after a full build or a reordering, else only
    /// the shards whose terms moved and the list of documents.
    fn update_search(&mut self, site: &Site, renderer: &Renderer) -> Vec<Output> {
        let strings = renderer.strings();
        let index = match &mut self.search {
            Some(index) => index,
            None => {
                let index = self.search.insert(SearchIndex::build(site, strings));
                return index.outputs();
            }
        };
        match index.update(&self.served_articles, site, strings) {
            None => index.outputs(),
            Some(shards) if shards.is_empty() && !rows_changed(&self.served_articles, site) => {
                Vec::new()
            }
            Some(shards) => {
                let mut outputs: Vec<Output> =
                    shards.into_iter().map(|n| index.shard_output(n)).collect();
                outputs.push(index.docs_output());
                outputs
            }
        }
    }

    fn add_file(&self, files: &mut Files, output: Output) -> Result<()> {
        let bytes: Arc<[u8]> = match output.body {
            Body::Bytes(bytes) => bytes.into(),
            Body::Copy(path) => self.read_copy(&path)?,
        };
        files.put(output.path, bytes);
        Ok(())
    }

    /// A static file's bytes, read again only when its modification time changed.
    fn read_copy(&self, path: &Path) -> Result<Arc<[u8]>> {
        let modified = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut copies = self.copies.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((time, bytes)) = copies.get(path) {
            if *time == modified {
                return Ok(bytes.clone());
            }
        }
        let bytes: Arc<[u8]> = std::fs::read(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .into();
        copies.insert(path.to_path_buf(), (modified, bytes.clone()));
        Ok(bytes)
    }
}

/// Whether any article changed (its row in the list of search documents may have).
fn rows_changed(before: &[Arc<Article>], site: &Site) -> bool {
    before
        .iter()
        .zip(&site.articles)
        .any(|(a, b)| a.fingerprint != b.fingerprint)
}

/// What a changed path means for the build.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// A Markdown file the build reads.
    Article,
    /// A file in the content folder the build does not read (editor backups, hidden files).
    Ignored,
    /// A folder in the content folder.
    Folder,
    /// Anything else: config, templates, themes, static files.
    Other,
}

fn classify(content_dir: &Path, path: &Path) -> Kind {
    let Ok(inner) = path.strip_prefix(content_dir) else {
        return Kind::Other;
    };
    let hidden = inner
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with(['.', '_']));
    if path.is_dir() {
        return if hidden { Kind::Ignored } else { Kind::Folder };
    }
    match (hidden, path.extension().is_some_and(|e| e == "md")) {
        (false, true) => Kind::Article,
        _ => Kind::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified_by_place_and_name() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("world")).unwrap();
        std::fs::create_dir_all(content.join("_drafts")).unwrap();
        let kind = |p: &str| classify(&content, &dir.path().join(p));
        assert_eq!(kind("content/world/a.md"), Kind::Article);
        assert_eq!(kind("content/world/gone.md"), Kind::Article);
        assert_eq!(kind("content/world/.a.md.swp"), Kind::Ignored);
        assert_eq!(kind("content/world/a.md~"), Kind::Ignored);
        assert_eq!(kind("content/_drafts/a.md"), Kind::Ignored);
        assert_eq!(kind("content/world"), Kind::Folder);
        assert_eq!(kind("site.yaml"), Kind::Other);
        assert_eq!(kind("templates/base.html"), Kind::Other);
    }
}
