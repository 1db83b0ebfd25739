//! Boilerplate classification: which elements are never article text.
//!
//! Two strengths. *Hard* junk (scripts, form controls, navigation, embedded content, …) is never
//! read, whatever it contains; this is also the sanitizing layer, so anything executable or
//! interactive is decided here. *Soft* junk is recognised by its class, id or role (share bars,
//! related links, newsletter boxes, comments, bylines); the caller keeps a soft-junk element when
//! it holds most of the text, because pages also use such words on the article's own wrapper.
//! Hidden elements are soft too: streaming renderers park the whole article in one.

use scraper::node::Element;

/// Tags whose content is never article text. Executable, embedded and interactive content is
/// here so that it can never reach the Markdown.
#[rustfmt::skip]
const HARD_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "canvas", "button", "input", "select", "textarea",
    "option", "optgroup", "label", "dialog", "link", "meta", "title", "audio", "video",
    "source", "track", "map", "area", "base", "datalist", "output",
    "progress", "meter", "menu", "portal", "slot",
];

/// Class/id words that mark site chrome strongly enough to beat a "content"-like word beside
/// them (`comment-content` is still a comment).
#[rustfmt::skip]
const STRONG_WORDS: &[&str] = &[
    "comment", "comments", "commentlist", "disqus", "share", "sharing", "sharebar", "social",
    "socials", "related", "newsletter", "ad", "ads", "advert", "adverts", "advertisement",
    "advertising", "adsense", "adslot", "dfp", "gpt", "sidebar", "outbrain", "taboola",
    "promo", "promoted", "cookie", "cookies", "consent", "gdpr", "nav", "navbar", "navigation",
    "menu", "footer", "breadcrumb", "breadcrumbs", "subscribe", "subscription", "signup",
    "recirc", "recirculation", "popup", "modal", "overlay", "sponsor", "sponsored", "trending",
    "popular", "mostpopular", "mostread", "recommended", "recommendations", "zergnet",
    "hidden", "sronly", "offscreen", "paywall", "skiplink", "skiplinks", "print", "follow", "rating",
    "reactions", "pagination", "pager", "prevnext", "masthead",
];

/// Class/id words that usually mark chrome but lose to a "content"-like word on the same element.
#[rustfmt::skip]
const WEAK_WORDS: &[&str] = &[
    "header", "byline", "bylines", "author", "authors", "meta", "metadata", "tags", "tag",
    "taglist", "bio", "banner", "toolbar", "dateline", "timestamp", "date", "credit",
    "credits", "topics", "keywords", "categories", "readmore", "prev", "login", "signin",
    "disclaimer", "tools", "actions", "utility", "caption", "figcaption", "icon", "icons",
    "btn", "button", "aside", "toc", "disclosure", "disclosures",
];

/// Words that say "this is the article": they protect an element from the weak words.
#[rustfmt::skip]
const CONTENT_WORDS: &[&str] = &[
    "content", "body", "text", "article", "main", "entry", "story", "post", "prose",
    "richtext",
];

/// `itemprop` names whose elements carry metadata rather than article text.
#[rustfmt::skip]
const METADATA_PROPS: &[&str] = &[
    "datePublished", "dateModified", "dateCreated", "headline", "keywords", "mainEntityOfPage",
    "publisher", "image", "url", "alternativeHeadline",
];

/// ARIA roles of site chrome.
#[rustfmt::skip]
const JUNK_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu",
    "menubar", "search", "toolbar", "button",
];

/// Whether the element's tag or visibility rules it out whatever it contains.
pub(super) fn is_hard_junk(el: &Element) -> bool {
    let name = el.name();
    if HARD_TAGS.contains(&name) {
        return true;
    }
    el.attr("role")
        .is_some_and(|r| JUNK_ROLES.contains(&r.trim()))
}

