//! The render stage: `&Site` + templates → every output file. A [`Plan`] lists every path first;
//! then the pages (article, paginated home/section/tag lists, tag index, 404; see `pages`) are
//! rendered in parallel with rayon through Tera, each [`verify`]-checked and handed to the output
//! sink as soon as it exists, so the site is never held in memory whole. Feeds, the sitemap and
//! robots.txt are written by [`feeds`]; static files and the code stylesheets are collected here.

pub mod feeds;
pub mod i18n;
pub mod meta;
mod pages;
pub mod search;
pub mod templates;
pub mod verify;
pub mod views;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::content::highlight;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::Keys;
use crate::model::{LangIndex, Site};
use crate::output::{Body, Output, Sink};
use crate::theme;
use i18n::Strings;
use templates::Templates;
use views::{AlternateView, LinkView, Urls};

/// The kind of list a list page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// The language's home page: all its articles.
    Home,
    /// One section.
    Section,
    /// One tag.
    Tag,
}

/// What a page is, for `<head>`: title, URLs, alternates, feeds.
#[derive(Debug, Serialize)]
struct PageView<'a> {
    kind: &'a str,
    /// The way from this page up to the site's root (`../../`, or `./` at the root), so that
    /// assets load when the site is opened from disk too.
    root: String,
    title: String,
    description: String,
    lang: &'a str,
    url: String,
    permalink: String,
    canonical: String,
    alternates: Vec<AlternateView>,
    feed_atom: String,
    feed_rss: String,
    noindex: bool,
}

/// Everything shared by all pages of one language, serialised once.
#[derive(Debug, Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    home: String,
    lang: &'a str,
    languages: Vec<AlternateView>,
    sections: Vec<LinkView>,
    tags_url: String,
    search_url: String,
    notice: &'a str,
    share: &'a [String],
    feed_atom: String,
    feed_rss: String,
    generator: &'static str,
}

/// What rendering needs besides the model, loaded from the config and the theme: templates,
/// interface strings, the code stylesheets. The preview server keeps them while only content
/// changes.
pub struct Parts {
    templates: Templates,
    strings: HashMap<String, Strings>,
    /// The light and the dark code stylesheet, made (and their themes checked) before rendering.
    syntax_css: [String; 2],
}

impl Parts {
    /// Loads the templates and strings of the site's theme and languages.
    pub fn load(config: &Config) -> Result<Parts> {
        Ok(Parts {
            templates: Templates::load(config)?,
            strings: i18n::load(config)?,
            syntax_css: [
                highlight::palette_css(&config.highlight_light, "light")?,
                highlight::palette_css(&config.highlight_dark, "dark")?,
            ],
        })
    }
}

/// Renders a whole site. `on_page` is called once per rendered page, for progress.
pub struct Renderer<'a> {
    site: &'a Site,
    parts: Arc<Parts>,
    urls: Urls,
    globals: HashMap<String, tera::Value>,
    /// A hash of each language's shared values: part of every page's key.
    global_keys: HashMap<String, u64>,
}

impl<'a> Renderer<'a> {
    /// Loads templates and interface strings and prepares each language's shared values.
    pub fn new(site: &'a Site) -> Result<Renderer<'a>> {
        Renderer::with_parts(site, Arc::new(Parts::load(&site.config)?))
    }

    /// A renderer with parts loaded before, for the same config.
    pub fn with_parts(site: &'a Site, parts: Arc<Parts>) -> Result<Renderer<'a>> {
        let config = &site.config;
        let urls = Urls::new(&config.base_url, &config.base_path);
        let mut renderer = Renderer {
            site,
            parts,
            urls,
            globals: HashMap::new(),
            global_keys: HashMap::new(),
        };
        for lang in &site.langs {
            let value = tera::to_value(renderer.site_view(lang))?;
            let key = crate::hash::key_of(&value.to_string());
            renderer.global_keys.insert(lang.code.clone(), key);
            renderer.globals.insert(lang.code.clone(), value);
        }
        Ok(renderer)
    }

    /// Works out everything the build will write: the pages to render, and the feeds, sitemap,
    /// search index, stylesheets and static files, which are made (or located) now. Every output
    /// path is known from here on, so pages can be checked and written as soon as each is rendered.
    pub fn plan(&self) -> Result<Plan<'a>> {
        let search = search::render(self.site, &self.parts.strings);
        self.make_plan(None, search, Vec::new())
    }

    /// The plan of what changed since the run whose keys are in `keys`: only the pages and feeds
    /// whose key differs are made, and `keys` is brought up to date (keys of files the site no
    /// longer has are dropped). A key hashes everything its file shows (its articles'
    /// fingerprints, their neighbours, the page count, the language's shared values); what
    /// comes from config, templates and strings is not hashed, as a change there is a new
    /// renderer, planned with [`plan`](Self::plan). The search index is the caller's: its files
    /// count as kept. If rendering the plan fails, `keys` no longer describe what was served:
    /// clear them, so that the next plan makes everything.
    pub fn plan_changed(&self, keys: &mut Keys) -> Result<Plan<'a>> {
        self.make_plan(Some(keys), Vec::new(), search::SearchIndex::paths())
    }

