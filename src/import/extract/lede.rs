//! The opening of a story that sits apart from its body: between the headline and the block the
//! content scorer chose. Page builders put the standfirst and the first paragraphs in one block
//! and the long rest in another; the scorer finds the long rest, and the reader would lose the
//! opening. What lies between the headline and the article, when it reads as prose, is the
//! article's start.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};

use super::analysis::Analysis;
use super::meta;
use super::signals;

/// Most link text the opening may carry: more, and it is a teaser row or a link list.
const MAX_LINK_SHARE: f32 = 0.3;
/// Least text (non-space characters) worth calling an opening.
const MIN_TEXT: u32 = 120;
/// A one-paragraph opening must be this long: a single short paragraph between headline and
/// story is most often the standfirst, which the summary already holds.
const ONE_PARAGRAPH_TEXT: u32 = 300;

/// Puts the prose between the page's headline `<h1>` and the article's first block in front
/// of the article. Blocks judged chrome, link lists and text-less blocks (a hero picture, whose image
/// is in the front matter) are left out; so is everything when the headline is inside the
/// article already or comes after it.
pub(super) fn with_opening(doc: &Html, a: &Analysis, article: Vec<NodeId>) -> Vec<NodeId> {
    let Some(&first) = article.first() else {
        return article;
    };
    let Some(h1) = a.headline.and_then(|id| doc.tree.get(id)) else {
        return article;
    };
    let Some(first_node) = doc.tree.get(first) else {
        return article;
    };
    let first_path: HashSet<NodeId> = first_node.ancestors().map(|n| n.id()).collect();
    if h1.ancestors().any(|n| n.id() == first) {
        return article; // the headline is inside the article
    }
    let Some(common) = h1.ancestors().find(|n| first_path.contains(&n.id())) else {
        return article;
    };
    if is_body_or_root(common) {
        return article; // headline and story in unrelated page regions
    }
    let Some(between) = blocks_between(h1, first, &first_path, common.id()) else {
        return article; // the headline comes after the article's start
    };
    let mut opening = Opening {
        doc,
        article: &article,
        under_headline: h1
            .next_siblings()
            .find(|n| n.value().is_element())
            .map(|n| n.id()),
        standfirsts: OnceCell::new(),
        article_text: OnceCell::new(),
        blocks: Vec::new(),
        paragraphs: 0,
        text: 0,
    };
    for id in between {
        if let Some(n) = doc.tree.get(id) {
            if !has_junk_ancestor(doc, a, id, common.id()) {
                opening.read(n, a);
            }
        }
    }
    let Opening {
        blocks,
        paragraphs,
        text,
        ..
    } = opening;
    if text < MIN_TEXT || (paragraphs < 2 && text < ONE_PARAGRAPH_TEXT) {
        return article;
    }
    blocks.into_iter().chain(article).collect()
}

/// The opening's blocks as they are found, in document order, and what a standfirst is
/// told apart by (worked out only when a paragraph gets that far).
struct Opening<'a> {
    doc: &'a Html,
    article: &'a [NodeId],
    /// The element right after the headline in its block: where a standfirst sits.
    under_headline: Option<NodeId>,
    /// The page's descriptions, normalised: a paragraph saying the same is the standfirst,
    /// which the front matter's summary already holds.
    standfirsts: OnceCell<Vec<String>>,
    /// The article's text, normalised: a paragraph it already holds is not added twice.
    article_text: OnceCell<String>,
    blocks: Vec<NodeId>,
    paragraphs: u32,
    text: u32,
}

