//! The model stage: from loaded articles to an immutable [`Site`]: articles sorted newest first,
//! per-language indexes of sections and tags, translations, neighbours and every page's path.
//! Paths here are site-relative (`world/story/`); the render stage turns them into URLs, so that
//! one model serves absolute, root-relative and file-relative links alike.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Article;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A section or a tag of one language, with its articles newest first.
#[derive(Debug, Clone)]
pub struct Group {
    /// URL slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Site-relative path of its first list page, e.g. `ru/tags/syria/`.
    pub path: String,
    /// Indexes into [`Site::articles`].
    pub articles: Vec<usize>,
}

/// Everything published in one language.
#[derive(Debug, Clone)]
pub struct LangIndex {
    /// Language code.
    pub code: String,
    /// Path prefix of its pages: `""` for the default language, `"ru/"` for others.
    pub prefix: String,
    /// Its articles, newest first (indexes into [`Site::articles`]).
    pub articles: Vec<usize>,
    /// Its sections, in the order of `site.yaml`'s `sections`, then by name.
    pub sections: Vec<Group>,
    /// Its tags, by name.
    pub tags: Vec<Group>,
}

/// Where an article sits among the others.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Site-relative path of its page, e.g. `world/story/`.
    pub path: String,
    /// The next older article of the same language.
    pub older: Option<usize>,
    /// The next newer article of the same language.
    pub newer: Option<usize>,
    /// Its versions in other languages.
    pub translations: Vec<usize>,
    /// Up to [`RELATED`] other articles of its section and language, nearest in time first.
    pub related: Vec<usize>,
}

/// How many related articles an article page lists.
pub const RELATED: usize = 4;

/// The whole site, immutable once built.
#[derive(Debug)]
pub struct Site {
    /// Resolved configuration.
    pub config: Config,
    /// All articles, newest first. Shared, so that a rebuild reuses unchanged ones.
    pub articles: Vec<Arc<Article>>,
    /// Per article (same index): its path and neighbours.
    pub links: Vec<Links>,
    /// One index per configured language that has articles, the default language first.
    pub langs: Vec<LangIndex>,
}

impl Site {
    /// Builds the model; fails when two articles would be written to the same path.
    pub fn new(config: Config, articles: Vec<Arc<Article>>) -> Result<Site, Diagnostics> {
        // Newest first; the instant is taken out once, so most comparisons touch no article.
        let mut order: Vec<(i64, u32, usize)> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let utc = a.date.naive_utc().and_utc();
                (-utc.timestamp(), utc.timestamp_subsec_nanos(), i)
            })
            .collect();
        order.sort_unstable_by(|x, y| {
            let (a, b) = (&articles[x.2], &articles[y.2]);
            (x.0, y.1)
                .cmp(&(y.0, x.1))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.rel_path.cmp(&b.rel_path))
        });
        let articles: Vec<Arc<Article>> = {
            let mut slots: Vec<Option<Arc<Article>>> = articles.into_iter().map(Some).collect();
            order
                .iter()
                .map(|o| slots[o.2].take().expect("each once"))
                .collect()
        };
        // In parallel: with 10,000 articles this is memory-bound (each article is a pointer away).
        let mut links: Vec<Links> = articles
            .par_iter()
            .map(|a| Links {
                path: article_path(&config, a),
                ..Links::default()
            })
            .collect();
        check_unique_paths(&articles, &links)?;
        let langs: Vec<LangIndex> = config
            .languages
            .iter()
            .map(|l| index_language(&config, &articles, &l.code))
            .filter(|l| !l.articles.is_empty() || l.code == config.default_language())
            .collect();
        for lang in &langs {
            for pair in lang.articles.windows(2) {
                links[pair[0]].older = Some(pair[1]);
                links[pair[1]].newer = Some(pair[0]);
            }
            for section in &lang.sections {
                link_related(&section.articles, &mut links);
            }
        }
        link_translations(&articles, &mut links);
        Ok(Site {
            config,
            articles,
            links,
            langs,
        })
    }

    /// The index of a language, when it has one.
    pub fn lang(&self, code: &str) -> Option<&LangIndex> {
        self.langs.iter().find(|l| l.code == code)
    }
}

/// `world/story/` for the default language, `ru/world/story/` for others.
fn article_path(config: &Config, article: &Article) -> String {
    format!(
        "{}{}/{}/",
        config.language_prefix(&article.lang),
        article.section,
        article.slug
    )
}

fn check_unique_paths(articles: &[Arc<Article>], links: &[Links]) -> Result<(), Diagnostics> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    let mut problems = Vec::new();
    for (i, link) in links.iter().enumerate() {
        if let Some(&first) = seen.get(link.path.as_str()) {
            problems.push(
                Diagnostic::new(
                    &articles[i].rel_path,
                    None,
                    format!(
                        "same URL /{} as {}",
                        link.path,
                        articles[first].rel_path.display()
                    ),
                )
                .with_hint("give one of them another file name or a `slug:` of its own"),
            );
        } else {
            seen.insert(&link.path, i);
        }
    }
    Diagnostics(problems).into_result()
}