/// The button that opens an accordion panel (`aria-expanded`, `aria-controls`, or a class
/// naming a FAQ, accordion or toggle; a `<button>` or an element with the button role) and asks a
/// question: a FAQ's question, the heading of the answer it unfolds. Its text is read (only
/// text, as for any element, reaches the Markdown); other toggles ("Show more", "Menu") stay
/// out with the rest of the form controls.
pub(super) fn is_question_toggle(node: ego_tree::NodeRef<scraper::Node>) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    // Every element of the page is asked: the cheap tests come first.
    let button = el.name() == "button" || el.attr("role").is_some_and(|r| r.trim() == "button");
    if !button {
        return false;
    }
    let toggle = el.attr("aria-expanded").is_some()
        || el.attr("aria-controls").is_some()
        || class_names(el, &["faq", "accordion", "question", "toggle", "collapse"]);
    toggle && asks(node)
}

/// A FAQ's question drawn as a plain element whose class names the accordion or FAQ and the
/// part that heads an answer ("accordion-item-header", "faq-question-title"): the chrome word
/// "header" in its class would otherwise drop it. Asked only of elements a weak chrome word
/// marks.
pub(super) fn is_question_header(node: ego_tree::NodeRef<scraper::Node>) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    class_names(el, &["faq", "accordion", "question"])
        && class_names(el, &["header", "title", "heading"])
        && asks(node)
}

/// Whether the element's class holds one of the (lower-case) words, in any case.
fn class_names(el: &Element, words: &[&str]) -> bool {
    let class = el.attr("class").unwrap_or("");
    words.iter().any(|w| contains_ignoring_case(class, w))
}

/// Whether `text` holds `word` (ASCII), in any case, without lower-casing a copy of it:
/// class and id names of every element are asked.
pub(super) fn contains_ignoring_case(text: &str, word: &str) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether what the element shows is one short question.
fn asks(node: ego_tree::NodeRef<scraper::Node>) -> bool {
    let shown = shown_text(node);
    shown.len() <= MAX_QUESTION && shown.trim_end().ends_with('?')
}

/// Longest question (bytes) a toggle may ask: more, and the element holds the answer too.
const MAX_QUESTION: usize = 400;

/// The text a reader sees in an element: an icon's `<svg><title>Open accordion</title>`, or an
/// icon font's ligature (`<i class="material-icons">chevron_right</i>`), is not part of it.
fn shown_text(node: ego_tree::NodeRef<scraper::Node>) -> String {
    let icon = |el: &Element| {
        el.attr("class")
            .is_some_and(|c| contains_ignoring_case(c, "icon"))
    };
    node.descendants()
        .filter_map(|d| d.value().as_text().map(|t| (d, t)))
        .filter(|(d, _)| {
            !d.ancestors().take_while(|a| a.id() != node.id()).any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| is_hard_junk(e) || icon(e))
            })
        })
        .map(|(_, t)| &**t)
        .collect()
}

/// How sure the class, id or tag are that an element is chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Soft {
    /// No chrome word.
    No,
    /// A word that also names article parts (`meta`, `header`, `author`): the element is kept
    /// when it holds a good amount of prose.
    Weak,
    /// A word that only names chrome (`share`, `related`, `sidebar`).
    Strong,
    /// Reader comments: prose-like, so only the "most of the page" rule keeps them.
    Comments,
}

/// A `<header>` that holds one subheading and nothing else: a section of the story wrapped in
/// its own header element, not the page's or the article's header (those hold a headline,
/// logos, bylines or menus).
pub(super) fn is_subheading_header(node: ego_tree::NodeRef<scraper::Node>) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    if el.name() != "header" {
        return false;
    }
    let mut headings = 0;
    for child in node.children() {
        match child.value() {
            scraper::Node::Element(c) if matches!(c.name(), "h2" | "h3" | "h4" | "h5" | "h6") => {
                headings += 1
            }
            scraper::Node::Element(_) => return false,
            scraper::Node::Text(t) if !t.trim().is_empty() => return false,
            _ => {}
        }
    }
    headings == 1
}

