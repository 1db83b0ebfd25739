//! Bylines in a page-text dump. A copy loses the markup that tells a byline apart, so it is
//! read from the shapes a browser leaves of it under the headline:
//!
//! - a labelled line: `By Jane Roe`, `Written by: Jane Roe`, `Posted by Jane Roe`, the label
//!   run into the name (`ByJane Roe`), or a dateline that goes on with one (`October 11, 2023
//!   by Jane Roe`, `Posted on December 20, 2025 by Jane Roe - 5 Comments`);
//! - a label on a line of its own (`By`, `Written By:`) with the name on the next line;
//! - a bare name with the date or the reading time right beside it (`Jane Roe` over
//!   `September 4, 2025`), or run into the date (`Jane Roe December 18, 2025`, `Jane Roe |
//!   Senior Writer | July 2, 2025`);
//! - a bare name right under the headline when the page's author box, further on, introduces
//!   the same person (`Jane Roe is a health writer who…`).
//!
//! Whatever the shape, the name is cleaned as the HTML extractor cleans a byline element.

use std::sync::LazyLock;

use regex::Regex;

use super::{date_in_line, is_chrome_word, Line};
use crate::import::extract::{
    clean_byline, is_furniture_label, is_month_and_day, month_number, opens_bio_of,
};

/// Labels that open a byline line, lower-cased. Reviewers, editors and photographers have
/// labels of their own ("Reviewed by", "Photos by") and are not the article's authors.
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "by ", "by:", "written by", "posted by", "words by", "story by", "article by", "recipe by",
    "guide by", "author:", "authors:", "автор:", "text:", "текст:",
];

/// A label standing on a line of its own, the name on the next line.
#[rustfmt::skip]
const LONE_LABELS: &[&str] = &[
    "by", "written by", "posted by", "author", "authors", "article written by", "words by",
    "story by", "автор",
];

/// How many lines past the dateline's reach may still hold the byline: a standfirst can open
/// the body's text run above it, and a text browser's copy spreads a head over more lines.
pub(super) const MORE_LINES: usize = 3;

/// The article's authors, read around the headline at `title`: in `from..to` (the lines
/// between it and the body, as far as a dateline may sit) and a few lines on; failing those,
/// in the few lines over the headline.
pub(super) fn authors(
    lines: &[Line],
    title: Option<usize>,
    (from, to): (usize, usize),
) -> Vec<String> {
    let Some(t) = title else {
        return bylines(lines, from, to);
    };
    let names = bylines(lines, from, to + MORE_LINES);
    if !names.is_empty() {
        return names;
    }
    bylines(lines, t.saturating_sub(4), t)
}

/// The authors the lines `from..to` name, in order, each once. A bare name over the date is
/// taken only when no line labels a byline. Sentences are not read: "By the way, …".
fn bylines(lines: &[Line], from: usize, to: usize) -> Vec<String> {
    let to = to.min(lines.len());
    let mut names: Vec<String> = Vec::new();
    let candidate = |&i: &usize| !credits_someone_else(lines, i) && !is_sentence(&lines[i]);
    for i in (from..to).filter(candidate) {
        let text = lines[i].text.as_str();
        let name = byline(text).or_else(|| {
            let next = lines.get(i + 1).filter(|_| is_lone_label(text))?;
            name_from(&next.text)
        });
        if let Some(name) = name.filter(|n| !names.contains(n)) {
            names.push(name);
        }
    }
    if names.is_empty() {
        let unlabelled = (from..to)
            .filter(candidate)
            .find_map(|i| name_run_into_date(&lines[i]))
            .or_else(|| {
                (from..to)
                    .filter(candidate)
                    .find_map(|i| name_over_date(lines, i))
            })
            .or_else(|| name_with_bio(lines, from, to));
        names.extend(unlabelled);
    }
    names
}

/// Whether a line is a sentence of the text, longer than any byline (and not a row of
/// metadata with a date in it).
fn is_sentence(line: &Line) -> bool {
    line.prose && line.words > 12 && line.date.is_none()
}

/// Whether the line under a reviewer's, an editor's or a fact checker's label (`Reviewed
/// by`, `Fact Checked By`) names that person rather than the author.
fn credits_someone_else(lines: &[Line], i: usize) -> bool {
    const OTHER_ROLES: &[&str] = &[
        "reviewed by",
        "fact checked by",
        "fact-checked by",
        "edited by",
    ];
    let Some(before) = i.checked_sub(1).map(|p| lines[p].text.to_lowercase()) else {
        return false;
    };
    let before = before.trim().trim_end_matches(':').trim_end();
    OTHER_ROLES.iter().any(|role| before.ends_with(role))
}

