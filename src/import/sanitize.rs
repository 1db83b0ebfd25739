//! The last pass before an article body is written. Whatever the extractor, a feed or a text
//! dump produced, no script, style, iframe, form, event handler or `javascript:` URL reaches the
//! Markdown file: the extractor is expected to drop them already, but the writer must not depend
//! on that, because the files are published as they are.
//!
//! Raw HTML left in the Markdown is rebuilt from an allowlist of tags and attributes; Markdown
//! link and image destinations and reference definitions with an executable scheme are replaced
//! by `#`. Script, style, frame and form elements go everywhere, code spans included: an
//! archive loses at most a quoted `<script>` in a programming article, never lets one run.
//! Other tag-like text the renderer shows as text (code, `Vec<String>`, an escaped
//! `\<repo url>`) is kept: only where the Markdown parser sees raw HTML is it markup, and a
//! harmless `<word>` there is no reason to lose words of the article.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag as MdTag};

/// Elements removed together with everything inside them.
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "form", "object", "embed", "applet",
    "noscript", "template", "textarea", "select", "button", "svg", "math", "head", "title",
];

/// Elements kept (with filtered attributes) when they appear as raw HTML.
const KEEP_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
];

/// Attributes kept on those elements; everything else (`on*`, `style`, `srcdoc`, …) goes.
const KEEP_ATTRS: &[&str] = &[
    "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "start", "lang", "dir",
    "cite", "datetime",
];

/// Attributes holding URLs, checked with [`is_unsafe_url`].
const URL_ATTRS: &[&str] = &["href", "src", "cite"];

/// Returns `markdown` with every executable or interactive construct removed.
pub fn sanitize(markdown: &str) -> String {
    let without_blocks = drop_elements(markdown);
    let tags_cleaned = clean_tags(&without_blocks);
    clean_link_targets(&tags_cleaned)
}

/// The byte ranges the Markdown parser reads as raw HTML (HTML blocks and inline tags), in
/// order and without overlaps: only there does a tag become markup when the article is
/// rendered.
fn raw_html_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let html = Parser::new_ext(markdown, crate::content::markdown::options())
        .into_offset_iter()
        .filter(|(event, _)| {
            matches!(
                event,
                Event::Start(MdTag::HtmlBlock) | Event::InlineHtml(_) | Event::Html(_)
            )
        });
    // Events come in document order; an HTML block's range holds its lines' ranges.
    for (_, range) in html {
        match ranges.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => ranges.push(range),
        }
    }
    ranges
}

/// Whether the byte at `at` lies in one of the ordered, disjoint ranges.
fn in_ranges(ranges: &[Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.start <= at);
    after > 0 && ranges[after - 1].contains(&at)
}

/// True when a URL would run code or embed a document when followed: `javascript:`,
/// `vbscript:`, `data:` and the like, however it is disguised with entities, escapes, case or
/// whitespace (browsers ignore tabs and newlines inside a scheme).
pub fn is_unsafe_url(url: &str) -> bool {
    let decoded = decode_entities(url);
    let compact: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\\')
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "vbscript:", "livescript:", "data:", "mocha:"]
        .iter()
        .any(|scheme| compact.starts_with(scheme))
}

/// Decodes numeric character references and the few named ones used to hide a colon or a
/// scheme; enough for the safety check, not a general decoder.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|i| i + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = match name.strip_prefix('#') {
            Some(num) => match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            }
            .and_then(char::from_u32),
            None => match name.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                _ => None,
            },
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
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

/// A tag found at some position: its lowercase name, whether it closes, and where it ends.
struct Tag {
    name: String,
    closing: bool,
    end: usize,
}

/// Parses the tag starting at `text[at]` (which is `<`); `None` when it is not a tag.
fn tag_at(text: &str, at: usize) -> Option<Tag> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if i == start || !bytes[start].is_ascii_alphabetic() {
        return None;
    }
    match bytes.get(i) {
        None => None,
        Some(b'>' | b'/') | Some(b' ' | b'\t' | b'\n' | b'\r') => {
            let end = tag_end(text, i)?;
            Some(Tag {
                name: text[start..i].to_ascii_lowercase(),
                closing,
                end,
            })
        }
        _ => None,
    }
}

/// The index just past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(text: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(from + i + 1),
            _ => {}
        }
    }
    None
}

