//! Pages rendered with React's streaming server rendering send the article out of order: the
//! place where a stretch of text belongs holds a `<template id="B:0">` (with a "Loading…"
//! fallback after it) or a `<template id="P:7">`, and the text itself arrives later in a
//! `<div hidden id="S:0">` that an inline script (`$RC("B:0","S:0")`, `$RS("S:7","P:7")`) moves
//! into place. A saved page keeps that unfinished state, so the story sits in hidden divs at
//! the end of `<body>` and a "Loading paragraph..." line sits where it should be.
//!
//! [`resolve`] does the move the script would have done, without running any script: each
//! hidden segment's children take the place of its placeholder, and a boundary's fallback is
//! dropped. Everything after this sees the page as a reader's browser showed it.

use std::collections::HashMap;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Node};

use super::signals;

/// Whether a page may hold streamed segments: a cheap text test so that ordinary pages skip
/// the tree walk.
pub(super) fn may_hold_segments(html: &str) -> bool {
    html.contains("id=\"S:") && html.contains("<template")
}

/// Moves every hidden streamed segment into the placeholder that waits for it and drops the
/// fallbacks ("Loading…") the placeholders showed.
pub(super) fn resolve(doc: &mut Html) {
    let found = scan(doc);
    if found.segments.is_empty() {
        return;
    }
    for (placeholder, template) in &found.placeholders {
        let segment_key = found
            .links
            .get(placeholder)
            .cloned()
            .unwrap_or_else(|| format!("S:{}", &placeholder[2..]));
        let Some(&segment) = found.segments.get(&segment_key) else {
            continue;
        };
        if is_inside(doc, *template, segment) {
            continue; // a segment cannot fill a hole in itself
        }
        if placeholder.starts_with("B:") {
            drop_fallback(doc, *template);
        }
        move_children_before(doc, segment, *template);
        if let Some(mut t) = doc.tree.get_mut(*template) {
            t.detach();
        }
    }
    for segment in found.segments.values() {
        let emptied = doc
            .tree
            .get(*segment)
            .is_some_and(|s| s.first_child().is_none());
        if emptied {
            if let Some(mut s) = doc.tree.get_mut(*segment) {
                s.detach();
            }
        }
    }
}

/// Placeholders, segments and the script calls pairing them, found in one walk.
#[derive(Default)]
struct Found {
    /// `B:x` / `P:x` placeholder id → its `<template>`, in document order.
    placeholders: Vec<(String, NodeId)>,
    /// `S:x` segment id → its hidden `<div>`.
    segments: HashMap<String, NodeId>,
    /// Placeholder id → segment id, from `$RC("B:x","S:y")` and `$RS("S:y","P:x")` calls.
    links: HashMap<String, String>,
}

fn scan(doc: &Html) -> Found {
    static CALL: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r#"\$R([CS])\(\s*"([BPS]:[0-9A-Za-z]+)"\s*,\s*"([BPS]:[0-9A-Za-z]+)""#)
            .expect("valid regex")
    });
    let mut found = Found::default();
    for node in doc.tree.root().descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        match (el.name(), el.id()) {
            ("template", Some(id)) if id.starts_with("B:") || id.starts_with("P:") => {
                found.placeholders.push((id.to_string(), node.id()));
            }
            ("div", Some(id)) if id.starts_with("S:") && el.attr("hidden").is_some() => {
                found.segments.insert(id.to_string(), node.id());
            }
            ("script", _) => {
                let code = ElementRef::wrap(node)
                    .map(signals::text_of)
                    .unwrap_or_default();
                for call in CALL.captures_iter(&code) {
                    let (a, b) = (call[2].to_string(), call[3].to_string());
                    // $RC(boundary, segment); $RS(segment, placeholder)
                    let (placeholder, segment) = if &call[1] == "C" { (a, b) } else { (b, a) };
                    found.links.insert(placeholder, segment);
                }
            }
            _ => {}
        }
    }
    found
}

/// Whether `node` lies inside `container` (or is it).
fn is_inside(doc: &Html, node: NodeId, container: NodeId) -> bool {
    doc.tree
        .get(node)
        .is_some_and(|n| n.ancestors().any(|a| a.id() == container) || n.id() == container)
}

