//! The section of a page-text dump: a kicker right over the headline (`WORLD`), or a step of
//! the breadcrumb trail over it (`Home ▸ News Release ▸ The headline`). Menus, buttons and the
//! outlet's own name sit over headlines too ("Sign up now", "Contact us", "The Shooting Star");
//! they are not sections, and without a section the writer files the article by its address.

use super::dateline::unglue;
use super::head::{glued_at, is_trail, TRAIL_SEPARATORS};
use super::{is_chrome_word, is_notice, Line};
use crate::import::extract::norm;

/// How many lines over the headline a kicker may sit. Further up are the site's menus.
const KICKER_LINES: usize = 2;
/// How many lines over the headline a breadcrumb trail may sit.
const TRAIL_LINES: usize = 6;

/// Words of buttons and menu entries (lowercase): they ask the reader to do something.
const ACTION_WORDS: &[&str] = &[
    "apply",
    "back",
    "book",
    "buy",
    "call",
    "cancel",
    "close",
    "contact",
    "discover",
    "donate",
    "download",
    "email",
    "explore",
    "find",
    "follow",
    "get",
    "go",
    "join",
    "learn",
    "listen",
    "log",
    "login",
    "make",
    "open",
    "order",
    "pay",
    "print",
    "read",
    "refer",
    "register",
    "request",
    "return",
    "schedule",
    "search",
    "see",
    "select",
    "share",
    "shop",
    "sign",
    "skip",
    "start",
    "subscribe",
    "try",
    "view",
    "visit",
    "watch",
    "write",
];

/// Whole labels of page furniture that are never a section (lowercase).
const FURNITURE: &[&str] = &[
    "advertisement",
    "related",
    "images",
    "about",
    "about us",
    "about the site",
    "all posts",
    "all insights",
    "how we tested",
    "navigation menu",
    "notifications",
    "pinterest",
    "patreon",
];

/// The section over the headline at `headline`: the nearest kicker, else the trail's step.
/// `site` is the outlet's name and `host` the article's host, which a kicker must not repeat.
pub(super) fn section(
    above: &[Line],
    headline: usize,
    site: Option<&str>,
    host: Option<&str>,
) -> Option<String> {
    let names_outlet = |text: &str| {
        let label = norm(text);
        site.is_some_and(|s| norm(s) == label)
            || host.is_some_and(|h| {
                h.trim_start_matches("www.")
                    .split('.')
                    .any(|p| norm(p) == label)
            })
    };
    let kicker = above[..headline]
        .iter()
        .rev()
        // Buttons between kicker and headline (`A+`, `A-`, `Share`) do not count.
        .filter(|l| !is_chrome_word(&l.text))
        .take(KICKER_LINES)
        .take_while(|l| !l.prose && !is_notice(&l.text))
        .find(|l| is_section_label(&l.text) && !is_furniture(&l.text) && !names_outlet(&l.text))
        .map(|l| label_case(first_step(&l.text)));
    kicker.or_else(|| {
        above[headline.saturating_sub(TRAIL_LINES)..=headline]
            .iter()
            .rev()
            .find_map(|l| trail_step(&l.text))
    })
}

/// The step of a breadcrumb trail that names the section: the last one, or the one before it
/// when the last is the headline (longer than a label).
fn trail_step(text: &str) -> Option<String> {
    if !is_trail(text) {
        return None;
    }
    let separator = TRAIL_SEPARATORS
        .iter()
        .chain([" / "].iter())
        .find(|sep| text.contains(*sep))?;
    let steps: Vec<&str> = text.split(separator).map(str::trim).collect();
    let last = steps.len().checked_sub(1)?;
    let at = if is_section_label(steps[last]) {
        last
    } else {
        last.checked_sub(1)?
    };
    let step = steps[at];
    (is_section_label(step) && !step.eq_ignore_ascii_case("home")).then(|| label_case(step))
}

/// One to three words with at least three letters, not a widget word, a date or a counter.
fn is_section_label(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (1..=3).contains(&words)
        && letters >= 3
        && text
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && !is_chrome_word(text)
}

/// A button, a menu entry or a widget's heading rather than a section. Entries a copy ran
/// together (`SubscribeSign In`, `HomeAboutBlog`) are read word by word.
fn is_furniture(text: &str) -> bool {
    let widget = unglue(text)
        .to_lowercase()
        .split_whitespace()
        .any(|w| is_chrome_word(w) || ACTION_WORDS.contains(&w));
    widget || FURNITURE.contains(&text.to_lowercase().as_str())
}

/// The first of the steps a copy ran together (`CultureEntertaining` → `Culture`): the
/// broader one, as trails go from the home page down.
fn first_step(text: &str) -> &str {
    glued_at(text).next().map_or(text, |at| &text[..at])
}

/// `WORLD` → `World`; labels already in mixed case stay as they are.
fn label_case(text: &str) -> String {
    if text.chars().any(|c| c.is_lowercase()) {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    const STORY: &str = "The union said the strike would go ahead on Monday as planned.\n\
        Talks with the ministry broke down late on Friday without a new offer.\n";

    fn section_of(head: &str, url: Option<&str>) -> Option<String> {
        let url = url.map(|u| url::Url::parse(u).unwrap());
        parse(&format!("{head}{STORY}"), url.as_ref()).section
    }

    #[test]
    fn a_kicker_right_over_the_headline_is_the_section() {
        let head = "Menu\nWORLD\nA+\nA-\nStrike goes ahead on Monday\nBy Jane Roe\n";
        assert_eq!(section_of(head, None).as_deref(), Some("World"));
    }

    #[test]
    fn of_steps_run_together_the_first_is_the_section() {
        let head = "Menu\nWeight LossDiets\nThe 7 Biggest Diet Trends in 2025\nBy Korin Miller\n";
        assert_eq!(section_of(head, None).as_deref(), Some("Weight Loss"));
        let head = "Menu\nSubscribeSign In\nThe 7 Biggest Diet Trends in 2025\nBy Korin Miller\n";
        assert_eq!(section_of(head, None), None);
    }

    #[test]
    fn buttons_menus_and_the_outlet_s_name_are_not_sections() {
        for kicker in [
            "Sign up now",
            "MAKE AN APPOINTMENT",
            "Contact us",
            "Advertisement",
        ] {
            let head = format!("Menu\n{kicker}\nStrike goes ahead on Monday\nBy Jane Roe\n");
            assert_eq!(section_of(&head, None), None, "{kicker}");
        }
        let head = "Book\nThe Shooting Star\nStrike goes ahead on Monday\nBy Jane Roe\n";
        let url = Some("https://the-shooting-star.com/strike-goes-ahead/");
        assert_eq!(section_of(head, url), None);
        // A label far above the headline belongs to a menu.
        let head = "Labour\nEconomy\nOpinion\nOur podcasts and radio shows\n\
                    Every newsletter we send out\nStrike goes ahead on Monday\n";
        assert_eq!(section_of(head, None), None);
    }

    #[test]
    fn a_breadcrumb_trail_names_the_section() {
        let head = "Menu\nHome ▸ News Release ▸ Strike goes ahead on Monday as planned\n\
                    Strike goes ahead on Monday as planned\nBy Jane Roe\n";
        assert_eq!(section_of(head, None).as_deref(), Some("News Release"));
        let head = "Menu\nHome > Labour\nSearch for:\nStrike goes ahead on Monday\nBy Jane Roe\n";
        assert_eq!(section_of(head, None).as_deref(), Some("Labour"));
    }
}