/// Removes the elements of [`DROP_WITH_CONTENT`] with their content, and HTML comments (which
/// can hide conditional markup). An element that is never closed loses only its opening tag, so
/// a stray `<script>` cannot swallow the article.
fn drop_elements(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(found) = text[pos..].find('<') {
        let at = pos + found;
        out.push_str(&text[pos..at]);
        if text[at..].starts_with("<!--") {
            pos = text[at..].find("-->").map_or(text.len(), |e| at + e + 3);
            continue;
        }
        // Doctypes, CDATA sections and processing instructions are page syntax, never text.
        if text[at..].starts_with("<!") || text[at..].starts_with("<?") {
            if let Some(end) = text[at..].find('>') {
                pos = at + end + 1;
                continue;
            }
        }
        match tag_at(text, at) {
            Some(tag) if DROP_WITH_CONTENT.contains(&tag.name.as_str()) => {
                // A backslash that escaped the tag's `<` would be left alone on its line.
                let escapes = out.len() - out.trim_end_matches('\\').len();
                if escapes % 2 == 1 {
                    out.pop();
                }
                pos = if tag.closing {
                    tag.end
                } else {
                    closing_tag_end(text, tag.end, &tag.name).unwrap_or(tag.end)
                };
            }
            _ => {
                out.push('<');
                pos = at + 1;
            }
        }
    }
    out.push_str(&text[pos..]);
    out
}

/// Where the first `</name …>` after `from` ends.
fn closing_tag_end(text: &str, from: usize, name: &str) -> Option<usize> {
    let lower = text[from..].to_ascii_lowercase();
    let needle = format!("</{name}");
    let mut search = 0;
    while let Some(i) = lower[search..].find(&needle) {
        let at = from + search + i;
        if let Some(tag) = tag_at(text, at) {
            return Some(tag.end);
        }
        search += i + needle.len();
    }
    None
}

/// Rebuilds every remaining raw HTML tag from the allowlists; tags not on the list are removed
/// and their text kept. `<` that does not start a tag is left alone unless it starts an autolink
/// with an unsafe scheme, which is dropped.
fn clean_tags(text: &str) -> String {
    if !text.contains('<') {
        return text.to_string();
    }
    let html = raw_html_ranges(text);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(found) = text[pos..].find('<') {
        let at = pos + found;
        out.push_str(&text[pos..at]);
        let tag = tag_at(text, at)
            .filter(|tag| in_ranges(&html, at) || looks_hostile(&text[at..tag.end], tag));
        if let Some(tag) = tag {
            if KEEP_TAGS.contains(&tag.name.as_str()) {
                out.push_str(&rebuild_tag(&text[at..tag.end], &tag));
            }
            pos = tag.end;
        } else if let Some(len) = unsafe_autolink(&text[at..]) {
            pos = at + len;
        } else {
            out.push('<');
            pos = at + 1;
        }
    }
    out.push_str(&text[pos..]);
    out
}

/// Whether tag-like text carries an event handler or an executable URL: removed even where the
/// renderer would show it as text, so that no handler survives in the file at all.
fn looks_hostile(raw: &str, tag: &Tag) -> bool {
    let name_end = 1 + usize::from(tag.closing) + tag.name.len();
    let inner = raw[name_end..raw.len() - 1].trim_end_matches('/');
    attributes(inner)
        .iter()
        .any(|(name, value)| name.to_ascii_lowercase().starts_with("on") || is_unsafe_url(value))
}

/// The length of `<scheme:…>` when the scheme is unsafe.
fn unsafe_autolink(text: &str) -> Option<usize> {
    let end = text.find(['>', '\n'])?;
    (text.as_bytes()[end] == b'>' && is_unsafe_url(&text[1..end])).then_some(end + 1)
}

/// `<name attr="v" …>` with only the allowed, safe attributes.
fn rebuild_tag(raw: &str, tag: &Tag) -> String {
    if tag.closing {
        return format!("</{}>", tag.name);
    }
    let mut out = format!("<{}", tag.name);
    let inner = raw[1 + tag.name.len()..raw.len() - 1].trim_end_matches('/');
    for (name, value) in attributes(inner) {
        let name = name.to_ascii_lowercase();
        if !KEEP_ATTRS.contains(&name.as_str()) {
            continue;
        }
        if URL_ATTRS.contains(&name.as_str()) && is_unsafe_url(&value) {
            continue;
        }
        let value = value.replace('&', "&amp;").replace('"', "&quot;");
        out.push_str(&format!(" {name}=\"{value}\""));
    }
    out.push('>');
    out
}

/// The `name=value` pairs of a tag's inside (quoted, unquoted or bare).
fn attributes(inner: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..close], after.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v.to_string();
            rest = next;
        } else if name.is_empty() {
            // A lone `/` or other stray character: skip it.
            rest = rest.get(1..).unwrap_or("");
        }
        if !name.is_empty() {
            pairs.push((name.to_string(), value));
        }
        rest = rest.trim_start();
    }
    pairs
}

/// Replaces unsafe destinations of inline links and images (`[t](dest)`) and of reference
/// definitions (`[t]: dest`) with `#`.
fn clean_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(found) = text[pos..].find("](") {
        let open = pos + found + 2;
        out.push_str(&text[pos..open]);
        let close = destination_end(text, open);
        let inside = &text[open..close];
        let dest = inside
            .trim_start()
            .trim_start_matches('<')
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .unwrap_or("");
        if is_unsafe_url(dest) {
            out.push('#');
        } else {
            out.push_str(inside);
        }
        pos = close;
    }
    out.push_str(&text[pos..]);
    out.split_inclusive('\n')
        .map(clean_reference_definition)
        .collect()
}

