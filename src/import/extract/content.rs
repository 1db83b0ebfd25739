//! Finding the article in the page: a paragraph-based content score (in the spirit of
//! Readability) over `analysis`'s statistics picks the element holding the article, plus the
//! sibling blocks that belong with it.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::analysis::Analysis;
use super::junk;

/// Tags scored as paragraphs when they hold enough text.
const PARA_TAGS: &[&str] = &["p", "pre", "td", "blockquote", "dd"];
/// Tags whose direct text makes them paragraphs too (text written straight into a div).
const LOOSE_TAGS: &[&str] = &[
    "div", "section", "article", "span", "font", "center", "main",
];

/// Picks the elements that hold the article, in document order.
pub(super) fn find_article(doc: &Html, a: &Analysis) -> Vec<NodeId> {
    let mut sc = Scores::default();
    score_paragraphs(doc.tree.root(), a, &mut sc);
    let scores = &sc.score;
    let mut best: Option<(NodeId, f32)> = None;
    for (&id, &raw) in scores {
        let s = raw * (1.0 - a.link_density(id));
        // Equal scores (a block repeated on the page) go to the earlier element, whatever
        // order the map yields them in, so that every run extracts the same article.
        if best.is_none_or(|(best_id, b)| s > b || (s == b && id < best_id)) {
            best = Some((id, s));
        }
    }
    let Some((top, top_score)) = best else {
        return vec![body_or_root(doc)];
    };
    let top = climb(doc, a, scores, top, top_score);
    let top = cover_prose(doc, a, &sc.good, top);
    let article = super::lede::with_opening(doc, a, with_siblings(doc, a, &sc, top));
    let article = super::contents::with_listed_sections(doc, a, article);
    super::faq::with_faq(doc, a, article)
}

/// Paragraph scores per element, and the prose (non-link paragraph text) each one holds.
#[derive(Default)]
struct Scores {
    score: HashMap<NodeId, f32>,
    good: HashMap<NodeId, u32>,
}

/// Share of the page's prose the article element must hold. Long guides and page-builder
/// layouts split the article into many sibling sections; the best-scoring one is then only a
/// part, and the element that holds most of the prose is the article. An element with half
/// the page's prose already holds more than any other part of the page could, so the climb
/// stops there: above it come the site's own blocks (company blurbs, course lists).
const PROSE_SHARE: f32 = 0.5;
/// Most link text allowed in what a climb adds (teaser lists and share rows are links).
const CLIMB_MAX_LINKS: f32 = 0.4;
/// Characters a climb step may add without the link test: a list item's heading row
/// ("1", the product name, a "Tested: …" link) is short and often a link, and stopping there
/// leaves the rest of a ranked list behind.
const CLIMB_SMALL_STEP: u32 = 80;

fn cover_prose(doc: &Html, a: &Analysis, good: &HashMap<NodeId, u32>, top: NodeId) -> NodeId {
    let body = body_or_root(doc);
    let total = good.get(&body).copied().unwrap_or(0) as f32;
    let mut cur = top;
    while (good.get(&cur).copied().unwrap_or(0) as f32) < PROSE_SHARE * total {
        let Some(p) = doc.tree.get(cur).and_then(|n| n.parent()) else {
            return top;
        };
        if !p.value().is_element() || p.id() == body || is_body(p) {
            return top;
        }
        // What climbing adds must read like more article (prose), not teaser lists or
        // share buttons, which are mostly links.
        let (ps, cs) = (a.stat(p.id()), a.stat(cur));
        let extra_text = ps.text.saturating_sub(cs.text);
        let extra_link = ps.link.saturating_sub(cs.link);
        if extra_text > CLIMB_SMALL_STEP && extra_link as f32 > CLIMB_MAX_LINKS * extra_text as f32
        {
            return top;
        }
        cur = p.id();
    }
    cur
}

fn body_or_root(doc: &Html) -> NodeId {
    doc.root_element()
        .child_elements()
        .find(|e| e.value().name() == "body")
        .map_or(doc.root_element().id(), |b| b.id())
}

