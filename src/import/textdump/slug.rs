//! What an article's address tells about its headline: the words of its last path segment
//! (the slug) pick the headline line of a dump, keep menus and promotions from being taken for
//! it, and stand in for it when the copy left it out.

use super::head::{is_headline_shaped, is_trail, reads_as_headline, TRAIL_SEPARATORS};
use super::Line;

/// The line above the body that the URL slug names: a headline-shaped line holding most of
/// the slug's words (at least three). The first such line: a page repeats its headline in
/// teasers and subheadings further down, not above it.
pub(super) fn slug_headline(above: &[Line], slug: &[String]) -> Option<usize> {
    if slug.len() < 3 {
        return None;
    }
    let first = above.iter().enumerate().position(|(i, l)| {
        let words = slug_words_of(&l.text);
        let matched = slug.iter().filter(|w| holds_word(&words, w)).count();
        // A breadcrumb trail ends with the headline too.
        let trail = TRAIL_SEPARATORS.iter().any(|s| l.text.contains(s.trim())) || is_trail(&l.text);
        (is_headline_shaped(l) && (!l.prose || reads_as_headline(above, i)))
            && !trail
            && matched * 10 >= slug.len() * 7
    })?;
    // The same words again a little lower are the headline, and the first the last step of
    // a breadcrumb list that a text browser numbered (`2. The headline`) or marked with its
    // arrow picture (`The headline*`).
    let core = title_core(&above[first].text);
    if core == above[first].text {
        return Some(first);
    }
    let echo = (first + 1..above.len().min(first + 16)).rfind(|&j| above[j].text == core);
    Some(echo.unwrap_or(first))
}

/// A line's words without a list number before them or marks around them.
fn title_core(text: &str) -> &str {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let text = match text[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest,
        _ => text,
    };
    text.trim_matches(|c: char| !c.is_alphanumeric() && !"?!'’”»\")".contains(c))
}

/// The words of the URL's last path segment that could come from a headline: `/2025/12/19/
/// is-it-really-always-the-dns` → `is it really always the dns`. Numeric ids do not count.
pub(super) fn slug_words(url: &url::Url) -> Vec<String> {
    slug_words_of(slug_of(url).unwrap_or(""))
}

/// The URL's last path segment that holds a letter, without a file extension: the slug.
fn slug_of(url: &url::Url) -> Option<&str> {
    let last = url
        .path_segments()?
        .rfind(|seg| seg.chars().any(char::is_alphabetic))?;
    Some(last.rsplit_once('.').map_or(last, |(stem, _)| stem))
}

/// Lower-cased alphabetic words, apostrophes dropped so `Here’s` matches the slug's `heres`.
pub(super) fn slug_words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\'', '’'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_string)
        .collect()
}

/// Whether a headline's words hold a slug word, in the singular or the plural (`/best-electric-
/// scooter` names "The Best Electric Scooters").
pub(super) fn holds_word(words: &[String], slug_word: &str) -> bool {
    words
        .iter()
        .any(|w| w == slug_word || is_plural_of(w, slug_word) || is_plural_of(slug_word, w))
}

/// `scooters` of `scooter`, `boxes` of `box` (regular English plurals of words of three letters
/// or more).
fn is_plural_of(plural: &str, singular: &str) -> bool {
    singular.len() >= 3
        && ["s", "es"]
            .iter()
            .any(|end| plural.strip_suffix(end) == Some(singular))
}

/// Whether a line holds any of the slug's content words (of four letters or more; three slug
/// words at least are needed to tell): a headline reworded for the page still shares one, a
/// promotion or menu line none.
pub(super) fn names_slug(text: &str, slug: &[String]) -> bool {
    if slug.len() < 3 {
        return true;
    }
    let words = slug_words_of(text);
    slug.iter()
        .filter(|w| w.chars().count() >= 4)
        .any(|w| holds_word(&words, w))
}

/// A headline from the address, for a copy whose headline line is missing or names another
/// story: the line anywhere in the copy that spells the slug's words and no others, as the
/// page wrote it ("Do you need 14 USB ports on your Raspberry Pi 5?" for `/do-you-need-14-usb-
/// ports-on-your-raspberry-pi-5`), else the slug's words themselves ([`slug_title`]).
pub(super) fn title_from_address(lines: &[Line], url: &url::Url) -> Option<String> {
    line_spelling_address(lines, url).or_else(|| slug_title(url))
}

/// The first line of the copy that spells the slug's words (three at least) and no others,
/// without the marks around it.
pub(super) fn line_spelling_address(lines: &[Line], url: &url::Url) -> Option<String> {
    let slug = slug_words(url);
    if slug.len() < 3 {
        return None;
    }
    let line = lines.iter().find(|l| spells(&l.text, &slug))?;
    Some(title_core(&line.text).to_string())
}

/// Whether a line's words are the slug's, in order, a plural for a singular allowed; "and"
/// is left out on both sides, as a headline's `&` is spelled out in its slug.
fn spells(text: &str, slug: &[String]) -> bool {
    let words = slug_words_of(text);
    let mut line = words.iter().filter(|w| *w != "and");
    let mut named = slug.iter().filter(|w| *w != "and");
    loop {
        match (line.next(), named.next()) {
            (None, None) => return true,
            (Some(w), Some(s)) if w == s || is_plural_of(w, s) || is_plural_of(s, w) => {}
            _ => return false,
        }
    }
}

