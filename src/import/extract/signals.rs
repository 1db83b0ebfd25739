//! One pass over the page collecting every metadata signal: `<meta>` tags, JSON-LD, the
//! canonical link, `<time>` elements, headings, bylines, breadcrumbs and short date-like texts.
//! Deciding between them is left to `meta` and `dates`.

mod bylines;
mod datelines;

use std::collections::HashMap;

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use bylines::{author_link, labelled_byline, visible_text_of};
use datelines::{dateline_above, labelled_date, visible_date};
pub(crate) use datelines::{published_label, FIRST_RUN_LABELS, PUBLISHED_LABELS, UPDATE_LABELS};

/// A `<time>` element or an element marked `itemprop="datePublished"`.
#[derive(Debug, Clone)]
pub(super) struct TimeEl {
    /// `datetime` or `content` attribute, else the text.
    pub value: String,
    /// Marked as the publication time (`pubdate`, `itemprop=datePublished`, a "publish" class).
    pub published: bool,
    /// Marked as an update time.
    pub modified: bool,
}

/// Everything the metadata layer looks at.
#[derive(Debug, Default)]
pub(super) struct Signals {
    /// `<meta>` contents by lower-cased `name`, `property`, `itemprop` or `http-equiv`.
    pub metas: HashMap<String, Vec<String>>,
    /// JSON-LD objects, flattened out of arrays and `@graph`.
    pub ld: Vec<Value>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    pub title_tag: Option<String>,
    /// Texts of `<h1>` elements, in order.
    pub h1: Vec<String>,
    pub times: Vec<TimeEl>,
    /// Texts of byline-like elements (author links, `byline` classes).
    pub bylines: Vec<String>,
    /// Bylines introduced by a "By" / "Written by" label, in order.
    pub labelled: Vec<String>,
    /// Set after a lone "By" label: the next text is the name.
    by_pending: bool,
    /// Texts of links to author profile pages (`/author/…`), in order.
    pub author_links: Vec<String>,
    /// Breadcrumb trail texts, in order.
    pub breadcrumbs: Vec<String>,
    /// Short texts of date-like elements (`class="date"`, `posted-on`, …).
    pub date_texts: Vec<String>,
    /// Dates after a "Published" / "Posted on" label in the visible text, in order.
    pub labelled_published: Vec<String>,
    /// Dates a sentence says the page was first published on ("This post was originally
    /// published on …"), in order: a note in the text, below a label of the page's own.
    pub published_in_prose: Vec<String>,
    /// Set after a lone publication label: the next text holds the date.
    pub_pending: bool,
    /// Set after a text that dates something other than the page ("Joined", "Member since").
    other_pending: bool,
    /// Set after a lone update label ("Last updated:"): the next date is an update's.
    update_pending: bool,
    /// Non-empty visible text nodes seen since the first `<h1>`.
    texts_after_h1: usize,
    /// Non-empty visible text nodes seen in all.
    texts_seen: usize,
    /// Text nodes of the visible dates seen before the first `<h1>`.
    dates_above_h1: Vec<ego_tree::NodeId>,
    /// Dates written in the visible text, in page order.
    pub visible_dates: Vec<super::dates::Visible>,
}

impl Signals {
    /// First non-empty meta content for any of the keys, in the keys' order.
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .filter_map(|k| self.metas.get(*k))
            .flatten()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
    }

    /// All contents for a key.
    pub fn metas_of(&self, key: &str) -> &[String] {
        self.metas.get(key).map_or(&[], Vec::as_slice)
    }
}

/// Collects the signals of a parsed page.
pub(super) fn collect(doc: &Html) -> Signals {
    let mut s = Signals::default();
    let root = doc.root_element();
    s.lang = root
        .attr("lang")
        .or_else(|| root.attr("xml:lang"))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    for node in root.descendants() {
        if let Some(el) = ElementRef::wrap(node) {
            element(&mut s, el, node);
        } else if let Some(t) = node.value().as_text() {
            if !in_code(node) {
                visible_date(&mut s, t, node);
                labelled_date(&mut s, t);
                labelled_byline(&mut s, t, node);
            }
        }
    }
    s
}

/// Whether a text node is script, style or similar rather than visible text.
fn in_code(node: NodeRef<Node>) -> bool {
    let parent = node
        .parent()
        .and_then(|p| p.value().as_element().map(|e| e.name()));
    matches!(
        parent,
        Some("script" | "style" | "noscript" | "template" | "title" | "textarea")
    )
}

