//! Text as Markdown writes it: characters that would be read as syntax escaped, code fenced,
//! paragraphs kept from opening like a heading or list item, and lines tidied. The HTML walk
//! (`markdown`) calls these for every piece of text it writes.

/// A fenced code block holding `code`, its fence longer than any run of backticks inside.
pub(crate) fn fenced(code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
    format!("{fence}\n{code}\n{fence}")
}

/// The length of the longest run of `ch` in `s`.
pub(super) fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Pushes `c`, escaped when Markdown would read it as syntax. An ampersand is syntax only when
/// an entity's name and semicolon follow it (`&amp;`, `&#38;`), and an underscore only at a
/// word's edge (one inside a word, `max_connections`, never starts emphasis): "Teachers &
/// Sellers" stays as written, for the people who edit the file.
pub(super) fn escape_into(out: &mut String, c: char, rest: &str) {
    let syntax = match c {
        '&' => opens_entity(rest),
        '_' => {
            let inside = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            !(inside(out.chars().next_back()) && inside(rest.chars().next()))
        }
        '\\' | '*' | '[' | ']' | '<' | '>' | '`' => true,
        _ => false,
    };
    if syntax {
        out.push('\\');
    }
    out.push(c);
}

/// Plain text as inline Markdown that reads back as the same text, for a place where no block
/// can start (a table cell): syntax characters escaped as [`escape_into`] does.
pub(crate) fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        escape_into(&mut out, c, &text[i + c.len_utf8()..]);
    }
    out
}

/// Plain text as Markdown that reads back as the same text: syntax characters escaped as
/// [`escape_into`] does, and a start that would open a heading, list or rule guarded.
pub(crate) fn escape_text(text: &str) -> String {
    guard_line_start(escape_inline(text))
}

/// Whether text after an ampersand would make it a character reference: a name or number of
/// up to 32 characters, then a semicolon.
pub(crate) fn opens_entity(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

/// Trims each line and drops empty lines left by `<br>` runs. A zero-width space or joiner at
/// a line's ends is trimmed too: page builders fill "empty" paragraphs with one (`<p>&zwj;</p>`),
/// which is no paragraph (a joiner between two emoji stays).
pub(super) fn tidy(s: &str) -> String {
    let lines: Vec<&str> = s
        .split("  \n")
        .map(crate::import::text::trim_unseen)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("  \n")
}

/// A paragraph must not start like a heading, list item or rule.
pub(super) fn guard_line_start(text: String) -> String {
    // ASCII digits are one byte each, so their count is also the delimiter's byte offset.
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && text[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    if text.starts_with(['#', '-', '+', '=', '|', '~']) {
        return format!("\\{text}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_outruns_the_backticks_inside_the_code() {
        assert_eq!(fenced("let x = 1;"), "```\nlet x = 1;\n```");
        assert_eq!(fenced("say ```hi```"), "````\nsay ```hi```\n````");
    }

    #[test]
    fn a_paragraph_never_opens_like_a_heading_list_or_rule() {
        assert_eq!(guard_line_start("# is a hash".into()), "\\# is a hash");
        assert_eq!(guard_line_start("1999. A year".into()), "1999\\. A year");
        assert_eq!(guard_line_start("- not a list".into()), "\\- not a list");
        assert_eq!(guard_line_start("Plain text".into()), "Plain text");
    }

    #[test]
    fn plain_text_is_escaped_to_read_back_the_same() {
        assert_eq!(
            escape_text("# not a heading *x*"),
            "\\# not a heading \\*x\\*"
        );
        assert_eq!(escape_text("1. Not a list"), "1\\. Not a list");
        assert_eq!(escape_text("> not a quote"), "\\> not a quote");
        // An entity's spelling stays text; a plain ampersand needs nothing, and neither does
        // an underscore inside a word.
        assert_eq!(escape_text("AT&T: &amp;"), "AT&T: \\&amp;");
        assert_eq!(
            escape_text("max_connections _x_"),
            "max_connections \\_x\\_"
        );
    }

    #[test]
    fn only_a_name_and_semicolon_make_an_ampersand_an_entity() {
        assert!(opens_entity("amp; more"));
        assert!(opens_entity("#38;"));
        assert!(!opens_entity(" Sellers"));
        assert!(!opens_entity("T"));
    }
}
