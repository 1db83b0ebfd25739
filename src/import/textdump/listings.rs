//! Lines that belong to a block of an article other than its paragraphs: code listings (by
//! their shape, their indent or the copy button over them), tables of contents and the rows of
//! a spec sheet. Such lines are short, like the menus around an article, yet sit inside it.

use super::lines::Line;
use crate::import::extract;

/// Whether a trimmed line is shaped like code: a comment (`// …`, `-- …`, `# …`), a statement or
/// block end (`…;`, `{`, `}`), a diagram edge (`A --> B`). Menus and footers have none of these.
pub(super) fn looks_like_code(text: &str) -> bool {
    ["//", "--", "/*", "#!", "# "]
        .iter()
        .any(|p| text.starts_with(p))
        || text.ends_with([';', '{', '}'])
        || text.contains("-->")
        || is_diagram_line(text)
}

/// Whether a line is drawn with box-drawing characters and arrows (`┌────┐`, `│`, `▼`): a
/// line of a text diagram, which a browser copies from a `<pre>` block without its indent.
fn is_diagram_line(text: &str) -> bool {
    let drawing = |c: char| {
        matches!(c, '\u{2500}'..='\u{257F}' | '\u{2190}'..='\u{21FF}') || "▲▼◀▶►◄".contains(c)
    };
    text.chars().any(|c| matches!(c, '\u{2500}'..='\u{257F}'))
        || (!text.trim().is_empty() && text.chars().all(|c| c.is_whitespace() || drawing(c)))
}

/// A code listing's lines as one fenced block: their indentation kept less what all share, and
/// the blank lines between them kept.
pub(super) fn code_block(lines: &[&Line]) -> String {
    let indent = |raw: &str| raw.chars().take_while(|c| c.is_whitespace()).count();
    let common = lines.iter().map(|l| indent(&l.raw)).min().unwrap_or(0);
    let mut code = String::new();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            code.push('\n');
            if line.blank_before {
                code.push('\n');
            }
        }
        code.extend(line.raw.chars().skip(common));
    }
    extract::fenced(&code)
}

/// Whether a line is a horizontal rule drawn in text (`━━━━`, `-----`, `═══`).
pub(super) fn is_rule(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() >= 3 && text.chars().all(|c| "─━═-_*=~".contains(c))
}

/// Whether a raw line starts with an indent (two spaces or a tab).
pub(super) fn is_indented(raw: &str) -> bool {
    raw.starts_with("  ") || raw.starts_with('\t')
}

/// The button a site puts over a code block ("Copy", "Copy code").
pub(super) fn is_copy_button(text: &str) -> bool {
    matches!(
        text.to_lowercase().as_str(),
        "copy" | "copy code" | "copy to clipboard" | "copied!"
    )
}

/// Where [`Line::read_all`](super::lines::Line::read_all) is with respect to a table of contents.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Contents {
    Outside,
    /// On its heading, or blank lines under it.
    Heading,
    /// On its entries, which end at a blank line.
    Entries,
}

/// Headings of a table of contents (lowercase, without a trailing colon). Its entries repeat
/// the article's subheadings as links; a reader of the copy has the subheadings themselves.
const CONTENTS_HEADINGS: &[&str] = &[
    "table of contents",
    "contents",
    "jump to",
    "jump to section",
    "skip to section",
    "in this article",
    "in this post",
    "in this guide",
    "on this page",
    "article contents",
];

/// Whether a line heads a table of contents ("JUMP TO:", "In this article").
pub(super) fn is_contents_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    CONTENTS_HEADINGS.contains(&lower.trim_end_matches([':', ' ']))
}

/// Whether a line is a `Label: value` row: a capitalised label of at most four words, a colon,
/// and a short value with a digit in it (`Weight: 32.2 kg | 71 lbs`, `Charge time: 3-6 hrs`).
pub(super) fn is_spec_line(text: &str) -> bool {
    let Some((label, value)) = text.split_once(": ") else {
        return false;
    };
    let label_words = label.split_whitespace().count();
    (1..=4).contains(&label_words)
        && label.starts_with(char::is_uppercase)
        && !value.trim().is_empty()
        && value.split_whitespace().count() <= 12
        && value.contains(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_shaped_like_code_are_told_from_menus() {
        for code in [
            "// entry point",
            "-- comment",
            "let x = 1;",
            "fn main() {",
            "}",
            "A --> B",
            "┌─────────────────┐     ┌─────────────────┐",
            "│   Open WebUI    │",
            "▼",
        ] {
            assert!(looks_like_code(code), "{code}");
        }
        for menu in [
            "Home",
            "Sign in Sign up",
            "Privacy Policy",
            "(0)",
            "A–Z index",
        ] {
            assert!(!looks_like_code(menu), "{menu}");
        }
    }

    #[test]
    fn spec_sheet_rows_are_told_from_labels_and_sentences() {
        for row in [
            "Max speed: 55-65 km/h | 34-40 mph",
            "Charge time: 3-6 hrs",
            "Weight: 27 lbs",
        ] {
            assert!(is_spec_line(row), "{row}");
        }
        for other in [
            "Related: Mayor opens bridge",
            "Note: the figures for the first quarter of 2024 were revised twice by the office since then",
            "photo: 2024",
            "Posted on: ",
        ] {
            assert!(!is_spec_line(other), "{other}");
        }
    }
}
