//! The render stage: `&Site` + templates → every output file, rendered in parallel with rayon.
//! Article pages, paginated home/section/tag lists, the tag index and 404 go through Tera; feeds,
//! the sitemap and robots.txt are written by [`feeds`]; static files and the generated code
//! stylesheets are collected here too. [`verify`] then checks what was rendered.

pub mod feeds;
pub mod i18n;
pub mod templates;
pub mod verify;
pub mod views;

use std::collections::{HashMap, HashSet};

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::content::highlight;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{page_path, Group, LangIndex, Site};
use crate::output::{Body, Output};
use crate::theme;
use i18n::Strings;
use templates::Templates;
use views::{AlternateView, LinkView, Paginator, TagView, Urls, Viewer};

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

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job<'a> {
    Article(usize),
    List {
        lang: &'a LangIndex,
        kind: ListKind,
        group: Option<&'a Group>,
        page: usize,
    },
    TagIndex(&'a LangIndex),
    NotFound,
}

/// What a page is, for `<head>`: title, URLs, alternates, feeds.
#[derive(Debug, Serialize)]
struct PageView<'a> {
    kind: &'a str,
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
    notice: &'a str,
    share: &'a [String],
    stylesheets: StylesheetsView,
    feed_atom: String,
    feed_rss: String,
    generator: &'static str,
}

#[derive(Debug, Serialize)]
struct StylesheetsView {
    site: String,
    syntax_light: String,
    syntax_dark: String,
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
            highlight::css_for_theme(&config.highlight_light)?,
            highlight::css_for_theme(&config.highlight_dark)?,
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

    /// The template origins, for the attribution check's messages.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// Number of pages [`Renderer::render_pages`] will render.
    pub fn page_count(&self) -> usize {
        self.jobs().len()
    }

    /// Renders every page, feed and static file of the site.
    pub fn render_all(&self, on_page: &(dyn Fn() + Sync)) -> Result<Vec<Output>> {
        let mut outputs = self.render_pages(on_page)?;
        outputs.extend(feeds::render(self.site, &self.urls, &self.strings));
        let [light, dark] = self.syntax_css.clone();
        outputs.push(Output::bytes("css/syntax-light.css", light.into_bytes()));
        outputs.push(Output::bytes("css/syntax-dark.css", dark.into_bytes()));
        let statics = self.static_files(&outputs)?;
        outputs.extend(statics);
        Ok(outputs)
    }

    /// Renders the HTML pages in parallel.
    pub fn render_pages(&self, on_page: &(dyn Fn() + Sync)) -> Result<Vec<Output>> {
        self.jobs()
            .par_iter()
            .map(|job| {
                let out = self.render_job(*job);
                on_page();
                out
            })
            .collect()
    }