impl Opening<'_> {
    /// Takes `n` into the opening when it is prose, or looks inside it when it is a wrapper.
    /// The opening starts at the first paragraph that reads as a sentence, so a dateline, a
    /// byline or a caption above it stays out; after that, subheadings and lists belong too.
    fn read(&mut self, n: NodeRef<Node>, a: &Analysis) {
        let Some(el) = n.value().as_element() else {
            return;
        };
        let st = a.stat(n.id());
        if a.junk.contains(&n.id()) || st.text == 0 {
            return;
        }
        let name = el.name();
        if name == "p" {
            let text = text_of(n);
            if a.link_density(n.id()) < MAX_LINK_SHARE
                && reads_as_sentence(&text)
                && !self.is_standfirst(n, &text)
            {
                self.take(n, st.text);
                self.paragraphs += 1;
            }
        } else if STRUCTURE.contains(&name) {
            if !self.blocks.is_empty() && a.link_density(n.id()) < MAX_LINK_SHARE {
                self.take(n, st.text);
            }
        } else if !matches!(name, "figure" | "figcaption" | "table" | "header") {
            for c in n.children() {
                self.read(c, a);
            }
        }
    }

    /// A standfirst: the paragraph under the headline, one classed as a subtitle, or one
    /// repeating the page's description; or a paragraph the article itself repeats.
    fn is_standfirst(&self, n: NodeRef<Node>, text: &str) -> bool {
        if self.under_headline == Some(n.id()) || has_standfirst_class(n) {
            return true;
        }
        let t = meta::norm(text);
        let described = self
            .standfirsts
            .get_or_init(|| descriptions(self.doc))
            .iter()
            .any(|d| t.starts_with(d.as_str()) || d.starts_with(t.as_str()));
        described
            || self
                .article_text
                .get_or_init(|| {
                    self.article
                        .iter()
                        .filter_map(|&id| self.doc.tree.get(id))
                        .map(|n| meta::norm(&text_of(n)))
                        .collect()
                })
                .contains(&t)
    }

    fn take(&mut self, n: NodeRef<Node>, text: u32) {
        self.blocks.push(n.id());
        self.text += text;
    }
}

/// Blocks that continue an opening once its first paragraph is in.
const STRUCTURE: &[&str] = &["h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"];

/// Class words of a headline's standfirst ("subtitle", "dek", "excerpt", …).
fn has_standfirst_class(n: NodeRef<Node>) -> bool {
    const WORDS: &[&str] = &[
        "subtitle",
        "subhead",
        "subheading",
        "dek",
        "deck",
        "standfirst",
        "strapline",
        "tagline",
        "excerpt",
        "summary",
        "description",
        "cta",
    ];
    let class = n
        .value()
        .as_element()
        .and_then(|e| e.attr("class"))
        .unwrap_or("");
    class
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)))
}

/// The element's text (whitespace collapsed); nothing for other nodes.
fn text_of(n: NodeRef<Node>) -> String {
    ElementRef::wrap(n)
        .map(signals::text_of)
        .unwrap_or_default()
}

/// Text long enough, and ended like a sentence: not a dateline, a byline or a label.
fn reads_as_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.chars().filter(|c| !c.is_whitespace()).count() >= 40
        && t.ends_with(['.', '!', '?', ':', '"', '\u{201d}', ')', '\u{2026}'])
}

/// The page's own descriptions (`description`, `og:description`, `twitter:description`),
/// normalised, with any "…" of a cut-off one gone; short ones say too little to match on.
fn descriptions(doc: &Html) -> Vec<String> {
    static META: LazyLock<Selector> = LazyLock::new(|| {
        Selector::parse(
            "meta[name=description], meta[property='og:description'], \
             meta[name='twitter:description']",
        )
        .expect("valid")
    });
    doc.select(&META)
        .filter_map(|m| m.value().attr("content"))
        .map(|c| meta::norm(c.trim_end_matches(['.', '\u{2026}', ' '])))
        .filter(|d| d.len() >= 40)
        .collect()
}

/// The headline: the page's only `<h1>`, or of several the one the page's title names.
pub(super) fn headline_h1(doc: &Html) -> Option<NodeRef<'_, Node>> {
    static H1: LazyLock<Selector> = LazyLock::new(|| Selector::parse("h1").expect("valid"));
    static TITLE: LazyLock<Selector> =
        LazyLock::new(|| Selector::parse("title, meta[property='og:title']").expect("valid"));
    let h1s: Vec<_> = doc.select(&H1).collect();
    if h1s.len() == 1 {
        return doc.tree.get(h1s[0].id());
    }
    let titles: Vec<String> = doc
        .select(&TITLE)
        .map(|t| {
            t.value()
                .attr("content")
                .map_or_else(|| t.text().collect(), str::to_string)
        })
        .map(|t| meta::norm(&t))
        .filter(|t| !t.is_empty())
        .collect();
    let named: Vec<_> = h1s
        .iter()
        .filter(|h| {
            let h = meta::norm(&h.text().collect::<String>());
            h.len() >= 10 && titles.iter().any(|t| t.contains(&h))
        })
        .collect();
    match named.as_slice() {
        [one] => doc.tree.get(one.id()),
        _ => None,
    }
}

/// Whether `n` is `<body>`, `<html>` or the document itself: no page region of its own.
pub(super) fn is_body_or_root(n: NodeRef<Node>) -> bool {
    n.value()
        .as_element()
        .is_none_or(|e| matches!(e.name(), "body" | "html"))
}

