//! Dates inside bylines and datelines that a copy runs into other words: a browser copies
//! inline elements without a space between them (`by Jeffrey ZeldmanNovember 20, 2007`,
//! `Mental HealthDECEMBER 22, 2022Updated: JANUARY 02, 2023`), and a byline may carry its
//! date after a label (`Paramita Ghosh Published: January 3, 2024`) or before the author
//! (`August 12, 2025 By The Diggs Team`), a numeric one (`Posted on the 15/12/2025 at 19:00
//! by …`), or run into the reading time after it (`Mar 27, 20255 mins`).

use std::borrow::Cow;

use crate::import::extract::{FIRST_RUN_LABELS, PUBLISHED_LABELS, UPDATE_LABELS};
use crate::import::textdate::{date_in_line, is_month_name};

/// Longest run of words a date is read from (`Tuesday, 20 November 2007, 10:30`).
const MAX_DATE_WORDS: usize = 5;
/// Longest line read as a dateline: longer ones are sentences of the text.
const MAX_LINE_WORDS: usize = 16;

/// Words besides the publication and update labels ([`PUBLISHED_LABELS`], [`UPDATE_LABELS`])
/// that make a short line with a date in it a dateline: a byline's "by" or a creation date's
/// label, in the languages of the archive's sources.
const BYLINE_CUES: &[&str] = &[
    " by ",
    // German
    "erstellt",
    " von ",
    "am montag",
    "am dienstag",
    "am mittwoch",
    "am donnerstag",
    "am freitag",
    "am samstag",
    "am sonntag",
    // French, Spanish, Portuguese
    " par ",
    " por ",
];

/// Whether a line names its author or its publication the way a byline does ("by", "von",
/// "erstellt", "par", "por", a publication label such as "veröffentlicht"), in any language
/// of [`BYLINE_CUES`] and [`PUBLISHED_LABELS`].
pub(super) fn signs_or_labels(text: &str) -> bool {
    // Spaces around the line let a cue open or close it (`By Jo`, `… von`).
    holds_byline_cue(&format!(" {} ", text.to_lowercase()))
}

/// Whether lower-cased text holds one of the [`BYLINE_CUES`] or [`PUBLISHED_LABELS`].
fn holds_byline_cue(lower: &str) -> bool {
    BYLINE_CUES
        .iter()
        .chain(PUBLISHED_LABELS)
        .any(|c| lower.contains(c))
}

/// The date a short byline or dateline holds somewhere inside it, and whether an update label
/// ("Updated", "Last modified") introduces it. The first date not introduced by such a label
/// is the publication; failing one, the first update date is returned as such. Lines that end
/// like a sentence, or carry no cue of a dateline (a byline, a publication or update label,
/// words run together), are left alone: a date in the text does not make it a dateline.
pub(super) fn dateline_date(text: &str) -> Option<(String, bool)> {
    dates_inside(text, true)
}

/// [`dateline_date`] for a line the head reader found where a dateline sits, under the
/// headline: there no cue is needed (`Travel September 8, 2021 -- min read`, `Jane Roe 25
/// March 2025 SEO, Guides`).
pub(super) fn date_under_headline(text: &str) -> Option<(String, bool)> {
    dates_inside(text, false)
}

fn dates_inside(text: &str, needs_cue: bool) -> Option<(String, bool)> {
    // Every line of a dump is asked: the cheap tests come first (ungluing only adds words).
    let sentence = text.trim_end().ends_with(['.', '!', '?']);
    if sentence || text.split_whitespace().count() > MAX_LINE_WORDS {
        return None;
    }
    let spaced = unglue(text);
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let lower = spaced.to_lowercase();
    let cue = lower.starts_with("by")
        || holds_byline_cue(&lower)
        || UPDATE_LABELS.iter().any(|c| lower.contains(c))
        || spaced.len() > text.len();
    if (needs_cue && !cue) || words.len() > MAX_LINE_WORDS {
        return None;
    }
    let mut update_date = None;
    let mut i = 0;
    while i < words.len() {
        let Some((len, date)) = date_at(&words, i) else {
            i += 1;
            continue;
        };
        if introduced_as_update(&words[..i]) {
            update_date.get_or_insert(date);
        } else {
            return Some((date, false));
        }
        i += len;
    }
    update_date.map(|d| (d, true))
}

/// The date a sentence of the text says the article first ran on ("This article was
/// originally published on 26 Sep 2019 at 4:12pm but has been updated"): pages that are kept
/// up to date show the last revision in the dateline and the first publication only there.
pub(super) fn originally_published(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let label = FIRST_RUN_LABELS
        .iter()
        .find_map(|l| lower.find(l).map(|at| at + l.len()))?;
    let words: Vec<&str> = text.get(label..)?.split_whitespace().take(8).collect();
    (0..words.len()).find_map(|i| date_at(&words, i).map(|(_, date)| date))
}

