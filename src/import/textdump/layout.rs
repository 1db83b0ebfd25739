//! Text laid out by a text browser or a mail tool (`lynx -dump`, `w3m -dump`, hard-wrapped
//! copy): paragraphs broken into lines of a fixed width, text indented, list items marked with
//! bullets and, from lynx, links numbered in brackets with their addresses listed at the end.
//! A browser's copy has none of that: each paragraph is one line. The reader of dumps judges
//! lines by their shape (a sentence, a long line, an indented code line), so such text is first
//! put back into that shape: wrapped lines joined, indentation and bullets dropped, link numbers
//! and the list of references removed.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::listings::looks_like_code;

/// Bullets text browsers draw before list items (w3m `•`, `□`; lynx `*`, `+`, `o` for deeper
/// levels).
const BULLETS: [&str; 10] = ["• ", "* ", "+ ", "o ", "◦ ", "▪ ", "□ ", "■ ", "○ ", "- "];

/// Fewest breaks inside a sentence that make a text a wrapped layout.
const MIN_WRAPS: usize = 5;

/// The widest column a wrapped layout is assumed to use: a browser's copy has paragraph lines
/// of hundreds of characters.
const MAX_WIDTH: usize = 110;

/// One non-blank line of the layout.
struct Row {
    /// Columns of indentation before the text (a tab counts as eight).
    indent: usize,
    /// The text without indentation, bullet, link numbers or trailing space.
    text: String,
    /// Columns the first word took on the page (a link number included): whether it would
    /// have fitted at the end of the line above.
    first_word: usize,
    /// The column where a list item's following lines line up (the text's own for others).
    hang: usize,
    /// Columns the whole line takes, indentation and bullet included.
    width: usize,
}

impl Row {
    /// Whether a bullet or a number (`1. `) marked the line as a list item's first line.
    fn is_item(&self) -> bool {
        self.hang > self.indent
    }

    /// The line as laid out; `link_numbers` when lynx's numbers before links are to go.
    fn read(raw: &str, link_numbers: bool) -> Option<Row> {
        let raw = raw.trim_end();
        let text = raw.trim_start();
        if text.is_empty() {
            return None;
        }
        let lead = &raw[..raw.len() - text.len()];
        let indent = lead.chars().map(|c| if c == '\t' { 8 } else { 1 }).sum();
        let width = indent + text.chars().count();
        // The bullet goes, as in a browser's copy; a number stays, for it may be the text's own
        // ("1. Nike: the innovator").
        let (text, hang) = match BULLETS.iter().find_map(|b| bulleted(text, b)) {
            Some(rest) if !rest.trim().is_empty() => {
                let rest = rest.trim_start();
                (rest, width - rest.chars().count())
            }
            _ => (text, indent + numbered_item(text).unwrap_or(0)),
        };
        let first_word = text
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        let text = match link_numbers {
            true => without_link_numbers(text),
            false => Cow::Borrowed(text),
        };
        let text = without_controls(&text).into_owned();
        // A rule, a button or an empty list item (a share bar's icons) leaves nothing in a
        // browser's copy: the line reads as blank.
        if is_bare_bullet(&text) {
            return None;
        }
        Some(Row {
            indent,
            text,
            first_word,
            hang,
            width,
        })
    }
}

/// The text put into a browser copy's shape when it is a wrapped layout; otherwise the text as
/// it is.
pub(super) fn unwrap_layout(text: &str) -> Cow<'_, str> {
    // Lynx's list of link addresses is not the page's text; with it gone, the numbers that
    // pointed into it go too.
    let references = references_start(text);
    let page = &text[..references.unwrap_or(text.len())];
    let rows: Vec<Option<Row>> = page
        .lines()
        .map(|line| Row::read(line, references.is_some()))
        .collect();
    let Some(width) = wrap_width(&rows) else {
        return Cow::Borrowed(text);
    };
    if unwrapped_paragraphs(&rows, width) >= 3 {
        // A browser's copy of a page that is mostly code or short lines still has its
        // paragraphs on one line each.
        return Cow::Borrowed(text);
    }
    let joins: Vec<bool> = (0..rows.len())
        .map(
            |i| match (&rows[i], rows.get(i + 1).and_then(Option::as_ref)) {
                (Some(a), Some(b)) => continues(a, b, width),
                _ => false,
            },
        )
        .collect();
    // A break inside a sentence, before a lowercase word, is what wrapping does and what a
    // browser's copy, which breaks only between blocks, almost never shows.
    let mid_sentence = joins
        .iter()
        .zip(rows.iter().skip(1))
        .filter(|(join, next)| {
            **join
                && next
                    .as_ref()
                    .is_some_and(|n| n.text.starts_with(char::is_lowercase))
        })
        .count();
    if mid_sentence < MIN_WRAPS {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut joined = false;
    for (row, join) in rows.iter().zip(&joins) {
        match row {
            Some(row) => {
                if joined {
                    out.push(' ');
                }
                out.push_str(&row.text);
                if !join {
                    out.push('\n');
                }
            }
            None => out.push('\n'),
        }
        joined = *join;
    }
    Cow::Owned(out)
}

