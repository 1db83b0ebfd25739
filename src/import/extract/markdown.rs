//! HTML → Markdown blocks for the article's elements. Only what a reader sees is written:
//! junk elements are skipped, link targets are made absolute and limited to safe schemes, and
//! text is escaped so that nothing in it can become HTML or Markdown syntax.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::Node;
use url::Url;

use super::analysis::Analysis;
use super::blocks::{Block, Kind};
use super::links;
use super::mdtext::{escape_into, fenced, guard_line_start, longest_run, tidy};
use super::pictures::{is_decoration, is_image_file, picture_source};

/// Options for the walk.
pub(super) struct Walk<'a> {
    pub analysis: &'a Analysis,
    pub base: Option<&'a Url>,
    /// Whether figure captions are kept.
    pub captions: bool,
    /// Whether images keep their alt text.
    pub image_alt: bool,
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "hr",
    "address",
    "center",
    "details",
    "summary",
    "body",
    "html",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "form",
    "hgroup",
];

pub(super) struct Walker<'a> {
    opts: &'a Walk<'a>,
    blocks: Vec<Block>,
    cur: String,
    chars: u32,
    link_chars: u32,
    image: bool,
    in_link: bool,
    quote: u8,
    /// Open lists: `None` unordered, `Some(n)` the next number.
    lists: Vec<Option<usize>>,
    /// The marker the next flushed block takes (first paragraph of a list item).
    pending_item: Option<Kind>,
    heading: Option<u8>,
    caption: bool,
}

/// Walks the given elements and returns their blocks in order.
pub(super) fn to_blocks(roots: &[NodeRef<Node>], opts: &Walk) -> Vec<Block> {
    let mut w = Walker {
        opts,
        blocks: Vec::new(),
        cur: String::new(),
        chars: 0,
        link_chars: 0,
        image: false,
        in_link: false,
        quote: 0,
        lists: Vec::new(),
        pending_item: None,
        heading: None,
        caption: false,
    };
    for r in roots {
        w.node(*r);
        w.flush();
    }
    w.blocks
}