/// The longest run of words from `i` that reads as a date: one holding a month name, or one
/// opening with a whole numeric date (`15/12/2025 at 19:00`, `2025-12-15`).
fn date_at(words: &[&str], i: usize) -> Option<(usize, String)> {
    let trimmed = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let first = trimmed(words[i]);
    let numeric = first.contains(['/', '-', '.'])
        && first.starts_with(|c: char| c.is_ascii_digit())
        && date_in_line(&first).is_some();
    let starts_date = is_month_name(&first) || first.chars().all(|c| c.is_ascii_digit());
    if first.is_empty() || !(starts_date || numeric) {
        return None;
    }
    // A numeric date holds no month name; a written one exactly one (a run reaching into the
    // next date would mix the two).
    let months_wanted = usize::from(!numeric);
    (1..=MAX_DATE_WORDS.min(words.len() - i))
        .rev()
        .find_map(|len| {
            let run = &words[i..i + len];
            let months = run.iter().filter(|w| is_month_name(&trimmed(w))).count();
            let date = date_in_line(&run.join(" "))?;
            (months == months_wanted).then_some((len, date))
        })
}

/// Whether the words before a date end with an update label (one of [`UPDATE_LABELS`], which
/// may take three words: "mis à jour le 3 mars").
fn introduced_as_update(before: &[&str]) -> bool {
    let near: Vec<String> = before[before.len().saturating_sub(4)..]
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let near = format!(" {} ", near.join(" "));
    UPDATE_LABELS
        .iter()
        .any(|label| near.contains(&format!(" {label} ")))
}