fn element(s: &mut Signals, el: ElementRef, node: NodeRef<Node>) {
    let v = el.value();
    match v.name() {
        "meta" => {
            let content = v.attr("content").unwrap_or("").trim();
            for key in ["name", "property", "itemprop", "http-equiv"] {
                if let Some(k) = v.attr(key) {
                    // `property` may hold several space-separated names.
                    for k in k.split_whitespace() {
                        let list = s.metas.entry(k.to_ascii_lowercase()).or_default();
                        list.push(content.to_string());
                    }
                }
            }
            if v.attr("itemprop") == Some("datePublished") {
                push_time(s, content, true, false);
            }
            // Some head managers write the JSON-LD block into a meta tag
            // (`<meta name="script:ld+json" content="{…}">`) instead of a script.
            if v.attr("name").is_some_and(|n| n.ends_with("ld+json")) {
                if let Ok(json) = serde_json::from_str::<Value>(content) {
                    flatten_ld(json, &mut s.ld, 0);
                }
            }
        }
        "link" => {
            let rel = v.attr("rel").unwrap_or("").to_ascii_lowercase();
            if rel.split_whitespace().any(|r| r == "canonical") && s.canonical.is_none() {
                s.canonical = v.attr("href").map(|h| h.trim().to_string());
            }
        }
        "title" if s.title_tag.is_none() && !in_svg(node) => {
            s.title_tag = Some(text_of(el));
        }
        "script" => {
            let ty = v.attr("type").unwrap_or("").to_ascii_lowercase();
            if ty.contains("ld+json") {
                let raw: String = el.text().collect();
                if let Ok(json) = serde_json::from_str::<Value>(raw.trim()) {
                    flatten_ld(json, &mut s.ld, 0);
                }
            }
        }
        "h1" => {
            if s.h1.is_empty() {
                dateline_above(s, el);
            }
            s.h1.push(headline_text(el));
        }
        _ => {}
    }
    if v.name() != "meta" {
        marked_element(s, el);
    }
}

/// `<time>`, `itemprop` dates, bylines, breadcrumbs and date-classed texts.
fn marked_element(s: &mut Signals, el: ElementRef) {
    let v = el.value();
    let itemprop = v.attr("itemprop").unwrap_or("");
    let class =
        format!("{} {}", v.attr("class").unwrap_or(""), v.id().unwrap_or("")).to_ascii_lowercase();
    let dated = v.name() == "time" || itemprop == "datePublished" || itemprop == "dateModified";
    // A `<time>` inside a quoted embed (a tweet, an Instagram post) dates the quoted post.
    if dated && !in_blockquote(el) {
        let value = v
            .attr("datetime")
            .or_else(|| v.attr("content"))
            .map(str::to_string)
            .unwrap_or_else(|| text_of(el));
        let published = itemprop == "datePublished"
            || v.attr("pubdate").is_some()
            || class.contains("publish")
            || class.contains("posted");
        let modified =
            itemprop == "dateModified" || class.contains("modif") || class.contains("updat");
        push_time(s, &value, published, modified);
    } else if class.contains("published") && !class.contains("comment") && is_small(el) {
        // A text element classed as the publication date ("31. Oktober 2023") is as deliberate
        // a mark as a `<time>`, and keeps its place in page order among them.
        let t = text_of(el);
        if t.len() < 80 && super::dates::parse_visible(&t).is_some() {
            push_time(s, &t, true, class.contains("updat"));
        }
    }
    let author_like = v.attr("rel") == Some("author")
        || itemprop == "author"
        || class.contains("byline")
        || class.contains("author");
    if author_like && s.bylines.len() < 12 && is_small(el) {
        let t = visible_text_of(el);
        if !t.is_empty() && t.len() < 200 {
            s.bylines.push(t);
        }
    }
    if v.name() == "a" {
        author_link(s, el);
    }
    if class.contains("breadcrumb") && s.breadcrumbs.is_empty() {
        s.breadcrumbs = breadcrumb_steps(el);
    }
    let date_like = [
        "date", "time", "posted", "publish", "dateline", "meta", "byline",
    ]
    .iter()
    .any(|w| class.contains(w));
    // Comment timestamps are dates too, but not the article's.
    let date_like = date_like && !class.contains("comment");
    if date_like && s.date_texts.len() < 40 && is_small(el) {
        let t = text_of(el);
        if t.len() >= 6 && t.len() < 160 {
            s.date_texts.push(t);
        }
    }
}

