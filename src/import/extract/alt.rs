//! Image alt text that tells a reader nothing new: alt text repeating the headline, a caption
//! or a paragraph next to the picture; a label made only of the words of the heading, caption
//! or section heading beside it; one label shared by three or more pictures; a label naming
//! the picture's role ("banner image"); a file name. It is cleared so that screen readers do
//! not read the same words twice and pages without images do not show them twice.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{plain_text, Block, Kind};

/// Clears image alt text that repeats words a reader already has: the headline, or a caption
/// or paragraph next to the image. Such alt text is read twice by a screen reader and shows
/// twice where images do not load; alt text that says something new is kept.
pub(super) fn drop_repeated_alt(blocks: &mut [Block], title: Option<&str>) {
    let has_alt = |b: &Block| {
        b.image
            && b.text
                .match_indices("![")
                .any(|(i, _)| !b.text[i + 2..].starts_with(']'))
    };
    if !blocks.iter().any(has_alt) {
        return; // no alt text at all: nothing to compare
    }
    let title_words: Vec<String> = title.map(words).unwrap_or_default();
    let shared = shared_labels(blocks);
    let title = title.map(super::meta::norm).unwrap_or_default();
    let near: Vec<String> = blocks
        .iter()
        .map(|b| super::meta::norm(&plain_text(&b.text)))
        .collect();
    for i in 0..blocks.len() {
        if !blocks[i].image {
            continue;
        }
        let around = i.saturating_sub(3)..(i + 4).min(blocks.len());
        let repeated = |alt: &str| {
            let alt = super::meta::norm(&plain_text(alt));
            alt.is_empty()
                || alt == title
                || around.clone().any(|j| {
                    // The image's own block counts without the alt text itself.
                    let text = if j == i {
                        near[j].replacen(&alt, "", 1)
                    } else {
                        near[j].clone()
                    };
                    !alt.is_empty() && text.contains(&alt)
                })
        };
        // Read only for pictures whose alt text the cheaper tests keep.
        let beside = std::cell::OnceCell::new();
        let text = clear_alt(&blocks[i].text, |alt| {
            let plain = plain_text(alt);
            is_file_name(&plain)
                || names_a_role(&plain)
                || shared.contains(&super::meta::norm(&plain))
                || repeated(alt)
                || worded_from(
                    &plain,
                    beside.get_or_init(|| words_beside(blocks, i, &title_words)),
                )
        });
        blocks[i].text = text;
    }
}

/// The words a reader has around picture `i`: the blocks on either side, the heading of the
/// section it is in, and the headline.
fn words_beside(blocks: &[Block], i: usize, title_words: &[String]) -> HashSet<String> {
    let section_heading = blocks[..i]
        .iter()
        .rposition(|b| matches!(b.kind, Kind::Heading(_)));
    (i.saturating_sub(1)..(i + 2).min(blocks.len()))
        .chain(section_heading)
        .flat_map(|j| words(&plain_text(&without_images(&blocks[j].text))))
        .chain(title_words.iter().cloned())
        .collect()
}

/// Whether alt text of three words or more is made of words the reader has beside the picture,
/// all but one in four of them: "bells of steel rubber hex dumbbells" under the heading "Bells
/// of Steel Rubber Hex Dumbbells", a caption's words in another order, "food as decor veranda
/// top hosting trends" under "Food as Decor" in "Veranda's Top Hosting Trends". Such a label
/// restates the heading or caption, and a screen reader would read it twice; alt text that
/// describes what the picture shows is mostly new words and is kept.
fn worded_from(alt: &str, beside: &HashSet<String>) -> bool {
    // A number after the headline's words ("The Best Smart Home Lamps 4") numbers the
    // pictures; it describes none of them.
    let alt: Vec<String> = words(alt)
        .into_iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let known = alt.iter().filter(|w| beside.contains(*w)).count();
    alt.len() >= 3 && known * 4 >= alt.len() * 3
}

/// Alt texts (normalised) that three or more pictures of the article share: one label on many
/// pictures ("Black Friday 2025 cybersecurity offers") describes none of them.
fn shared_labels(blocks: &[Block]) -> HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for b in blocks.iter().filter(|b| b.image) {
        for c in IMAGE.captures_iter(&b.text) {
            *seen
                .entry(super::meta::norm(&plain_text(&c[1])))
                .or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|(alt, n)| *n >= 3 && !alt.is_empty())
        .map(|(alt, _)| alt)
        .collect()
}