impl Walker<'_> {
    fn node(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(t) => self.text(t),
            Node::Element(el) => {
                let skip = self.opts.analysis.junk.contains(&node.id());
                let caption = el.name() == "figcaption" && self.opts.captions;
                // A caption is soft junk for scoring but kept when captions are wanted.
                let keep_caption = caption && !super::junk::is_hard_junk(el);
                if skip && !keep_caption {
                    return;
                }
                self.element(node, el);
            }
            _ => {}
        }
    }

    fn children(&mut self, node: NodeRef<Node>) {
        for c in node.children() {
            self.node(c);
        }
    }

    fn element(&mut self, node: NodeRef<Node>, el: &Element) {
        let name = el.name();
        match name {
            "br" => self.cur.push_str("  \n"),
            "img" => self.img(el),
            "a" => self.link(node, el),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = Some(name.as_bytes()[1] - b'0');
                self.children(node);
                self.flush();
                self.heading = None;
            }
            "ul" | "ol" => {
                self.flush();
                let start = el.attr("start").and_then(|s| s.parse().ok()).unwrap_or(1);
                self.lists.push((name == "ol").then_some(start));
                self.children(node);
                self.flush();
                self.lists.pop();
            }
            "li" => self.item(node),
            "blockquote" => {
                self.flush();
                self.quote += 1;
                self.children(node);
                self.flush();
                self.quote -= 1;
            }
            "pre" => self.pre(node),
            "code" | "kbd" | "samp" => self.code_span(node),
            "table" if !is_layout_table(node) => self.table(node),
            "figcaption" => {
                self.flush();
                self.caption = true;
                self.children(node);
                self.flush();
                self.caption = false;
            }
            _ if BLOCK_TAGS.contains(&name) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            "td" | "th" => {
                self.children(node);
                self.flush();
            }
            _ => self.children(node),
        }
    }

    fn text(&mut self, t: &str) {
        let mut last_space = self.cur.is_empty() || self.cur.ends_with([' ', '\n']);
        for (i, c) in t.char_indices() {
            if c.is_whitespace() {
                if !last_space {
                    self.cur.push(' ');
                    last_space = true;
                }
                continue;
            }
            last_space = false;
            self.chars += 1;
            if self.in_link {
                self.link_chars += 1;
            }
            escape_into(&mut self.cur, c, &t[i + c.len_utf8()..]);
        }
    }

    /// Inline code as a Markdown code span, its text as written (a span shows it literally):
    /// `git clone <repo url>`. Code that runs over lines or holds a link is left as text; a
    /// block is `pre`'s.
    fn code_span(&mut self, node: NodeRef<Node>) {
        let mut raw = String::new();
        pre_text(node, &mut raw);
        let code = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        // A span cannot hold a link: code that links somewhere stays text with its link.
        let links = node.descendants().any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| e.name() == "a" && e.attr("href").is_some())
        });
        if code.is_empty() || raw.trim().contains('\n') || links {
            self.children(node);
            return;
        }
        // Two spans in a row would run their fences together into a longer one.
        let spaced = raw.starts_with(' ') || self.cur.ends_with('`');
        if spaced && !self.cur.is_empty() && !self.cur.ends_with([' ', '\n']) {
            self.cur.push(' ');
        }
        let fence = "`".repeat(longest_run(&code, '`') + 1);
        // A span that starts or ends with a backtick needs a space inside its fence.
        let pad = if code.starts_with('`') || code.ends_with('`') {
            " "
        } else {
            ""
        };
        self.cur
            .push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
        let chars = code.chars().filter(|c| !c.is_whitespace()).count() as u32;
        self.chars += chars;
        if self.in_link {
            self.link_chars += chars;
        }
        if raw.ends_with(' ') {
            self.cur.push(' ');
        }
    }

    fn img(&mut self, el: &Element) {
        let src = picture_source(el);
        let Some(url) = src.and_then(|s| links::safe_url(s, self.opts.base)) else {
            return;
        };
        // Tracking pixels (0 or 1 pixel) are the smallest decorations.
        if is_decoration(el, &url) {
            return;
        }
        let mut alt = String::new();
        // Alt text escaped twice at the source (`Serena &amp;amp; Lily`) keeps an entity after
        // parsing; a reader should see the character.
        let raw_alt = super::meta::decode_entities(el.attr("alt").unwrap_or(""));
        let spaced = raw_alt.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, c) in spaced.char_indices() {
            escape_into(&mut alt, c, &spaced[i + c.len_utf8()..]);
        }
        let alt = alt.trim_end();
        let alt = if self.opts.image_alt { alt } else { "" };
        self.cur.push_str(&format!("![{alt}]({url})"));
        self.image = true;
    }

    fn link(&mut self, node: NodeRef<Node>, el: &Element) {
        let href = el
            .attr("href")
            .and_then(|h| links::safe_url(h, self.opts.base));
        let (Some(href), false) = (href, self.in_link) else {
            // In-page links (a table of contents) are navigation: their text counts as link
            // text for the chrome filter, though no link is written.
            let fragment = el
                .attr("href")
                .is_some_and(|h| h.trim_start().starts_with('#'));
            let was = self.in_link;
            self.in_link |= fragment;
            self.children(node);
            self.in_link = was;
            return;
        };
        let start = self.cur.len();
        let before = self.chars;
        let blocks_before = self.blocks.len();
        self.in_link = true;
        self.children(node);
        self.in_link = false;
        if self.blocks.len() != blocks_before || self.cur.len() < start {
            return; // a link around blocks: its text was written as blocks already
        }
        if self.chars == before && self.cur[start..].contains("![") && !is_image_file(&href) {
            // A picture linking to another page is a teaser: its alt text is the other
            // story's headline, not this article's text.
            let cleared = super::alt::clear_alt(&self.cur[start..], |_| true);
            self.cur.truncate(start);
            self.cur.push_str(&cleared);
            return;
        }
        if self.chars == before || self.cur[start..].contains("![") {
            return; // an image link or an empty one: the content stands alone
        }
        let raw = self.cur[start..].to_string();
        self.cur.truncate(start);
        if raw.starts_with(' ') {
            self.cur.push(' ');
        }
        self.cur.push_str(&format!("[{}]({href})", raw.trim()));
        if raw.ends_with(' ') {
            self.cur.push(' ');
        }
    }

    fn item(&mut self, node: NodeRef<Node>) {
        self.flush();
        let depth = self.lists.len().saturating_sub(1) as u8;
        let number = match self.lists.last_mut() {
            Some(Some(n)) => {
                let v = *n;
                *n += 1;
                Some(v)
            }
            _ => None,
        };
        self.pending_item = Some(Kind::Item { depth, number });
        self.children(node);
        self.flush();
        self.pending_item = None;
    }

    fn pre(&mut self, node: NodeRef<Node>) {
        self.flush();
        let mut code = String::new();
        pre_text(node, &mut code);
        let code = code.trim_matches('\n');
        if code.trim().is_empty() {
            return;
        }
        self.push_block(Kind::Code, fenced(code), code.len() as u32, 0, false);
    }

    fn table(&mut self, node: NodeRef<Node>) {
        self.flush();
        let rows = super::tables::rows(node, self);
        if let Some((text, chars, links)) = super::tables::render(&rows) {
            self.push_block(Kind::Table, text, chars, links, false);
        }
    }

    /// Renders one table cell's inline content (used by the table module).
    pub(super) fn cell(&mut self, node: NodeRef<Node>) -> (String, u32, u32) {
        let saved = (std::mem::take(&mut self.cur), self.chars, self.link_chars);
        self.chars = 0;
        self.link_chars = 0;
        for c in node.children() {
            match c.value() {
                Node::Element(e) if BLOCK_TAGS.contains(&e.name()) => {
                    self.children(c);
                    self.cur.push(' ');
                }
                _ => self.node(c),
            }
        }
        let text = std::mem::take(&mut self.cur)
            .trim()
            .replace('|', "\\|")
            .replace('\n', " ");
        let out = (text, self.chars, self.link_chars);
        (self.cur, self.chars, self.link_chars) = saved;
        out
    }

    fn push_block(&mut self, kind: Kind, text: String, chars: u32, links: u32, image: bool) {
        self.blocks.push(Block {
            kind,
            quote: self.quote,
            text,
            chars,
            link_chars: links,
            image,
        });
    }

    fn flush(&mut self) {
        let text = tidy(&self.cur);
        let (chars, links, image) = (self.chars, self.link_chars, self.image);
        self.cur.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.image = false;
        if text.is_empty() {
            return;
        }
        let kind = if let Some(l) = self.heading {
            Kind::Heading(l)
        } else if self.caption {
            Kind::Caption
        } else if let Some(k) = self.pending_item.take() {
            k
        } else if !self.lists.is_empty() {
            Kind::ItemCont {
                depth: self.lists.len().saturating_sub(1) as u8,
            }
        } else {
            Kind::Para
        };
        let text = if matches!(kind, Kind::Para) {
            guard_line_start(text)
        } else {
            text
        };
        self.push_block(kind, text, chars, links, image);
    }
}