/// The texts of a breadcrumb trail's innermost links and items ("Home", "World", "Europe").
fn breadcrumb_steps(el: ElementRef) -> Vec<String> {
    el.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "a" | "li" | "span"))
        .filter(|e| !e.children().any(|c| ElementRef::wrap(c).is_some()))
        .map(text_of)
        .filter(|t| !t.is_empty() && t.len() < 60)
        .collect()
}

fn in_blockquote(el: ElementRef) -> bool {
    in_blockquote_node(*el)
}

/// Whether a node sits in a `<blockquote>`: quoted posts carry their own dates.
pub(super) fn in_blockquote_node(node: NodeRef<Node>) -> bool {
    node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| e.name() == "blockquote")
    })
}

/// Whether an element is small enough to be a byline or a dateline. Checked before reading its
/// text so that big containers with such class words cost nothing.
fn is_small(el: ElementRef) -> bool {
    el.descendants().take(40).count() < 40
}

fn push_time(s: &mut Signals, value: &str, published: bool, modified: bool) {
    let value = value.trim();
    if !value.is_empty() && s.times.len() < 40 {
        s.times.push(TimeEl {
            value: value.to_string(),
            published,
            modified,
        });
    }
}

fn in_svg(node: NodeRef<Node>) -> bool {
    node.ancestors()
        .any(|a| a.value().as_element().is_some_and(|e| e.name() == "svg"))
}