/// The index of the `)` closing an inline link destination opened at `open` (balanced
/// parentheses, as CommonMark counts them), or the end of the line.
fn destination_end(text: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return open + i,
            ')' => depth -= 1,
            '\n' if text[open + i..].starts_with("\n\n") => return open + i,
            _ => {}
        }
    }
    text.len()
}

fn clean_reference_definition(line: &str) -> String {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() <= 3 && trimmed.starts_with('[') {
        if let Some(colon) = trimmed.find("]:") {
            let dest = trimmed[colon + 2..].split_whitespace().next().unwrap_or("");
            if is_unsafe_url(dest.trim_start_matches('<')) {
                let newline = if line.ends_with('\n') { "\n" } else { "" };
                return format!("{} #{newline}", &trimmed[..colon + 2]);
            }
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every construct the writer must never let through.
    fn assert_clean(md: &str) {
        let lower = md.to_ascii_lowercase();
        for bad in [
            "<script",
            "<style",
            "<iframe",
            "<form",
            "javascript:",
            "vbscript:",
            " onerror",
            " onclick",
            " onload",
            "<object",
            "<embed",
        ] {
            assert!(!lower.contains(bad), "{bad} in {md:?}");
        }
    }

    #[test]
    fn scripts_styles_iframes_forms_go_with_their_content() {
        let md = "Before\n\n<script>alert(1)</script>\n<STYLE type=x>p{}</STYLE>\n\
                  <iframe src=\"https://e.org\"></iframe><form action=/x><input name=a></form>\nAfter";
        let out = sanitize(md);
        assert_clean(&out);
        assert!(!out.contains("alert"), "{out}");
        assert!(out.contains("Before") && out.contains("After"));
    }

    #[test]
    fn an_escaped_script_goes_with_the_backslash_that_escaped_it() {
        let md =
            "Before\n\n\\<script>\n\n  alert(1);\n\n\\</script>\n\nAfter \\\\<style>p{}</style>";
        let out = sanitize(md);
        assert_eq!(out, "Before\n\n\n\nAfter \\\\");
    }

    #[test]
    fn unclosed_script_loses_only_its_tag() {
        let out = sanitize("Text <script src=x.js> more text");
        assert_eq!(out, "Text  more text");
    }

    #[test]
    fn handlers_and_unsafe_urls_in_kept_tags_go() {
        let out = sanitize(
            "<img src=\"a.png\" onerror=\"alert(1)\" alt='A'> <a href=\"JaVaScRiPt:alert(1)\" onclick=x>t</a>",
        );
        assert_clean(&out);
        assert!(out.contains("<img src=\"a.png\" alt=\"A\">"), "{out}");
        assert!(out.contains("<a>t</a>"), "{out}");
    }

    #[test]
    fn markdown_links_with_disguised_schemes_are_neutralised() {
        let md = "[a](javascript:alert(1)) [b](java\tscript:x) ![c](javascript&#58;x) \
                  [d](&#x6A;avascript:x) [ok](https://e.org/a_(b)) <javascript:alert(1)>\n\
                  [ref]: javascript:alert(1)\n";
        let out = sanitize(md);
        assert_clean(&out);
        assert!(out.contains("[a](#)"), "{out}");
        assert!(out.contains("[ok](https://e.org/a_(b))"), "{out}");
        assert!(out.contains("[ref]: #"), "{out}");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let md = "## Sub\n\nA < B and 3 > 2; <https://e.org/x> stays.\n\n> quote\n\n| a | b |\n|---|---|\n";
        assert_eq!(sanitize(md), md);
    }

    #[test]
    fn tag_like_text_the_renderer_shows_as_text_is_kept() {
        let md =
            "Run `git clone <repo url>` first.\n\n```\nlet v: Vec<String> = Vec::new();\n```\n\n\
                  The test a \\<b and c> d holds.\n";
        assert_eq!(sanitize(md), md);
        // Whatever the context, scripts and handlers still go.
        let md = "```\n<script>x()</script> <img src=a onerror=alert(1)>\n```\n`<b onclick=x>`";
        let out = sanitize(md);
        assert_clean(&out);
        assert!(!out.contains("x()"), "{out}");
    }

    #[test]
    fn unknown_tags_are_removed_but_their_text_kept() {
        assert_eq!(
            sanitize("<custom-box data-x=1>Hi <b class=c>there</b></custom-box>"),
            "Hi <b>there</b>"
        );
        assert_eq!(sanitize("a<!-- <script>x</script> -->b"), "ab");
        assert_eq!(sanitize("<!DOCTYPE html><?xml x?>c"), "c");
    }
}
