//! What the extractor learns about a page in one walk: text statistics per element (visible
//! characters, and how many sit inside links) and the boilerplate marking, hard junk by tag
//! and soft junk by class, id or visibility unless it holds the article or plain prose.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use super::junk;

/// Text statistics of one element, junk excluded.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Stat {
    /// Non-whitespace characters of visible text.
    pub text: u32,
    /// Of which inside links.
    pub link: u32,
}

/// The parsed page with what the extractor learned about it.
pub(super) struct Analysis {
    /// Text statistics per element (hard junk has none).
    pub stats: HashMap<NodeId, Stat>,
    /// Elements never to be read: hard junk and soft junk that does not hold the article.
    pub junk: HashSet<NodeId>,
    /// The headline `<h1>` (see [`super::lede::headline_h1`]), when the page has one.
    pub headline: Option<NodeId>,
}

impl Analysis {
    /// Statistics of one element (zero for junk and unknown nodes).
    pub fn stat(&self, id: NodeId) -> Stat {
        self.stats.get(&id).copied().unwrap_or_default()
    }

    /// Link characters per text character, 0 for empty elements.
    pub fn link_density(&self, id: NodeId) -> f32 {
        let s = self.stat(id);
        if s.text == 0 {
            0.0
        } else {
            s.link as f32 / s.text as f32
        }
    }
}

/// A plain `<aside>` inside an `<article>` or `<main>`: a note boxed within the story.
fn boxed_note(node: NodeRef<Node>, el: &Element) -> bool {
    junk::is_plain_aside(el)
        && node.ancestors().any(|p| {
            p.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "article" | "main"))
        })
}

/// Walks the page once: text statistics, hard junk, then soft junk that is not the article.
pub(super) fn analyse(doc: &Html) -> Analysis {
    let mut a = Analysis {
        stats: HashMap::with_capacity(4096),
        junk: HashSet::new(),
        headline: super::lede::headline_h1(doc).map(|h1| h1.id()),
    };
    let mut soft = Vec::new();
    collect(doc.tree.root(), &mut a, &mut soft, false, 0);
    let total = a.stat(doc.root_element().id()).text.max(1);
    let headline: HashSet<NodeId> = a
        .headline
        .and_then(|h1| doc.tree.get(h1))
        .map(|h1| h1.ancestors().map(|n| n.id()).collect())
        .unwrap_or_default();
    for (id, strength) in soft {
        let Some(node) = doc.tree.get(id) else {
            continue;
        };
        let Some(el) = node.value().as_element() else {
            continue;
        };
        // A soft-junk element holding most of the page is the article's own wrapper with an
        // unlucky class name, not chrome; for weak words, so is one holding plenty of prose.
        let st = a.stat(id);
        let ld = a.link_density(id);
        // A mega-menu can hold most of a page's text too, but it is made of links.
        let most = st.text as f32 >= 0.5 * total as f32 && ld < 0.8;
        let landmark = matches!(el.name(), "footer" | "nav" | "aside");
        let keep = match strength {
            junk::Soft::Weak => {
                (st.text > 1000 && ld < 0.5)
                    || (st.text > 200 && ld < 0.3 && junk::only_toc_word(el))
                    || (st.text > 100 && ld < 0.3 && junk::is_folded_panel(el))
            }
            // A long footer is still a footer; only "most of the page" rescues one.
            junk::Soft::Strong => {
                (st.text > 1500 && ld < 0.3 && !landmark)
                    || (st.text > 400 && ld < 0.15 && boxed_note(node, el))
            }
            _ => false,
        };
        // A layout block around the headline and the story ("page-content and-w-sidebar")
        // is the page's own column, whatever its class says.
        let around_headline =
            strength != junk::Soft::Comments && headline.contains(&id) && st.text > 500 && ld < 0.5;
        if !(most || keep || around_headline) {
            a.junk.insert(id);
        }
    }
    a
}

/// Deepest element read. Real pages nest a few dozen levels; anything below this is junk, which
/// also bounds the recursion of every later pass (they do not descend into junk).
const MAX_DEPTH: u32 = 400;

