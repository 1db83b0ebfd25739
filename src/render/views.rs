//! What templates see: small serializable views borrowed from the model. A page gets only what it
//! shows (its article, or the twenty items of its list page), never a copy of the whole site.

use serde::Serialize;

use crate::content::{Article, Source};
use crate::model::{page_path, Group, Site};

use super::i18n::Strings;

/// Turns site-relative paths into the URLs pages link with.
#[derive(Debug, Clone)]
pub struct Urls {
    base_path: String,
    base_url: String,
}

impl Urls {
    /// URLs for a site served at `base_url` (whose path part is `base_path`).
    pub fn new(base_url: &str, base_path: &str) -> Urls {
        Urls {
            base_path: base_path.to_string(),
            base_url: base_url.to_string(),
        }
    }

    /// Root-relative URL, with the base path: `/repo/world/story/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// Absolute URL: `https://user.github.io/repo/world/story/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// An absolute URL for a root-relative one (which already carries the base path), for
    /// metadata that must be absolute (OpenGraph images); other URLs are returned as they are.
    pub fn absolute(&self, url: &str) -> String {
        if crate::html::is_root_relative(url) {
            let origin = self
                .base_url
                .strip_suffix(self.base_path.as_str())
                .unwrap_or(&self.base_url);
            format!("{origin}{url}")
        } else {
            url.to_string()
        }
    }

    /// An image or link target from front matter: root-relative ones get the base path.
    pub fn resolve(&self, target: &str) -> String {
        match target.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => self.url(rest),
            _ => target.to_string(),
        }
    }
}

/// A named link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Text to show.
    pub name: String,
    /// Where it goes.
    pub url: String,
}

/// A version of the page in another language.
#[derive(Debug, Clone, Serialize)]
pub struct AlternateView {
    /// Language code, for `hreflang`.
    pub lang: String,
    /// The language's own name.
    pub name: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, for `<link rel=alternate hreflang>`.
    pub permalink: String,
}

/// An article as templates and feeds see it.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub lang: &'a str,
    /// RFC 3339, for `<time datetime>` and metadata.
    pub date: String,
    /// Date for readers, in the page's language.
    pub date_display: String,
    /// `HH:MM` in the article's own time zone.
    pub time_display: String,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub section: LinkView,
    pub tags: Vec<LinkView>,
    pub authors: &'a [String],
    pub summary: &'a str,
    pub image: Option<String>,
    /// Whether the body already shows the lead image (article pages only): the theme then
    /// leaves out its lead figure rather than show the same picture twice.
    pub image_in_body: bool,
    pub views: Option<u64>,
    /// Body HTML: present on article pages and in feeds, absent in list items.
    pub body: Option<&'a str>,
    pub source: &'a Source,
    /// Minutes, at 200 words a minute, at least 1.
    pub reading_time: usize,
    pub translations: Vec<AlternateView>,
    pub older: Option<LinkView>,
    pub newer: Option<LinkView>,
    /// Nearby articles of the same section and language (article pages only).
    pub related: Vec<RelatedView>,
    pub draft: bool,
}

/// A related article.
#[derive(Debug, Serialize)]
pub struct RelatedView {
    pub name: String,
    pub url: String,
    pub date: String,
    pub date_display: String,
}

/// Builds [`ArticleView`]s for one site.
pub struct Viewer<'a> {
    /// The model.
    pub site: &'a Site,
    /// URL maker.
    pub urls: &'a Urls,
}