fn index_language(config: &Config, articles: &[Arc<Article>], code: &str) -> LangIndex {
    let prefix = config.language_prefix(code);
    let mine: Vec<usize> = (0..articles.len())
        .filter(|&i| articles[i].lang == code)
        .collect();
    let mut sections: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    // Keys borrow from the articles: one allocation per distinct tag, not per use.
    let mut tags: HashMap<&str, (&str, Vec<usize>)> = HashMap::new();
    for &i in &mine {
        let article = &articles[i];
        sections.entry(&article.section).or_default().push(i);
        for (tag, slug) in article.tags.iter().zip(&article.tag_slugs) {
            if slug.is_empty() {
                continue;
            }
            let entry = tags.entry(slug).or_insert_with(|| (tag, Vec::new()));
            // A tag listed twice on one article still lists the article once.
            if entry.1.last() != Some(&i) {
                entry.1.push(i);
            }
        }
    }
    let configured: Vec<&String> = config.section_titles.iter().map(|(s, _)| s).collect();
    let mut sections: Vec<Group> = sections
        .into_iter()
        .map(|(slug, articles)| Group {
            slug: slug.to_string(),
            name: config.section_title(slug, code),
            path: format!("{prefix}{slug}/"),
            articles,
        })
        .collect();
    sections.sort_by_cached_key(|g| {
        let pos = configured.iter().position(|c| **c == g.slug);
        (pos.unwrap_or(usize::MAX), g.name.to_lowercase())
    });
    let mut tags: Vec<Group> = tags
        .into_iter()
        .map(|(slug, (name, articles))| Group {
            path: format!("{prefix}tags/{slug}/"),
            slug: slug.to_string(),
            name: name.to_string(),
            articles,
        })
        .collect();
    tags.sort_by_cached_key(|g| (g.name.to_lowercase(), g.slug.clone()));
    LangIndex {
        code: code.to_string(),
        prefix,
        articles: mine,
        sections,
        tags,
    }
}

/// For each article of a section (newest first), its nearest neighbours in the list, alternating
/// newer and older. Work is bounded per article, whatever the section's size.
fn link_related(section: &[usize], links: &mut [Links]) {
    for (pos, &i) in section.iter().enumerate() {
        let mut related = Vec::with_capacity(RELATED);
        for distance in 1..section.len() {
            for near in [pos.checked_sub(distance), pos.checked_add(distance)] {
                if let Some(&j) = near.and_then(|p| section.get(p)) {
                    if related.len() < RELATED {
                        related.push(j);
                    }
                }
            }
            if related.len() == RELATED {
                break;
            }
        }
        links[i].related = related;
    }
}

fn link_translations(articles: &[Arc<Article>], links: &mut [Links]) {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        if let Some(key) = &article.translation_key {
            by_key.entry(key).or_default().push(i);
        }
    }
    for group in by_key.values() {
        for &i in group {
            links[i].translations = group
                .iter()
                .copied()
                .filter(|&j| j != i && articles[j].lang != articles[i].lang)
                .collect();
        }
    }
}

/// The site-relative path of page `n` (1-based) of a list whose first page is at `first`.
pub fn page_path(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Source;
    use crate::slug::slugify;
    use chrono::DateTime;
    use std::path::{Path, PathBuf};

    fn article(
        path: &str,
        lang: &str,
        section: &str,
        slug: &str,
        day: u32,
        tags: &[&str],
    ) -> Arc<Article> {
        Arc::new(Article {
            rel_path: PathBuf::from(path),
            title: slug.to_uppercase(),
            date: DateTime::parse_from_rfc3339(&format!("2025-01-{day:02}T00:00:00Z")).unwrap(),
            updated: None,
            section: section.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            tag_slugs: tags.iter().map(|t| slugify(t)).collect(),
            lang: lang.into(),
            source: Source {
                name: "S".into(),
                url: "https://e.org/".into(),
                notice: None,
            },
            authors: vec![],
            summary: String::new(),
            image: None,
            image_in_body: false,
            views: None,
            draft: false,
            slug: slug.into(),
            translation_key: Some(slug.chars().take(1).collect()),
            body_html: String::new(),
            words: 0,
            fingerprint: 0,
        })
    }

    fn config() -> Config {
        Config::parse(
            Path::new("/s"),
            "languages: {en: {name: English}, ru: {name: R}}",
        )
        .unwrap()
    }

    #[test]
    fn sorts_indexes_and_links() {
        let site = Site::new(
            config(),
            vec![
                article("a.md", "en", "world", "a", 1, &["Syria", "syria"]),
                article("b.md", "en", "world", "b", 3, &["Syria"]),
                article("c.md", "ru", "world", "a-ru", 2, &[]),
            ],
        )
        .unwrap();
        assert_eq!(site.articles[0].slug, "b");
        assert_eq!(site.links[2].path, "world/a/");
        assert_eq!(site.links[1].path, "ru/world/a-ru/");
        let en = site.lang("en").unwrap();
        assert_eq!(en.tags.len(), 1);
        assert_eq!(en.tags[0].path, "tags/syria/");
        assert_eq!(en.tags[0].articles, [0, 2]);
        assert_eq!(site.links[0].older, Some(2));
        assert_eq!(site.links[2].newer, Some(0));
        assert_eq!(site.links[2].translations, [1]);
        assert_eq!(site.links[0].related, [2]);
        assert!(
            site.links[1].related.is_empty(),
            "the ru article is alone in its section"
        );
    }

    #[test]
    fn duplicate_paths_name_both_files() {
        let err = Site::new(
            config(),
            vec![
                article("content/world/a.md", "en", "world", "a", 1, &[]),
                article("content/world/A.md", "en", "world", "a", 2, &[]),
            ],
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("content/world/a.md") && text.contains("content/world/A.md"),
            "{text}"
        );
    }

    #[test]
    fn page_paths() {
        assert_eq!(page_path("world/", 1), "world/");
        assert_eq!(page_path("world/", 3), "world/page/3/");
        assert_eq!(page_path("", 2), "page/2/");
    }
}
