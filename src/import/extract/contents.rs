//! Sections listed in the page's own table of contents. Long guides put a "Jump to section"
//! list at the top whose entries link to `#pricing`, `#methodology`, `#faqs`; templates render
//! each of those sections in a block of its own beside a long ranked list, and the content
//! scorer, taken by the list, leaves them out. When the contents list also points into the
//! chosen article, it is the article's contents, and every section it names belongs to it.

use std::collections::HashSet;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::analysis::Analysis;
use super::lede::{has_junk_ancestor, is_body_or_root};

/// Fewest in-page links that make a table of contents (one is a skip link or "back to top").
const MIN_ENTRIES: usize = 3;
/// Least text (non-space characters) of a section worth adding: a heading and a paragraph.
const MIN_TEXT: u32 = 200;
/// Most link text a section may carry: more, and it is a list of links (the contents itself,
/// a product index).
const MAX_LINK_SHARE: f32 = 0.5;

/// `article` (its elements in document order) with the sections the page's table of contents
/// names that lie outside it, when the contents also names a part of the article.
pub(super) fn with_listed_sections(doc: &Html, a: &Analysis, article: Vec<NodeId>) -> Vec<NodeId> {
    let targets = link_targets(doc, a);
    if targets.len() < MIN_ENTRIES {
        return article;
    }
    let in_article = |n: NodeRef<Node>| n.ancestors().chain([n]).any(|p| article.contains(&p.id()));
    let article_paths: HashSet<NodeId> = article
        .iter()
        .filter_map(|&id| doc.tree.get(id))
        .flat_map(|n| n.ancestors().map(|p| p.id()))
        .collect();
    let mut listed_inside = false;
    let mut extra: Vec<NodeRef<Node>> = Vec::new();
    for node in &targets {
        if in_article(*node) {
            listed_inside = true;
        } else if !article_paths.contains(&node.id()) && belongs(doc, a, &article_paths, *node) {
            extra.push(*node);
        }
    }
    if !listed_inside || extra.is_empty() {
        return article;
    }
    // A section inside another listed section comes with it.
    let outer: HashSet<NodeId> = extra.iter().map(|n| n.id()).collect();
    extra.retain(|n| !n.ancestors().any(|p| outer.contains(&p.id())));
    let kept: HashSet<NodeId> = extra.iter().map(|n| n.id()).collect();
    in_document_order(doc, article.iter().copied().chain(kept).collect())
}

/// The elements that the page's tables of contents link to (`href="#id"`), in document order.
fn link_targets<'a>(doc: &'a Html, a: &Analysis) -> Vec<NodeRef<'a, Node>> {
    let ids: HashSet<&str> = contents_lists(doc, a)
        .into_iter()
        .flat_map(|list| in_page_links(list).map(|(_, id)| id))
        .collect();
    if ids.len() < MIN_ENTRIES {
        return Vec::new();
    }
    doc.tree
        .root()
        .descendants()
        .filter(|n| {
            n.value()
                .as_element()
                .and_then(|e| e.id())
                .is_some_and(|id| ids.contains(id))
        })
        .collect()
}

/// Least share of link text in a table of contents: it is a list of links and nothing else,
/// where citation marks (`[1]`, `[2]`) pointing at the references sit in prose.
const MIN_LIST_LINK_SHARE: f32 = 0.7;

/// The lists of in-page links: elements holding at least [`MIN_ENTRIES`] of them as entries
/// (children, or children of their list items) and little else.
fn contents_lists<'a>(doc: &'a Html, a: &Analysis) -> Vec<NodeRef<'a, Node>> {
    let mut lists: Vec<NodeRef<Node>> = Vec::new();
    for (link, _) in in_page_links(doc.tree.root()) {
        let Some(mut list) = link.parent() else {
            continue;
        };
        if list.value().as_element().is_some_and(|e| e.name() == "li") {
            list = list.parent().unwrap_or(list);
        }
        if !lists.iter().any(|l| l.id() == list.id()) {
            lists.push(list);
        }
    }
    lists.retain(|list| {
        let entries = list
            .children()
            .flat_map(|c| std::iter::once(c).chain(c.children()))
            .filter(|n| in_page_target(*n).is_some())
            .count();
        entries >= MIN_ENTRIES && a.link_density(list.id()) >= MIN_LIST_LINK_SHARE
    });
    lists
}

/// The `<a href="#id">` elements in a subtree, with the id each points at.
fn in_page_links<'a>(
    root: NodeRef<'a, Node>,
) -> impl Iterator<Item = (NodeRef<'a, Node>, &'a str)> {
    root.descendants()
        .filter_map(|n| Some((n, in_page_target(n)?)))
}