impl<'a> Viewer<'a> {
    /// The view of article `i`; `full` adds the body, neighbours and translations.
    pub fn article(&self, i: usize, strings: &Strings, full: bool) -> ArticleView<'a> {
        let site = self.site;
        let a: &'a Article = &site.articles[i];
        let links = &site.links[i];
        let prefix = site.config.language_prefix(&a.lang);
        let neighbour = |j: Option<usize>| {
            j.filter(|_| full).map(|j| LinkView {
                name: site.articles[j].title.clone(),
                url: self.urls.url(&site.links[j].path),
            })
        };
        ArticleView {
            title: &a.title,
            url: self.urls.url(&links.path),
            permalink: self.urls.permalink(&links.path),
            lang: &a.lang,
            date: a.date.to_rfc3339(),
            date_display: strings.date(&a.date),
            time_display: a.date.format("%H:%M").to_string(),
            updated: a.updated.map(|d| d.to_rfc3339()),
            updated_display: a.updated.map(|d| strings.date(&d)),
            section: LinkView {
                name: site.config.section_title(&a.section, &a.lang),
                url: self.urls.url(&format!("{prefix}{}/", a.section)),
            },
            tags: a
                .tags
                .iter()
                .zip(&a.tag_slugs)
                .filter(|(_, slug)| !slug.is_empty())
                .map(|(t, slug)| LinkView {
                    name: t.clone(),
                    url: self.urls.url(&format!("{prefix}tags/{slug}/")),
                })
                .collect(),
            authors: &a.authors,
            summary: &a.summary,
            image: a.image.as_deref().map(|img| self.urls.resolve(img)),
            image_in_body: full && a.image_in_body,
            views: a.views,
            body: full.then_some(a.body_html.as_str()),
            source: &a.source,
            reading_time: a.words.div_ceil(200).max(1),
            translations: if full {
                self.translations(i)
            } else {
                Vec::new()
            },
            older: neighbour(links.older),
            newer: neighbour(links.newer),
            related: if full {
                self.related(i, strings)
            } else {
                Vec::new()
            },
            draft: a.draft,
        }
    }

    fn related(&self, i: usize, strings: &Strings) -> Vec<RelatedView> {
        let site = self.site;
        site.links[i]
            .related
            .iter()
            .map(|&j| RelatedView {
                name: site.articles[j].title.clone(),
                url: self.urls.url(&site.links[j].path),
                date: site.articles[j].date.to_rfc3339(),
                date_display: strings.date(&site.articles[j].date),
            })
            .collect()
    }

    fn translations(&self, i: usize) -> Vec<AlternateView> {
        let site = self.site;
        site.links[i]
            .translations
            .iter()
            .map(|&j| {
                let lang = &site.articles[j].lang;
                AlternateView {
                    lang: lang.clone(),
                    name: language_name(site, lang),
                    url: self.urls.url(&site.links[j].path),
                    permalink: self.urls.permalink(&site.links[j].path),
                }
            })
            .collect()
    }
}

/// A language's display name from the config.
pub fn language_name(site: &Site, code: &str) -> String {
    site.config
        .languages
        .iter()
        .find(|l| l.code == code)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| code.to_string())
}

/// One numbered link of a paginator; `number` 0 stands for a gap (`…`).
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// Navigation between the pages of one list.
#[derive(Debug, Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// First, last and the two either side of the current page, with gaps: constant size however
    /// long the list, so no page does work that grows with the site.
    pub pages: Vec<PageLink>,
}

impl Paginator {
    /// The paginator of page `current` of `total` for a list first at `first` (site-relative).
    pub fn new(urls: &Urls, first: &str, current: usize, total: usize) -> Paginator {
        let url = |n: usize| urls.url(&page_path(first, n));
        let window = current.saturating_sub(2).max(1)..=(current + 2).min(total);
        let mut numbers = vec![1];
        numbers.extend(window);
        numbers.push(total);
        numbers.dedup();
        numbers.retain(|&n| (1..=total).contains(&n));
        numbers.dedup();
        let mut pages = Vec::with_capacity(numbers.len() + 2);
        let mut previous = 0;
        for n in numbers {
            if n > previous + 1 {
                pages.push(PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                });
            }
            pages.push(PageLink {
                number: n,
                url: url(n),
                current: n == current,
            });
            previous = n;
        }
        Paginator {
            current,
            total,
            prev: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages,
        }
    }
}

/// A list of the tag index.
#[derive(Debug, Serialize)]
pub struct TagView<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

impl<'a> TagView<'a> {
    /// The view of one tag group.
    pub fn new(group: &'a Group, urls: &Urls) -> TagView<'a> {
        TagView {
            name: &group.name,
            url: urls.url(&group.path),
            count: group.articles.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_base_path() {
        let u = Urls::new("https://u.github.io/repo/", "/repo/");
        assert_eq!(u.url("world/a/"), "/repo/world/a/");
        assert_eq!(u.permalink("world/a/"), "https://u.github.io/repo/world/a/");
        assert_eq!(u.resolve("/img/a.jpg"), "/repo/img/a.jpg");
        assert_eq!(u.resolve("https://x/a.jpg"), "https://x/a.jpg");
        assert_eq!(
            u.absolute("/repo/img/a.jpg"),
            "https://u.github.io/repo/img/a.jpg"
        );
        assert_eq!(u.absolute("https://x/a.jpg"), "https://x/a.jpg");
    }

    #[test]
    fn paginator_window_stays_small() {
        let u = Urls::new("https://e.org/", "/");
        let p = Paginator::new(&u, "world/", 50, 500);
        let numbers: Vec<usize> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 0, 48, 49, 50, 51, 52, 0, 500]);
        assert_eq!(p.prev.as_deref(), Some("/world/page/49/"));
        let first = Paginator::new(&u, "", 1, 3);
        let numbers: Vec<usize> = first.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(first.pages[0].url, "/");
        assert!(first.prev.is_none());
    }
}