/// A headline's text as it reads: inline parts joined as written (`Planning <span>C</span>ycle`
/// is one word), blocks apart, and a date printed inside the headline left out.
fn headline_text(el: ElementRef) -> String {
    use ego_tree::iter::Edge;
    let mut raw = String::new();
    for edge in el.traverse() {
        match edge {
            Edge::Open(n) | Edge::Close(n) if bylines::is_block(n) => raw.push(' '),
            Edge::Open(n) => {
                let Some(t) = n.value().as_text() else {
                    continue;
                };
                let hidden = n.ancestors().take_while(|a| a.id() != el.id()).any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "time" | "script" | "style"))
                });
                if !hidden {
                    push_inline(&mut raw, t);
                }
            }
            Edge::Close(_) => {}
        }
    }
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends a text that follows an element boundary. Letters run on across it (a drop cap:
/// `<span>C</span>ycle`); punctuation (`<span>Title:</span>AlignMerge`) or a lower-case letter
/// before a capital (`Alternatives<span>Top tools</span>`, a subtitle styled as a block) marks
/// two parts, so a space goes between them.
fn push_inline(raw: &mut String, t: &str) {
    if let (Some(last), Some(first)) = (raw.chars().last(), t.chars().next()) {
        let apart = !(last.is_alphanumeric() && first.is_alphanumeric())
            || (last.is_lowercase() && first.is_uppercase());
        if apart && !last.is_whitespace() && !first.is_whitespace() {
            raw.push(' ');
        }
    }
    raw.push_str(t);
}

/// The element's text with whitespace collapsed.
pub(super) fn text_of(el: ElementRef) -> String {
    let mut out = String::new();
    for t in el.text() {
        for w in t.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// Pushes JSON-LD objects, unpacking arrays and `@graph`.
fn flatten_ld(v: Value, out: &mut Vec<Value>, depth: u8) {
    if depth > 3 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                flatten_ld(i, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten_ld(graph, out, depth + 1);
            }
            if map.contains_key("@type") {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_read_as_they_are_shown() {
        let h1 = |inner: &str| {
            let html = format!("<html><body><h1>{inner}</h1></body></html>");
            collect(&Html::parse_document(&html)).h1.remove(0)
        };
        assert_eq!(
            h1("Planning <span class=\"drop\">C</span>ycle"),
            "Planning Cycle"
        );
        assert_eq!(
            h1("<time datetime=\"2025-12-18\">Dec 18 2025</time> Preparing a transition"),
            "Preparing a transition"
        );
        assert_eq!(h1("<span>Title:</span>AlignMerge"), "Title: AlignMerge");
        assert_eq!(
            h1("Alternatives<span>Top tools</span>"),
            "Alternatives Top tools"
        );
        assert_eq!(
            h1("A <em>big</em> day<p>Subtitle</p>"),
            "A big day Subtitle"
        );
    }

    #[test]
    fn times_inside_quoted_embeds_are_not_the_pages() {
        let html = "<html><body><h1>T</h1><time datetime=\"2019-01-29\">29 Jan</time>\
            <blockquote class=\"instagram-media\"><time datetime=\"2018-03-12\">Mar 12</time>\
            </blockquote></body></html>";
        let s = collect(&Html::parse_document(html));
        let values: Vec<&str> = s.times.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(values, ["2019-01-29"]);
    }

    #[test]
    fn a_published_classed_text_is_a_marked_publication_time() {
        let html = "<html><body><h1>T</h1><p class=\"meta\">von X &middot; \
            <span class=\"published\">31. Oktober 2023</span></p><p>Body</p>\
            <aside><time class=\"published\" datetime=\"2020-12-03\">3. Dezember</time>\
            </aside><span class=\"published\">Published: see below</span></body></html>";
        let s = collect(&Html::parse_document(html));
        let marked: Vec<&str> = s
            .times
            .iter()
            .filter(|t| t.published)
            .map(|t| t.value.as_str())
            .collect();
        assert_eq!(marked, ["31. Oktober 2023", "2020-12-03"]);
    }

    #[test]
    fn dates_after_publication_labels_are_recorded() {
        let html = "<html><body><p>Published&ensp; Apr 26, 2023</p><p>Updated Aug 21, 2025</p>\
            <span>Posted on</span><time>13.04.2023</time><p>Veröffentlicht am 2. Mai 2023</p>\
            <p>Published by the editors</p><p>Nothing</p>\
            <p>This post was originally published on 26 Sep 2019 at 4:12pm.</p></body></html>";
        let s = collect(&Html::parse_document(html));
        let days: Vec<String> = s
            .labelled_published
            .iter()
            .filter_map(|t| super::super::dates::parse_visible(t).map(|d| d.day))
            .collect();
        assert_eq!(days, ["2023-04-26", "2023-04-13", "2023-05-02"]);
        // A note in the text about the first publication is kept apart, below the labels.
        assert_eq!(s.published_in_prose.len(), 1);
        assert!(s.published_in_prose[0].contains("26 sep 2019"));
    }

    #[test]
    fn json_ld_written_into_a_meta_tag_is_read() {
        let html = "<html><head><meta name=\"script:ld+json\" content=\"{&quot;@type&quot;:\
            &quot;Article&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}\">\
            <meta name=\"description\" content=\"{not json}\"></head><body></body></html>";
        let s = collect(&Html::parse_document(html));
        assert_eq!(s.ld.len(), 1);
        assert_eq!(s.ld[0]["datePublished"], "2025-11-17T09:00:00-05:00");
    }

    #[test]
    fn join_dates_are_not_visible_dates() {
        let html = "<html><body><h1>T</h1><dl><dt>Joined</dt><dd>May 11, 2017</dd></dl>\
            <p>Member since 3 March 2016</p><p>March 18, 2020</p></body></html>";
        let s = collect(&Html::parse_document(html));
        let days: Vec<&str> = s.visible_dates.iter().map(|v| v.day.as_str()).collect();
        assert_eq!(days, ["2020-03-18"]);
    }

    #[test]
    fn publication_labels_are_whole_words() {
        assert_eq!(published_label("published: may 2"), Some("published"));
        assert_eq!(published_label("publicat pe 3 mai"), Some("publicat"));
        assert_eq!(published_label("publication | 17 january, 2017"), None);
    }

    #[test]
    fn a_date_right_above_the_headline_in_its_block_is_its_dateline() {
        let near = |html: &str| {
            let s = collect(&Html::parse_document(html));
            s.visible_dates.first().map(|v| v.near_h1)
        };
        let over_headline = "<html><body><main><div class=\"head\"><p>Last updated:</p>\
            <p>Dec 12, 2025</p><h1>Headline</h1></div></main></body></html>";
        assert_eq!(near(over_headline), Some(true));
        let top_bar = "<html><body><header><ul><li>Tuesday, (08 Dec 2020)</li></ul>\
            <div><div><h1><a href=\"/\">Logo</a></h1></div></div></header></body></html>";
        assert_eq!(near(top_bar), Some(false));
    }
}