    fn jobs(&self) -> Vec<Job<'a>> {
        let site = self.site;
        let mut jobs: Vec<Job> = (0..site.articles.len()).map(Job::Article).collect();
        let per_page = site.config.paginate;
        for lang in &site.langs {
            let mut list = |kind, group: Option<&'a Group>, count: usize| {
                let pages = count.div_ceil(per_page).max(1);
                jobs.extend((1..=pages).map(|page| Job::List {
                    lang,
                    kind,
                    group,
                    page,
                }));
            };
            list(ListKind::Home, None, lang.articles.len());
            for g in &lang.sections {
                list(ListKind::Section, Some(g), g.articles.len());
            }
            for g in &lang.tags {
                list(ListKind::Tag, Some(g), g.articles.len());
            }
            jobs.push(Job::TagIndex(lang));
        }
        jobs.push(Job::NotFound);
        jobs
    }

    fn render_job(&self, job: Job) -> Result<Output> {
        match job {
            Job::Article(i) => self.render_article(i),
            Job::List {
                lang,
                kind,
                group,
                page,
            } => self.render_list(lang, kind, group, page),
            Job::TagIndex(lang) => self.render_tag_index(lang),
            Job::NotFound => self.render_not_found(),
        }
    }

    fn context(&self, lang: &str, page: &PageView) -> Result<Context> {
        let mut ctx = Context::new();
        ctx.insert("site", &self.globals[lang]);
        ctx.insert("t", &self.strings[lang]);
        ctx.insert("page", page);
        Ok(ctx)
    }

    fn render_article(&self, i: usize) -> Result<Output> {
        let site = self.site;
        let article = &site.articles[i];
        let path = &site.links[i].path;
        let viewer = Viewer {
            site,
            urls: &self.urls,
        };
        let strings = &self.strings[&article.lang];
        let view = viewer.article(i, strings, true);
        let mut page = self.page_view("article", article.title.clone(), &article.lang, path);
        page.description = article.summary.clone();
        page.alternates = self.alternates(i, &view.translations);
        if site.config.canonical_to_source {
            page.canonical = article.source.url.clone();
        }
        let mut ctx = self.context(&article.lang, &page)?;
        ctx.insert("article", &view);
        let what = format!("the page of {}", article.rel_path.display());
        let html = self.templates.render("article.html", &ctx, &what)?;
        Ok(Output {
            path: format!("{path}index.html"),
            body: Body::Bytes(html.into_bytes()),
            article: Some(i),
            template: Some("article.html"),
        })
    }

    fn render_list(
        &self,
        lang: &LangIndex,
        kind: ListKind,
        group: Option<&Group>,
        page: usize,
    ) -> Result<Output> {
        let site = self.site;
        let (first, items, title) = match group {
            Some(g) => (g.path.as_str(), &g.articles, g.name.clone()),
            None => (
                lang.prefix.as_str(),
                &lang.articles,
                self.language_title(&lang.code),
            ),
        };
        let per_page = site.config.paginate;
        let total = items.len().div_ceil(per_page).max(1);
        let start = (page - 1) * per_page;
        let viewer = Viewer {
            site,
            urls: &self.urls,
        };
        let strings = &self.strings[&lang.code];
        let articles: Vec<_> = items[start..(start + per_page).min(items.len())]
            .iter()
            .map(|&i| viewer.article(i, strings, false))
            .collect();
        let path = page_path(first, page);
        let head_title = match page {
            1 => title.clone(),
            n => format!("{title} — {} {n}", strings.get("page")),
        };
        let mut page_view = self.page_view(kind_name(kind), head_title, &lang.code, &path);
        if kind == ListKind::Section {
            page_view.feed_atom = self.urls.permalink(&format!("{first}atom.xml"));
            page_view.feed_rss = self.urls.permalink(&format!("{first}rss.xml"));
        }
        let mut ctx = self.context(&lang.code, &page_view)?;
        ctx.insert(
            "list",
            &ListView {
                kind,
                title,
                articles,
                paginator: Paginator::new(&self.urls, first, page, total),
            },
        );
        let what = format!("the list page /{path}");
        let html = self.templates.render("list.html", &ctx, &what)?;
        Ok(Output::bytes(
            format!("{path}index.html"),
            html.into_bytes(),
        ))
    }

    fn render_tag_index(&self, lang: &LangIndex) -> Result<Output> {
        let path = format!("{}tags/", lang.prefix);
        let title = self.strings[&lang.code].get("tags").to_string();
        let page = self.page_view("tags", title, &lang.code, &path);
        let mut ctx = self.context(&lang.code, &page)?;
        let tags: Vec<TagView> = lang
            .tags
            .iter()
            .map(|g| TagView::new(g, &self.urls))
            .collect();
        ctx.insert("tags", &tags);
        let html = self.templates.render("tags.html", &ctx, "the tag index")?;
        Ok(Output::bytes(
            format!("{path}index.html"),
            html.into_bytes(),
        ))
    }

    fn render_not_found(&self) -> Result<Output> {
        let lang = self.site.config.default_language();
        let title = self.strings[lang].get("not_found_title").to_string();
        let mut page = self.page_view("404", title, lang, "404.html");
        page.noindex = true;
        let ctx = self.context(lang, &page)?;
        let html = self.templates.render("404.html", &ctx, "the 404 page")?;
        Ok(Output::page("404.html", html, "404.html"))
    }

    fn page_view<'p>(
        &self,
        kind: &'p str,
        title: String,
        lang: &'p str,
        path: &str,
    ) -> PageView<'p> {
        let prefix = self.site.config.language_prefix(lang);
        PageView {
            kind,
            title,
            description: self
                .site
                .lang(lang)
                .map(|_| self.language_description(lang))
                .unwrap_or_default(),
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

    fn language_title(&self, code: &str) -> String {
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
            notice: &config.notice,
            share: &config.share,
            stylesheets: StylesheetsView {
                site: self.urls.url("css/site.css"),
                syntax_light: self.urls.url("css/syntax-light.css"),
                syntax_dark: self.urls.url("css/syntax-dark.css"),
            },
            feed_atom: self.urls.url(&format!("{}atom.xml", lang.prefix)),
            feed_rss: self.urls.url(&format!("{}rss.xml", lang.prefix)),
            generator: concat!("newsmirror ", env!("CARGO_PKG_VERSION")),
        }
    }

    /// Static files of the theme layers and the site, plus the generated code stylesheets.
    fn static_files(&self, generated: &[Output]) -> Result<Vec<Output>> {
        let taken: HashSet<&str> = generated.iter().map(|o| o.path.as_str()).collect();
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

/// A list page's content.
#[derive(Debug, Serialize)]
struct ListView<'a> {
    kind: ListKind,
    title: String,
    articles: Vec<views::ArticleView<'a>>,
    paginator: Paginator,
}

fn kind_name(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Home => "home",
        ListKind::Section => "section",
        ListKind::Tag => "tag",
    }
}

/// Renders the whole site: pages, feeds, sitemap and static files.
pub fn render(site: &Site, on_page: &(dyn Fn() + Sync)) -> Result<(Vec<Output>, Templates)> {
    let renderer = Renderer::new(site).context("cannot prepare the templates")?;
    let outputs = renderer.render_all(on_page)?;
    Ok((outputs, renderer.templates))
}