/// Adds every paragraph's score to its ancestors, less the further up they are, and its prose
/// to all of them.
fn score_paragraphs(node: NodeRef<Node>, a: &Analysis, sc: &mut Scores) {
    for child in node.children() {
        let Node::Element(el) = child.value() else {
            continue;
        };
        if a.junk.contains(&child.id()) {
            continue;
        }
        let name = el.name();
        let st = a.stat(child.id());
        let (len, prose) = if PARA_TAGS.contains(&name) {
            (st.text, st.text - st.link)
        } else if LOOSE_TAGS.contains(&name) {
            let d = direct_text(child);
            (d, d)
        } else if name == "li" && st.text >= 60 {
            (0, st.text - st.link)
        } else {
            (0, 0)
        };
        if prose >= 25 && prose * 10 >= len * 7 {
            for anc in child.ancestors() {
                *sc.good.entry(anc.id()).or_default() += prose;
            }
        }
        if len >= 25 {
            // Text written straight into a div makes the div itself the candidate.
            add_score(child, len, !PARA_TAGS.contains(&name), sc);
        }
        if !PARA_TAGS.contains(&name) || name == "td" || name == "blockquote" {
            score_paragraphs(child, a, sc);
        }
    }
}

fn add_score(child: NodeRef<Node>, len: u32, include_self: bool, sc: &mut Scores) {
    let commas = comma_count(child) as f32;
    let s = 1.0 + commas + (len as f32 / 100.0).min(3.0);
    let own = include_self.then_some(child);
    for (level, anc) in own.into_iter().chain(child.ancestors()).take(5).enumerate() {
        let Node::Element(ae) = anc.value() else {
            break;
        };
        let div = match level {
            0 => 1.0,
            1 => 2.0,
            l => l as f32 * 3.0,
        };
        let entry = sc
            .score
            .entry(anc.id())
            .or_insert_with(|| initial_score(ae));
        *entry += s / div;
    }
}

fn initial_score(el: &scraper::node::Element) -> f32 {
    let base = match el.name() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    base + junk::class_weight(el)
}

/// Non-whitespace characters in the element's own text nodes (not its children's).
fn direct_text(node: NodeRef<Node>) -> u32 {
    node.children()
        .filter_map(|c| c.value().as_text())
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count() as u32)
        .sum()
}

fn comma_count(node: NodeRef<Node>) -> usize {
    node.descendants()
        .filter_map(|c| c.value().as_text())
        .map(|t| t.matches([',', '，', '、', '،']).count())
        .sum()
}

/// Moves up from the best element when its ancestors score about as well (the article is split
/// across several blocks) or when it is an only child.
fn climb(
    doc: &Html,
    a: &Analysis,
    scores: &HashMap<NodeId, f32>,
    mut top: NodeId,
    top_score: f32,
) -> NodeId {
    let score_of = |id: NodeId| scores.get(&id).map(|s| s * (1.0 - a.link_density(id)));
    let mut last = top_score;
    let mut cur = doc.tree.get(top).and_then(|n| n.parent());
    while let Some(p) = cur {
        if !p.value().is_element() || is_body(p) {
            break;
        }
        let Some(ps) = score_of(p.id()) else { break };
        if ps < top_score / 3.0 {
            break;
        }
        if ps > last {
            top = p.id();
            break;
        }
        last = ps;
        cur = p.parent();
    }
    // An only child says nothing the parent does not.
    while let Some(p) = doc.tree.get(top).and_then(|n| n.parent()) {
        if !p.value().is_element() || is_body(p) {
            break;
        }
        let elements = p.children().filter(|c| c.value().is_element()).count();
        if elements != 1 {
            break;
        }
        top = p.id();
    }
    top
}

fn is_body(n: NodeRef<Node>) -> bool {
    n.value()
        .as_element()
        .is_some_and(|e| matches!(e.name(), "body" | "html"))
}

