//! The article as a flat list of Markdown blocks: the boilerplate filter that drops leftover
//! chrome lines (link lists, end-of-article sections, the lines `furniture` names) and the
//! final rendering.

use std::sync::LazyLock;

use regex::Regex;

use super::furniture;

/// What a block is; decides its Markdown prefix.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// A paragraph.
    Para,
    /// A subheading of the given level (1–6).
    Heading(u8),
    /// A list item: nesting depth and the number for ordered lists.
    Item { depth: u8, number: Option<usize> },
    /// A further paragraph inside a list item.
    ItemCont { depth: u8 },
    /// Preformatted text, rendered fenced.
    Code,
    /// An already rendered table.
    Table,
    /// An image or figure caption.
    Caption,
}

/// One rendered block with the measures the filter needs.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub kind: Kind,
    /// Block-quote depth.
    pub quote: u8,
    /// Inline Markdown.
    pub text: String,
    /// Visible non-whitespace characters.
    pub chars: u32,
    /// Of which inside links.
    pub link_chars: u32,
    /// Whether the block holds an image.
    pub image: bool,
}

/// Drops chrome blocks: furniture lines, link lists, headings left without a section.
pub(super) fn filter(blocks: Vec<Block>) -> Vec<Block> {
    let blocks = super::repeats::drop_repeated_runs(blocks);
    let repeated = super::repeats::repeated_lines(&blocks);
    let introduced = introduced_lists(&blocks);
    let chrome: Vec<bool> = blocks
        .iter()
        .zip(&introduced)
        .map(|(b, intro)| is_chrome(b, *intro) || repeated.contains(&b.text))
        .collect();
    let (kept, lost_after) = drop_marked(blocks, &chrome, vec![false; chrome.len()]);
    // Teaser rows show once the furniture between them ("Read more", dates) is gone.
    let teasers = super::teasers::runs(&kept);
    let (kept, lost_after) = drop_marked(kept, &teasers, lost_after);
    let (kept, lost_after) = drop_end_sections(kept, lost_after);
    drop_empty_headings(kept, &lost_after)
}

/// Keeps the blocks not marked in `drop`. `lost_after` says for each block whether chrome was
/// dropped right after it; it is carried over, and set where a dropped block followed.
fn drop_marked(
    blocks: Vec<Block>,
    drop: &[bool],
    lost_after: Vec<bool>,
) -> (Vec<Block>, Vec<bool>) {
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut kept_lost: Vec<bool> = Vec::with_capacity(blocks.len());
    for ((b, dropped), lost) in blocks.into_iter().zip(drop).zip(lost_after) {
        if *dropped {
            if let Some(last) = kept_lost.last_mut() {
                *last = true;
            }
        } else {
            kept.push(b);
            kept_lost.push(lost);
        }
    }
    (kept, kept_lost)
}

/// Drops a heading whose section was all chrome ("Related stories" above a dropped list);
/// images do not count as a section's content. `lost_after[i]` says whether chrome was dropped
/// right after block `i`: plain headings side by side in the page (a list of named items) stay.
fn drop_empty_headings(mut kept: Vec<Block>, lost_after: &[bool]) -> Vec<Block> {
    let mut i = kept.len();
    while i > 0 {
        i -= 1;
        let h = &kept[i];
        // Side by side, linked or picture-only headings are teasers, plain ones named items.
        let teaser = h.chars == 0 || h.link_chars * 2 > h.chars;
        if matches!(h.kind, Kind::Heading(_)) && (lost_after[i] || teaser || i + 1 == kept.len()) {
            let next = kept[i + 1..].iter().find(|n| n.chars > 0);
            let empty = next
                .is_none_or(|n| matches!(n.kind, Kind::Heading(l) if Some(l) <= level(&kept[i])));
            if empty {
                kept.remove(i);
            }
        }
    }
    kept
}

/// A paragraph of prose long enough that no teaser summary is like it.
fn is_long_prose(b: &Block) -> bool {
    b.kind == Kind::Para && b.quote == 0 && b.chars >= 300 && b.link_chars * 10 < b.chars
}

/// Drops each end-of-article section: its heading and everything up to the next heading of the
/// same or a higher level.
fn drop_end_sections(blocks: Vec<Block>, marks: Vec<bool>) -> (Vec<Block>, Vec<bool>) {
    let mut out = Vec::with_capacity(blocks.len());
    let mut out_marks = Vec::with_capacity(blocks.len());
    let mut skipping: Option<u8> = None;
    // Whether the skipped section is a teaser box, which the article's prose can follow.
    let mut teasers = false;
    for (b, mark) in blocks.into_iter().zip(marks) {
        if let Kind::Heading(l) = b.kind {
            if skipping.is_some_and(|s| l <= s) {
                skipping = None;
            }
            let text = plain_text(&b.text);
            if skipping.is_none() {
                if let Some(teaser_box) = furniture::end_section(text.trim()) {
                    skipping = Some(l);
                    teasers = teaser_box;
                }
            }
        } else if teasers && is_long_prose(&b) {
            // "Recommended reading" set inside the story: the story goes on after it.
            skipping = None;
        }
        if skipping.is_none() {
            out.push(b);
            out_marks.push(mark);
        } else if let Some(last) = out_marks.last_mut() {
            *last = true;
        }
    }
    (out, out_marks)
}

