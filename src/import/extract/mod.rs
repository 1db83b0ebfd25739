//! Article extraction: one HTML page in, the article's metadata and clean Markdown body out.
//!
//! Everything that reads a page (saved files, fetched URLs, feed entries whose page is fetched)
//! goes through [`extract_html`]; the rest of `import` decides where the result is written.
//!
//! The page is parsed once with an HTML5 parser (`scraper`/html5ever), and `streaming` puts
//! React's streamed segments where the page's script would. `analysis` measures and marks the
//! elements, `content` scores them to find the article (`lede` adds an opening set apart),
//! `markdown` (with `pictures`) and `blocks` (with `furniture` and `alt`) turn it into filtered
//! Markdown, and `signals`, `meta`, `dates` (with `datetext`) and `notices` read the metadata.

mod alt;
mod analysis;
mod authors;
mod bio;
pub(crate) mod block_headings;
mod blocks;
mod content;
mod contents;
mod date_keys;
mod dates;
mod datetext;
mod explain;
mod faq;
mod furniture;
mod junk;
mod lede;
mod links;
mod markdown;
mod mdtext;
mod meta;
mod notices;
mod pictures;
mod repeats;
mod signals;
mod streaming;
mod tables;
mod teasers;

#[doc(hidden)]
pub use explain::explain_article;