/// Removes what a boundary showed while it waited: the siblings after its template up to the
/// `<!--/$-->` comment that closes the boundary.
fn drop_fallback(doc: &mut Html, template: NodeId) {
    let mut doomed = Vec::new();
    let mut next = doc.tree.get(template).and_then(|t| t.next_sibling());
    while let Some(n) = next {
        if matches!(n.value(), Node::Comment(c) if c.trim() == "/$") {
            break;
        }
        doomed.push(n.id());
        next = n.next_sibling();
    }
    if next.is_none() {
        // Saved without comments: the boundary's end is unknown, so only a following element
        // that is plainly a placeholder (empty, or a short "Loading…") goes.
        doomed = doc
            .tree
            .get(template)
            .and_then(|t| t.next_siblings().find(|n| n.value().is_element()))
            .filter(|n| is_loading_placeholder(*n))
            .map(|n| vec![n.id()])
            .unwrap_or_default();
    }
    for id in doomed {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
}

/// An element that only stands in while content loads: no text, or a short "Loading…".
fn is_loading_placeholder(node: ego_tree::NodeRef<Node>) -> bool {
    let text = ElementRef::wrap(node)
        .map(signals::text_of)
        .unwrap_or_default();
    text.is_empty() || (text.len() <= 40 && text.to_lowercase().starts_with("loading"))
}

fn move_children_before(doc: &mut Html, from: NodeId, before: NodeId) {
    let children: Vec<NodeId> = doc
        .tree
        .get(from)
        .map(|f| f.children().map(|c| c.id()).collect())
        .unwrap_or_default();
    for child in children {
        if let Some(mut anchor) = doc.tree.get_mut(before) {
            anchor.insert_id_before(child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved_text(html: &str) -> String {
        let mut doc = Html::parse_document(html);
        assert!(may_hold_segments(html));
        resolve(&mut doc);
        let body = doc
            .select(&scraper::Selector::parse("body").unwrap())
            .next()
            .unwrap();
        let text: Vec<&str> = body
            .text()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        text.join("|")
    }

    #[test]
    fn boundary_segment_replaces_its_loading_fallback() {
        let html = r#"<body><main><p>Intro.</p><!--$?--><template id="B:0"></template>
            <div>Loading paragraph...</div><!--/$--><p>Outro.</p></main>
            <div hidden id="S:0"><p>The streamed paragraph.</p></div>
            <script>$RC("B:0","S:0")</script></body>"#;
        assert_eq!(
            resolved_text(html),
            "Intro.|The streamed paragraph.|Outro.|$RC(\"B:0\",\"S:0\")"
        );
    }

    #[test]
    fn placeholders_nested_in_segments_are_filled_too() {
        // S:1 fills B:1 and itself holds P:7, which S:7 fills; no script pairs them, so the
        // shared suffix does.
        let html = r#"<body><article><template id="B:1"></template><i>Loading</i><!--/$-->
            </article><div hidden id="S:1"><h2>Part</h2><template id="P:7"></template></div>
            <div hidden id="S:7"><p>Deep text.</p></div></body>"#;
        assert_eq!(resolved_text(html), "Part|Deep text.");
    }

    #[test]
    fn script_pairs_override_matching_suffixes() {
        let html = r#"<body><template id="B:2"></template><!--/$-->
            <div hidden id="S:2"><p>wrong</p></div><div hidden id="S:5"><p>right</p></div>
            <script>$RC("B:2","S:5")</script></body>"#;
        let text = resolved_text(html);
        assert!(text.starts_with("right|wrong"), "{text}");
    }

    #[test]
    fn without_comments_only_a_loading_line_is_taken_for_the_fallback() {
        let html = r#"<body><div><template id="B:0"></template><div>Loading paragraph...</div>
            <template id="B:1"></template><p>Kept: real text after an empty fallback.</p></div>
            <div hidden id="S:0"><p>First.</p></div><div hidden id="S:1"><p>Second.</p></div>
            </body>"#;
        assert_eq!(
            resolved_text(html),
            "First.|Second.|Kept: real text after an empty fallback."
        );
    }

    #[test]
    fn ordinary_pages_are_not_walked() {
        assert!(!may_hold_segments("<p id=\"main\">Hello</p>"));
    }
}