/// The text with a space where a copy ran two elements together: a lower-case letter or a
/// digit followed by a capital (`ZeldmanNovember`, `2025January`, `HealthDECEMBER`), a colon
/// followed by a month (`Updated:Sep 4, 2025`), a letter
/// followed by a digit that starts a date (`DECEMBER22` is left alone: a month then a day),
/// a year followed by the reading time (`20255 mins`) or by a word in lower case
/// (`June 17, 2021garden`).
pub(super) fn unglue(text: &str) -> String {
    let text = unglue_years(&unglue_label_colon(text));
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            let glued = (p.is_lowercase() || p.is_ascii_digit()) && c.is_uppercase();
            if glued {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// `Last updated:Sep 4, 2025`: a label's colon run into a month name gets its space back.
/// Other words after a colon stay as they are (`AWS re:Invent`).
fn unglue_label_colon(text: &str) -> Cow<'_, str> {
    let month_after = |at: usize| {
        let word: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        is_month_name(&word.to_lowercase())
    };
    let colons: Vec<usize> = text
        .match_indices(':')
        .map(|(at, _)| at)
        .filter(|&at| month_after(at))
        .collect();
    if colons.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + colons.len());
    let mut from = 0;
    for at in colons {
        out.push_str(&text[from..=at]);
        out.push(' ');
        from = at + 1;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// `Mar 27, 20255 mins` → `Mar 27, 2025 5 mins`: a year with the minutes of the reading time
/// right after it. Only a run of five or six digits that opens with a year from 1990 on and is
/// followed by a minute word is split; any other number is left as it is. A year run into a
/// word (see [`year_run_into_word`]) is split the same way.
fn unglue_years(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 1);
    for (i, word) in words.iter().enumerate() {
        let minutes_next = words
            .get(i + 1)
            .is_some_and(|w| w.to_lowercase().starts_with("min"));
        let digits = word.chars().all(|c| c.is_ascii_digit());
        let year = word.get(..4).and_then(|y| y.parse::<u32>().ok());
        let reading_time =
            minutes_next && digits && (5..=6).contains(&word.len()) && year >= Some(1990);
        if reading_time || year_run_into_word(words[..i].last(), word) {
            out.push(format!("{} {}", &word[..4], &word[4..]));
        } else {
            out.push(word.to_string());
        }
    }
    out.join(" ")
}

/// `June 17, 2021garden`: the year of a "Month D, YYYY" date with the next element's first
/// word after it. A decade (`1990s`) or an ordinal is not split: the word after the year must
/// be three letters or more, or "in", "by" or "on", after a day number with its comma.
fn year_run_into_word(before: Option<&&str>, word: &str) -> bool {
    let after_day = before.is_some_and(|b| {
        let day = b.strip_suffix(',').unwrap_or("");
        (1..=2).contains(&day.len()) && day.chars().all(|c| c.is_ascii_digit())
    });
    let year = word.get(..4).and_then(|y| y.parse::<u32>().ok());
    let rest = word.get(4..).unwrap_or("");
    // A two-letter word after the year is an ordinal's ending (`2nd`) unless it is one of the
    // words that open the next element (`December 13, 2025in Smart Home`).
    let opens_element = matches!(rest, "in" | "by" | "on");
    after_day
        && (1900..2100).contains(&year.unwrap_or(0))
        && (rest.chars().take_while(|c| c.is_lowercase()).count() >= 3 || opens_element)
}

/// A line that ends with a date of at most six words (`Daniel Renfrow April 12, 2024`,
/// `George Michaelson on 19 Dec 2025`): the text before it and the date. The shortest tail
/// that reads as a date is taken, so no word of the name goes with it.
pub(super) fn trailing_date(text: &str) -> Option<(&str, String)> {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| i > 0 && c == ' ')
        .map(|(i, _)| i)
        .collect();
    starts.iter().rev().take(6).find_map(|&at| {
        let date = date_in_line(text[at..].trim())?;
        let before = text[..at].trim_end();
        let before = before
            .strip_suffix(" on")
            .unwrap_or(before)
            .trim_end_matches([',', '|', '·', '-', ' ']);
        Some((before, date))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_run_into_bylines_and_labels_are_read() {
        let day = |t: &str| dateline_date(t).map(|(d, u)| (d[..10].to_string(), u));
        let publication = |d: &str| Some((d.to_string(), false));
        assert_eq!(
            day("by Jeffrey ZeldmanNovember 20, 2007"),
            publication("2007-11-20")
        );
        assert_eq!(
            day("Mental HealthDECEMBER 22, 2022Updated: JANUARY 02, 2023"),
            publication("2022-12-22")
        );
        assert_eq!(
            day("Paramita (Guha) Ghosh Published: January 3, 2024"),
            publication("2024-01-03")
        );
        assert_eq!(
            day("August 12, 2025 By  The Diggs Team"),
            publication("2025-08-12")
        );
        assert_eq!(
            day("ByKathy Owen January 21, 2025January 12, 2026 Updated"),
            publication("2025-01-21")
        );
        assert_eq!(
            day("Jane Roe · Updated March 4, 2024"),
            Some(("2024-03-04".to_string(), true))
        );
        assert_eq!(
            day("Posted on the 15/12/2025 at 19:00 by @GuillaumeGomez"),
            publication("2025-12-15")
        );
        assert_eq!(day("Mar 27, 20255 mins"), publication("2025-03-27"));
        assert_eq!(
            day("Erstellt von Fabian am Dienstag 6. Mai 2014"),
            publication("2014-05-06")
        );
        assert_eq!(
            day("erstellt von Dominique — veröffentlicht 28.01.2022 06:00"),
            publication("2022-01-28")
        );
        assert_eq!(
            day("am Dienstag, 07.11.2023 - 10:30 (Jetzt kommentieren)"),
            publication("2023-11-07")
        );
        assert_eq!(
            day("Par Jeanne Roche, mis à jour le 3 mars 2024"),
            Some(("2024-03-03".to_string(), true))
        );
        assert_eq!(
            day("GARDENannette thurmonJune 17, 2021garden, pest control5 Comments"),
            publication("2021-06-17")
        );
        assert_eq!(unglue("in May 4, 1990s style"), "in May 4, 1990s style");
        assert_eq!(
            day("December 13, 2025in Smart Home"),
            publication("2025-12-13")
        );
        assert_eq!(unglue("on May 2, 2024nd"), "on May 2, 2024nd");
        assert_eq!(
            day("By Jane Roe, 2024-06-03, updated 2024-06-09"),
            publication("2024-06-03")
        );
    }

    #[test]
    fn a_note_of_the_first_publication_is_read_from_the_text() {
        let note = "This article was originally published on 26 Sep 2019 at 4:12pm but has \
                    been regularly updated to reflect new research.";
        assert_eq!(
            originally_published(note).as_deref(),
            Some("2019-09-26 16:12")
        );
        assert_eq!(
            originally_published("It was first published in the spring, long before the war."),
            None
        );
        assert_eq!(originally_published("Published on 3 May 2024."), None);
    }

    #[test]
    fn sentences_and_lines_without_a_dateline_cue_are_left_alone() {
        assert_eq!(
            dateline_date("The plan was approved by the council on May 3, 2024."),
            None
        );
        assert_eq!(
            dateline_date("Opening hours from May 3, 2024 to June 1"),
            None
        );
        assert_eq!(dateline_date("By the numbers"), None);
        // A count of minutes after a number that is no year stays as it is.
        assert_eq!(dateline_date("Episode 12345 mins"), None);
        assert_eq!(dateline_date("by Jane Roe, version 1.2.3"), None);
    }
}
