//! Small HTML text helpers shared by the stages: escaping, and finding or rewriting the URLs in
//! `href` and `src` attributes (to add a base path, to make feed links absolute, to check links).

use std::ops::Range;

/// Escapes the five HTML-special characters.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for XML, dropping the control characters XML 1.0 forbids (imported text
/// sometimes carries them, and one would make a whole feed unreadable).
pub fn escape_xml(text: &str) -> String {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        let clean: String = text
            .chars()
            .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect();
        return escape(&clean);
    }
    escape(text)
}

/// The byte ranges of every `href` and `src` attribute value in `html`, in order.
pub fn url_ranges(html: &str) -> Vec<Range<usize>> {
    let bytes = html.as_bytes();
    let mut ranges = Vec::new();
    for attr in [" href=", " src=", "\thref=", "\nhref=", "\tsrc=", "\nsrc="] {
        for (at, _) in html.match_indices(attr) {
            let start = at + attr.len();
            let Some(&quote) = bytes.get(start) else {
                continue;
            };
            if quote != b'"' && quote != b'\'' {
                continue;
            }
            if let Some(len) = html[start + 1..].find(quote as char) {
                ranges.push(start + 1..start + 1 + len);
            }
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// Rewrites every `href`/`src` value for which `rewrite` returns a new one.
pub fn rewrite_urls(html: &str, rewrite: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut done = 0;
    for range in url_ranges(html) {
        if let Some(new) = rewrite(&html[range.clone()]) {
            out.push_str(&html[done..range.start]);
            out.push_str(&new);
            done = range.end;
        }
    }
    out.push_str(&html[done..]);
    out
}

/// Whether a URL is root-relative (`/world/a/`), as opposed to absolute, protocol-relative
/// (`//host/x`), relative or a fragment.
pub fn is_root_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_both_quote_styles() {
        let html = r#"<a href="/a">x</a><img src='/b.png' alt="x"><p data-href="/no">"#;
        let urls: Vec<&str> = url_ranges(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(urls, ["/a", "/b.png"]);
    }

    #[test]
    fn rewrites_only_what_is_asked() {
        let html = r#"<a href="/a">x</a> <a href="https://e.org/">y</a>"#;
        let out = rewrite_urls(html, |u| is_root_relative(u).then(|| format!("/repo{u}")));
        assert_eq!(
            out,
            r#"<a href="/repo/a">x</a> <a href="https://e.org/">y</a>"#
        );
    }

    #[test]
    fn xml_escape_drops_forbidden_controls() {
        assert_eq!(escape_xml("a\u{1}b\tc & d"), "ab\tc &amp; d");
    }
}