/// The text of a `<pre>` as its lines show: a `<br>` or the end of a line-level element (some
/// highlighters put each line in a `<div>`) is a line break, whatever the source's own newlines.
fn pre_text(node: NodeRef<Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            Node::Element(e) => {
                pre_text(child, out);
                if matches!(e.name(), "div" | "p" | "li" | "tr") && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// A table used for page layout (nested tables, long text cells) is read as ordinary blocks.
fn is_layout_table(node: NodeRef<Node>) -> bool {
    node.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "table" | "p" | "div" | "ul" | "h2" | "h3"))
    })
}

#[cfg(test)]
mod tests {
    use crate::import::extract::tests::body_amid_prose as body_of;

    /// The HTML a Markdown reader makes of a body.
    fn rendered(body: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
        html
    }

    #[test]
    fn entities_escaped_twice_and_mojibake_written_as_entities_read_as_text() {
        let body = body_of(
            "<p><img src=/sofa.jpg alt='A sofa from Serena &amp;amp; Lily in blue linen'></p>\
             <p>Artificial intelligence isn&acirc;&euro;&trade;t just changing how we \
             optimize websites&acirc;&euro;&rdquo;it reshapes how people search.</p>",
        );
        assert!(
            body.contains("![A sofa from Serena & Lily in blue"),
            "{body}"
        );
        assert!(body.contains("isn’t just changing"), "{body}");
        assert!(body.contains("websites—it reshapes"), "{body}");
    }