/// The largest subtrees that lie wholly after `h1` and before `first` in document order, all
/// inside `common`; `None` when `first` is not after `h1`.
fn blocks_between(
    h1: NodeRef<Node>,
    first: NodeId,
    first_path: &HashSet<NodeId>,
    common: NodeId,
) -> Option<Vec<NodeId>> {
    let mut out = Vec::new();
    // Climb from the headline: the siblings after each step up are candidates, until the step
    // whose parent is the common ancestor; from there descend towards `first`.
    let mut cur = h1;
    loop {
        let mut sib = cur.next_sibling();
        let parent = cur.parent()?;
        while let Some(s) = sib {
            if s.id() == first {
                return Some(out);
            }
            if first_path.contains(&s.id()) {
                return Some(descend(s, first, first_path, out));
            }
            out.push(s.id());
            sib = s.next_sibling();
        }
        if parent.id() == common {
            return None; // ran out of siblings without meeting the article
        }
        cur = parent;
    }
}

/// Inside an ancestor of `first`: its children before the one leading to `first` are wholly
/// between, the one leading there is entered in turn.
fn descend(
    mut node: NodeRef<Node>,
    first: NodeId,
    first_path: &HashSet<NodeId>,
    mut out: Vec<NodeId>,
) -> Vec<NodeId> {
    loop {
        let mut next = None;
        for c in node.children() {
            if c.id() == first {
                return out;
            }
            if first_path.contains(&c.id()) {
                next = Some(c);
                break;
            }
            out.push(c.id());
        }
        match next {
            Some(n) => node = n,
            None => return out,
        }
    }
}

/// Whether an element between `id` and `common` (both left out) was judged chrome.
pub(super) fn has_junk_ancestor(doc: &Html, a: &Analysis, id: NodeId, common: NodeId) -> bool {
    let Some(n) = doc.tree.get(id) else {
        return false;
    };
    n.ancestors()
        .take_while(|p| p.id() != common)
        .any(|p| a.junk.contains(&p.id()))
}

#[cfg(test)]
mod tests {
    use super::super::content::tests::article_parts;

    fn article_text(html: &str) -> String {
        article_parts(html).join("|")
    }

    const BODY: &str = "<p>The council voted on Tuesday to close the old bridge, citing repairs \
                        that have been put off for a decade, and the cost of keeping it open.</p>";

    #[test]
    fn an_opening_in_its_own_block_is_kept_before_the_body() {
        let html = format!(
            "<head><meta name=description content='Drivers lose the short way into town \
             from Monday, the council says.'></head><body><div class=post><header>\
             <h1>Bridge closes</h1></header><div class=byline>By Ann Lee</div><div class=intro>\
             <p>Drivers lose the short way into town from Monday, the council says.</p>\
             <p>Updated 5 May</p><p>Drivers will need another way into town from Monday, \
             and the detour adds twenty minutes.</p><p>Buses keep their routes until the \
             work starts in June, the operator said.</p></div><div class=content>\
             <div class=inner>{}</div></div><div class=sidebar><p>Other things</p></div>\
             </div></body>",
            BODY.repeat(40)
        );
        let text = article_text(&html);
        assert!(text.starts_with("Drivers will need"), "{text}");
        assert!(text.contains("Buses keep"), "{text}");
        for absent in [
            "By Ann Lee",
            "Updated 5 May",
            "the council says",
            "Other things",
        ] {
            assert!(!text.contains(absent), "{absent}: {text}");
        }
    }

    #[test]
    fn with_several_h1s_the_one_the_title_names_is_the_headline() {
        let html = format!(
            "<head><title>Bridge closes for a year | Town News</title></head><body>\
             <h1>Town News</h1><div class=post><h1>Bridge closes for a year</h1><div>\
             <p>Drivers will need another way into town from Monday, and the detour adds \
             twenty minutes.</p><p>Buses keep their routes until the work starts in June, \
             the operator said.</p></div><div class=content><div>{}</div></div></div></body>",
            BODY.repeat(40)
        );
        let text = article_text(&html);
        assert!(text.starts_with("Drivers will need"), "{text}");
    }

    #[test]
    fn links_and_pictures_between_headline_and_body_are_not_an_opening() {
        let links =
            "<a href=/a>Read our other story on the closures across the county</a> ".repeat(3);
        let html = format!(
            "<body><div class=post><h1>Bridge closes</h1><div><img src=a.jpg alt=bridge></div>\
             <div>{links}</div><div class=block>{}</div></div></body>",
            BODY.repeat(12)
        );
        let text = article_text(&html);
        assert!(text.starts_with("The council voted"), "{text}");
    }
}