    fn make_plan(
        &self,
        keys: Option<&mut Keys>,
        search: Vec<Output>,
        kept: Vec<String>,
    ) -> Result<Plan<'a>> {
        let all_jobs = self.jobs();
        let mut paths: Vec<String> = all_jobs.iter().map(|job| self.job_path(*job)).collect();
        let strings = &self.parts.strings;
        let (jobs, mut extra) = match keys {
            None => {
                let (outputs, feeds) = feeds::render_changed(self.site, &self.urls, strings, None);
                paths.extend(feeds.into_iter().map(|(path, _)| path));
                (all_jobs, outputs)
            }
            Some(keys) => {
                let jobs = self.changed_jobs(all_jobs, &paths, keys);
                let (outputs, feeds) =
                    feeds::render_changed(self.site, &self.urls, strings, Some(keys));
                for (path, key) in feeds {
                    paths.push(path.clone());
                    keys.insert(path, key);
                }
                // More keys than files: some pages or feeds are gone.
                if keys.len() != paths.len() {
                    let current: HashSet<&str> = paths.iter().map(String::as_str).collect();
                    keys.retain(|path, _| current.contains(path.as_str()));
                }
                (jobs, outputs)
            }
        };
        extra.extend(search);
        let [light, dark] = self.parts.syntax_css.clone();
        extra.push(Output::bytes("css/syntax-light.css", light.into_bytes()));
        extra.push(Output::bytes("css/syntax-dark.css", dark.into_bytes()));
        let made: HashSet<&str> = paths.iter().map(String::as_str).collect();
        let mut more: Vec<String> = extra
            .iter()
            .map(|o| o.path.clone())
            .chain(kept)
            .filter(|p| !made.contains(p.as_str()))
            .collect();
        drop(made);
        paths.append(&mut more);
        let statics = self.static_files(&paths)?;
        paths.extend(statics.iter().map(|o| o.path.clone()));
        extra.extend(statics);
        Ok(Plan { jobs, extra, paths })
    }

    /// The jobs whose key is not the one in `keys`, which are updated to the new keys.
    fn changed_jobs(
        &self,
        jobs: Vec<pages::Job<'a>>,
        paths: &[String],
        keys: &mut Keys,
    ) -> Vec<pages::Job<'a>> {
        let fresh: Vec<u64> = jobs.par_iter().map(|job| self.job_key(*job)).collect();
        let mut changed = Vec::new();
        for ((job, path), key) in jobs.into_iter().zip(paths).zip(fresh) {
            match keys.get_mut(path.as_str()) {
                Some(old) if *old == key => continue,
                Some(old) => *old = key,
                None => {
                    keys.insert(path.clone(), key);
                }
            }
            changed.push(job);
        }
        changed
    }

    /// Renders the planned pages in parallel, checking each and handing it to `sink` at once, then
    /// the other outputs. `on_page` is called once per page, for progress.
    pub fn render(
        &self,
        plan: Plan,
        sink: &dyn Sink,
        on_page: &(dyn Fn() + Sync),
    ) -> Result<verify::Report> {
        let checks = verify::PageChecks::new(self.site, &self.parts.templates, &plan.paths);
        let report = self.render_jobs(&plan.jobs, &checks, sink, on_page)?;
        plan.extra
            .into_par_iter()
            .try_for_each(|o| sink.accept(o))?;
        Ok(report)
    }

    fn render_jobs(
        &self,
        jobs: &[pages::Job],
        checks: &verify::PageChecks,
        sink: &dyn Sink,
        on_page: &(dyn Fn() + Sync),
    ) -> Result<verify::Report> {
        jobs.par_iter()
            .map(|job| {
                let output = self.render_job(*job)?;
                let report = checks.check(&output);
                sink.accept(output)?;
                on_page();
                Ok::<_, anyhow::Error>(report)
            })
            .try_reduce(verify::Report::default, |a, b| Ok(a.merge(b)))
    }

    /// The interface strings of each language.
    pub fn strings(&self) -> &HashMap<String, Strings> {
        &self.parts.strings
    }

    fn context(&self, lang: &str, page: &PageView) -> Result<Context> {
        let mut ctx = Context::new();
        ctx.insert("site", &self.globals[lang]);
        ctx.insert("t", &self.parts.strings[lang]);
        ctx.insert("page", page);
        Ok(ctx)
    }

    fn page_view<'p>(
        &self,
        kind: &'p str,
        title: String,
        lang: &'p str,
        path: &str,
    ) -> PageView<'p> {
        let prefix = self.site.config.language_prefix(lang);
        let depth = path.trim_end_matches("index.html").matches('/').count();
        PageView {
            kind,
            root: if depth == 0 {
                "./".into()
            } else {
                "../".repeat(depth)
            },
            title,
            description: self.language_description(lang),
            lang,
            url: self.urls.url(path),
            permalink: self.urls.permalink(path),
            canonical: self.urls.permalink(path),
            alternates: Vec::new(),
            feed_atom: self.urls.permalink(&format!("{prefix}atom.xml")),
            feed_rss: self.urls.permalink(&format!("{prefix}rss.xml")),
            noindex: self.site.config.noindex,
        }
    }

    /// `hreflang` links: every version including this one, and `x-default` for the version in
    /// the site's default language. Empty when the article has no translations.
    fn alternates(&self, i: usize, translations: &[AlternateView]) -> Vec<AlternateView> {
        if translations.is_empty() {
            return Vec::new();
        }
        let site = self.site;
        let lang = &site.articles[i].lang;
        let mut all = vec![AlternateView {
            lang: lang.clone(),
            name: views::language_name(site, lang),
            url: self.urls.url(&site.links[i].path),
            permalink: self.urls.permalink(&site.links[i].path),
        }];
        all.extend(translations.iter().cloned());
        let default = site.config.default_language();
        if let Some(d) = all.iter().find(|a| a.lang == default).cloned() {
            all.push(AlternateView {
                lang: "x-default".into(),
                ..d
            });
        }
        all
    }

    pub(crate) fn language_title(&self, code: &str) -> String {
        let lang = self.site.config.languages.iter().find(|l| l.code == code);
        lang.map(|l| l.title.clone()).unwrap_or_default()
    }

    fn language_description(&self, code: &str) -> String {
        let lang = self.site.config.languages.iter().find(|l| l.code == code);
        lang.map(|l| l.description.clone()).unwrap_or_default()
    }

    fn site_view(&self, lang: &'a LangIndex) -> SiteView<'a> {
        let config = &self.site.config;
        let language = config
            .languages
            .iter()
            .find(|l| l.code == lang.code)
            .expect("indexed languages are configured");
        SiteView {
            title: &language.title,
            description: &language.description,
            base_url: &config.base_url,
            home: self.urls.url(&lang.prefix),
            lang: &lang.code,
            languages: self
                .site
                .langs
                .iter()
                .map(|l| AlternateView {
                    lang: l.code.clone(),
                    name: views::language_name(self.site, &l.code),
                    url: self.urls.url(&l.prefix),
                    permalink: self.urls.permalink(&l.prefix),
                })
                .collect(),
            sections: lang
                .sections
                .iter()
                .map(|g| LinkView {
                    name: g.name.clone(),
                    url: self.urls.url(&g.path),
                })
                .collect(),
            tags_url: self.urls.url(&format!("{}tags/", lang.prefix)),
            search_url: self.urls.url(&format!("{}search/", lang.prefix)),
            notice: &config.notice,
            share: &config.share,
            feed_atom: self.urls.url(&format!("{}atom.xml", lang.prefix)),
            feed_rss: self.urls.url(&format!("{}rss.xml", lang.prefix)),
            generator: concat!("newsmirror ", env!("CARGO_PKG_VERSION")),
        }
    }

    /// Static files of the theme layers and the site; one at a path the build generates is an error.
    fn static_files(&self, generated: &[String]) -> Result<Vec<Output>> {
        let taken: HashSet<&str> = generated.iter().map(String::as_str).collect();
        let mut outputs = Vec::new();
        let mut clashes = Vec::new();
        for (name, file) in theme::layered(&self.site.config, "static")? {
            if taken.contains(name.as_str()) {
                clashes.push(
                    Diagnostic::new(
                        file.origin.to_string(),
                        None,
                        format!("the build writes {name} itself"),
                    )
                    .with_hint("remove or rename the static file; it would hide the generated one"),
                );
                continue;
            }
            let body = match (&file.disk_path, file.builtin) {
                (Some(path), _) => Body::Copy(path.clone()),
                (None, Some(bytes)) => Body::Bytes(bytes.to_vec()),
                (None, None) => continue,
            };
            outputs.push(Output {
                path: name,
                body,
                article: None,
                template: None,
            });
        }
        Diagnostics(clashes).into_result()?;
        Ok(outputs)
    }
}

/// Everything a build writes, worked out before rendering.
pub struct Plan<'a> {
    jobs: Vec<pages::Job<'a>>,
    /// Outputs made before rendering: feeds, sitemap, robots.txt, stylesheets, static files.
    extra: Vec<Output>,
    /// The site-relative path of every output.
    pub paths: Vec<String>,
}

impl Plan<'_> {
    /// Number of pages to render.
    pub fn page_count(&self) -> usize {
        self.jobs.len()
    }
}