/// Whether class, id or tag mark the element as chrome (share bar, related links, byline, …).
pub(super) fn soft_junk(el: &Element) -> Soft {
    if matches!(el.name(), "header" | "form" | "figcaption" | "address") {
        return Soft::Weak;
    }
    // Strong, not hard: an unclosed <aside> can swallow the rest of the page.
    if matches!(el.name(), "nav" | "aside" | "footer") {
        return Soft::Strong;
    }
    if el.attr("itemprop").is_some_and(|p| p == "author") || el.attr("rel") == Some("author") {
        return Soft::Weak;
    }
    // Microdata written as elements (`<div itemprop="datePublished">`) is metadata, not prose.
    if el.name() != "img"
        && el
            .attr("itemprop")
            .is_some_and(|p| METADATA_PROPS.contains(&p))
    {
        return Soft::Strong;
    }
    if is_folded_panel(el) {
        // An accordion or tab panel folded shut: the reader opens it with a click.
        return Soft::Weak;
    }
    if is_hidden(el) && !is_streamed_chunk(el) {
        // Hidden content is only chrome-like: streaming renderers park the whole article in a
        // hidden element, so the caller keeps one that holds most of the page.
        return Soft::Strong;
    }
    let (strong, weak, content) = class_words(el);
    // A subheading's class names the heading ("header-anchor-post", "section-header"): the
    // weak words say nothing about a heading's text.
    let heading = matches!(el.name(), "h2" | "h3" | "h4" | "h5" | "h6");
    if strong && is_comments(el) {
        Soft::Comments
    } else if strong {
        Soft::Strong
    } else if weak && !content && !heading {
        Soft::Weak
    } else {
        Soft::No
    }
}

#[cfg(test)]
fn is_soft_junk(el: &Element) -> bool {
    soft_junk(el) != Soft::No
}