/// A headline made from the address's last path segment (`/puppy-obedience-training` →
/// `Puppy obedience training`), when it has at least three words (numbers aside: `aoah-2025-15`
/// names no headline) and no numeric id.
pub(super) fn slug_title(url: &url::Url) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(slug_of(url)?)
        .decode_utf8()
        .ok()?;
    let words: Vec<&str> = decoded
        .split(['-', '_', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    let worded = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if worded < 3
        || words
            .iter()
            .any(|w| w.chars().all(|c| c.is_ascii_digit()) && w.len() > 4)
    {
        return None;
    }
    let text = words.join(" ");
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::super::tests::{url, STORY};

    #[test]
    fn the_url_slug_names_the_headline_among_other_short_lines() {
        let dump = format!(
            "Home\nEducation\nPlumbers step in so teachers can protest\nListen · 3:51\n\
             Transcript options\nHear the whole show today\n{STORY}"
        );
        let page =
            url("https://news.test/2023/10/17/1206/plumbers-step-in-so-teachers-can-protest");
        let a = parse(&dump, Some(&page));
        assert_eq!(
            a.title.as_deref(),
            Some("Plumbers step in so teachers can protest")
        );
        // No date in the dump: the URL's date path gives it.
        assert_eq!(a.date.as_deref(), Some("2023-10-17"));
        // Without the URL the nearest several-word line is taken.
        let a = parse(&dump, None);
        assert_eq!(a.title.as_deref(), Some("Hear the whole show today"));
        assert_eq!(a.date, None);
        // The slug may name in the singular what the headline says in the plural.
        // (It is named far above the text, beyond the reach of the ranking.)
        let menu: String = (1..=16).map(|n| format!("Compare model {n}\n")).collect();
        let dump = format!("Cool Gadgets\nThe Best Electric Scooters\n{menu}{STORY}");
        let page = url("https://gear.test/topics/cool-gadgets/best-electric-scooter");
        let a = parse(&dump, Some(&page));
        assert_eq!(a.title.as_deref(), Some("The Best Electric Scooters"));
    }

    #[test]
    fn without_its_headline_in_the_copy_the_address_names_the_article() {
        let dump = format!(
            "Skip to content\nFree shipping on all orders to the contiguous United States\n\
             Shop now\n{STORY}"
        );
        let page = url("https://shop.test/blogs/posts/puppy-obedience-training?ref=x");
        let a = parse(&dump, Some(&page));
        assert_eq!(a.title.as_deref(), Some("Puppy obedience training"));
        // A headline worded differently from the address still shares a word with it.
        let dump = format!("Menu\n10 ways meditation can improve your health\n{STORY}");
        let page = url("https://news.test/10-health-benefits-of-meditation-and-mindfulness");
        let a = parse(&dump, Some(&page));
        assert_eq!(
            a.title.as_deref(),
            Some("10 ways meditation can improve your health")
        );
    }

    #[test]
    fn a_line_spelling_the_address_gives_the_headline_as_the_page_wrote_it() {
        // The copy's headline line is a promotion; the headline itself sits lower down, in a
        // breadcrumb under the text, with its capitals and punctuation.
        let dump = format!(
            "Menu\nGet 20% off your first order\n{STORY}\nHome › Guides\n\
             Wedding Timeline, Checklist & Budget: From Engagement to “I Do”\n"
        );
        let page = url(
            "https://shop.test/blog/wedding-timeline-checklist-and-budget-from-engagement-to-i-do",
        );
        let a = parse(&dump, Some(&page));
        assert_eq!(
            a.title.as_deref(),
            Some("Wedding Timeline, Checklist & Budget: From Engagement to “I Do”")
        );
    }

    #[test]
    fn with_no_headline_above_the_text_a_line_spelling_the_address_is_it() {
        // A services menu fills the head; the headline was copied under the text.
        let menu = "Services\nExpertise\nOperations\nPartners\nCareers\n";
        let dump = format!("{menu}{STORY}Teachers Protest in the Capital\nContact us\n");
        let page = url("https://news.test/schools/teachers-protest-in-the-capital");
        let title = parse(&dump, Some(&page)).title;
        assert_eq!(title.as_deref(), Some("Teachers Protest in the Capital"));
        // Without such a line the copy has no headline: the address's words alone do not
        // make one.
        let dump = format!("{menu}{STORY}Contact us\n");
        assert_eq!(parse(&dump, Some(&page)).title, None);
    }

    #[test]
    fn a_numbered_or_marked_breadcrumb_step_gives_way_to_the_headline_under_it() {
        // Text browsers number a breadcrumb list and show its arrow pictures' alt text.
        let page = url("https://news.test/schools/teachers-protest-in-the-capital");
        for step in [
            "2. Teachers protest in the capital",
            "Teachers protest in the capital*",
        ] {
            let dump = format!("1. Home\n{step}\nShare\nTeachers protest in the capital\n{STORY}");
            let title = parse(&dump, Some(&page)).title;
            assert_eq!(
                title.as_deref(),
                Some("Teachers protest in the capital"),
                "{step}"
            );
        }
    }
}