/// The column at which the text was wrapped: the width that all but the widest few lines
/// breaking at spaces keep to (a preformatted block or a table row may be wider). None when
/// the lines are too few or too wide to be a wrapped layout.
fn wrap_width(rows: &[Option<Row>]) -> Option<usize> {
    let mut widths: Vec<usize> = rows
        .iter()
        .flatten()
        .filter(|r| r.text.contains(' '))
        .map(|r| r.width)
        .collect();
    if widths.len() < 2 * MIN_WRAPS {
        return None;
    }
    widths.sort_unstable();
    // Wide tables can fill more than a few lines: then the width most lines keep to is lower.
    [97, 90]
        .into_iter()
        .map(|percent| widths[widths.len() * percent / 100])
        .find(|width| (40..=MAX_WIDTH).contains(width))
}

/// Lines of prose far wider than the layout (sentences of 30 words and more, twice the width):
/// paragraphs nothing wrapped. A wide table row in a text browser's print has no such shape.
fn unwrapped_paragraphs(rows: &[Option<Row>], width: usize) -> usize {
    rows.iter()
        .flatten()
        .filter(|r| r.width > 2 * width)
        .filter(|r| {
            let end = r.text.trim_end_matches(['"', '”', '»', '’', '\'', ')']);
            end.ends_with(['.', '!', '?'])
        })
        .filter(|r| r.text.split_whitespace().count() >= 30)
        .count()
}

/// Whether line `b` goes on with line `a`'s paragraph: `a` is at least half the width and not
/// much wider (a table row is not wrapped prose), `b`'s first word would not have fitted at
/// the end of `a`, `b` starts no new list item, lines up with `a`'s text and is neither a
/// byline nor a new line under a dateline or a byline, and neither line is shaped like code.
fn continues(a: &Row, b: &Row, width: usize) -> bool {
    // Lines at the left margin (headings in lynx) may run a few columns past the indented text.
    a.width * 2 >= width
        && a.width <= width + width / 8
        && a.width + 1 + b.first_word > width
        && !b.is_item()
        && b.indent == a.hang
        && !starts_byline(&b.text)
        && !(b.text.starts_with(char::is_uppercase) && ends_dateline(&a.text))
        && !(b.text.starts_with(char::is_uppercase) && starts_byline(&a.text))
        && !looks_like_code(&a.text)
        && !looks_like_code(&b.text)
}

/// `By Jane Roe · Updated May 6, 2025`: a line that ends with a date ends a dateline, and the
/// line under it starts something else (unless it goes on in lowercase).
fn ends_dateline(text: &str) -> bool {
    super::dateline::trailing_date(text).is_some()
}

/// The text after `bullet` when the line starts with it. `o`, `-` and `+` also start wrapped
/// lines of prose (Portuguese `o governo`, a dash): as bullets they must be followed by a
/// capital or a digit.
fn bulleted<'t>(text: &'t str, bullet: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(bullet)?;
    let word_like = ["o ", "- ", "+ "].contains(&bullet);
    let item_start = rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    (!word_like || item_start).then_some(rest)
}

/// Nothing left but a bullet, or nothing at all.
fn is_bare_bullet(text: &str) -> bool {
    text.is_empty() || BULLETS.iter().any(|b| b.trim_end() == text)
}

/// The width of the number opening a numbered list item or heading (`1. `, `12) `).
fn numbered_item(text: &str) -> Option<usize> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0
        && digits <= 3
        && text[digits..].starts_with([')', '.'])
        && text[digits + 1..].starts_with(' ');
    numbered.then_some(digits + 2)
}

