//! Lines that belong to a block of an article other than its paragraphs: code listings (by
//! their shape, their indent or the copy button over them), tables of contents and the rows of
//! a spec sheet. Such lines are short, like the menus around an article, yet sit inside it.
//! A listing is written as one fenced block with its own layout.

use std::sync::LazyLock;

use regex::Regex;

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
    let common = lines
        .iter()
        .map(|l| l.lead.chars().count())
        .min()
        .unwrap_or(0);
    let mut code = String::new();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            code.push('\n');
            if line.blank_before {
                code.push('\n');
            }
        }
        code.extend(line.lead.chars().skip(common));
        code.push_str(&line.text);
    }
    extract::fenced(&code)
}

/// Whether a line is a horizontal rule drawn in text (`━━━━`, `-----`, `═══`).
pub(super) fn is_rule(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() >= 3 && text.chars().all(|c| "─━═-_*=~".contains(c))
}

/// Which of the lines at `kept` belong to a code listing. A listing is two or more code lines
/// in a row that [read as code](reads_as_code), grown over the plain lines set tight against
/// it: a browser copies a `<pre>` block without blank lines between its lines, and `SELECT
/// name` or `ollama.create(` has no shape of its own. A long line in a listing reads as prose
/// by its length; it stays in when shaped like code.
pub(super) fn listing_marks(lines: &[Line], kept: &[usize]) -> Vec<bool> {
    let code = |j: usize| lines[j].code && (!lines[j].prose || lines[j].shaped_like_code);
    let mut marks = vec![false; kept.len()];
    let mut at = 0;
    while at < kept.len() {
        let run = kept[at..].iter().take_while(|&&j| code(j)).count();
        if run < 2 || !reads_as_code(lines, &kept[at..at + run]) {
            at += run.max(1);
            continue;
        }
        let (mut start, mut end) = (at, at + run);
        let joins = |j: usize| !lines[j].prose && !introduces(&lines[j].text);
        while start > 0 && !lines[kept[start]].blank_before && joins(kept[start - 1]) {
            start -= 1;
        }
        while end < kept.len() && !lines[kept[end]].blank_before && joins(kept[end]) {
            end += 1;
        }
        marks[start..end].fill(true);
        at = end;
    }
    marks
}

/// Whether a run of code lines reads as code: one of them [proves it](is_code_evidence) (a
/// comment, a statement, a diagram), or half of them hold code's brackets, operators or calls.
/// Indentation alone is not enough: a text browser lays out a page's columns side by side with
/// indents too.
fn reads_as_code(lines: &[Line], run: &[usize]) -> bool {
    let operators = ['=', '{', '}', '[', ']', '<', '>'];
    let with_operators = run
        .iter()
        .filter(|&&j| lines[j].text.contains(operators) || CALL.is_match(&lines[j].text))
        .count();
    run.iter().any(|&j| is_code_evidence(&lines[j].text)) || with_operators * 2 >= run.len()
}

/// A name called with arguments: `print(`, `orders(user_id)`. "Paris (1982)" is no call.
static CALL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w\(").expect("valid regex"));

/// Whether a line introduces what follows in words ("Each item looks like:"), as the text
/// around a listing does; `else:` or `def run(self):` are code.
fn introduces(text: &str) -> bool {
    text.ends_with(':')
        && text.split_whitespace().count() >= 3
        && !text.contains(['=', '(', '{', '['])
}

/// Whether a line's shape proves code. A drawn rule does not (w3m draws every `<hr>`), nor does
/// a `;` that ends an item of a list in prose ("Paris (1982);"): a statement is short, assigns
/// or calls (`return res;`, `i = 0;`, `orders(user_id);`).
fn is_code_evidence(text: &str) -> bool {
    if text.ends_with(';') {
        return text.split_whitespace().count() <= 3 || text.contains('=') || CALL.is_match(text);
    }
    looks_like_code(text) && !is_rule(text)
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
    use super::super::body::body_markdown;
    use super::super::tests::STORY;
    use super::*;

    #[test]
    fn a_code_listing_becomes_one_fenced_block_with_its_indentation() {
        // A browser copies a `<pre>` block line by line, blank lines and indent included; the
        // unshaped `SELECT` and `FROM` lines sit tight against the shaped ones.
        let listing = "Copy\n-- orders per user\nSELECT name,\n    COUNT(id) AS orders\n\
                       FROM users\n\n# _not_ a heading\nGROUP BY name;\n";
        let dump = format!("{STORY}\n{listing}\n{STORY}");
        let body = body_markdown(&Line::read_all(&dump));
        let block = "```\n-- orders per user\nSELECT name,\n    COUNT(id) AS orders\n\
                     FROM users\n\n# _not_ a heading\nGROUP BY name;\n```";
        assert!(body.contains(block), "{body}");
        assert!(!body.contains("Copy"), "the copy button is no text: {body}");
        // The prose around the listing stays paragraphs.
        assert!(body.starts_with("The union said") && body.contains("```\n\nThe union said"));
    }

    #[test]
    fn menus_lists_in_prose_and_indented_columns_are_no_listing() {
        let lone_statement = "Call it with run();\n";
        let list_in_prose = "Shown at the Centre Pompidou, Paris (1982);\n\
                             San Francisco Museum of Modern Art (1990);\n";
        // A text browser's side-by-side columns under a drawn rule.
        let columns = "━━━━━━━━━━━━━━━━━━━━\n  Add to My     • California\n  \
                       Yahoo!          It is very hard to generalize\n";
        for aside in [
            "Home\nNews\nSport\n",
            lone_statement,
            list_in_prose,
            columns,
        ] {
            let dump = format!("{STORY}{aside}{STORY}");
            let body = body_markdown(&Line::read_all(&dump));
            assert!(!body.contains("```"), "{body}");
        }
    }

    #[test]
    fn the_words_that_introduce_a_listing_stay_out_of_it() {
        let dump =
            format!("{STORY}\nEach item looks like:\n{{\n  \"name\": \"Ann\"\n}}\n\n{STORY}");
        let body = body_markdown(&Line::read_all(&dump));
        assert!(
            body.contains("Each item looks like:\n\n```\n{\n  \"name\": \"Ann\"\n}\n```"),
            "{body}"
        );
    }

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