fn level(b: &Block) -> Option<u8> {
    match b.kind {
        Kind::Heading(l) => Some(l),
        _ => None,
    }
}

/// Marks the items of each list that a sentence of the story introduces ("Many patches were
/// sent for review:"): the story vouches for them, so a list made of links is content there.
fn introduced_lists(blocks: &[Block]) -> Vec<bool> {
    const MIN_WORDS: usize = 4;
    let mut marks = vec![false; blocks.len()];
    let mut introduced = false;
    for (b, mark) in blocks.iter().zip(marks.iter_mut()) {
        match b.kind {
            Kind::Item { .. } | Kind::ItemCont { .. } => *mark = introduced,
            // Only a line ending in a colon can introduce a list; most paragraphs stop here.
            Kind::Para if b.quote == 0 && !b.text.trim_end().ends_with(':') => introduced = false,
            Kind::Para if b.quote == 0 => {
                let text = plain_text(&b.text);
                let text = text.trim();
                introduced = text.ends_with(':')
                    && text.split_whitespace().count() >= MIN_WORDS
                    && b.link_chars * 2 < b.chars
                    && !furniture::is_furniture(text, b.chars)
                    && !furniture::introduces_reading(text);
            }
            _ => introduced = false,
        }
    }
    marks
}

/// Whether a block is chrome; `introduced` spares the items of a list the story introduces
/// the link-list test.
fn is_chrome(b: &Block, introduced: bool) -> bool {
    if b.chars == 0 {
        return !b.image;
    }
    if b.image && b.chars < 3 {
        return false;
    }
    let density = b.link_chars as f32 / b.chars as f32;
    // A table of links is a directory of the site's other pages ("Alabama LLC | Alaska LLC"),
    // not data; other tables keep their links.
    if b.kind == Kind::Table {
        return density > 0.8;
    }
    if b.kind == Kind::Code {
        return false;
    }
    // Only a paragraph opening with a brace or bracket can be a template tag or shortcode,
    // so the others skip building their plain text.
    let placeholder =
        || b.text.starts_with(['{', '[', '\\']) && furniture::is_placeholder(&plain_text(&b.text));
    if b.kind == Kind::Para && (furniture::is_data_blob(&b.text) || placeholder()) {
        return true;
    }
    // Lines made of links are navigation ("Read more", related lists), unless long prose.
    if density > 0.6 && b.chars < 400 && !introduced && !matches!(b.kind, Kind::Heading(_)) {
        return true;
    }
    // Only a consent line ("By signing up, …") is looked at past 200 characters.
    let consent_like = b
        .text
        .get(..3)
        .is_some_and(|t| t.eq_ignore_ascii_case("by "));
    if b.chars < 200 || (b.chars < 400 && consent_like) {
        return furniture::is_furniture(plain_text(&b.text).trim(), b.chars);
    }
    false
}

/// Inline Markdown without link targets and escapes: what a reader sees.
pub(super) fn plain_text(md: &str) -> String {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"!?\[((?:[^\]\\]|\\.)*)\]\([^)]*\)").expect("valid regex"));
    let text = LINK.replace_all(md, "$1");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Joins blocks into the Markdown body: blank lines between blocks, single newlines between