/// The name a labelled byline line gives: `By Name`, `Author: Name`, `Автор: Name`, `By Name on
/// 19 Dec 2025`, a dateline that goes on `… by Name`. Dumps sometimes glue the label to the
/// name (`byClemson News`, `ByNina Pineda`).
pub(super) fn byline(text: &str) -> Option<String> {
    let text = text.replace('\u{a0}', " ");
    match after_label(&text) {
        Some(rest) => name_from(rest),
        None => credentialed_name(&text).map(str::to_string),
    }
}

/// The text after a byline's label, when the line has one.
fn after_label(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    if let Some(label) = LABELS.iter().find(|l| lower.starts_with(*l)) {
        return Some(&text[label.len()..]);
    }
    let third = text.chars().nth(2);
    let glued = (text.starts_with("by") && third.is_some_and(char::is_uppercase))
        || (text.starts_with("By")
            && third.is_some_and(char::is_uppercase)
            && text.chars().nth(3).is_some_and(char::is_lowercase));
    if glued {
        return Some(&text[2..]);
    }
    // Inside the line, only before a capitalised name: "premiums written by leading
    // reinsurers" is a sentence. `to_ascii_lowercase` keeps every byte where it was, so its
    // offsets index `text`.
    let ascii = text.to_ascii_lowercase();
    let rest = if let Some(at) = ascii.find("written by ") {
        &text[at + "written by ".len()..]
    } else {
        let at = ascii.find(" by ")?;
        date_in_line(&text[..at])?;
        &text[at + " by ".len()..]
    };
    rest.trim_start_matches([':', ' '])
        .starts_with(char::is_uppercase)
        .then_some(rest)
}

/// Whether a line is only a byline's label (`By`, `Written By:`), the name on the next line.
fn is_lone_label(text: &str) -> bool {
    let lower = text.trim().trim_end_matches(':').trim_end().to_lowercase();
    LONE_LABELS.contains(&lower.as_str())
}

/// The name at the start of what follows a byline's label: degrees, a date, a role after a
/// comma or a bar, the reading time and the section it was filed in are cut off.
fn name_from(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches([':', ' ']).trim_end();
    if let Some(name) = credentialed_name(rest) {
        return Some(name.to_string());
    }
    let rest = rest[..date_start(rest)].trim_end_matches([' ', ',', '-', '–', '—', '|', '·', '•']);
    let ascii = rest.to_ascii_lowercase();
    let mut end = [", ", " on ", " in ", " | ", " ⋅ "]
        .iter()
        .filter_map(|sep| ascii.find(sep))
        .chain(READ_TIME.find(rest).map(|m| m.start()))
        .min()
        .unwrap_or(rest.len());
    for word in [" on", " in"] {
        if ascii.ends_with(word) {
            end = end.min(rest.len() - word.len());
        }
    }
    let name = clean_byline(&rest[..end]);
    let name = without_role(
        name.strip_suffix('.')
            .filter(|n| ends_in_word(n))
            .unwrap_or(&name),
    );
    let words = name.split_whitespace().count();
    (1..=6).contains(&words).then(|| name.to_string())
}

/// Where a date starts in a byline's text (`Sarah July 30, 2019`, `Jo Roe 12.05.2024`): at the
/// first word with a digit, the first month name followed by one or the first weekday; the
/// end when none does. A byline that opens with the date names nobody (`Written By Feb 11`).
fn date_start(text: &str) -> usize {
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let day_next = |k: usize| {
        words
            .get(k + 1)
            .is_some_and(|(_, next)| next.starts_with(|c: char| c.is_ascii_digit()))
    };
    let opens_date = |k: usize| {
        let (_, w) = words[k];
        let month_then_day = month_number(w.trim_end_matches([',', '.'])).is_some() && day_next(k);
        let weekday = WEEKDAYS.contains(&w.trim_end_matches([',', '.']).to_lowercase().as_str());
        w.contains(|c: char| c.is_ascii_digit()) || month_then_day || weekday
    };
    // `Kathryn GiuffridaMar 5, 2025`: a copy ran the name into the month.
    let glued_month = |k: usize| {
        let (at, w) = words[k];
        let bytes = w.as_bytes();
        (1..bytes.len())
            .filter(|&p| bytes[p].is_ascii_uppercase() && bytes[p - 1].is_ascii_lowercase())
            .find(|&p| month_number(w[p..].trim_end_matches([',', '.'])).is_some())
            .filter(|_| day_next(k))
            .map(|p| at + p)
    };
    (0..words.len())
        .find_map(|k| {
            opens_date(k)
                .then_some(words[k].0)
                .or_else(|| glued_month(k))
        })
        .unwrap_or(text.len())
        .min(text.len())
}

