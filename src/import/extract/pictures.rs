//! Which pictures of the article are kept, and where each one's file is: lazy loaders' real
//! addresses instead of their placeholders, the widest `srcset` candidate, and no icons,
//! logos, badges, author portraits or call-to-action banners.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;

/// Where an `<img>`'s picture is. Lazy loaders keep it in a data attribute, or only in
/// `srcset`, and put a placeholder in `src` (a transparent GIF, `lazy_placeholder.gif`); a
/// placeholder with nothing better is no picture at all.
pub(super) fn picture_source(el: &Element) -> Option<&str> {
    let usable = |s: &&str| !s.trim().is_empty() && !s.trim_start().starts_with("data:");
    let src = ["data-src", "data-lazy-src", "data-original", "src"]
        .iter()
        .filter_map(|a| el.attr(a))
        .find(usable);
    if src.is_some_and(|s| !is_placeholder(s)) {
        return src;
    }
    ["data-srcset", "data-lazy-srcset", "srcset"]
        .iter()
        .filter_map(|a| el.attr(a))
        .find_map(largest_candidate)
}

/// A stand-in picture that lazy loaders and old layouts use: `1x1.trans.gif`, `blank.gif`,
/// `spacer.gif`, `lazy_placeholder.gif`.
fn is_placeholder(src: &str) -> bool {
    let name = src.rsplit('/').next().unwrap_or(src).to_ascii_lowercase();
    [
        "placeholder",
        "1x1",
        "blank.",
        "spacer.",
        "pixel.gif",
        "trans.gif",
        "transparent.",
    ]
    .iter()
    .any(|p| name.contains(p))
}

/// The widest picture a `srcset` offers (`a.jpg 700w, b.jpg 210w`), or its first one when
/// it gives no widths.
fn largest_candidate(srcset: &str) -> Option<&str> {
    let width = |descriptor: Option<&str>| {
        descriptor
            .and_then(|d| d.strip_suffix('w'))
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    };
    srcset
        .split(',')
        .filter_map(|c| {
            let mut parts = c.split_whitespace();
            let url = parts
                .next()
                .filter(|u| !u.starts_with("data:") && !is_placeholder(u))?;
            Some((url, width(parts.next())))
        })
        .fold(None, |best: Option<(&str, u32)>, c| match best {
            Some(b) if b.1 >= c.1 => Some(b),
            _ => Some(c),
        })
        .map(|(url, _)| url)
}

/// A picture that decorates rather than illustrates: an icon or pixel drawn at 48 pixels or
/// less, a badge or logo named so in its alt text ("Allianz Logo", "Icon of a milk bottle"), a
/// vector file with a label for alt text, which is how sites ship icons and logos, or a
/// banner whose alt text is a call to action ("Click here to view the top movers"), or a
/// person's portrait from a byline or author box ("Headshot of …", an avatar file).
pub(super) fn is_decoration(el: &Element, url: &str) -> bool {
    let small = ["width", "height"].iter().any(|a| {
        el.attr(a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|n| n <= 48)
    });
    let alt = el.attr("alt").unwrap_or("").trim();
    let last_word = alt
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let lower = alt.to_lowercase();
    let named = matches!(
        last_word.as_str(),
        "logo" | "icon" | "badge" | "headshot" | "avatar"
    ) || [
        "icon of ",
        "logo of ",
        "an icon ",
        "icon: ",
        "headshot of ",
        "avatar of ",
        "author photo",
        "photo of the author",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let vector_label = path.ends_with(".svg") && alt.split_whitespace().count() <= 3;
    small || named || vector_label || is_portrait_file(&path) || CALL_TO_ACTION.is_match(alt)
}

/// A picture file that is a person's profile portrait (a byline's or author box's headshot,
/// a commenter's avatar), not a picture of the story.
fn is_portrait_file(path: &str) -> bool {
    path.contains("gravatar.com/")
        || ["/avatar", "profile_photo", "profile-photo", "headshot"]
            .iter()
            .any(|p| path.contains(p))
}

/// Alt text that asks the reader to do something: the picture is a button or a banner.
static CALL_TO_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(click here|cta\b|check out (these|our|this|my)\b|get (my|your|the|our) free\b|download (the|our|my|your) (free |full )?(guide|ebook|e-book|report|checklist|template)|sign up (for|to|now)|subscribe (to|now)|(shop|buy|book|order|register) now\b)",
    )
    .expect("valid regex")
});

/// Whether a link target is an image file (a link to the full-size picture).
pub(super) fn is_image_file(href: &str) -> bool {
    let path = href
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use crate::import::extract::tests::body_amid_prose as body_of;

    #[test]
    fn a_banner_whose_alt_text_is_a_call_to_action_is_left_out() {
        let body = body_of(
            "<p><a href=/calc><img src=/cta.png alt='Click here to use our moving cost \
             calculator.'></a></p><p><img src=/truck.jpg alt='A moving truck being loaded'></p>",
        );
        assert!(!body.contains("cta.png"), "{body}");
        assert!(
            body.contains("![A moving truck being loaded](/truck.jpg)"),
            "{body}"
        );
    }

    #[test]
    fn icons_logos_and_badges_are_not_pictures_of_the_story() {
        let body = body_of(
            "<p><img src=/check.png width=24 height=24 alt='Check'> Yes</p>\
             <p><img src=/insurer.png alt='Allianz Logo'></p>\
             <p><img src=/pick.svg alt=\"Editor's Pick\"></p>\
             <p><img src=/milk.png alt='Icon of a milk bottle in a colourful gradient'></p>\
             <p><img src=/chart.svg alt='Share of bridges closed for repairs, 2010 to 2025'></p>\
             <p><img src=/bridge.jpg width=800 alt='The bridge at dusk'></p>\
             <p><img src=/rover/profile_photos/29dc.file alt='Jane Doe'></p>\
             <p><img src=/jd.jpg alt='Headshot of Jane Doe'></p>\
             <p><img src='https://secure.gravatar.com/avatar/9f1c?s=96' alt='Jane'></p>",
        );
        for gone in [
            "check.png",
            "insurer.png",
            "pick.svg",
            "milk.png",
            "profile_photos",
            "jd.jpg",
            "gravatar",
        ] {
            assert!(!body.contains(gone), "{gone}: {body}");
        }
        assert!(
            body.contains("chart.svg") && body.contains("bridge.jpg"),
            "{body}"
        );
    }
}