fn collect(
    node: NodeRef<Node>,
    a: &mut Analysis,
    soft: &mut Vec<(NodeId, junk::Soft)>,
    in_link: bool,
    depth: u32,
) -> Stat {
    match node.value() {
        Node::Text(t) => {
            let n = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
            Stat {
                text: n,
                link: if in_link { n } else { 0 },
            }
        }
        Node::Element(el) => {
            let question = junk::is_question_toggle(node);
            if depth > MAX_DEPTH || (junk::is_hard_junk(el) && !question) {
                a.junk.insert(node.id());
                return Stat::default();
            }
            // A FAQ's question button is read whatever its class says ("faq-list__button").
            let mut strength = if question {
                junk::Soft::No
            } else {
                junk::soft_junk(el)
            };
            if strength == junk::Soft::Weak
                && (junk::is_subheading_header(node) || junk::is_question_header(node))
            {
                strength = junk::Soft::No;
            }
            if strength != junk::Soft::No {
                soft.push((node.id(), strength));
            }
            let link = in_link || el.name() == "a";
            let mut s = Stat::default();
            for child in node.children() {
                let c = collect(child, a, soft, link, depth + 1);
                s.text += c.text;
                s.link += c.link;
            }
            a.stats.insert(node.id(), s);
            s
        }
        Node::Document | Node::Fragment => {
            let mut s = Stat::default();
            for child in node.children() {
                let c = collect(child, a, soft, in_link, depth + 1);
                s.text += c.text;
                s.link += c.link;
            }
            s
        }
        _ => Stat::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Selector;

    /// Whether the first element matching `sel` was judged chrome.
    fn is_junk(html: &str, sel: &str) -> bool {
        let doc = Html::parse_document(html);
        let a = analyse(&doc);
        let sel = Selector::parse(sel).unwrap();
        let el = doc.select(&sel).next().unwrap();
        a.junk.contains(&el.id())
    }

    #[test]
    fn long_footers_and_mega_menus_stay_chrome() {
        let prose = "The paper was founded in 1901 and is owned by its readers. ";
        let html = format!(
            "<body><main><p>{}</p></main><footer><p>{}</p></footer></body>",
            prose.repeat(40),
            prose.repeat(35)
        );
        assert!(is_junk(&html, "footer"));
        // The same text in a div classed as a sidebar is kept: it may be the article's wrapper.
        assert!(!is_junk(
            &html.replace("footer>", "div class=sidebar>"),
            "div"
        ));
        let menu = "<a href=/x>A section of the site with a long name</a> ".repeat(200);
        let html = format!("<body><div class=menu>{menu}<p>{prose}</p></div><p>{prose}</p></body>");
        assert!(is_junk(&html, "div"));
    }

    #[test]
    fn a_section_named_for_the_toc_entry_is_prose_but_the_toc_is_chrome() {
        let prose = "<p>An index fund tracks a market index, such as a broad list of firms.</p>";
        let html = format!(
            "<body><main><div id=toc><a href=#toc_how>How they work</a> <a href=#c>Costs</a>\
             </div><div id=toc_how-they-work><h2>How they work</h2>{}</div>{}</main></body>",
            prose.repeat(5),
            prose.repeat(20)
        );
        assert!(is_junk(&html, "#toc"));
        assert!(!is_junk(&html, "#toc_how-they-work"));
    }

    #[test]
    fn a_boxed_note_in_the_story_is_read_but_a_related_box_is_not() {
        let prose = "<p>The old firmware checks the battery before it lets the update run.</p>";
        let links = "<a href=/x>Another story about firmware updates on phones</a> ".repeat(4);
        let html = format!(
            "<body><article>{}<aside class=styles_aside><h3>A note on other devices</h3>{}\
             </aside><aside>{links}</aside></article><aside>{}</aside></body>",
            prose.repeat(20),
            prose.repeat(7),
            prose.repeat(7)
        );
        assert!(!is_junk(&html, "article aside"));
        assert!(is_junk(&html, "article aside:nth-of-type(2)"));
        assert!(is_junk(&html, "body > aside"));
    }

    #[test]
    fn a_folded_accordion_step_is_read() {
        let step = "<p>Gather twelve months of electric bills before you ask for quotes.</p>";
        let html = format!(
            "<body><main>{}<a aria-controls=s1>1. Understand your bill</a>\
             <div id=s1 role=region aria-labelledby=h1 style='display:none'>{}</div>\
             <div style='display:none'>{}</div></main></body>",
            step.repeat(20),
            step.repeat(3),
            step.repeat(3)
        );
        assert!(!is_junk(&html, "#s1"));
        assert!(is_junk(&html, "main > div:nth-of-type(2)"));
    }
}
