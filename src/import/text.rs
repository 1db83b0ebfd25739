//! Plain text from small pieces of HTML (feed titles and summaries, teaser bodies): tags
//! dropped, block elements turned into paragraph breaks, entities decoded. Whole pages go
//! through the extractor instead. Also the test for characters that take no room on a page.

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "figure",
    "figcaption",
    "pre",
    "hr",
];

/// Elements whose content is never text.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "iframe", "svg"];

/// The text of an HTML fragment: paragraphs separated by blank lines, spaces collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(at) = rest.find('<') {
        if skipping.is_none() {
            current.push_str(&rest[..at]);
        }
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = rest[at + 1..end.saturating_sub(1).max(at + 1)].trim();
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match &skipping {
            Some(open) if closing && *open == name => skipping = None,
            Some(_) => {}
            None if !closing && SKIPPED.contains(&name.as_str()) => skipping = Some(name),
            None if BLOCKS.contains(&name.as_str()) => flush(&mut current, &mut paragraphs),
            None => {}
        }
        rest = &rest[end..];
    }
    if skipping.is_none() {
        current.push_str(rest);
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let text = decode_entities(current);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        paragraphs.push(text);
    }
    current.clear();
}

/// Decodes numeric references and the named entities news text uses.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let semi = rest[..rest.len().min(12)].find(';');
        let decoded = semi.and_then(|semi| entity(&rest[1..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        _ => return None,
    })
}

/// A line without the whitespace and the characters that take no room on the page at its
/// ends: zero-width space, joiner and non-joiner, word joiner, byte-order mark. Page builders
/// fill "empty" paragraphs with one; inside a line a joiner can bind two emoji, so only the
/// ends are trimmed.
pub(crate) fn trim_unseen(line: &str) -> &str {
    line.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_scripts_vanish() {
        let html = "<p>One&nbsp;two &amp; <b>three</b></p><script>alert('x<p>')</script><div>Four<br>Five</div>";
        assert_eq!(html_to_text(html), "One two & three\n\nFour\n\nFive");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&#1055;&#x440;&laquo;x&raquo; &bogus; &"),
            "Пр«x» &bogus; &"
        );
    }
}