/// Names of the days of the week, which open datelines (`Released Wednesday, March 2, 2022`).
#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun",
];

/// A name without the job title run on after it (`Will Judd Former Deputy Tech Editor`):
/// the words before the first that names a role, when two or more come before it.
fn without_role(name: &str) -> &str {
    #[rustfmt::skip]
    const ROLES: &[&str] = &[
        "former", "senior", "deputy", "chief", "executive", "editor", "writer", "reporter",
        "correspondent", "contributor", "contributing", "columnist", "journalist", "producer",
        "analyst", "sponsored",
    ];
    let mut at = 0;
    for (k, word) in name.split(' ').enumerate() {
        if k >= 2 && ROLES.contains(&word.to_lowercase().as_str()) {
            return name[..at].trim_end();
        }
        at += word.len() + 1;
    }
    name
}

/// Whether a name ends in a word of three letters or more, so that a full stop after it ends
/// a sentence ("By Jeff Cobb.") rather than an initial or an abbreviation ("Jr.").
fn ends_in_word(name: &str) -> bool {
    let last = name.split_whitespace().last().unwrap_or("");
    last.chars().count() >= 3 && last.chars().all(char::is_alphabetic)
}

/// A reading time (`15 min read`, `5 min`, `10min read`).
static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d+\s*(?:min|mins|minutes?)\b(?:\.?\s*read)?").expect("valid regex")
});

/// A name run into the date on one line (`Melissa Ozawa December 18, 2025`, `Faith
/// Katunga•Oct 20, 2025`, `Aaron Ricadela | Senior Writer | July 2, 2025`). Only a name
/// shaped like a person's counts: two to four capitalised words.
fn name_run_into_date(line: &Line) -> Option<String> {
    let text = line.text.trim();
    let name = match text.split_once(['|', '•', '·', '⋅']) {
        Some((first, rest)) => date_in_line(rest).map(|_| first.trim())?,
        None if line.date.is_some() || date_in_line(text).is_some() => {
            text[..date_start(text)].trim_end_matches([',', ' '])
        }
        None => return None,
    };
    (name != text && is_name_shaped(name))
        .then(|| clean_byline(name))
        .filter(|n| !n.is_empty())
}

/// A name on a line of its own over the date or the reading time (`Andrew King` over
/// `September 4, 2025`, `Kalyn Keen` over `Jun 9`).
fn name_over_date(lines: &[Line], i: usize) -> Option<String> {
    let dates = |l: &Line| {
        l.date.is_some()
            || READ_TIME
                .find(&l.text)
                .is_some_and(|m| m.len() == l.text.trim().len())
            || is_month_and_day(&l.text)
    };
    let text = lines[i].text.trim();
    (lines.get(i + 1).is_some_and(dates) && is_name_shaped(text))
        .then(|| clean_byline(text))
        .filter(|n| !n.is_empty())
}

/// How many lines under the headline a bare name confirmed by a biography may sit.
const BARE_NAME_LINES: usize = 3;

/// A bare name among the first lines under the headline, when a line elsewhere in the dump
/// opens a biography of the same person. A name-shaped line alone there is as often a section
/// label or a product line; the author box says who wrote the article.
fn name_with_bio(lines: &[Line], from: usize, to: usize) -> Option<String> {
    (from..to.min(from + BARE_NAME_LINES)).find_map(|i| {
        let name = lines[i].text.trim();
        let introduced = is_name_shaped(name)
            && lines
                .iter()
                .enumerate()
                .any(|(j, l)| j != i && opens_bio_of(&l.text, name));
        introduced
            .then(|| clean_byline(name))
            .filter(|n| !n.is_empty())
    })
}

