//! The author's biography left at the end of the text: "Jane Roe is a health writer who has
//! covered…", the paragraph of an author box that shares the article's wrapper. It says who
//! wrote the story, which the front matter already holds, and is not the story. The text-dump
//! importer uses the same sentence test, on its paragraphs and to confirm a bare byline.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{plain_text, Block, Kind};

/// How many blocks (or a dump's paragraphs) at the end of the text are looked at: a bio is
/// the last paragraph, or the one before a line of links to the author's profiles.
const TAIL_BLOCKS: usize = 2;

/// Fewer words than this is a byline or a signature, which other filters handle.
const MIN_WORDS: usize = 8;

/// Drops a paragraph among the last blocks that opens with an author's full name followed,
/// after at most a short apposition ("Jane Roe, MD,"), by a verb that describes a person
/// ("is", "has", "writes", "covers", …). One-word names (a first name, a team, a brand) are
/// not looked for: "Acme is dedicated to…" closes many company posts as their own text.
pub(super) fn drop_author_bio(blocks: &mut Vec<Block>, authors: &[String]) {
    let bio = closing_range(blocks.len()).find(|&i| {
        let b = &blocks[i];
        b.kind == Kind::Para && b.quote == 0 && is_bio_of_any(&plain_text(&b.text), authors)
    });
    if let Some(i) = bio {
        blocks.remove(i);
    }
}

/// Where a bio may stand among `len` blocks or paragraphs: the last [`TAIL_BLOCKS`], never
/// the first (the first is the text itself, whatever it says).
pub(crate) fn closing_range(len: usize) -> std::ops::Range<usize> {
    len.saturating_sub(TAIL_BLOCKS).max(1)..len
}

/// Whether a paragraph's text (emphasis markers aside) opens a biography of one of the
/// authors with a person's name: two words or more, not opening with an article ("The
/// Agency" is a club or a desk) ([`opens_bio_of`]).
pub(crate) fn is_bio_of_any(text: &str, authors: &[String]) -> bool {
    let text = text.trim_start_matches(['*', '_', ' ', '\\']);
    authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| a.split_whitespace().count() >= 2)
        .filter(|a| !["The ", "A ", "An "].iter().any(|art| a.starts_with(art)))
        .any(|name| opens_bio_of(text, name))
}

/// Whether a text is a sentence of a biography of `name`: it opens with the name, then (after
/// at most a short apposition, "Jane Roe, MD,") a verb that describes a person, and it is
/// longer than a byline. A sentence that describes a firm ("Acme Capital is a venture firm…",
/// "… was founded in 2010", "… is here to help") is no biography: company blogs sign posts
/// with the company's name. Also read by the text-dump importer to confirm a bare byline.
pub(crate) fn opens_bio_of(text: &str, name: &str) -> bool {
    static PERSON_VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(,[^.]{1,60}?)?,?\s+(is|was|has|had|writes|wrote|covers|joined|holds|lives|serves|works|spent|studied|specializes|specialises)\b",
        )
        .expect("valid regex")
    });
    static FIRM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(firm|company|agency|platform|organi[sz]ation|non-?profit|founded|is here to|we|our)\b",
        )
        .expect("valid regex")
    });
    if text.split_whitespace().count() < MIN_WORDS {
        return false;
    }
    let Some(rest) = text.strip_prefix(name) else {
        return false;
    };
    let first_sentence = rest.split(". ").next().unwrap_or(rest);
    PERSON_VERB.is_match(rest) && !FIRM.is_match(first_sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block {
            kind: Kind::Para,
            quote: 0,
            text: text.to_string(),
            chars: text.len() as u32,
            link_chars: 0,
            image: false,
        }
    }

    fn kept(texts: &[&str], authors: &[&str]) -> Vec<String> {
        let mut blocks: Vec<Block> = texts.iter().map(|t| para(t)).collect();
        let authors: Vec<String> = authors.iter().map(|a| a.to_string()).collect();
        drop_author_bio(&mut blocks, &authors);
        blocks.into_iter().map(|b| b.text).collect()
    }

    const STORY: &str = "The council voted on Tuesday to close the old bridge for repairs.";

    #[test]
    fn a_closing_bio_of_the_author_goes() {
        let bio = "[Jane Roe](https://example.com/jane) is a health writer who has covered \
                   nutrition for ten years.";
        assert_eq!(kept(&[STORY, bio], &["Jane Roe"]), [STORY]);
        let titled =
            "*Angela Holliday-Bell, MD, is a sleep physician and a writer for the clinic.*";
        assert_eq!(
            kept(&[STORY, titled, "Instagram"], &["Angela Holliday-Bell"]),
            [STORY, "Instagram"]
        );
    }

    #[test]
    fn the_story_s_own_sentences_about_a_person_stay() {
        // Not at the end: a profile's paragraph about its subject, who also wrote it.
        let early = "Jane Roe is a health writer who has covered nutrition for ten years.";
        assert_eq!(kept(&[early, STORY, STORY], &["Jane Roe"]).len(), 3);
        // A one-word author (a brand, a first name) is not looked for.
        let brand = "Acme is dedicated to clean water for every town in the county.";
        assert_eq!(kept(&[STORY, brand], &["Acme"]).len(), 2);
        // A firm that signs the post with its name is described, not a person.
        for (firm, name) in [
            (
                "Air Street Capital is a venture capital firm investing in AI-first companies.",
                "Air Street Capital",
            ),
            (
                "Texas Mattress Makers is here to help clarify how to take all of these steps.",
                "Texas Mattress Makers",
            ),
            (
                "Mayzlin Relocation, (USDOT# 3182355), was founded seven years ago by two brothers.",
                "Mayzlin Relocation",
            ),
        ] {
            assert!(!opens_bio_of(firm, name), "{firm}");
        }
        let titled = "Angela Holliday-Bell, MD, FACP, is a sleep physician and a writer.";
        assert!(opens_bio_of(titled, "Angela Holliday-Bell"));
        // Someone other than the author; and the name not followed by a verb of a person.
        let other = "John Doe is a health writer who has covered nutrition for ten years.";
        assert_eq!(kept(&[STORY, other], &["Jane Roe"]).len(), 2);
        let quoted = "Jane Roe said the council would vote again next spring on the bridge.";
        assert_eq!(kept(&[STORY, quoted], &["Jane Roe"]).len(), 2);
    }
}