    #[test]
    fn ampersands_and_underscores_are_escaped_only_where_they_would_be_syntax() {
        let body = body_of(
            "<h2>Teachers &amp; Sellers</h2><p>The page spells the entity out: write \
             &amp;amp; for AT&amp;T, and &amp;#38; works too.</p>",
        );
        assert!(body.contains("## Teachers & Sellers"), "{body}");
        assert!(body.contains("write \\&amp; for AT&T"), "{body}");
        assert!(body.contains("and \\&#38; works"), "{body}");
        // What a Markdown reader then shows is the text as the page showed it.
        let html = rendered(&body);
        assert!(html.contains("write &amp;amp; for AT&amp;T"), "{html}");
        let body = body_of(
            "<p>Set max_connections lower, and read _why_ in the log before the next restart \
             of the whole cluster, which takes an hour.</p>",
        );
        assert!(body.contains("Set max_connections lower"), "{body}");
        assert!(body.contains("read \\_why\\_ in"), "{body}");
        let html = rendered(&body);
        assert!(
            html.contains("Set max_connections lower, and read _why_ in"),
            "{html}"
        );
    }

    #[test]
    fn an_empty_paragraph_of_a_zero_width_joiner_is_left_out() {
        let body = body_of("<p>&zwj;</p><p>&#8203;Source: the 2023 report</p><p>👨&zwj;👩</p>");
        assert!(!body.contains("\n\u{200d}\n"), "{body:?}");
        assert!(body.contains("\nSource: the 2023 report\n"), "{body:?}");
        assert!(body.contains("👨\u{200d}👩"), "{body:?}");
    }

    #[test]
    fn inline_code_becomes_a_code_span_written_as_is() {
        let body = body_of(
            "<p>Run <code>git clone &lt;repo url&gt;</code>, then <kbd>Ctrl</kbd><kbd>C</kbd> \
             and read <code>a`b</code> and <code>my_var*</code> in the log.</p>",
        );
        assert!(
            body.contains("Run `git clone <repo url>`, then `Ctrl` `C` and"),
            "{body}"
        );
        assert!(body.contains("read ``a`b`` and `my_var*` in"), "{body}");
        let body = body_of(
            "<p>See <code><a href=\"https://docs.example/api\">Vec::push</a></code> in the docs \
             for the details of how the vector grows when it is full.</p>",
        );
        assert!(
            body.contains("[Vec::push](https://docs.example/api)"),
            "{body}"
        );
    }

    #[test]
    fn code_lines_broken_by_br_or_line_elements_stay_lines() {
        let body = body_of("<pre>import os<br>import time<br><br>run()</pre>");
        assert!(
            body.contains("```\nimport os\nimport time\n\nrun()\n```"),
            "{body}"
        );
        let body = body_of("<pre><code><div>let a = 1;</div><div>let b = 2;</div></code></pre>");
        assert!(body.contains("```\nlet a = 1;\nlet b = 2;\n```"), "{body}");
        // The source's own newlines are kept as they are.
        let body = body_of("<pre><span>fn main() {</span>\n<span>}</span></pre>");
        assert!(body.contains("```\nfn main() {\n}\n```"), "{body}");
    }
}
