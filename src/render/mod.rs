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

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::content::highlight;
use crate::diagnostics::{Diagnostic, Diagnostics};
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

/// Renders a whole site. `on_page` is called once per rendered page, for progress.
pub struct Renderer<'a> {
    site: &'a Site,
    templates: Templates,
    urls: Urls,
    strings: HashMap<String, Strings>,
    globals: HashMap<String, tera::Value>,
    /// The light and the dark code stylesheet, made (and their themes checked) before rendering.
    syntax_css: [String; 2],
}

impl<'a> Renderer<'a> {
    /// Loads templates and interface strings and prepares each language's shared values.
    pub fn new(site: &'a Site) -> Result<Renderer<'a>> {
        let config = &site.config;
        let templates = Templates::load(config)?;
        let strings = i18n::load(config)?;
        let urls = Urls::new(&config.base_url, &config.base_path);
        let syntax_css = [
            highlight::palette_css(&config.highlight_light, "light")?,
            highlight::palette_css(&config.highlight_dark, "dark")?,
        ];
        let mut renderer = Renderer {
            site,
            templates,
            urls,
            strings,
            globals: HashMap::new(),
            syntax_css,
        };
        for lang in &site.langs {
            let value = tera::to_value(renderer.site_view(lang))?;
            renderer.globals.insert(lang.code.clone(), value);
        }
        Ok(renderer)
    }

    /// Works out everything the build will write: the pages to render, and the feeds, sitemap,
    /// stylesheets and static files, which are made (or located) now. Every output path is known
    /// from here on, so pages can be checked and written as soon as each is rendered.
    pub fn plan(&self) -> Result<Plan<'a>> {
        let jobs = self.jobs();
        let mut extra = feeds::render(self.site, &self.urls, &self.strings);
        extra.extend(search::render(self.site, &self.strings));
        let [light, dark] = self.syntax_css.clone();
        extra.push(Output::bytes("css/syntax-light.css", light.into_bytes()));
        extra.push(Output::bytes("css/syntax-dark.css", dark.into_bytes()));
        let mut paths: Vec<String> = jobs.iter().map(|job| self.job_path(*job)).collect();
        paths.extend(extra.iter().map(|o| o.path.clone()));
        let statics = self.static_files(&paths)?;
        paths.extend(statics.iter().map(|o| o.path.clone()));
        extra.extend(statics);
        Ok(Plan { jobs, extra, paths })
    }

    /// Renders the planned pages in parallel, checking each and handing it to `sink` at once, then
    /// the other outputs. `on_page` is called once per page, for progress.
    pub fn render(
        &self,
        plan: Plan,
        sink: &dyn Sink,
        on_page: &(dyn Fn() + Sync),
    ) -> Result<verify::Report> {
        let checks = verify::PageChecks::new(self.site, &self.templates, &plan.paths);
        let report = plan
            .jobs
            .par_iter()
            .map(|job| {
                let output = self.render_job(*job)?;
                let report = checks.check(&output);
                sink.accept(output)?;
                on_page();
                Ok::<_, anyhow::Error>(report)
            })
            .try_reduce(verify::Report::default, |a, b| Ok(a.merge(b)))?;
        plan.extra
            .into_par_iter()
            .try_for_each(|o| sink.accept(o))?;
        Ok(report)
    }

    fn context(&self, lang: &str, page: &PageView) -> Result<Context> {
        let mut ctx = Context::new();
        ctx.insert("site", &self.globals[lang]);
        ctx.insert("t", &self.strings[lang]);
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