/// Words of page labels, roles and buttons, lower-cased, which no name shaped line holds.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "table", "contents", "caption", "share", "read", "more", "home", "menu", "search", "subscribe",
    "newsletter", "comments", "reply", "login", "updated", "published", "editor", "writer",
    "reporter", "contributor", "expert", "director", "manager", "founder", "about", "privacy",
    "policy", "terms", "cookie", "cookies", "sign", "log", "released", "posted", "modified",
    "last", "date", "image", "featured", "photo", "video", "logo", "icon", "press", "release",
    "hours", "why", "how", "what", "when", "where", "who",
    // Calls to action over a date: "Get Started", "Find A Location".
    "get", "started", "start", "find", "learn", "contact", "download", "buy", "shop", "view",
    "join", "try", "book", "apply", "request", "explore", "discover", "call", "schedule", "watch",
    "listen", "order", "see",
];

/// Whether a text is shaped like a person's name: two to four words, each capitalised (or the
/// whole name in capitals, as a stylesheet may print it), of letters, hyphens, apostrophes and
/// full stops, with the particles of names between them ("Ludwig van Beethoven").
fn is_name_shaped(text: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "del", "da", "di", "du", "la", "le",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let name_word = |w: &str| {
        w.starts_with(char::is_uppercase)
            && !runs_into_capitals(w)
            && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
            && !NOT_NAMES.contains(&w.to_lowercase().as_str())
    };
    (2..=4).contains(&words.len())
        && text.chars().count() <= 40
        && name_word(words[0])
        && name_word(words[words.len() - 1])
        && words.iter().all(|w| name_word(w) || PARTICLES.contains(w))
        && !is_chrome_word(text)
        && !is_furniture_label(text, text.chars().count() as u32)
}

/// Whether a word runs on into a capitalised word after lower-case letters (`HealthDECEMBER`):
/// two words a copy glued together, not a name (`McDonald`, `DianaHR`).
fn runs_into_capitals(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars
        .windows(4)
        .any(|w| w[0].is_lowercase() && w[1..].iter().all(|c| c.is_uppercase()))
}

