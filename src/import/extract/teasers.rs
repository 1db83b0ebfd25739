//! Teaser runs: the rows of other stories a page lists under or beside the article ("more
//! from the blog", a topic feed), which the element scoring takes in with the story when they
//! share its container. A teaser is an excerpt cut short with "…", maybe under a linked
//! headline and a picture. Three in a row are a list of other pages, not part of the story.
//!
//! Linked headlines alone are no evidence: round-ups and buying guides head each item with a
//! link to it, and their summaries are whole sentences. A summary cut mid-sentence is what
//! gives a teaser away.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{plain_text, Block, Kind};

/// Teasers in a row that make a list of other pages; two could be a story's own quotes.
const MIN_TEASERS: usize = 3;
/// Shorter lines ending in "…" are a story's own trailing-off quotes, not excerpts.
const MIN_EXCERPT_CHARS: u32 = 80;

/// For each block, whether it belongs to a run of teasers.
pub(super) fn runs(blocks: &[Block]) -> Vec<bool> {
    let mut marks = vec![false; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let (end, teasers) = run_from(blocks, i);
        if teasers >= MIN_TEASERS {
            marks[i..end].iter_mut().for_each(|m| *m = true);
            i = end;
        } else {
            i += 1;
        }
    }
    marks
}

/// The end (exclusive) of the run of teasers that starts at `start`, and how many it holds.
fn run_from(blocks: &[Block], start: usize) -> (usize, usize) {
    let (mut end, mut teasers) = (start, 0);
    while let Some(next) = teaser_end(blocks, end, end > start) {
        end = next;
        teasers += 1;
    }
    (end, teasers)
}

/// The end (exclusive) of the teaser that starts at `at`: an optional picture (only inside a
/// run, so that the story's last figure is not taken for the first teaser's), an optional
/// linked headline and more pictures, then the excerpt.
fn teaser_end(blocks: &[Block], at: usize, in_run: bool) -> Option<usize> {
    let mut j = at;
    let pictures = |j: &mut usize| {
        while blocks.get(*j).is_some_and(is_picture) {
            *j += 1;
        }
    };
    if in_run {
        pictures(&mut j);
    }
    if blocks.get(j).is_some_and(is_linked_heading) {
        j += 1;
        pictures(&mut j);
    }
    blocks.get(j).is_some_and(is_excerpt).then_some(j + 1)
}

/// A heading that is all link.
fn is_linked_heading(b: &Block) -> bool {
    matches!(b.kind, Kind::Heading(_)) && b.chars > 0 && b.link_chars * 10 >= b.chars * 9
}

/// A paragraph or list item cut short with an ellipsis, maybe with a "Read more" link after
/// it. An ellipsis inside a closing link ("Full review…") is a link's label, not a cut.
fn is_excerpt(b: &Block) -> bool {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(…|\.\.\.)\s*\]?\s*((read|continue reading|more)\b.{0,20})?$")
            .expect("valid regex")
    });
    static LINK_LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(…|\.\.\.)\]\([^)]*\)$").expect("valid regex"));
    matches!(b.kind, Kind::Para | Kind::Item { .. })
        && b.quote == 0
        && !b.image
        && b.chars >= MIN_EXCERPT_CHARS
        && CUT.is_match(plain_text(&b.text).trim())
        && !LINK_LABEL.is_match(b.text.trim())
}

/// A block that is only a picture.
fn is_picture(b: &Block) -> bool {
    b.image && b.chars < 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: Kind, text: &str, link_chars: u32) -> Block {
        Block {
            kind,
            quote: 0,
            text: text.to_string(),
            chars: plain_text(text)
                .chars()
                .filter(|c| !c.is_whitespace())
                .count() as u32,
            link_chars,
            image: text.contains("!["),
        }
    }

    fn para(text: &str) -> Block {
        block(Kind::Para, text, 0)
    }

    fn picture() -> Block {
        para("![](https://news.test/a.jpg)")
    }

    fn excerpt(start: &str) -> String {
        format!("{start} The team has been hard at work on it for most of the spring and the summer, testing every part of it with users, and…")
    }

    #[test]
    fn headlined_excerpts_with_pictures_are_a_teaser_run() {
        let heading = |t: &str| {
            let chars = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
            block(
                Kind::Heading(3),
                &format!("[{t}](https://news.test/x)"),
                chars,
            )
        };
        let blocks = vec![
            para("The council voted on Tuesday to close the old bridge for a year."),
            picture(),
            heading("A chalet opens"),
            para(&excerpt("The courtyard is a mountain retreat.")),
            picture(),
            heading("A review of Casa Palmela"),
            picture(),
            para(&excerpt("A drive from the city brings you to a village.")),
            picture(),
            para(&excerpt("Three river cruises for the family.")),
            picture(),
        ];
        let marks = runs(&blocks);
        let expected = [
            false, false, true, true, true, true, true, true, true, true, false,
        ];
        assert_eq!(marks, expected);
    }

    #[test]
    fn whole_summaries_under_linked_headings_stay() {
        // A round-up: each item links to the project, its summary is a whole sentence.
        let heading = block(Kind::Heading(2), "[A planter box](https://news.test/p)", 11);
        let blocks: Vec<Block> = (0..4)
            .flat_map(|_| {
                [
                    heading.clone(),
                    para("A simple planter with solid sides that you can stain any colour."),
                ]
            })
            .collect();
        assert!(!runs(&blocks).contains(&true));
    }

    #[test]
    fn excerpts_cut_short_are_teasers_and_two_are_not_a_run() {
        let item = |t: &str| {
            let kind = Kind::Item {
                depth: 0,
                number: None,
            };
            block(kind, &excerpt(t), 0)
        };
        let three = vec![
            item("Seating is here."),
            item("Tickets are new."),
            item("A filter."),
        ];
        assert_eq!(runs(&three), [true, true, true]);
        assert_eq!(runs(&three[..2]), [false, false]);
        assert!(!is_excerpt(&para("“We will see…”")));
        let review_link = format!(
            "{} [Full review…](https://news.test/r)",
            "It holds two monitors and a keyboard, and the build is the best in its class."
        );
        assert!(!is_excerpt(&para(&review_link)));
    }
}