/// The best element plus siblings that score well or read like article paragraphs.
fn with_siblings(doc: &Html, a: &Analysis, sc: &Scores, top: NodeId) -> Vec<NodeId> {
    let scores = &sc.score;
    let top_score = scores.get(&top).copied().unwrap_or(0.0) * (1.0 - a.link_density(top));
    // Siblings are looked for beside the outermost wrapper that holds nothing else: layouts
    // wrap each stretch of a story in a section inside a block, and the blocks are siblings.
    let article = top;
    let top = outer_wrapper(doc, a, top);
    let Some(node) = doc.tree.get(top) else {
        return vec![article];
    };
    let Some(parent) = node.parent() else {
        return vec![article];
    };
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = node.value().as_element().and_then(|e| e.attr("class"));
    let mut out = Vec::new();
    for sib in parent.children() {
        let Node::Element(el) = sib.value() else {
            continue;
        };
        if sib.id() == top {
            // The article itself, without the pictures its wrappers hold beside it.
            out.push(article);
            continue;
        }
        if a.junk.contains(&sib.id()) {
            continue;
        }
        let same_class = el.attr("class") == top_class
            && (top_class.is_some() || classless_story_part(node, el));
        let bonus = if same_class { top_score * 0.2 } else { 0.0 };
        let s = scores.get(&sib.id()).copied().unwrap_or(0.0) * (1.0 - a.link_density(sib.id()));
        // Page builders put each stretch of the story in its own block of the same class; a
        // block whose paragraphs sit deep inside gets little score, but its text is the story's.
        let same_kind_text =
            same_class && a.link_density(sib.id()) < 0.5 && a.stat(sib.id()).text > 200;
        let keep = if s + bonus >= threshold || same_kind_text {
            true
        } else if el.name() == "p" {
            let st = a.stat(sib.id());
            let ld = a.link_density(sib.id());
            (st.text > 80 && ld < 0.25) || (st.text > 0 && ld == 0.0 && ends_sentence(sib))
        } else {
            false
        };
        if keep {
            out.push(sib.id());
        }
    }
    if out.len() == 1 {
        if let Some((before, after)) = parts_beside_wrapper(doc, a, &sc.good, top) {
            return before.into_iter().chain(out).chain(after).collect();
        }
    }
    out
}

/// Levels looked up for a story split into blocks further out than the article's wrapper.
const PART_LEVELS: usize = 4;

/// The other parts of a story split into page-builder blocks of one class, when the blocks sit
/// a few wrappers above the article's element (each wrapper adding little beside it, such as a
/// share aside): the same-class siblings before and after the block holding the article.
fn parts_beside_wrapper(
    doc: &Html,
    a: &Analysis,
    good: &HashMap<NodeId, u32>,
    wrapper: NodeId,
) -> Option<(Vec<NodeId>, Vec<NodeId>)> {
    let text = a.stat(wrapper).text;
    let node = doc.tree.get(wrapper)?;
    // Each part repeats the article's own element: the same template rendered per stretch.
    let article_class = node.value().as_element()?.attr("class")?;
    let holds_article_kind = |n: &NodeRef<Node>| {
        n.descendants().any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| e.attr("class") == Some(article_class))
        })
    };
    for block in node.ancestors().take(PART_LEVELS) {
        if !block.value().is_element() || is_body(block) {
            return None;
        }
        // A wrapper that adds more than a little is no longer just around the article.
        if a.stat(block.id()).text > text + text / 4 {
            return None;
        }
        let Some(class) = block.value().as_element().and_then(|e| e.attr("class")) else {
            continue;
        };
        let part = |n: &NodeRef<Node>| {
            n.value().as_element().and_then(|e| e.attr("class")) == Some(class)
                && !a.junk.contains(&n.id())
                && a.link_density(n.id()) < 0.5
                && a.stat(n.id()).text > 200
                && good.get(&n.id()).copied().unwrap_or(0) * 10 >= a.stat(n.id()).text * 6
                && holds_article_kind(n)
        };
        let before: Vec<NodeId> = block.prev_siblings().filter(part).map(|n| n.id()).collect();
        let after: Vec<NodeId> = block.next_siblings().filter(part).map(|n| n.id()).collect();
        if !before.is_empty() || !after.is_empty() {
            return Some((before.into_iter().rev().collect(), after));
        }
    }
    None
}

/// Whether a classless sibling is a part of the story like the article's own block: both
/// `<section>`s (or `<article>`s), the way hand-written templates split a long post.
fn classless_story_part(top: NodeRef<Node>, sib: &scraper::node::Element) -> bool {
    let top_name = top.value().as_element().map(|e| e.name());
    matches!(top_name, Some("section" | "article")) && top_name == Some(sib.name())
}