/// The lower-cased words of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Inline Markdown without its images (their alt text is not text beside the picture).
fn without_images(md: &str) -> String {
    clear_alt(md, |_| true)
}

/// The opening of a Markdown image, its alt text captured.
static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[((?:[^\]\\]|\\.)*)\]\(").expect("valid regex"));

/// Inline Markdown with the alt text of the images that `clear` picks removed.
pub(super) fn clear_alt(md: &str, clear: impl Fn(&str) -> bool) -> String {
    IMAGE
        .replace_all(md, |c: &regex::Captures| {
            if clear(&c[1]) {
                "![](".to_string()
            } else {
                c[0].to_string()
            }
        })
        .into_owned()
}

/// Alt text that names what the picture is for rather than what it shows: "image", "Banner
/// Card Img", "em360tech image", "Academy blog banner image". Once the role words are gone at
/// most one word is left.
fn names_a_role(alt: &str) -> bool {
    const ROLES: &[&str] = &[
        "image",
        "img",
        "banner",
        "hero",
        "card",
        "feature",
        "featured",
        "header",
        "thumbnail",
        "blog",
        "post",
        "subscription",
        "placeholder",
    ];
    let words = words(alt);
    let has_role = words.iter().any(|w| ROLES.contains(&w.as_str()));
    has_role
        && words
            .iter()
            .filter(|w| !ROLES.contains(&w.as_str()))
            .count()
            <= 1
}

/// Alt text that is no description: a file name ("airpods-pro-2.jpg", "IMG_2953"), or a row of
/// hashtags left for search engines.
fn is_file_name(alt: &str) -> bool {
    static FILE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(^\S*[_-]\S*$|\.(jpe?g|png|gif|webp|avif|svg)\b|(#\w+\W*){2,}$)")
            .expect("valid regex")
    });
    FILE.is_match(alt.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(alt: &str) -> Block {
        Block {
            kind: super::super::blocks::Kind::Para,
            quote: 0,
            text: format!("![{alt}](/p.jpg)"),
            chars: 0,
            link_chars: 0,
            image: true,
        }
    }

    #[test]
    fn one_label_on_many_pictures_or_the_headline_numbered_is_no_description() {
        // Far apart, so that no picture's neighbours hold another's label.
        let mut blocks = Vec::new();
        for alt in [
            "Black Friday offers",
            "Black Friday offers",
            "Black Friday offers",
            "The Best Smart Home Lamps 4",
            "A lamp with a linen shade on an oak desk",
        ] {
            blocks.push(picture(alt));
            for _ in 0..4 {
                let mut prose = picture("");
                prose.text = "The council met for eleven hours before the vote.".into();
                prose.image = false;
                blocks.push(prose);
            }
        }
        drop_repeated_alt(&mut blocks, Some("The Best Smart Home Lamps"));
        let alts: Vec<&str> = blocks
            .iter()
            .filter(|b| b.image)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(alts[..4], ["![](/p.jpg)"; 4]);
        assert_eq!(
            alts[4],
            "![A lamp with a linen shade on an oak desk](/p.jpg)"
        );
    }

    #[test]
    fn the_sections_heading_counts_among_the_words_beside_a_picture() {
        let mut heading = picture("");
        heading.kind = super::super::blocks::Kind::Heading(2);
        heading.text = "Hertz".into();
        heading.image = false;
        let mut blocks = vec![heading];
        for _ in 0..4 {
            let mut prose = picture("");
            prose.text = "The council met for eleven hours before the vote.".into();
            prose.image = false;
            blocks.push(prose);
        }
        blocks.push(picture("Hertz USA Car Rentals"));
        blocks.push(picture("A red sedan parked at an airport kerb"));
        // Four of its five words are the heading's and the headline's: a restatement.
        blocks.push(picture("Hertz USA car rentals counter"));
        drop_repeated_alt(&mut blocks, Some("Best USA Car Rentals"));
        assert_eq!(blocks[5].text, "![](/p.jpg)");
        assert!(blocks[6].text.starts_with("![A red sedan"));
        assert_eq!(blocks[7].text, "![](/p.jpg)");
    }

    #[test]
    fn alt_text_that_names_a_role_is_no_description() {
        for alt in [
            "image",
            "Banner Card Img",
            "em360tech image",
            "Academy blog banner image",
        ] {
            assert!(names_a_role(alt), "{alt}");
        }
        for alt in [
            "Cthulhu Grimoire cover image",
            "A banner over the march",
            "nostalgic photo",
        ] {
            assert!(!names_a_role(alt), "{alt}");
        }
    }
}