/// React streaming parks server-rendered chunks in hidden `<div id="S:1">` elements that a
/// script moves into place: their content is the page's.
fn is_streamed_chunk(el: &Element) -> bool {
    el.id().is_some_and(|id| {
        let digits = id.strip_prefix("S:").or_else(|| id.strip_prefix("P:"));
        digits.is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

/// A hidden region of an accordion or a tab set: folded until the reader opens it.
pub(super) fn is_folded_panel(el: &Element) -> bool {
    is_hidden(el) && is_collapsed_panel(el)
}

/// A region of an accordion or a tab set: shut until the reader opens it, but article text.
fn is_collapsed_panel(el: &Element) -> bool {
    let role = el.attr("role").unwrap_or("");
    let class = el.attr("class").unwrap_or("").to_ascii_lowercase();
    matches!(role, "region" | "tabpanel")
        || el.attr("aria-labelledby").is_some()
        || class.contains("collapse")
        || class.contains("accordion")
}

fn is_comments(el: &Element) -> bool {
    let ci = format!(
        "{} {}",
        el.attr("class").unwrap_or(""),
        el.id().unwrap_or("")
    );
    let ci = ci.to_ascii_lowercase();
    ci.contains("comment") || ci.contains("disqus")
}

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style = style.to_ascii_lowercase().replace(' ', "");
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Positive/negative weight of an element's class and id for content scoring.
pub(super) fn class_weight(el: &Element) -> f32 {
    let (strong, weak, content) = class_words(el);
    let mut w = 0.0;
    if strong || weak {
        w -= 25.0;
    }
    if content {
        w += 25.0;
    }
    if el.attr("itemprop") == Some("articleBody") {
        w += 50.0;
    }
    w
}

/// Scans class and id tokens once: (strong chrome word, weak chrome word, content token).
/// A content word only protects when its own token has no chrome word: `entry-content` protects,
/// `entry-meta` and `article-header` do not.
fn class_words(el: &Element) -> (bool, bool, bool) {
    let (mut strong, mut weak, mut content) = (false, false, false);
    let sources = [el.attr("class"), el.id()];
    for token in sources
        .into_iter()
        .flatten()
        .flat_map(str::split_ascii_whitespace)
    {
        if is_state_token(token) {
            continue;
        }
        let (mut t_strong, mut t_weak, mut t_content) = (false, false, false);
        // "skip" names a skip link ("skip-to-content"), not an article part ("skip-item").
        if contains_ignoring_case(token, "skip") {
            let lower = token.to_ascii_lowercase();
            t_strong |= [
                "skip-link",
                "skip-to",
                "skip-nav",
                "skip-main",
                "skip-content",
            ]
            .iter()
            .any(|p| lower.contains(p));
        }
        for raw in token.split(|c: char| !c.is_ascii_alphanumeric()) {
            if raw.is_empty() || raw.len() > 24 {
                continue;
            }
            let word = raw.to_ascii_lowercase();
            let w = word.as_str();
            t_strong |= STRONG_WORDS.contains(&w);
            t_weak |= WEAK_WORDS.contains(&w);
            t_content |= CONTENT_WORDS.contains(&w);
        }
        strong |= t_strong;
        weak |= t_weak;
        content |= t_content && !t_strong && !t_weak;
    }
    (strong, weak, content)
}

/// An `<aside>` whose class and id name no chrome: inside a story it is often a boxed note
/// ("A note on other devices"), which the caller keeps when it is prose.
pub(super) fn is_plain_aside(el: &Element) -> bool {
    el.name() == "aside"
        && (class_words(el) == (false, false, false) || only_chrome_word(el, "aside"))
}

/// Whether "toc" (table of contents) is the only chrome word in the class and id. Pages give
/// each section the TOC jumps to an id such as `toc_how-they-work`; such a section is prose,
/// while a real table of contents is a list of links, so the caller decides by link density.
pub(super) fn only_toc_word(el: &Element) -> bool {
    only_chrome_word(el, "toc")
}

/// Whether `word` is in the class or id and no other chrome word is.
fn only_chrome_word(el: &Element, only: &str) -> bool {
    let mut found = false;
    for token in [el.attr("class"), el.id()]
        .into_iter()
        .flatten()
        .flat_map(str::split_ascii_whitespace)
        .filter(|t| !is_state_token(t))
    {
        for word in token.split(|c: char| !c.is_ascii_alphanumeric()) {
            let w = word.to_ascii_lowercase();
            if w == only {
                found = true;
            } else if STRONG_WORDS.contains(&w.as_str()) || WEAK_WORDS.contains(&w.as_str()) {
                return false;
            }
        }
    }
    found
}

/// State classes (`has-comments`, `modal-enabled`, `no-sidebar`) describe what a page has, not
/// what the element is.
fn is_state_token(token: &str) -> bool {
    let t = token.to_ascii_lowercase();
    // Layout classes name the page's grid ("layout-sidebar-left"), not the element's role.
    t.contains("layout")
        || t.contains("overflow")
        || [
            "has-", "no-", "with-", "is-", "show-", "hide-", "js-", "without-",
        ]
        .iter()
        .any(|p| t.starts_with(p))
        || [
            "-enabled",
            "-active",
            "-open",
            "-loaded",
            "-visible",
            "-hidden",
            "-none",
            "-disabled",
            // BEM modifiers with a value: "sidebar-enabled--false" ("print-false", which keeps
            // a box off paper, is not one: it marks chrome).
            "--true",
            "--false",
        ]
        .iter()
        .any(|s| t.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn first(html: &str, tag: &str) -> Element {
        let doc = Html::parse_fragment(html);
        let sel = scraper::Selector::parse(tag).unwrap();
        let el = doc.select(&sel).next().unwrap().value().clone();
        el
    }

    #[test]
    fn scripts_forms_and_hidden_are_hard_junk() {
        assert!(is_hard_junk(&first("<script>x</script>", "script")));
        assert!(is_hard_junk(&first("<iframe src=x></iframe>", "iframe")));
        assert!(is_soft_junk(&first(
            "<div style='display: none'>x</div>",
            "div"
        )));
        assert!(is_hard_junk(&first(
            "<div role='navigation'>x</div>",
            "div"
        )));
        assert!(!is_hard_junk(&first("<div class='share'>x</div>", "div")));
    }

    #[test]
    fn class_words_split_on_punctuation() {
        assert!(is_soft_junk(&first(
            "<div class='social-share'>x</div>",
            "div"
        )));
        assert!(is_soft_junk(&first(
            "<div class='comment-content'>x</div>",
            "div"
        )));
        // A weak word loses to a content word; substrings do not count.
        assert!(is_soft_junk(&first(
            "<div class='article-header'>x</div>",
            "div"
        )));
        assert!(!is_soft_junk(&first(
            "<div class='entry-content has-author'>x</div>",
            "div"
        )));
        assert!(!is_soft_junk(&first(
            "<div class='shadow-loaded'>x</div>",
            "div"
        )));
        assert!(is_soft_junk(&first("<div class='byline'>x</div>", "div")));
    }

    #[test]
    fn article_parts_with_chrome_like_names_are_read() {
        // Guide sections named "skip-item", layout utilities, folded accordion panels.
        assert!(!is_soft_junk(&first(
            "<div class='skip-item'>x</div>",
            "div"
        )));
        assert!(is_soft_junk(&first(
            "<a class='skip-to-content'>x</a>",
            "a"
        )));
        assert!(!is_soft_junk(&first(
            "<div class='vds-overflow_hidden'>x</div>",
            "div"
        )));
        assert!(!is_soft_junk(&first(
            "<div class='blog-article__main sidebar-enabled--false content'>x</div>",
            "div"
        )));
        let panel = first(
            "<div role=region aria-labelledby=q1 style='display:none'>x</div>",
            "div",
        );
        assert_eq!(soft_junk(&panel), Soft::Weak);
        assert_eq!(
            soft_junk(&first("<div style='display:none'>x</div>", "div")),
            Soft::Strong
        );
        // A fieldset is a box around text; only its controls are never read.
        assert!(!is_hard_junk(&first("<fieldset>x</fieldset>", "fieldset")));
        assert!(!is_hard_junk(&first("<div role=tablist>x</div>", "div")));
    }

    #[test]
    fn a_subheading_is_not_chrome_for_a_weak_class_word() {
        let anchored = "<h2 class='header-anchor-post'><strong>The numbers</strong></h2>";
        assert!(!is_soft_junk(&first(anchored, "h2")));
        assert!(is_soft_junk(&first(
            "<div class='header-anchor-post'>x</div>",
            "div"
        )));
        // Strong words still count on headings.
        assert!(is_soft_junk(&first(
            "<h3 class='related-title'>More</h3>",
            "h3"
        )));
    }

    #[test]
    fn a_faq_s_question_buttons_are_read_and_other_controls_are_not() {
        let article = "<h3><button aria-expanded=false aria-controls=a1 \
             onclick=\"steal()\">Does the detour add tolls?</button></h3>\
             <div id=a1><p>No, the detour uses the ring road, which has no tolls.</p></div>\
             <button aria-expanded=false>Show more</button><button>Why not?</button>\
             <button aria-controls=a2><div><h3>Is the ring road open at night?</h3></div>\
             <svg><title>Open accordion</title><path d=M0/></svg></button>\
             <div id=a2><p>Yes, all night, with one lane closed for repairs until May.</p></div>\
             <div role=button aria-expanded=false><h3>Are bikes allowed on it?</h3></div>\
             <div><p>Only on the path beside it, which opened last spring. Riders must dismount on the \
             bridge, where the path narrows, and at both ends.</p></div>\
             <button class=faq-list__label-button><img alt=Expand src=/e.svg>\
             <div>Will buses stop there?</div></button>\
             <div><p>Two routes will stop at the new interchange. The council expects the first \
             buses in June, once the shelters and the crossing are finished.</p></div>\
             <div class=faq-header>Questions from readers</div>\
             <div class=accordion-item><div class=accordion-item-header>\
             <div class=accordion-item-header-title>Is parking free at the interchange?\
             <i class=material-icons>chevron_right</i></div></div>\
             <div><p>For the first two hours. After that the lot charges the city's usual \
             rate, and season tickets are sold at the station's office.</p></div></div>";
        let body = crate::import::extract::tests::body_amid_prose(article);
        assert!(body.contains("### Does the detour add tolls?"), "{body}");
        // The question's chevron icon is no part of what the reader sees.
        assert!(
            body.contains("### Is the ring road open at night?"),
            "{body}"
        );
        // Toggles drawn as a div with the button role, or named so by their class.
        assert!(body.contains("### Are bikes allowed on it?"), "{body}");
        assert!(body.contains("Will buses stop there?"), "{body}");
        // A question drawn as an accordion's header, its icon's ligature left out.
        assert!(
            body.contains("Is parking free at the interchange?"),
            "{body}"
        );
        for absent in [
            "Show more",
            "Why not",
            "steal",
            "Open accordion",
            "chevron_right",
            "Questions from readers",
        ] {
            assert!(!body.contains(absent), "{absent}: {body}");
        }
    }
}