/// The outermost element around `id` with the same text: wrappers that hold nothing else.
fn outer_wrapper(doc: &Html, a: &Analysis, id: NodeId) -> NodeId {
    let text = a.stat(id).text;
    let mut cur = id;
    while let Some(p) = doc.tree.get(cur).and_then(|n| n.parent()) {
        if !p.value().is_element() || is_body(p) || a.stat(p.id()).text != text {
            break;
        }
        cur = p.id();
    }
    cur
}

fn ends_sentence(n: NodeRef<Node>) -> bool {
    let text = scraper::ElementRef::wrap(n)
        .map(super::signals::text_of)
        .unwrap_or_default();
    let t = text.as_str();
    t.ends_with('.') && t.chars().filter(|c| !c.is_whitespace()).count() > 30
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::analysis::analyse;
    use super::*;

    /// The text of each element the article is read from, in order.
    pub(in super::super) fn article_parts(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let a = analyse(&doc);
        find_article(&doc, &a)
            .into_iter()
            .map(|id| {
                let n = doc.tree.get(id).unwrap();
                scraper::ElementRef::wrap(n)
                    .unwrap()
                    .text()
                    .collect::<String>()
            })
            .collect()
    }

    fn article_text(html: &str) -> String {
        article_parts(html).concat()
    }

    #[test]
    fn of_two_equal_blocks_every_run_picks_the_first() {
        let para = "<p>Start your free trial today, and move your bookings over to the new \
                    calendar, which keeps every client's history in one place.</p>";
        let block = |name: &str| {
            format!(
                "<section><div><h2>{name}</h2>{}</div></section>",
                para.repeat(3)
            )
        };
        let html = format!(
            "<body><div class=a>{}</div><div class=b>{}</div></body>",
            block("First copy"),
            block("Second copy")
        );
        // Each run hashes with new keys, so a tie broken by map order would differ.
        for _ in 0..20 {
            let text = article_text(&html);
            assert!(text.contains("First copy"), "{text}");
            assert!(!text.contains("Second copy"), "{text}");
        }
    }

    #[test]
    fn an_article_with_half_the_prose_is_not_widened_to_the_site_s_blocks() {
        let story = "<p>The council voted on Tuesday to close the old bridge, citing repairs \
                     that have been put off for a decade.</p>";
        let blurb = "<div><div><div><div><div><p>Our studio has built websites for local \
                     firms since 2009 and answers the phone on weekends.</p></div></div>\
                     </div></div></div>";
        let html = format!(
            "<body><main><div class=story>{}</div><div class=about>{}</div></main></body>",
            story.repeat(11),
            blurb.repeat(9)
        );
        let text = article_text(&html);
        assert!(text.contains("The council voted"), "{text}");
        assert!(!text.contains("Our studio"), "{text}");
    }

    #[test]
    fn a_story_split_into_builder_blocks_is_read_from_every_block() {
        let para = |topic: &str| {
            format!(
                "<p>The {topic} story goes on, with a detail, a quote, and more of the \
                 reporting that readers came for.</p>"
            )
        };
        // The block holding the top-scoring stretch also holds a share aside, so the
        // stretch's own wrapper has no siblings: the other stretches sit a level up.
        let block = |topic: &str, n: usize, aside: &str| {
            format!(
                "<div class=acf><div class=wrap><section class=story>{}</section>{aside}\
                 </div></div>",
                para(topic).repeat(n)
            )
        };
        let aside = "<aside><a href=/s>Share this article</a> <a href=/n>Newsletter</a> \
                     <a href=/f>Facebook</a> <a href=/r>Reddit</a> <a href=/e>Email</a></aside>";
        let html = format!(
            "<body><div id=body>{}{}{}</div><div class=promo><div class=wrap>\
             <section class=shop>{}</section></div></div></body>",
            block("opening", 6, aside),
            block("middle", 3, ""),
            block("closing", 3, ""),
            para("shop").repeat(3)
        );
        let text = article_text(&html);
        for part in ["opening", "middle", "closing"] {
            assert!(
                text.contains(&format!("The {part} story")),
                "{part}: {text}"
            );
        }
        assert!(!text.contains("The shop story"), "{text}");
        assert!(!text.contains("Share this article"), "{text}");
    }

    #[test]
    fn picks_the_paragraph_container_over_the_sidebar() {
        let para = "<p>This is a sentence of the article, with commas, and enough words.</p>";
        let html = format!(
            "<body><div class=sidebar><p>Side text, short, but there.</p></div>\
             <div class=story>{}</div><div class=related><a href=x>Other story</a></div></body>",
            para.repeat(6)
        );
        let text = article_text(&html);
        assert!(text.contains("This is a sentence"));
        assert!(!text.contains("Side text"));
        assert!(!text.contains("Other story"));
    }

    #[test]
    fn a_ranked_list_is_read_past_its_linked_item_headings() {
        let prose = "<p>The car drives well, charges fast, and costs less than most rivals, \
            which is why it ranks here.</p>";
        let item = |i: u32| {
            format!(
                "<section><div class=item><div class=head><span>{i}</span>\
                 <a href=/review-{i}>Tested: Car {i}</a></div><div class=b><div class=c>\
                 <div class=d>{}</div></div></div></div></section>",
                prose.repeat(3).replace("The car", &format!("Car {i}"))
            )
        };
        let items: String = (1..=5).map(item).collect();
        let html = format!("<body><div class=list>{items}</div></body>");
        let text = article_text(&html);
        assert!(
            (1..=5).all(|i| text.contains(&format!("Car {i} drives"))),
            "{text}"
        );
    }

    #[test]
    fn a_legal_disclosure_is_not_taken_for_the_article() {
        let step = |i: u32| {
            format!(
                "<section><div><div><div><h2>Step {i}</h2><p>Put money aside each month, \
                 before rent and bills, so saving is a habit.</p></div></div></div></section>"
            )
        };
        let steps: String = (1..=4).map(step).collect();
        let legal = "Securities, insurance and advisory services are offered through an \
            affiliate, a registered adviser, and are not deposits, not insured, may lose value. ";
        let html = format!(
            "<body><div class=page>{steps}</div><div class=disclosure><p>{}</p></div></body>",
            legal.repeat(3)
        );
        let text = article_text(&html);
        assert!(text.contains("Step 1") && text.contains("Step 4"), "{text}");
    }

    #[test]
    fn page_builder_blocks_of_the_article_s_kind_are_read() {
        let para = "<p>Cleaning a three-bedroom house costs more in spring, when demand peaks, \
            and less on a weekly plan.</p>";
        let block = |n: usize, tag: &str| {
            format!(
                "<div class=\"sqs-block html-block\"><div class=inner><div class=html>\
                 <h2>{tag}</h2>{}</div></div></div>",
                para.repeat(n)
            )
        };
        let html = format!(
            "<body><div class=col>{}{}{}</div></body>",
            block(3, "Intro"),
            block(9, "Prices"),
            block(3, "Tips")
        );
        let text = article_text(&html);
        assert!(text.contains("Intro") && text.contains("Tips"), "{text}");
    }

    #[test]
    fn story_sections_are_read_beside_the_wrapper_of_the_best_one() {
        let para = "<p>Children who sleep badly are more likely to be restless in the day, \
            and parents who share a bed with them sleep worse too.</p>";
        // The best-scoring grid sits in a layout section beside an empty spacer; the rest of
        // the story is in another section of the same layout class, nested deeper.
        let html = format!(
            "<body><nav><a href=/a>Home</a></nav><div class=column>\
             <section class=wide><div class=spacer></div><div class=grid>{}</div></section>\
             <section class=wide><div class=pad><section class=inner><div class=grid>\
             <h2>How to keep toddlers in bed</h2>{}</div></section></div></section>\
             </div></body>",
            para.repeat(9),
            para.repeat(2)
        );
        let text = article_text(&html);
        assert!(text.contains("How to keep toddlers in bed"), "{text}");
    }

    #[test]
    fn classless_sections_of_a_post_are_read_together() {
        let para = "<p>A dynamic microphone picks up less of the room, which matters more \
            than price when you record in a spare bedroom.</p>";
        let html = format!(
            "<body><article><hgroup><h1>Gear</h1></hgroup>\
             <section><p>When I started, gear scared me.</p><p>So here is my list.</p></section>\
             <section>{}</section><aside><a href=/a>Related</a></aside></article></body>",
            para.repeat(12)
        );
        let text = article_text(&html);
        assert!(text.contains("gear scared me"), "{text}");
        assert!(!text.contains("Related"), "{text}");
    }
}
