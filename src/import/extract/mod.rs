//! Article extraction: one HTML page in, the article's metadata and clean Markdown body out.
//!
//! Everything that reads a page (saved files, fetched URLs, feed entries whose page is fetched)
//! goes through [`extract_html`]; the rest of `import` decides where the result is written.
//!
//! The page is parsed once with an HTML5 parser (`scraper`/html5ever). `content` scores the
//! elements to find the article, `markdown` and `blocks` turn it into filtered Markdown, and
//! `signals`, `meta`, `dates` and `notices` read the metadata.

mod blocks;
mod content;
mod dates;
mod junk;
mod links;
mod markdown;
mod meta;
mod notices;
mod signals;
mod tables;

use scraper::Html;
use url::Url;

/// What one page yields: the article without the site around it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Headline, without the site name.
    pub title: Option<String>,
    /// Publication date: RFC 3339 when the time zone is known, else `YYYY-MM-DD[ HH:MM]`.
    pub date: Option<String>,
    /// Last update, same formats as `date`.
    pub updated: Option<String>,
    /// Author names, bylines stripped of "By" and the like.
    pub authors: Vec<String>,
    /// Section name as the page shows it (breadcrumb, `article:section`, URL path).
    pub section: Option<String>,
    /// Tags or keywords.
    pub tags: Vec<String>,
    /// Language code (`en`, `ru`, …) from the page.
    pub lang: Option<String>,
    /// Short description (`og:description`, meta description).
    pub summary: Option<String>,
    /// Lead image, absolute URL.
    pub image: Option<String>,
    /// View count when the page shows one.
    pub views: Option<u64>,
    /// The outlet's name (`og:site_name`, the reuse notice, …).
    pub site_name: Option<String>,
    /// The article's own URL (canonical link, `og:url`), absolute.
    pub canonical_url: Option<String>,
    /// A reuse notice such as "Any use of materials is allowed only if there is a hyperlink to X".
    pub reuse_notice: Option<String>,
    /// The body as sanitized Markdown: no headline, no chrome.
    pub body: String,
}

impl Extracted {
    /// The authors as one line, the way a reader writes them: "A", "A and B", "A, B, and C".
    pub fn author_line(&self) -> Option<String> {
        meta::join_names(&self.authors)
    }
}

/// What the body keeps besides the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Write images' alt text (`![alt](src)`); off writes `![](src)`.
    pub image_alt: bool,
    /// Write figure captions as italic lines.
    pub captions: bool,
}

impl Default for ExtractOptions {
    /// The reader's profile: alt text and captions kept.
    fn default() -> Self {
        ExtractOptions {
            image_alt: true,
            captions: true,
        }
    }
}

impl ExtractOptions {
    /// The article-text profile of extraction benchmarks, whose ground truth leaves out alt
    /// text and captions.
    pub fn text_only() -> Self {
        ExtractOptions {
            image_alt: false,
            captions: false,
        }
    }
}

/// Extracts the article from one page with [`ExtractOptions::default`]. `page_url` is where
/// the page lives (for making links absolute and as a fallback source URL); `None` for a saved
/// file with no known address.
pub fn extract_html(html: &str, page_url: Option<&url::Url>) -> Extracted {
    extract_html_with(html, page_url, &ExtractOptions::default())
}

/// [`extract_html`] with explicit options.
pub fn extract_html_with(
    html: &str,
    page_url: Option<&url::Url>,
    opts: &ExtractOptions,
) -> Extracted {
    let doc = Html::parse_document(html);
    let sig = signals::collect(&doc);
    let canonical = sig
        .canonical
        .as_deref()
        .or_else(|| sig.meta(&["og:url"]))
        .and_then(|c| meta::absolute(c, page_url));
    let own_base = canonical.as_deref().and_then(|c| Url::parse(c).ok());
    let base = page_url.or(own_base.as_ref());
    let mut x = metadata(&doc, &sig, base, canonical);
    x.body = body(&doc, base, x.title.as_deref(), opts);
    x
}