/// items of one list.
pub(super) fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    for b in blocks {
        let is_item = matches!(b.kind, Kind::Item { .. });
        if !out.is_empty() {
            out.push_str(if is_item && prev_item { "\n" } else { "\n\n" });
        }
        prev_item = is_item || matches!(b.kind, Kind::ItemCont { .. });
        let body = match &b.kind {
            Kind::Para => b.text.clone(),
            Kind::Heading(l) => format!("{} {}", "#".repeat((*l).clamp(2, 6) as usize), b.text),
            Kind::Item { depth, number } => {
                let indent = "   ".repeat(*depth as usize);
                match number {
                    Some(n) => format!("{indent}{n}. {}", b.text),
                    None => format!("{indent}- {}", b.text),
                }
            }
            Kind::ItemCont { depth } => {
                let indent = "   ".repeat(*depth as usize + 1);
                b.text
                    .lines()
                    .map(|l| format!("{indent}{l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Kind::Code | Kind::Table => b.text.clone(),
            Kind::Caption => format!("*{}*", b.text),
        };
        if b.quote > 0 {
            let prefix = "> ".repeat(b.quote as usize);
            let quoted: Vec<String> = body.lines().map(|l| format!("{prefix}{l}")).collect();
            out.push_str(&quoted.join("\n"));
        } else {
            out.push_str(&body);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, link_chars: u32) -> Block {
        Block {
            kind: Kind::Para,
            quote: 0,
            text: text.to_string(),
            chars: text.chars().filter(|c| !c.is_whitespace()).count() as u32,
            link_chars,
            image: false,
        }
    }

    #[test]
    fn a_link_list_the_story_introduces_stays_but_further_reading_goes() {
        let item = |t: &str| Block {
            kind: Kind::Item {
                depth: 0,
                number: None,
            },
            chars: 20,
            ..para(t, 20)
        };
        let blocks = vec![
            para("Many patches were sent for review:", 0),
            item("[libgccjit: allow casts](https://x.test/97)"),
            item("[libgccjit: weak variables](https://x.test/98)"),
            para("If you liked this post you might also like:", 0),
            item("[Another post](https://x.test/a)"),
            item("[A third post](https://x.test/b)"),
        ];
        let kept: Vec<String> = filter(blocks).into_iter().map(|b| b.text).collect();
        assert_eq!(
            kept,
            [
                "Many patches were sent for review:",
                "[libgccjit: allow casts](https://x.test/97)",
                "[libgccjit: weak variables](https://x.test/98)",
                "If you liked this post you might also like:",
            ]
        );
    }

    #[test]
    fn furniture_and_link_lines_are_dropped() {
        let blocks = vec![
            para("Advertisement", 0),
            para("The council voted on Tuesday to close the bridge.", 0),
            Block {
                chars: 10,
                ..para("[Other story](https://x.test/a)", 10)
            },
            para("Share this article", 0),
            para(
                "Join our mailing list! Get a newsletter when an episode is out.",
                0,
            ),
            para("Sign up now for the Deals newsletter.", 0),
            // A story about newsletters names them without asking the reader to sign up.
            para(
                "The Guardian US added 680,000 newsletter subscribers in a year.",
                0,
            ),
            para("It is important to sign up for automatic savings early.", 0),
        ];
        let kept = filter(blocks);
        assert_eq!(
            kept.len(),
            3,
            "{:?}",
            kept.iter().map(|b| &b.text).collect::<Vec<_>>()
        );
        assert!(kept[0].text.starts_with("The council"));
        assert!(kept[1].text.starts_with("The Guardian"));
        assert!(kept[2].text.starts_with("It is important"));
    }

    #[test]
    fn gallery_and_player_furniture_is_dropped_but_figures_stay() {
        let lines = [
            "Image 1 of 5",
            "Caption",
            "Close",
            "Image copyright Getty Images",
            "Explore further",
            "This slideshow requires JavaScript.",
            "Comments are closed.",
            "Table of Contents",
            "On this page",
            "Follow Newsbeat on Instagram, Facebook and Twitter.",
            "$149+",
            "60%",
            "3",
        ];
        let kept = filter(lines.iter().map(|l| para(l, 0)).collect());
        let texts: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["$149+", "60%", "3"]);
    }

    #[test]
    fn named_items_stay_and_teaser_headings_go() {
        let heading = |t: &str, links: u32| Block {
            kind: Kind::Heading(3),
            ..para(t, links)
        };
        // A ranked list whose items are linked headings with prose, then plain side-by-side
        // headings (a list of names), then a row of linked teaser headings.
        let blocks = vec![
            heading("1. [NYU Stern](https://x.test/nyu)", 7),
            para("The school is known for finance and has a large class.", 0),
            heading("Alpine", 0),
            heading("Boreal", 0),
            heading("Coastal", 0),
            para("Each of these climates gets its own chapter below.", 0),
            heading("Related: [Safety first](https://x.test/c)", 11),
            para("The end of the article comes here.", 0),
            Block {
                chars: 12,
                ..heading("[Another story](https://x.test/a)", 12)
            },
            Block {
                chars: 11,
                ..heading("[A third story](https://x.test/b)", 11)
            },
        ];
        let kept = filter(blocks);
        let texts: Vec<String> = kept.iter().map(|b| plain_text(&b.text)).collect();
        assert_eq!(
            texts,
            [
                "1. NYU Stern",
                "The school is known for finance and has a large class.",
                "Alpine",
                "Boreal",
                "Coastal",
                "Each of these climates gets its own chapter below.",
                "The end of the article comes here."
            ]
        );
    }

    #[test]
    fn a_second_copy_of_the_text_is_dropped_but_repeated_plan_lines_stay() {
        let long = "The council voted on Tuesday to close the old bridge for a year, ".repeat(4);
        let story = [
            format!("{long} First."),
            "The repairs will cost more than the council had planned for.".to_string(),
            "Drivers will be sent over the northern bridge until next summer.".to_string(),
        ];
        let plan = [
            "Breakfast: two eggs, one slice of toast and a cup of tea",
            "Lunch: a bowl of soup with bread and a green salad",
            "Dinner: grilled fish with rice and steamed green beans",
        ];
        let mut blocks: Vec<Block> = Vec::new();
        for day in ["Monday", "Tuesday"] {
            blocks.push(para(day, 0));
            blocks.extend(plan.iter().map(|t| para(t, 0)));
        }
        blocks.extend(story.iter().map(|t| para(t, 0)));
        blocks.push(para("Menu", 0));
        blocks.extend(story.iter().map(|t| para(t, 0)));
        let kept = filter(blocks);
        // Two day headings, both plans, the story once and the "Menu" line before the copy.
        assert_eq!(kept.len(), 2 + 2 * plan.len() + story.len() + 1, "{kept:?}");
        assert_eq!(kept.last().unwrap().text, "Menu");
    }

    #[test]
    fn the_story_goes_on_after_a_teaser_box_inside_it() {
        let heading = |t: &str| Block {
            kind: Kind::Heading(2),
            ..para(t, 0)
        };
        let long = "The council voted on Tuesday to close the old bridge for a year. ".repeat(6);
        let blocks = vec![
            para("The council met on Tuesday.", 0),
            heading("Recommended Reading"),
            Block {
                chars: 20,
                ..para("[Other story](https://x.test/a)", 10)
            },
            para(&long, 0),
            heading("About the author"),
            para(&long.replace("council", "writer"), 0),
        ];
        let kept = filter(blocks);
        let texts: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["The council met on Tuesday.", long.as_str()]);
    }

    #[test]
    fn counters_and_datelines_are_dropped() {
        let lines = [
            "The council voted on Tuesday to close the bridge.",
            "Views: 778",
            "(Visited 1,902 times, 364 visits today)",
            "Updated on October 21, 2025",
            "Published November 20th, 2019 - 07:29 GMT",
            "24 Apr 2000 • 3 min read",
            "Updated: police say the two men were released.",
        ];
        let kept = filter(lines.iter().map(|t| para(t, 0)).collect());
        let texts: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, [lines[0], lines[6]]);
    }

    #[test]
    fn end_of_article_sections_are_dropped() {
        let heading = |t: &str, l: u8| Block {
            kind: Kind::Heading(l),
            ..para(t, 0)
        };
        let blocks = vec![
            para("The council voted on Tuesday to close the bridge.", 0),
            para(
                r#"{"layoutMobile":2,"buttonText":"Buy now","productTitle":{"hue":213}}"#,
                0,
            ),
            heading("About the Author", 2),
            para("Jane writes about bridges for the paper.", 0),
            heading("What happens next", 2),
            para("Repairs start in May, the council said.", 0),
            heading("Read This Next", 3),
            para("Another town closes its bridge.", 0),
            heading("Related article on Roads Weekly", 3),
            para("A third bridge story.", 0),
            heading("Popular", 5),
            para("Did you know that most bridges in the county date from", 0),
            heading("Most read", 2),
            para("A fourth bridge story.", 0),
            heading("Читайте также", 3),
            para("Мост закроют на ремонт.", 0),
            heading("Você pode gostar...", 3),
            para("Outra ponte fecha.", 0),
        ];
        let kept = filter(blocks);
        let texts: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(!texts
            .iter()
            .any(|t| t.contains("Jane") || t.contains("About")));
    }

    #[test]
    fn lists_and_quotes_render_as_markdown() {
        let mut item = para("one", 0);
        item.kind = Kind::Item {
            depth: 0,
            number: None,
        };
        let mut item2 = item.clone();
        item2.text = "two".into();
        let mut q = para("quoted", 0);
        q.quote = 1;
        assert_eq!(render(&[item, item2, q]), "- one\n- two\n\n> quoted\n");
    }

    #[test]
    fn form_consent_lines_are_dropped() {
        let consent = "By signing up, you agree to receive recurring automated SMS marketing \
            messages from Mashable Deals at the number provided. Msg and data rates may apply. \
            Up to 2 messages/day. Reply STOP to opt out, HELP for help.";
        assert!(is_chrome(&para(consent, 0), false));
        let clicking = "By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms.";
        assert!(is_chrome(&para(clicking, 0), false));
        let story = "By signing up more volunteers, the council hopes to keep the library open.";
        assert!(!is_chrome(&para(story, 0), false));
    }
}
