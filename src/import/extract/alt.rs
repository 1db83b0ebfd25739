//! Image alt text that tells a reader nothing new: alt text repeating the headline, a caption
//! or a paragraph next to the picture, or a file name. It is cleared so that screen readers do
//! not read the same words twice and pages without images do not show them twice.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{plain_text, Block};

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
        let text = clear_alt(&blocks[i].text, |alt| {
            is_file_name(&plain_text(alt)) || repeated(alt)
        });
        blocks[i].text = text;
    }
}

/// Inline Markdown with the alt text of the images that `clear` picks removed.
pub(super) fn clear_alt(md: &str, clear: impl Fn(&str) -> bool) -> String {
    static IMAGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"!\[((?:[^\]\\]|\\.)*)\]\(").expect("valid regex"));
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

/// Alt text that is no description: a file name ("airpods-pro-2.jpg", "IMG_2953"), or a row of
/// hashtags left for search engines.
fn is_file_name(alt: &str) -> bool {
    static FILE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(^\S*[_-]\S*$|\.(jpe?g|png|gif|webp|avif|svg)\b|(#\w+\W*){2,}$)")
            .expect("valid regex")
    });
    FILE.is_match(alt.trim())
}