/// The id an `<a href="#id">` element points at; `None` for any other node.
fn in_page_target<'a>(n: NodeRef<'a, Node>) -> Option<&'a str> {
    let e = n.value().as_element().filter(|e| e.name() == "a")?;
    e.attr("href")?
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
}

/// Whether a listed section outside the article reads as a part of it: prose rather than
/// links, not boilerplate, and in the same page region as the article (not the footer's).
fn belongs(doc: &Html, a: &Analysis, article_paths: &HashSet<NodeId>, node: NodeRef<Node>) -> bool {
    if a.stat(node.id()).text < MIN_TEXT || a.link_density(node.id()) > MAX_LINK_SHARE {
        return false;
    }
    let Some(common) = node.ancestors().find(|p| article_paths.contains(&p.id())) else {
        return false;
    };
    !is_body_or_root(common)
        && !a.junk.contains(&node.id())
        && !has_junk_ancestor(doc, a, node.id(), common.id())
}

/// The chosen elements in the order the page has them.
fn in_document_order(doc: &Html, chosen: HashSet<NodeId>) -> Vec<NodeId> {
    doc.tree
        .root()
        .descendants()
        .map(|n| n.id())
        .filter(|id| chosen.contains(id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::content::tests::article_parts;

    /// A ranked list of products, long enough to outscore everything else, with a contents
    /// list at the top naming two products and the sections after the list.
    fn guide(contents: &str, sections: &str) -> String {
        let product = |n: u32| {
            format!(
                "<li id=p{n}><h3>Camera {n}</h3><p>This camera records sharp video by day and \
                 night, pans to follow people, and keeps a week of clips without a plan.</p>\
                 <p>Setting it up took us ten minutes, and the app never lost the feed.</p></li>"
            )
        };
        let list: String = (1..=30).map(product).collect();
        format!(
            "<body><main><div class=column>{contents}\
             <section class=intro><p>We tested forty cameras over a year to pick these.</p></section>\
             <section class=products><div><h2>Our picks</h2><ul class=list>{list}</ul></div></section>\
             {sections}</div></main><footer><section id=legal><p>{}</p></section></footer></body>",
            "All rights reserved, and the site's terms of use apply to every page. ".repeat(4)
        )
    }

    const SECTIONS: &str = "<section class=text id=pricing><h2>Pricing</h2><p>Cameras cost \
        between forty and three hundred dollars, and most of the difference is in the lens \
        and the storage that comes without a subscription.</p><p>Plans for cloud storage add \
        three to ten dollars a month per camera, less when one plan covers the whole \
        house.</p></section>\
        <section class=text id=method><h2>How we tested</h2><p>Each camera ran for a month in \
        our homes, indoors and out, and we scored video, motion alerts and the app against \
        the same checklist every week.</p><p>Then we asked two installers what fails first in \
        the field, and tested those parts again.</p></section>";

    #[test]
    fn sections_named_in_the_article_s_contents_are_read() {
        let contents = "<nav class=jump><a href=#p1>Camera 1</a><a href=#p2>Camera 2</a>\
            <a href=#pricing>Pricing</a><a href=#method>How we tested</a>\
            <a href=#legal>Legal</a></nav>";
        let text = article_parts(&guide(contents, SECTIONS)).concat();
        assert!(text.contains("Camera 30"), "{text}");
        let pricing = text.find("Cameras cost").expect("pricing section read");
        let method = text.find("Each camera ran").expect("method section read");
        assert!(
            text.find("Camera 10").unwrap() < pricing && pricing < method,
            "{text}"
        );
        // The footer shares only the body with the article.
        assert!(!text.contains("All rights reserved"), "{text}");
    }

    #[test]
    fn sections_are_not_added_without_a_contents_list() {
        // Citation marks in prose point at sections too, but they make no contents list.
        let cites = "<p>Prices vary <a href=#pricing>[1]</a> <a href=#method>[2]</a> \
            <a href=#p1>[3]</a> with the storage and the lens, as our tests found.</p>";
        let text = article_parts(&guide(cites, SECTIONS)).concat();
        assert!(!text.contains("Cameras cost"), "{text}");
    }

    #[test]
    fn a_contents_list_that_names_nothing_in_the_article_adds_nothing() {
        let contents = "<ul><li><a href=#pricing>Pricing</a></li><li><a href=#method>How \
            we tested</a></li><li><a href=#legal>Legal</a></li></ul>";
        let text = article_parts(&guide(contents, SECTIONS)).concat();
        assert!(!text.contains("Cameras cost"), "{text}");
    }
}
