//! Boilerplate classification: which elements are never article text.
//!
//! Two strengths. *Hard* junk (scripts, forms controls, navigation, hidden elements, …) is never
//! read, whatever it contains; this is also the sanitizing layer, so anything executable or
//! interactive is decided here. *Soft* junk is recognised by its class, id or role (share bars,
//! related links, newsletter boxes, comments, bylines); the caller keeps a soft-junk element when
//! it holds most of the text, because pages also use such words on the article's own wrapper.

use scraper::node::Element;

/// Tags whose content is never article text. Executable, embedded and interactive content is
/// here so that it can never reach the Markdown.
const HARD_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "canvas", "button", "input", "select", "textarea", "option",
    "optgroup", "label", "nav", "aside", "footer", "dialog", "link", "meta", "head", "title",
    "audio", "video", "source", "track", "map", "area", "base", "fieldset", "legend", "datalist",
    "output", "progress", "meter", "menu", "portal", "slot",
];

/// Class/id words that mark site chrome strongly enough to beat a "content"-like word beside
/// them (`comment-content` is still a comment).
const STRONG_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "share",
    "sharing",
    "sharebar",
    "social",
    "socials",
    "related",
    "newsletter",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adsense",
    "adslot",
    "dfp",
    "gpt",
    "sidebar",
    "outbrain",
    "taboola",
    "promo",
    "promoted",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "subscribe",
    "subscription",
    "signup",
    "recirc",
    "recirculation",
    "popup",
    "modal",
    "overlay",
    "sponsor",
    "sponsored",
    "trending",
    "popular",
    "mostpopular",
    "mostread",
    "recommended",
    "recommendations",
    "zergnet",
    "hidden",
    "sronly",
    "offscreen",
    "paywall",
    "jump",
    "toc",
    "skip",
    "print",
    "follow",
    "rating",
    "reactions",
    "pagination",
    "pager",
    "prevnext",
    "masthead",
];

/// Class/id words that usually mark chrome but lose to a "content"-like word on the same element.
const WEAK_WORDS: &[&str] = &[
    "header",
    "byline",
    "bylines",
    "author",
    "authors",
    "meta",
    "metadata",
    "tags",
    "tag",
    "taglist",
    "bio",
    "widget",
    "banner",
    "toolbar",
    "dateline",
    "timestamp",
    "date",
    "credit",
    "credits",
    "topics",
    "keywords",
    "categories",
    "more",
    "readmore",
    "also",
    "next",
    "prev",
    "login",
    "signin",
    "alert",
    "notice",
    "disclaimer",
    "embed",
    "tools",
    "actions",
    "utility",
    "caption",
    "figcaption",
    "icon",
    "icons",
    "btn",
    "button",
    "inline",
    "aside",
];

/// Words that say "this is the article": they protect an element from the weak words.
const CONTENT_WORDS: &[&str] = &[
    "content", "body", "text", "article", "main", "entry", "story", "post", "prose", "richtext",
];

/// ARIA roles of site chrome.
const JUNK_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "search",
    "toolbar",
    "tablist",
    "button",
];

/// Whether the element's tag or visibility rules it out whatever it contains.
pub(super) fn is_hard_junk(el: &Element) -> bool {
    let name = el.name();
    if HARD_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style = style.to_ascii_lowercase().replace(' ', "");
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    el.attr("role")
        .is_some_and(|r| JUNK_ROLES.contains(&r.trim()))
}

/// Whether class, id or tag mark the element as chrome (share bar, related links, byline, …).
pub(super) fn is_soft_junk(el: &Element) -> bool {
    if matches!(el.name(), "header" | "form" | "figcaption" | "address") {
        return true;
    }
    if el.attr("itemprop").is_some_and(|p| p == "author") || el.attr("rel") == Some("author") {
        return true;
    }
    let (strong, weak, content) = class_words(el);
    strong || (weak && !content)
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
        let (mut t_strong, mut t_weak, mut t_content) = (false, false, false);
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
        assert!(is_hard_junk(&first(
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
}