/// `By Jane Roe`: a byline under a headline or a standfirst that happened to fill the line.
/// Inside a paragraph a line seldom starts so, and keeping it apart costs little.
fn starts_byline(text: &str) -> bool {
    text.strip_prefix("By ")
        .is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// The text without the marks text browsers draw for what has no text of its own: rules, form
/// controls (`(BUTTON)`, `[ ]`, `[          ]`, `____`) and pictures without alt text, shown
/// by their file name (`[share.png]`, `[svg]`, `[]`). A browser's copy shows none of them.
fn without_controls(text: &str) -> Cow<'_, str> {
    static CONTROLS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\((?:BUTTON|RADIO|CHECKBOX)\) ?|\( \)|\(\*\)|_{4,}|\[[^\]]*\]").unwrap()
    });
    let cleaned = CONTROLS.replace_all(text, |m: &regex::Captures| {
        let mark = m.get(0).expect("whole match");
        let Some(inner) = mark.as_str().strip_prefix('[') else {
            return String::new();
        };
        let inner = inner.trim_end_matches(']');
        // Marks stand alone; brackets after a word or an operator are code (`int[]`,
        // `items = []`, `a[i-1]`, `cfg["max_size"]`) and `[sic]`, `[12]` are text.
        let before = &text[..mark.start()];
        let indexes = before.ends_with(|c: char| c.is_alphanumeric() || "_\"')".contains(c));
        let operand = before.trim_end().ends_with(['=', '(', ',', '[', ':']);
        let standalone = !indexes && !operand;
        if standalone && (inner.trim().is_empty() || is_picture_name(inner)) {
            String::new()
        } else {
            mark.as_str().to_string()
        }
    });
    // A rule (`<hr>`), drawn with box-drawing or ASCII dashes.
    let rule = text.chars().count() >= 3 && text.chars().all(|c| "━─-=_~*·".contains(c));
    match cleaned {
        _ if rule => Cow::Borrowed(""),
        Cow::Borrowed(_) => Cow::Borrowed(text),
        // What stood between two words leaves one space.
        Cow::Owned(cleaned) => Cow::Owned(cleaned.split_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

/// `share.png`, `iStock-168`, `svg`, `1765563681`: what a text browser shows for a picture
/// without alt text. Words in brackets (`[sic]`, `[Photo: AP, 2024]`) or a short number (`[12]`,
/// a note or a lynx link number) are left.
fn is_picture_name(inner: &str) -> bool {
    if inner.is_empty() || inner.contains(char::is_whitespace) {
        return false; // file names have no spaces: `[Photo: AP, 2024]` is text
    }
    let letters = inner.chars().any(char::is_alphabetic);
    let marks = inner
        .chars()
        .any(|c| c.is_ascii_digit() || "_.%?=-".contains(c));
    let long_number = inner.len() > 4 && inner.chars().all(|c| c.is_ascii_digit());
    ["svg", "IMG", "INLINE", "LINK"].contains(&inner) || (letters && marks) || long_number
}

/// The numbers lynx puts before every link (`[12]Read more`), pointing into its list of
/// addresses at the end (alone for a picture link without alt text). A number in brackets after
/// a word or before more text is the text's own: an index (`args[1]`), a year (`[2024] Annual
/// report`).
fn without_link_numbers(text: &str) -> Cow<'_, str> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\d{1,4}\]").unwrap());
    NUMBER.replace_all(text, |c: &regex::Captures| {
        let mark = c.get(0).expect("whole match");
        let after_word = text[..mark.start()].ends_with(char::is_alphanumeric);
        let rest = &text[mark.end()..];
        // Before the link's text, or alone: a picture link without alt text.
        let marks_link = rest.starts_with(|ch: char| !ch.is_whitespace()) || rest.trim().is_empty();
        if marks_link && !after_word {
            String::new()
        } else {
            mark.as_str().to_string()
        }
    })
}

/// Where lynx's list of link addresses starts: a "References" line followed by numbered
/// addresses (or by lynx's "Visible links"/"Hidden links" headings).
fn references_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut start = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed == "References" {
            start = Some(offset);
        } else if let Some(s) = start.filter(|_| !trimmed.is_empty()) {
            let listed = trimmed.split_once(". ").is_some_and(|(n, rest)| {
                n.chars().all(|c| c.is_ascii_digit()) && rest.contains("://")
            }) || trimmed == "Visible links:"
                || trimmed == "Hidden links:";
            if listed {
                return Some(s);
            }
            start = None;
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::unwrap_layout;
    use std::borrow::Cow;

    const FIRST: &str =
        "The town council voted on Tuesday to rebuild the harbour wall that storms \
        broke last winter, after fishermen warned that another season without it would sink the \
        fleet and leave the town without its oldest trade.";
    const SECOND: &str = "The work will cost four million and take two summers, the council said, \
        and the harbour will stay open while it goes on, with boats moored at the north quay \
        until the wall is finished.";
    const ITEM: &str = "Fishermen asked for the wall to be raised by a metre, which the engineers \
        accepted after a week of talks.";

    /// `text` broken into lines of at most `width` columns, as text browsers do, the first line
    /// after `first` and the others after `rest`.
    fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
        let mut lines = vec![first.to_string()];
        for word in text.split_whitespace() {
            let line = lines.last_mut().unwrap();
            let blank = line.trim().is_empty() || line.trim_end() == first.trim_end();
            if blank || line.chars().count() + 1 + word.chars().count() <= width {
                if !blank {
                    line.push(' ');
                }
                line.push_str(word);
            } else {
                lines.push(format!("{rest}{word}"));
            }
        }
        lines.join("\n") + "\n"
    }

    fn non_empty(text: &str) -> Vec<&str> {
        text.lines().filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn wrapped_paragraphs_are_joined_and_marks_dropped() {
        // As `w3m -dump` lays a page out: bullets, a rule, an empty list item.
        let page = format!(
            "Home\n  • News\n  •\nCouncil votes to rebuild the old harbour wall\n\n{}{}\n{}\n{}",
            wrap(FIRST, 60, "", ""),
            "━".repeat(40),
            wrap(SECOND, 60, "", ""),
            wrap(ITEM, 60, "  • ", "    "),
        );
        assert_eq!(
            non_empty(&unwrap_layout(&page)),
            [
                "Home",
                "News",
                "Council votes to rebuild the old harbour wall",
                FIRST,
                SECOND,
                ITEM
            ]
        );
    }

    #[test]
    fn a_browser_copy_is_left_as_it_is() {
        // One line per paragraph, however short the lines around them.
        let copy = format!("Home\nNews\nCouncil votes\n{FIRST}\n{SECOND}\n{ITEM}\n").repeat(3);
        assert!(matches!(unwrap_layout(&copy), Cow::Borrowed(_)));
        // Short lines that happen to reach the same width break between blocks, not inside
        // sentences: no layout either.
        let menu = "Politics and government in the northern region\n".repeat(20);
        assert!(matches!(unwrap_layout(&menu), Cow::Borrowed(_)));
        // Mostly code, whose lines break before lowercase words at the same width, with a few
        // paragraphs on one line each.
        let code = "    let total = orders.iter().map(|order| order.amount).sum::<u64>() +\n    \
                    shipping_cost(region);\n"
            .repeat(40);
        let article = format!("{FIRST} {SECOND}\n{code}{SECOND} {FIRST}\n{FIRST} {ITEM}\n");
        assert!(matches!(unwrap_layout(&article), Cow::Borrowed(_)));
    }

    #[test]
    fn marks_go_but_brackets_of_code_and_text_stay() {
        use super::{bulleted, without_controls, without_link_numbers};
        let clean = |t: &str| without_controls(t).into_owned();
        assert_eq!(
            clean("(BUTTON) Share [share.png] [svg][9k] now"),
            "Share now"
        );
        assert_eq!(
            clean("[]Full-Service agencies [ ]"),
            "Full-Service agencies"
        );
        for code in [
            "items = []",
            "a[i-1] + b",
            "cfg[\"max_size\"]",
            "int[] xs",
            "f([x_1])",
        ] {
            assert_eq!(clean(code), code);
        }
        assert_eq!(
            clean("He said [sic] it was [Photo: AP, 2024] fine"),
            "He said [sic] it was [Photo: AP, 2024] fine"
        );
        let unnumber = |t: &str| without_link_numbers(t).into_owned();
        assert_eq!(unnumber("[1]Home [23]World news"), "Home World news");
        assert_eq!(unnumber("[87]"), "");
        for kept in ["args[1] + 2", "the wall.[1] The", "[2024] Annual report"] {
            assert_eq!(unnumber(kept), kept);
        }
        assert_eq!(bulleted("o Governo", "o "), Some("Governo"));
        assert_eq!(bulleted("o governo vai", "o "), None);
        assert_eq!(bulleted("- which the council", "- "), None);
        assert_eq!(bulleted("• which", "• "), Some("which"));
    }

    #[test]
    fn lynx_link_numbers_and_references_go_and_bylines_stay_apart() {
        let standfirst = "Fishermen had warned that another season without it would sink";
        // A byline that filled its line: the name under it is not its continuation.
        let credit = "By Scott Levine, staff reporter at the Harbour Gazette | Checked by";
        let page = format!(
            "   [1]Home [2]World\nCouncil votes to rebuild the old harbour wall\n   {standfirst}\n   \
             By [3]Jane Roe\n   Updated May 6, 2025\n   Contributors: Tom Smith\n   {credit}\n   \
             Ann Bass\n{}\n{}\n\
             References\n\n   Visible links:\n   1. https://harbour.example/\n",
            wrap(
                &format!("{FIRST} (BUTTON) Share [share.png] [sic] [Photo: AP, 2024] int[] [ ]"),
                70,
                "   ",
                "   "
            ),
            wrap(&SECOND.replace("harbour", "[4]harbour"), 70, "   ", "   "),
        );
        assert_eq!(
            non_empty(&unwrap_layout(&page)),
            [
                "Home World",
                "Council votes to rebuild the old harbour wall",
                standfirst,
                "By Jane Roe",
                "Updated May 6, 2025",
                "Contributors: Tom Smith",
                credit,
                "Ann Bass",
                &format!("{FIRST} Share [sic] [Photo: AP, 2024] int[]"),
                SECOND,
            ]
        );
    }
}
