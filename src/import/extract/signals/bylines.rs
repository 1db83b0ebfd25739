//! Byline signals: "By Jane Doe" texts, links to author pages and the text of byline boxes,
//! read line by line. Site menus ("Browse by Role") are left out.

use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

use super::Signals;

/// Labels that introduce the author's name in the next text ("Written by" / "Jane Doe").
#[rustfmt::skip]
const BY_LABELS: &[&str] = &[
    "by", "by:", "written by", "written by:", "posted by", "author", "author:", "words by",
    "story by", "authored by", "von", "автор", "автор:",
];

/// Records "By Jane Doe" texts, and the text after a lone "By" label. Menus are left out:
/// "By Role", "By Industry" there are ways to browse the site, not bylines.
pub(super) fn labelled_byline(s: &mut Signals, text: &str, node: NodeRef<Node>) {
    let t = text.trim();
    if t.is_empty() || s.labelled.len() >= 6 {
        return;
    }
    if s.by_pending {
        s.by_pending = false;
        if t.len() < 80 && !in_menu(node) {
            s.labelled.push(t.to_string());
        }
        return;
    }
    let lower = t.to_lowercase();
    if BY_LABELS.contains(&lower.as_str()) {
        s.by_pending = true;
    } else if t.len() < 80
        && (lower.starts_with("by ") || lower.starts_with("written by "))
        && !in_menu(node)
    {
        s.labelled.push(t.to_string());
    }
}

/// Whether a node sits in site navigation: a `<nav>`, an element whose role is a menu or tab
/// list, or one classed as a menu or dropdown.
fn in_menu(node: NodeRef<Node>) -> bool {
    node.ancestors()
        .filter_map(|a| a.value().as_element())
        .any(|e| {
            let role = e.attr("role").unwrap_or("");
            let class = e.attr("class").unwrap_or("").to_ascii_lowercase();
            e.name() == "nav"
                || matches!(
                    role,
                    "menu" | "menubar" | "navigation" | "tablist" | "menuitem"
                )
                || class.split_whitespace().any(is_menu_class)
        })
}

/// Whether a class names a menu or a part of one (`menu`, `nav-link`, `sub-menu`,
/// `mega-menu__item`, `dropdown-toggle`), not something placed near one (`under-menu`).
fn is_menu_class(c: &str) -> bool {
    ["menu", "nav", "dropdown"].iter().any(|w| c.starts_with(w))
        || [
            "sub-menu",
            "submenu",
            "mega-menu",
            "megamenu",
            "menu-item",
            "menu__",
            "nav__",
            "nav_",
            "-nav-",
        ]
        .iter()
        .any(|w| c.contains(w))
}

/// Records the text of a link to an author's profile page.
pub(super) fn author_link(s: &mut Signals, el: ElementRef) {
    const PROFILE: &[&str] = &[
        "/author/",
        "/authors/",
        "/writer/",
        "/writers/",
        "/staff/",
        "/people/",
        "/profile/",
        "/contributor/",
        "/contributors/",
        "/team/",
        "/experts/",
    ];
    if s.author_links.len() >= 6 {
        return;
    }
    let href = el.value().attr("href").unwrap_or("").to_ascii_lowercase();
    if PROFILE.iter().any(|p| href.contains(p)) {
        let t = visible_text_of(el);
        if !t.is_empty() && t.len() < 80 {
            s.author_links.push(t);
        }
    }
}

/// Like [`text_of`], without the text of scripts and styles inside the element.
pub(super) fn visible_text_of(el: ElementRef) -> String {
    use ego_tree::iter::Edge;
    let mut out = String::new();
    let mut new_line = false;
    for edge in el.traverse() {
        let node = match edge {
            Edge::Open(n) => n,
            Edge::Close(n) => {
                new_line |= is_block(n);
                continue;
            }
        };
        new_line |= is_block(node);
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let parent = node
            .parent()
            .and_then(|p| p.value().as_element().map(|e| e.name()));
        if matches!(parent, Some("script" | "style" | "noscript" | "template")) {
            continue;
        }
        for w in t.split_whitespace() {
            if !out.is_empty() {
                out.push(if std::mem::take(&mut new_line) {
                    '\n'
                } else {
                    ' '
                });
            }
            new_line = false;
            out.push_str(w);
        }
    }
    out
}

/// Whether a node is an element that starts a line of its own: a byline box puts the name and
/// the job title in separate blocks, and they must not run together.
pub(super) fn is_block(node: NodeRef<Node>) -> bool {
    node.value().as_element().is_some_and(|e| {
        matches!(
            e.name(),
            "p" | "div"
                | "br"
                | "li"
                | "ul"
                | "ol"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "section"
                | "header"
                | "footer"
                | "figure"
                | "figcaption"
                | "dd"
                | "dt"
                | "td"
                | "th"
                | "tr"
                | "table"
                | "address"
                | "blockquote"
        )
    })
}