fn metadata(
    doc: &Html,
    sig: &signals::Signals,
    base: Option<&Url>,
    canonical: Option<String>,
) -> Extracted {
    let ld = meta::article_ld(sig);
    let (reuse_notice, views) = notices::scan(doc);
    let site_name = sig
        .meta(&["og:site_name", "application-name"])
        .map(meta::decode_entities)
        .or_else(|| {
            ld.and_then(|v| v.get("publisher"))
                .and_then(|p| meta::ld_text(Some(p), "name"))
        })
        .or_else(|| reuse_notice.as_deref().and_then(notices::notice_outlet));
    let url_str = base.map(Url::as_str);
    let ld_pub = meta::ld_text(ld, "datePublished").or_else(|| meta::ld_text(ld, "dateCreated"));
    let ld_mod = meta::ld_text(ld, "dateModified");
    Extracted {
        title: meta::title(sig, ld, site_name.as_deref()),
        date: dates::published(sig, ld_pub.as_deref(), ld_mod.as_deref(), url_str)
            .map(|d| d.render()),
        updated: dates::modified(sig, ld_mod.as_deref()).map(|d| d.render()),
        authors: meta::authors(sig, ld, site_name.as_deref()),
        section: meta::section(sig, ld, base),
        tags: meta::tags(sig, ld),
        lang: sig.lang.clone().or_else(|| meta::ld_text(ld, "inLanguage")),
        summary: sig
            .meta(&["og:description", "description", "twitter:description"])
            .map(meta::decode_entities)
            .or_else(|| meta::ld_text(ld, "description")),
        image: sig
            .meta(&[
                "og:image",
                "og:image:url",
                "twitter:image",
                "twitter:image:src",
            ])
            .map(str::to_string)
            .or_else(|| meta::ld_text(ld, "image"))
            .and_then(|i| meta::absolute(&i, base)),
        views,
        site_name,
        canonical_url: canonical,
        reuse_notice,
        body: String::new(),
    }
}

/// The article body as Markdown, without the headline.
fn body(doc: &Html, base: Option<&Url>, title: Option<&str>, opts: &ExtractOptions) -> String {
    let analysis = content::analyse(doc);
    let roots: Vec<_> = content::find_article(doc, &analysis)
        .into_iter()
        .filter_map(|id| doc.tree.get(id))
        .collect();
    let walk = markdown::Walk {
        analysis: &analysis,
        base,
        captions: opts.captions,
        image_alt: opts.image_alt,
    };
    let mut blocks = blocks::filter(markdown::to_blocks(&roots, &walk));
    if let Some(t) = title.map(meta::norm) {
        // The headline lives in the front matter.
        blocks.retain(|b| {
            !matches!(b.kind, blocks::Kind::Heading(_))
                || meta::norm(&blocks::plain_text(&b.text)) != t
        });
    }
    blocks::render(&blocks)
}

/// Describes which elements the content scorer picked (tag, class, id): a tuning aid for the
/// corpus runner's `--explain`, not part of the import contract.
#[doc(hidden)]
pub fn explain_article(html: &str, needle: Option<&str>) -> Vec<String> {
    let doc = Html::parse_document(html);
    let analysis = content::analyse(&doc);
    let describe = |n: ego_tree::NodeRef<scraper::Node>| {
        let e = n.value().as_element()?;
        Some(format!(
            "{} class={:?} id={:?} text={} junk={}",
            e.name(),
            e.attr("class")
                .map(|c| c.chars().take(80).collect::<String>()),
            e.id(),
            analysis.stat(n.id()).text,
            analysis.junk.contains(&n.id())
        ))
    };
    let mut out: Vec<String> = content::find_article(&doc, &analysis)
        .into_iter()
        .filter_map(|id| doc.tree.get(id))
        .filter_map(describe)
        .collect();
    let hit = needle.and_then(|nd| {
        doc.tree
            .nodes()
            .find(|n| n.value().as_text().is_some_and(|t| t.contains(nd)))
    });
    if let Some(hit) = hit {
        let mut path: Vec<String> = hit.ancestors().filter_map(describe).collect();
        path.reverse();
        out.extend(path.into_iter().map(|p| format!("  path: {p}")));
    }
    out
}