/// A name followed by its holder's degrees, which bylines of health and science writers carry
/// without a "By" (`Dylan Bailey, MS, RD, FAND`, `Jane Roe, Ph.D.`): the name.
fn credentialed_name(text: &str) -> Option<&str> {
    let (name, credentials) = text.trim().split_once(", ")?;
    let name_words: Vec<&str> = name.split_whitespace().collect();
    let is_credential = |c: &str| {
        let upper = c.chars().filter(char::is_ascii_uppercase).count();
        (2..=8).contains(&c.len())
            && upper >= 2
            && c.starts_with(|ch: char| ch.is_ascii_uppercase())
            && c.chars().all(|ch| ch.is_ascii_alphabetic() || ch == '.')
    };
    let named = (2..=4).contains(&name_words.len())
        && name_words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".'-".contains(c))
        });
    (named && credentials.split(", ").all(|c| is_credential(c.trim()))).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The authors of a dump whose first line is the headline and whose body starts after
    /// the last line given.
    fn authors_under_headline(dump: &str) -> Vec<String> {
        let lines = Line::read_all(dump);
        let end = lines.len();
        authors(&lines, Some(0), (1, end))
    }

    #[test]
    fn labelled_bylines_give_the_name_without_label_date_role_or_reading_time() {
        for (line, name) in [
            ("Written by: Elise Nass", "Elise Nass"),
            ("By: Saru Yeknom", "Saru Yeknom"),
            ("ByNina Pineda", "Nina Pineda"),
            ("by Taya Iv", "Taya Iv"),
            ("BY ALYSSA MAIO ON JANUARY 21, 2023", "ALYSSA MAIO"),
            (
                "By Jeff Cobb.  Last Updated on December 11, 2025",
                "Jeff Cobb",
            ),
            ("By Kyle Howells 15 min read", "Kyle Howells"),
            ("BySarah July 30, 2019January 18, 2023", "Sarah"),
            ("By Lizzie Streit, MS, RDN, LD", "Lizzie Streit"),
            ("Guide by Will Judd Former Deputy Tech Editor", "Will Judd"),
            (
                "By Matthew Richardson ⋅ Review Editor ⋅ Updated November 18, 2025",
                "Matthew Richardson",
            ),
            ("October 11, 2023 \u{a0}by Autumn Huerter", "Autumn Huerter"),
            (
                "Posted on December 20, 2025 by Jean-Luc Aufranc (CNXSoft) - 5 Comments on Ports",
                "Jean-Luc Aufranc (CNXSoft)",
            ),
            ("May 18, 2023 By Sara Harberson In", "Sara Harberson"),
        ] {
            assert_eq!(byline(line).as_deref(), Some(name), "{line}");
        }
    }

    #[test]
    fn sentences_and_dates_after_a_label_name_nobody() {
        for line in [
            "Written By Feb 11, 2019 · 3 min read",
            "Value of gross premiums written by leading reinsurers in the United States",
            "Photos by Jane Roe",
            "Reviewed by Jane Roe",
        ] {
            assert_eq!(byline(line), None, "{line}");
        }
        let dump = "Headline\nBy the way, this is a sentence of the article that runs on and on.\n";
        assert!(authors_under_headline(dump).is_empty());
    }

    #[test]
    fn a_label_on_its_own_line_names_the_next_line_and_reviewers_are_skipped() {
        let dump = "Headline\nWritten By\nStephen Jesudunsin\nAI Writer, Embarque\n\
                    Fact Checked By\nChukwuezugo Aronu, PhD\n";
        assert_eq!(authors_under_headline(dump), ["Stephen Jesudunsin"]);
        let dump = "Headline\nReviewed by\nColin Smith, CPA\nBy\n\nSara Brown\n";
        assert_eq!(authors_under_headline(dump), ["Sara Brown"]);
    }

    #[test]
    fn a_bare_name_counts_over_the_date_or_run_into_it() {
        let dump = "Headline\nPavlina Petkova\nApril 10, 2025\n11 min read\n";
        assert_eq!(authors_under_headline(dump), ["Pavlina Petkova"]);
        let dump = "Headline\nKalyn Keen\nJun 9\n";
        assert_eq!(authors_under_headline(dump), ["Kalyn Keen"]);
        // The name run into a date beats a section label over that line.
        let dump = "Headline\nMobile App Development\nAmit Samsukha October 11, 2024\n";
        assert_eq!(authors_under_headline(dump), ["Amit Samsukha"]);
        let dump = "Headline\nFaith Katunga•Oct 20, 2025\n";
        assert_eq!(authors_under_headline(dump), ["Faith Katunga"]);
        let dump = "Headline\nAaron Ricadela | Senior Writer | July 2, 2025\n";
        assert_eq!(authors_under_headline(dump), ["Aaron Ricadela"]);
    }

    #[test]
    fn labels_buttons_and_glued_words_over_a_date_are_no_names() {
        for over_date in [
            "Get Started",
            "Featured Image",
            "Table of Contents",
            "Mental HealthDECEMBER",
            "Personal finance",
        ] {
            let dump = format!("Headline\n{over_date}\nDecember 17, 2025\n");
            assert!(authors_under_headline(&dump).is_empty(), "{over_date}");
        }
        let dump = "Headline\nReleased Wednesday, March 2, 2022\n";
        assert!(authors_under_headline(dump).is_empty());
    }

    #[test]
    fn a_byline_over_the_headline_is_read_when_none_is_under_it() {
        let lines = Line::read_all("Menu\nBy Andrew King\nSeptember 4, 2025\nHeadline\nText\n");
        assert_eq!(authors(&lines, Some(3), (4, 4)), ["Andrew King"]);
    }

    #[test]
    fn a_bare_name_under_the_headline_counts_when_an_author_box_introduces_it() {
        let bio = "Nicoletta Richardson is Trending Editor for TODAY.com and lives in New York.";
        let dump = format!("Headline\nNicoletta Richardson\nText of the story.\n{bio}\n");
        let lines = Line::read_all(&dump);
        assert_eq!(authors(&lines, Some(0), (1, 2)), ["Nicoletta Richardson"]);
        // Without the box the line may be a section label; a firm's blurb is no author box.
        let lines = Line::read_all("Headline\nNicoletta Richardson\nText of the story.\n");
        assert!(authors(&lines, Some(0), (1, 2)).is_empty());
        let firm = "Texas Mattress Makers is here to help you choose a mattress for your home.";
        let dump = format!("Headline\nTexas Mattress Makers\nText.\n{firm}\n");
        assert!(authors(&Line::read_all(&dump), Some(0), (1, 2)).is_empty());
    }

    #[test]
    fn a_name_run_into_the_month_ends_before_it() {
        assert_eq!(
            byline("ByKathryn GiuffridaMar 5, 2025 | 6 comments").as_deref(),
            Some("Kathryn Giuffrida")
        );
        assert_eq!(byline("By Jane McDonald").as_deref(), Some("Jane McDonald"));
    }
}
