//! The questions-and-answers section that guides and explainers end with. Templates put it in
//! a block of its own after the story ("faq-container", `id="faqs"`), beside rather than inside
//! the element the content scorer chose, and its answers sit too deep in accordions to score.
//! A reader of the page reads it as the article's last section, so it is added to the article
//! when it follows the story in the same page region.

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::analysis::Analysis;
use super::junk::contains_ignoring_case;
use super::lede::{has_junk_ancestor, is_body_or_root};

/// Least text (non-space characters) for a questions section: two short answers.
const MIN_TEXT: u32 = 200;
/// Most link text it may carry: more, and it is a list of links to other FAQ pages.
const MAX_LINK_SHARE: f32 = 0.3;
/// Most text (non-space characters) between the story's end and the questions.
const MAX_BETWEEN: u32 = 60;
/// Least question marks: a section of questions asks more than one.
const MIN_QUESTIONS: usize = 2;

/// Appends to `article` (its elements in document order) the first questions section that
/// comes after it in the same page region, when there is one.
pub(super) fn with_faq(doc: &Html, a: &Analysis, mut article: Vec<NodeId>) -> Vec<NodeId> {
    let Some(last) = article.last().and_then(|&id| doc.tree.get(id)) else {
        return article;
    };
    let Some(faq) = following_faq(last) else {
        return article;
    };
    let path: Vec<NodeId> = last.ancestors().map(|n| n.id()).collect();
    // Story and questions must share a region below <body>: a site-wide FAQ in the footer
    // shares only the body with the story.
    let Some(common) = faq.ancestors().find(|n| path.contains(&n.id())) else {
        return article;
    };
    if is_body_or_root(common) {
        return article;
    }
    let junk = a.junk.contains(&faq.id()) || has_junk_ancestor(doc, a, faq.id(), common.id());
    let stat = a.stat(faq.id());
    if junk || stat.text < MIN_TEXT || a.link_density(faq.id()) > MAX_LINK_SHARE {
        return article;
    }
    let questions = scraper::ElementRef::wrap(faq)
        .map(|e| e.text().filter(|t| t.contains('?')).count())
        .unwrap_or(0);
    // Only a heading's worth of text may lie between story and questions: further away, the
    // questions are the site's own (about its service), not the story's last section.
    let story_in_common: u32 = article
        .iter()
        .filter_map(|&id| doc.tree.get(id))
        .filter(|n| n.ancestors().any(|p| p.id() == common.id()))
        .map(|n| a.stat(n.id()).text)
        .sum();
    let between = a
        .stat(common.id())
        .text
        .saturating_sub(stat.text + story_in_common);
    if questions >= MIN_QUESTIONS && between <= MAX_BETWEEN {
        article.push(faq.id());
    }
    article
}

/// The first element after `last` in document order (not inside it) whose class or id names
/// a FAQ; its descendants are not looked at, so the outermost one is found.
fn following_faq(last: NodeRef<Node>) -> Option<NodeRef<Node>> {
    let mut cur = Some(last);
    while let Some(n) = cur {
        for sib in n.next_siblings() {
            if let Some(found) = faq_in(sib) {
                return Some(found);
            }
        }
        cur = n.parent().filter(|p| !is_body_or_root(*p));
    }
    None
}

/// `n` itself or its first descendant, in document order, that is named as a FAQ: by its class
/// or id, or by the heading it opens with.
fn faq_in(n: NodeRef<Node>) -> Option<NodeRef<Node>> {
    n.descendants().find(|d| {
        d.value()
            .as_element()
            .is_some_and(|el| names_faq(el.attr("class")) || names_faq(el.id()) || titled_faq(*d))
    })
}

/// A section whose first element is a heading naming it ("FAQ", "Frequently Asked Questions"):
/// a page builder's plain section, no class saying what it holds.
fn titled_faq(n: NodeRef<Node>) -> bool {
    let Some(first) = n.children().find(|c| {
        c.value().is_element() || c.value().as_text().is_some_and(|t| !t.trim().is_empty())
    }) else {
        return false;
    };
    let heading = first
        .value()
        .as_element()
        .is_some_and(|e| matches!(e.name(), "h2" | "h3" | "h4"));
    // The section holds the questions after its heading; a box round the heading alone
    // does not.
    if !heading || !first.next_siblings().any(|c| c.value().is_element()) {
        return false;
    }
    let text: String = scraper::ElementRef::wrap(first)
        .map(|e| e.text().collect::<String>().to_lowercase())
        .unwrap_or_default();
    text.len() < 80 && (names_faq(Some(&text)) || text.contains("frequently asked"))
}

fn names_faq(attr: Option<&str>) -> bool {
    attr.is_some_and(|v| contains_ignoring_case(v, "faq"))
}

#[cfg(test)]
mod tests {
    use super::super::content::tests::article_parts;

    const BODY: &str = "<p>Cameras with local storage keep recording when the internet goes \
                        down, and a monthly plan adds cloud backups of every clip.</p>";
    const FAQ: &str = "<div class=faq-list><h3>Do cameras work without wifi?</h3><p>Yes, \
        cameras with a memory card keep recording when the network is down, and they \
        upload what they saw once it is back.</p>\
        <h3>Are wired cameras better?</h3><p>Wired cameras never need charging and \
        never drop off the network, but they take longer to install.</p></div>";

    #[test]
    fn questions_right_after_the_story_are_its_last_section() {
        let html = format!(
            "<body><main><div class=story>{}</div><h2>FAQs</h2>{FAQ}</main>\
             <footer>Contact us</footer></body>",
            BODY.repeat(30)
        );
        let parts = article_parts(&html);
        assert!(
            parts.last().unwrap().contains("Are wired cameras"),
            "{parts:?}"
        );
        assert!(!parts.concat().contains("Contact us"));
    }

    #[test]
    fn a_plain_section_headed_faq_is_the_questions_section() {
        let item = |q: &str, a: &str| format!("<div class=item><h3>{q}</h3><div>{a}</div></div>");
        let html = format!(
            "<body><main><div class=story>{}</div><section class=rich-text><h2>FAQ</h2>\
             <div class=items>{}{}</div></section></main></body>",
            BODY.repeat(60),
            item(
                "Do cameras work without wifi?",
                "Yes, cameras with a memory card keep recording when the network is down, \
                 and they upload what they saw once it is back."
            ),
            item(
                "Are wired cameras better?",
                "Wired cameras never need charging and never drop off the network, but \
                 they take longer to install."
            ),
        );
        let parts = article_parts(&html);
        assert!(parts.concat().contains("Are wired cameras"), "{parts:?}");
        // A box round the heading alone is not the section: the named list after it is.
        let html = format!(
            "<body><main><div class=story>{}</div><div class=info><h2>Cameras: FAQs</h2>\
             </div>{FAQ}</main></body>",
            BODY.repeat(30)
        );
        let parts = article_parts(&html);
        assert!(parts.concat().contains("Are wired cameras"), "{parts:?}");
    }

    #[test]
    fn a_site_s_questions_further_down_the_page_are_not() {
        let services = "<p>Our installers work in five states and answer the phone on \
                        weekends, so book a visit at a time that suits you.</p>";
        let html = format!(
            "<body><main><div class=story>{}</div><section class=services>{}</section>\
             {FAQ}</main></body>",
            BODY.repeat(30),
            services.repeat(2)
        );
        assert!(!article_parts(&html).concat().contains("Are wired cameras"));
    }
}
