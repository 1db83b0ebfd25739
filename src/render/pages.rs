//! Page rendering: the list of pages a site has ([`Job`]s, each with its output path known before
//! anything is rendered) and the Tera rendering of each kind: article, paginated list, tag index
//! and 404.

use std::hash::{DefaultHasher, Hash, Hasher};

use anyhow::Result;
use serde::Serialize;

use super::views::{self, Paginator, TagView, Viewer};
use super::{meta, ListKind, Renderer};
use crate::model::{page_path, Group, LangIndex};
use crate::output::{Body, Output};

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub(super) enum Job<'a> {
    Article(usize),
    List {
        lang: &'a LangIndex,
        kind: ListKind,
        group: Option<&'a Group>,
        page: usize,
    },
    TagIndex(&'a LangIndex),
    Search(&'a LangIndex),
    NotFound,
}

impl<'a> Renderer<'a> {
    /// Every page of the site, articles first.
    pub(super) fn jobs(&self) -> Vec<Job<'a>> {
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
            jobs.push(Job::Search(lang));
        }
        jobs.push(Job::NotFound);
        jobs
    }

    pub(super) fn render_job(&self, job: Job) -> Result<Output> {
        match job {
            Job::Article(i) => self.render_article(i),
            Job::List {
                lang,
                kind,
                group,
                page,
            } => self.render_list(lang, kind, group, page),
            Job::TagIndex(lang) => self.render_tag_index(lang),
            Job::Search(lang) => self.render_search(lang),
            Job::NotFound => self.render_not_found(),
        }
    }

    /// The site-relative file a job writes.
    pub(super) fn job_path(&self, job: Job) -> String {
        match job {
            Job::Article(i) => format!("{}index.html", self.site.links[i].path),
            Job::List {
                lang, group, page, ..
            } => {
                let first = group.map_or(lang.prefix.as_str(), |g| g.path.as_str());
                format!("{}index.html", page_path(first, page))
            }
            Job::TagIndex(lang) => format!("{}tags/index.html", lang.prefix),
            Job::Search(lang) => format!("{}search/index.html", lang.prefix),
            Job::NotFound => "404.html".to_string(),
        }
    }

    /// A hash of everything the job's page shows, so that an unchanged key means an unchanged
    /// page. Articles count by fingerprint (their file's path and text); what comes from the
    /// config, templates and strings is not hashed, as a change there rebuilds everything.
    pub(super) fn job_key(&self, job: Job) -> u64 {
        let site = self.site;
        let fp = |i: &usize| site.articles[*i].fingerprint;
        let mut h = DefaultHasher::new();
        match job {
            Job::Article(i) => {
                let links = &site.links[i];
                (0u8, self.global_keys[&site.articles[i].lang], fp(&i)).hash(&mut h);
                (links.older.as_ref().map(fp), links.newer.as_ref().map(fp)).hash(&mut h);
                let related: Vec<u64> = links.related.iter().map(fp).collect();
                let translations: Vec<u64> = links.translations.iter().map(fp).collect();
                (related, translations).hash(&mut h);
            }
            Job::List {
                lang,
                kind,
                group,
                page,
            } => {
                let items = group.map_or(&lang.articles, |g| &g.articles);
                let per_page = site.config.paginate;
                let shown = items.iter().skip((page - 1) * per_page).take(per_page);
                (1u8, self.global_keys[&lang.code], kind_name(kind), page).hash(&mut h);
                (
                    group.map(|g| (&g.slug, &g.name)),
                    items.len().div_ceil(per_page),
                )
                    .hash(&mut h);
                shown.map(fp).for_each(|f| f.hash(&mut h));
            }
            Job::TagIndex(lang) => {
                (2u8, self.global_keys[&lang.code]).hash(&mut h);
                for g in &lang.tags {
                    (&g.slug, &g.name, g.articles.len()).hash(&mut h);
                }
            }
            Job::Search(lang) => (3u8, self.global_keys[&lang.code]).hash(&mut h),
            Job::NotFound => (4u8, self.global_keys[site.config.default_language()]).hash(&mut h),
        }
        h.finish()
    }

    fn render_article(&self, i: usize) -> Result<Output> {
        let site = self.site;
        let article = &site.articles[i];
        let path = &site.links[i].path;
        let viewer = Viewer {
            site,
            urls: &self.urls,
        };
        let strings = &self.parts.strings[&article.lang];
        let view = viewer.article(i, strings, true);
        let mut page = self.page_view("article", article.title.clone(), &article.lang, path);
        page.description = article.summary.clone();
        page.alternates = self.alternates(i, &view.translations);
        if site.config.canonical_to_source {
            page.canonical = article.source.url.clone();
        }
        let share: Vec<meta::ShareLink> = site
            .config
            .share
            .iter()
            .filter_map(|key| meta::share_link(key, &page.canonical, &article.title))
            .collect();
        let image = view.image.as_deref().map(|img| self.urls.absolute(img));
        let publisher = self
            .urls
            .permalink(&site.config.language_prefix(&article.lang));
        let title = &self.language_title(&article.lang);
        let json_ld = meta::json_ld(
            article,
            &view.permalink,
            image.as_deref(),
            title,
            &publisher,
        );
        let mut ctx = self.context(&article.lang, &page)?;
        ctx.insert("article", &view);
        ctx.insert("share", &share);
        ctx.insert("json_ld", &json_ld);
        ctx.insert("image_permalink", &image);
        let what = format!("the page of {}", article.rel_path.display());
        let html = self.parts.templates.render("article.html", &ctx, &what)?;
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
        let strings = &self.parts.strings[&lang.code];
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
        let html = self.parts.templates.render("list.html", &ctx, &what)?;
        Ok(Output::bytes(
            format!("{path}index.html"),
            html.into_bytes(),
        ))
    }

    fn render_tag_index(&self, lang: &LangIndex) -> Result<Output> {
        let path = format!("{}tags/", lang.prefix);
        let title = self.parts.strings[&lang.code].get("tags").to_string();
        let page = self.page_view("tags", title, &lang.code, &path);
        let mut ctx = self.context(&lang.code, &page)?;
        let tags: Vec<TagView> = lang
            .tags
            .iter()
            .map(|g| TagView::new(g, &self.urls))
            .collect();
        ctx.insert("tags", &tags);
        let html = self
            .parts
            .templates
            .render("tags.html", &ctx, "the tag index")?;
        Ok(Output::bytes(
            format!("{path}index.html"),
            html.into_bytes(),
        ))
    }

    fn render_search(&self, lang: &LangIndex) -> Result<Output> {
        let path = format!("{}search/", lang.prefix);
        let title = self.parts.strings[&lang.code].get("search").to_string();
        let page = self.page_view("search", title, &lang.code, &path);
        let mut ctx = self.context(&lang.code, &page)?;
        // The index lives once for all languages, at the site's root. The page names it relative
        // to itself, so that search also works when the site is opened from disk.
        let up = "../".repeat(path.matches('/').count());
        ctx.insert("search_index", &format!("{up}search/"));
        let html = self
            .parts
            .templates
            .render("search.html", &ctx, "the search page")?;
        Ok(Output::page(
            format!("{path}index.html"),
            html,
            "search.html",
        ))
    }

    fn render_not_found(&self) -> Result<Output> {
        let lang = self.site.config.default_language();
        let title = self.parts.strings[lang].get("not_found_title").to_string();
        let mut page = self.page_view("404", title, lang, "404.html");
        page.noindex = true;
        let ctx = self.context(lang, &page)?;
        let html = self
            .parts
            .templates
            .render("404.html", &ctx, "the 404 page")?;
        Ok(Output::page("404.html", html, "404.html"))
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

pub(super) fn kind_name(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Home => "home",
        ListKind::Section => "section",
        ListKind::Tag => "tag",
    }
}