pub(crate) use authors::clean_byline;
pub(crate) use bio::{closing_range, is_bio_of_any, opens_bio_of};
pub(crate) use datetext::{is_month_and_day, month_number};
pub(crate) use furniture::{is_furniture, is_furniture_label};
pub(crate) use mdtext::{escape_inline, escape_text, fenced};
pub(crate) use meta::norm;
pub(crate) use notices::{named_host, VIEW_LABELS};
use scraper::Html;
pub(crate) use signals::{published_label, FIRST_RUN_LABELS, PUBLISHED_LABELS, UPDATE_LABELS};
pub(crate) use tables::{render as render_table, Cell as TableCell};
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
        authors::join_names(&self.authors)
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
    let doc = parse(html);
    let sig = signals::collect(&doc);
    let canonical = sig
        .canonical
        .as_deref()
        .or_else(|| sig.meta(&["og:url"]))
        .and_then(|c| meta::absolute(c, page_url));
    let own_base = canonical.as_deref().and_then(|c| Url::parse(c).ok());
    let base = page_url.or(own_base.as_ref());
    let mut x = metadata(&doc, &sig, base, canonical);
    x.body = body(&doc, base, &x, opts);
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
    let title = meta::title(sig, ld, site_name.as_deref());
    Extracted {
        section: meta::section(sig, ld, base, title.as_deref()),
        title,
        date: dates::published(sig, ld_pub.as_deref(), ld_mod.as_deref(), url_str)
            .map(|d| d.render()),
        updated: dates::modified(sig, ld_mod.as_deref()).map(|d| d.render()),
        authors: authors::authors(sig, ld, site_name.as_deref()),
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
fn body(doc: &Html, base: Option<&Url>, meta: &Extracted, opts: &ExtractOptions) -> String {
    let title = meta.title.as_deref();
    let analysis = analysis::analyse(doc);
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
    alt::drop_repeated_alt(&mut blocks, title);
    bio::drop_author_bio(&mut blocks, &meta.authors);
    if let Some(t) = title.map(meta::norm) {
        // The headline lives in the front matter.
        blocks.retain(|b| {
            !matches!(b.kind, blocks::Kind::Heading(_))
                || meta::norm(&blocks::plain_text(&b.text)) != t
        });
    }
    // Mojibake written as entities (`isn&acirc;&euro;&trade;t`) only shows once parsed.
    let text = blocks::render(&blocks);
    match crate::import::charset::repair_mojibake(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(repaired) => repaired,
    }
}

/// Parses a page into the tree every reader works on, with streamed segments put where the
/// page's own script would have put them.
fn parse(html: &str) -> Html {
    let html = crate::import::charset::repair_mojibake(html);
    let mut doc = Html::parse_document(&html);
    if streaming::may_hold_segments(&html) {
        streaming::resolve(&mut doc);
    }
    doc
}

/// The day a full date in the URL path names (`/2025/12/19/`), as `YYYY-MM-DD`.
pub(crate) fn date_in_url(url: &str) -> Option<String> {
    dates::url_date(url).map(|d| d.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "The council voted on Tuesday to close the old bridge, citing safety \
        reports, rising costs and a long list of repairs that never happened.";

    fn page(article: &str) -> String {
        format!(
            "<html lang=en><head><title>Bridge closes | Daily Test</title>\
             <meta property=og:site_name content='Daily Test'></head><body>\
             <nav><a href=/>Home</a><a href=/world>World</a></nav>\
             <article><h1>Bridge closes</h1>{article}</article>\
             <footer>© Daily Test</footer></body></html>"
        )
    }

    fn body_of(article: &str) -> String {
        let url = Url::parse("https://news.test/world/bridge.html").unwrap();
        extract_html(&page(article), Some(&url)).body
    }

    /// The body of a test page with `article` between two paragraphs of prose, read without
    /// the page's address, so that links and pictures stay as written. Other modules' tests
    /// use it too.
    pub(super) fn body_amid_prose(article: &str) -> String {
        extract_html(
            &page(&format!("<p>{PROSE}</p>{article}<p>{PROSE}</p>")),
            None,
        )
        .body
    }

    #[test]
    fn a_section_s_own_header_keeps_its_subheading() {
        let section =
            |h: &str| format!("<section><header><h2>{h}</h2></header><p>{PROSE}</p></section>");
        let article = format!(
            "<header><p>By Ann Lee</p></header>{}{}",
            section("1. Myth: all fat is bad"),
            section("2. Myth: frozen is worse")
        );
        let body = body_of(&article);
        assert!(body.contains("## 1. Myth: all fat is bad"), "{body}");
        assert!(body.contains("## 2. Myth"), "{body}");
        assert!(!body.contains("Ann Lee"), "{body}");
    }

    #[test]
    fn a_table_of_links_is_a_directory_but_a_data_table_stays() {
        let row = |a: &str, b: &str| format!("<tr><td>{a}</td><td>{b}</td></tr>");
        let links = format!(
            "<p>{PROSE}</p><table>{}{}</table>",
            row("<a href=/al>Alabama LLC</a>", "<a href=/ak>Alaska LLC</a>"),
            row(
                "<a href=/az>Arizona LLC</a>",
                "<a href=/ar>Arkansas LLC</a>"
            )
        );
        assert!(!body_of(&links).contains("Alaska"));
        let data = format!(
            "<p>{PROSE}</p><table>{}{}</table>",
            row("State", "Fee"),
            row("<a href=/al>Alabama</a>", "$200 filing fee")
        );
        assert!(body_of(&data).contains("| [Alabama]"), "{}", body_of(&data));
    }

    #[test]
    fn executable_and_interactive_content_never_reaches_markdown() {
        let hostile = format!(
            "<p onclick=\"alert(1)\">{PROSE}</p>\
             <script>alert('s')</script><style>p{{color:red}}</style>\
             <p>{PROSE} <a href=\"javascript:alert(2)\">click me</a> \
             <a href=\" JaVaScRiPt:alert(3)\">again</a> <img src=x onerror=alert(4) alt=pic></p>\
             <iframe src=https://evil.test/frame>frame text</iframe>\
             <form action=/steal><input name=q value=secretvalue><button>Send</button></form>\
             <p>{PROSE} &lt;script&gt;alert(5)&lt;/script&gt;</p>"
        );
        let body = body_of(&hostile);
        assert!(body.contains("The council voted"), "{body}");
        for bad in [
            "alert(1)",
            "alert(2)",
            "alert(3)",
            "alert(4)",
            "alert('s')",
            "javascript",
            "JaVaScRiPt",
            "onclick",
            "onerror",
            "color:red",
            "frame text",
            "evil.test",
            "secretvalue",
            "Send",
            "<iframe",
            "<form",
            "&lt;",
        ] {
            assert!(!body.contains(bad), "{bad} leaked into:\n{body}");
        }
        // Link texts survive without their unsafe targets.
        assert!(body.contains("click me") && !body.contains("](javascript"));
        // Text that looks like markup is escaped: rendered, it is text, never a tag.
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&body));
        assert!(
            !html.contains("<script") && html.contains("&lt;script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn body_is_markdown_without_headline_or_chrome() {
        let html = format!(
            "<p>{PROSE}</p><h2>What happens next</h2><p>{PROSE}</p>\
             <ul><li>First point of the plan</li><li>Second point of the plan</li></ul>\
             <blockquote><p>We had no choice, said the mayor of the town today.</p></blockquote>\
             <p>See <a href=/report.pdf>the report</a> for details.</p>\
             <div class=share-bar><a href=https://x.test/share>Share on X</a></div>\
             <div class=related><h3>Related</h3><a href=/a>Other story</a></div>"
        );
        let body = body_of(&html);
        assert!(
            !body.contains("Bridge closes"),
            "headline repeated:\n{body}"
        );
        assert!(body.contains("## What happens next"));
        assert!(body.contains("- First point of the plan\n- Second point"));
        assert!(body.contains("> We had no choice"));
        assert!(body.contains("[the report](https://news.test/report.pdf)"));
        for chrome in ["Share on X", "Other story", "Home", "© Daily Test"] {
            assert!(!body.contains(chrome), "{chrome} in:\n{body}");
        }
    }

    #[test]
    fn metadata_comes_from_json_ld_and_meta_tags() {
        let html = format!(
            "<html lang=en><head><title>Bridge closes - Daily Test</title>\
             <meta property=og:site_name content='Daily Test'>\
             <meta property=article:section content=World>\
             <meta property=article:tag content=bridges><meta property=article:tag content=council>\
             <meta property=og:image content=/img/bridge.jpg>\
             <meta name=description content='The old bridge closes.'>\
             <link rel=canonical href=https://news.test/world/bridge>\
             <script type=application/ld+json>{{\"@context\":\"https://schema.org\",\
             \"@type\":\"NewsArticle\",\"headline\":\"Bridge closes\",\
             \"datePublished\":\"2025-06-12T15:29:00+04:00\",\"dateModified\":\"2025-06-13T09:00:00+04:00\",\
             \"author\":[{{\"@type\":\"Person\",\"name\":\"Ann Lee\"}},{{\"@type\":\"Person\",\"name\":\"Bo Chan\"}}]}}\
             </script></head><body><h1>Bridge closes</h1><p>{PROSE}</p><p>Views: 778</p></body></html>"
        );
        let x = extract_html(&html, None);
        assert_eq!(x.title.as_deref(), Some("Bridge closes"));
        assert_eq!(x.date.as_deref(), Some("2025-06-12T15:29:00+04:00"));
        assert_eq!(x.updated.as_deref(), Some("2025-06-13T09:00:00+04:00"));
        assert_eq!(
            x.authors,
            vec!["Ann Lee".to_string(), "Bo Chan".to_string()]
        );
        assert_eq!(x.author_line().as_deref(), Some("Ann Lee and Bo Chan"));
        assert_eq!(x.section.as_deref(), Some("World"));
        assert_eq!(x.tags, vec!["bridges".to_string(), "council".to_string()]);
        assert_eq!(x.lang.as_deref(), Some("en"));
        assert_eq!(x.site_name.as_deref(), Some("Daily Test"));
        assert_eq!(
            x.canonical_url.as_deref(),
            Some("https://news.test/world/bridge")
        );
        assert_eq!(x.image.as_deref(), Some("https://news.test/img/bridge.jpg"));
        assert_eq!(x.summary.as_deref(), Some("The old bridge closes."));
        assert_eq!(x.views, Some(778));
    }

    #[test]
    fn a_summary_in_the_section_tag_is_no_section() {
        let summary = "Staying ahead of fitness trends keeps personal trainers competitive and \
            in demand as new technologies emerge";
        let html = format!(
            "<head><meta property=article:section content='{summary}'></head>\
             <body><h1>A headline here</h1><p>{PROSE}</p></body>"
        );
        let url = Url::parse("https://news.test/fitness/trends-2026/").unwrap();
        assert_eq!(
            extract_html(&html, Some(&url)).section.as_deref(),
            Some("Fitness")
        );
        // A breadcrumb trail of the home page and the article names no section either.
        let html = format!(
            "<body><nav class=breadcrumb><a href=/>Home</a> › <span>Best PTO practices</span></nav>\
             <h1>Best PTO practices</h1><p>{PROSE}</p></body>"
        );
        assert_eq!(
            extract_html(&html, Some(&url)).section.as_deref(),
            Some("Fitness")
        );
    }

    #[test]
    fn an_unfilled_author_placeholder_is_no_author() {
        let html = format!(
            "<head><meta name=author content=undefined></head>\
             <body><h1>A headline here</h1><p>{PROSE}</p></body>"
        );
        assert!(extract_html(&html, None).authors.is_empty());
    }

    #[test]
    fn dates_fall_back_to_the_url_and_visible_text() {
        let html = format!("<body><h1>A headline here</h1><p>By Jane Roe</p><p>{PROSE}</p></body>");
        let url = Url::parse("https://news.test/2019/11/18/a-headline-here/").unwrap();
        let x = extract_html(&html, Some(&url));
        assert_eq!(x.date.as_deref(), Some("2019-11-18"));
        assert_eq!(x.authors, vec!["Jane Roe".to_string()]);
        let html =
            format!("<body><h1>A headline</h1><span>18 November 2019</span><p>{PROSE}</p></body>");
        assert_eq!(
            extract_html(&html, None).date.as_deref(),
            Some("2019-11-18")
        );
    }

    #[test]
    fn text_only_profile_drops_alt_text_and_captions() {
        let html = page(&format!(
            "<p>{PROSE}</p><figure><img src=/p.jpg alt='A closed bridge'>\
             <figcaption>The bridge on Monday.</figcaption></figure><p>{PROSE}</p>"
        ));
        let url = Url::parse("https://news.test/a").unwrap();
        let reader = extract_html(&html, Some(&url)).body;
        assert!(
            reader.contains("![A closed bridge](https://news.test/p.jpg)"),
            "{reader}"
        );
        assert!(reader.contains("*The bridge on Monday.*"), "{reader}");
        let text = extract_html_with(&html, Some(&url), &ExtractOptions::text_only()).body;
        assert!(text.contains("![](https://news.test/p.jpg)") && !text.contains("Monday"));
    }

    #[test]
    fn a_lazy_loaded_picture_is_read_from_its_data_attribute_and_credits_go() {
        let html = page(&format!(
            "<p>{PROSE}</p><p><img src=/plugins/lazy_placeholder.gif data-src=/2023/meditating.webp \
             alt='A woman meditating'></p><p>Courtesy of brand</p><p>Credit: Thomas Hengge</p>\
             <p>Advertisement - Page continues below</p><p>Best Prices Today:</p><p>{PROSE}</p>"
        ));
        let url = Url::parse("https://news.test/a").unwrap();
        let body = extract_html(&html, Some(&url)).body;
        assert!(
            body.contains("![A woman meditating](https://news.test/2023/meditating.webp)"),
            "{body}"
        );
        for furniture in ["placeholder", "Courtesy", "Credit", "continues", "Prices"] {
            assert!(!body.contains(furniture), "{furniture}: {body}");
        }
        // The picture only in srcset, the widest one taken; a placeholder with nothing
        // behind it is no picture.
        let html = page(&format!(
            "<p>{PROSE}</p><p><img src=/lazy-load/images/1x1.trans.gif alt='Twelve projects' \
             srcset='/up/projects.jpg 700w, /up/projects-210x300.jpg 210w'></p>\
             <p><img src=/a3-lazy-load/lazy_placeholder.gif alt='A GPS watch'></p><p>{PROSE}</p>"
        ));
        let body = extract_html(&html, Some(&url)).body;
        assert!(
            body.contains("![Twelve projects](https://news.test/up/projects.jpg)"),
            "{body}"
        );
        assert!(!body.contains(".gif") && !body.contains("GPS"), "{body}");
    }

    #[test]
    fn alt_text_that_says_nothing_new_is_dropped() {
        let html = page(&format!(
            "<p>{PROSE}</p><figure><img src=/a.jpg alt='The bridge on Monday.'>\
             <figcaption>The bridge on Monday.</figcaption></figure>\
             <p><img src=/b.jpg alt='bridge-night_IMG_2953.jpg'></p>\
             <p><img src=/c.jpg alt='Cars queue at the closed bridge'></p>\
             <p><a href=/other-story><img src=/d.jpg alt='Another story headline'></a></p>\
             <p>{PROSE}</p>"
        ));
        let url = Url::parse("https://news.test/a").unwrap();
        let body = extract_html(&html, Some(&url)).body;
        // Repeats the caption; a file name; a teaser linking to another page: no alt text.
        assert!(body.contains("![](https://news.test/a.jpg)"), "{body}");
        assert!(body.contains("![](https://news.test/b.jpg)"), "{body}");
        assert!(!body.contains("Another story"), "{body}");
        // A description of its own stays.
        assert!(
            body.contains("![Cars queue at the closed bridge](https://news.test/c.jpg)"),
            "{body}"
        );
    }

    #[test]
    fn alt_text_made_of_the_words_beside_the_picture_is_dropped() {
        let html = page(&format!(
            "<p>{PROSE}</p><h2>Bells of Steel Rubber Hex Dumbbells</h2>\
             <p><img src=/a.jpg alt='rubber hex dumbbells bells of steel'></p>\
             <p>{PROSE}</p><h2>Cork yoga mats</h2>\
             <p><img src=/b.jpg alt='A cork yoga mat rolled out on a balcony at dawn'></p>\
             <p>{PROSE}</p>"
        ));
        let body = extract_html(&html, None).body;
        assert!(body.contains("![](/a.jpg)"), "{body}");
        // Words the heading does not have: a description.
        assert!(body.contains("![A cork yoga mat rolled out"), "{body}");
    }

    #[test]
    fn a_sidebar_layout_column_around_the_headline_is_read() {
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><div class='page-content and-w-sidebar'>\
             <h1>Bridge closes</h1><div class=story>{}</div>\
             <aside>{}</aside></div><footer>{}</footer></body>",
            format!("<p>{PROSE}</p>").repeat(4),
            "<a href=/x>Other headline in the rail</a> ".repeat(10),
            "Footer words for the site. ".repeat(60)
        );
        let body = extract_html(&html, None).body;
        assert!(body.contains("The council voted"), "{body}");
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    #[test]
    fn odd_inputs_do_not_panic() {
        for html in [
            "",
            "just text",
            "<html>",
            "<p>",
            "<table><td>x",
            "\u{0}\u{feff}<b>x",
        ] {
            let _ = extract_html(html, None);
        }
        let deep = format!("{}<p>deep text here</p>", "<div>".repeat(5_000));
        let x = extract_html(&deep, None);
        assert!(x.body.len() < 10_000);
    }
}
