//! Small HTML text helpers shared by the stages: escaping, and finding or rewriting the URLs in
//! `href` and `src` attributes (to add a base path, to make feed links absolute, to check links).

use std::ops::Range;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters left as they are in a URL component (RFC 3986 unreserved).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes text for use as one URL component (a query value).
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// Escapes the five HTML-special characters. Runs of plain text are copied whole, since this is
/// called for every value every template prints.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut plain_from = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The special characters are ASCII, so `i` is always a char boundary.
        out.push_str(&text[plain_from..i]);
        out.push_str(entity);
        plain_from = i + 1;
    }
    out.push_str(&text[plain_from..]);
    out
}

/// Escapes text for XML, dropping the control characters XML 1.0 forbids (imported text
/// sometimes carries them, and one would make a whole feed unreadable).
pub fn escape_xml(text: &str) -> String {
    let bytes = text.as_bytes();
    // C0 controls but tab, newline and return; DEL; C1 controls (U+0080..U+009F, 0xC2 0x80..0x9F).
    let forbidden = bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    });
    if forbidden {
        let clean: String = text
            .chars()
            .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect();
        return escape(&clean);
    }
    escape(text)
}

/// The byte ranges of every `href` and `src` attribute value in `html`, in order. One pass over
/// the `=` signs: this runs on every page the build writes.
pub fn url_ranges(html: &str) -> Vec<Range<usize>> {
    let bytes = html.as_bytes();
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'=') {
        let eq = at + offset;
        at = eq + 1;
        let name_len = if bytes[..eq].ends_with(b"href") {
            4
        } else if bytes[..eq].ends_with(b"src") {
            3
        } else {
            continue;
        };
        // The attribute name must stand alone (` href=`, not `data-href=`).
        if !bytes
            .get(eq.wrapping_sub(name_len + 1))
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            continue;
        }
        let quote = match bytes.get(eq + 1) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => continue,
        };
        if let Some(len) = bytes[eq + 2..].iter().position(|&b| b == quote) {
            ranges.push(eq + 2..eq + 2 + len);
            at = eq + 2 + len + 1;
        }
    }
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

/// The values of the `src` attributes in `html` (pictures, embeds), in order.
pub fn src_values(html: &str) -> impl Iterator<Item = &str> {
    url_ranges(html)
        .into_iter()
        .filter(|r| html[..r.start].ends_with("src=\"") || html[..r.start].ends_with("src='"))
        .map(|r| &html[r])
}

/// Whether two image addresses show the same picture: the same file, or one file in another
/// size (`dns-sign_FT.webp` and `dns-sign_FT-555x202.webp?v=3`, Shopify's `_600x600_crop_center`,
/// WordPress's `-scaled`, `@2x`). A page's lead image is often its first picture in a smaller
/// rendition, and a page that shows both shows the same picture twice.
pub fn same_picture(a: &str, b: &str) -> bool {
    let path = |u: &str| {
        u.split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .to_ascii_lowercase()
    };
    let (pa, pb) = (path(a), path(b));
    if pa.is_empty() || pb.is_empty() {
        return false;
    }
    if pa == pb {
        return true;
    }
    let (sa, sb) = (picture_stem(&pa), picture_stem(&pb));
    // Short names ("1", "image") name different pictures in different folders.
    sa == sb && sa.len() >= 8
}

/// A picture file's name without its extension and its size marks.
fn picture_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut stem = name.rsplit_once('.').map_or(name, |(s, _)| s).to_string();
    loop {
        let before = stem.len();
        for mark in ["-scaled", "@2x", "@3x", "_crop_center", "_crop_top"] {
            if let Some(s) = stem.strip_suffix(mark) {
                stem = s.to_string();
            }
        }
        // `-555x202`, `_600x600`, `_600x`, `-1024w`: a size.
        if let Some(at) = stem.rfind(['-', '_']) {
            let tail = &stem[at + 1..];
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let size = match tail.split_once('x') {
                Some((w, h)) => digits(w) && (h.is_empty() || digits(h)),
                None => tail.strip_suffix('w').is_some_and(digits),
            };
            if size && at > 0 {
                stem.truncate(at);
            }
        }
        if stem.len() == before {
            return stem;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_in_another_size_is_the_same_picture() {
        let lead = "https://blog.example/wp-content/uploads/2025/12/always-dns-sign_FT.webp";
        for other in [
            lead,
            "https://blog.example/wp-content/uploads/2025/12/always-dns-sign_FT-555x202.webp?v=3",
            "https://cdn.example/always-dns-sign_FT-scaled.webp",
            "//blog.example/wp-content/uploads/2025/12/always-dns-sign_FT@2x.webp",
        ] {
            assert!(same_picture(lead, other), "{other}");
        }
        assert!(same_picture(
            "https://shop.example/cdn/shop/articles/best-cheap-earbuds.jpg?v=1",
            "https://shop.example/cdn/shop/articles/best-cheap-earbuds_600x600_crop_center.jpg"
        ));
        assert!(same_picture(
            "/images/world/a/1.jpg",
            "/images/world/a/1.jpg"
        ));
        for other in [
            "https://blog.example/uploads/always-dns-sign.webp",
            "https://blog.example/uploads/2025/12/dns-outage-map.webp",
            "",
        ] {
            assert!(!same_picture(lead, other), "{other}");
        }
        // Short names are told apart by their folder only.
        assert!(!same_picture(
            "/images/world/a/1.jpg",
            "/images/world/b/1.jpg"
        ));
    }

    #[test]
    fn finds_both_quote_styles() {
        let html = r#"<a href="/a">x</a><img src='/b.png' alt="x"><p data-href="/no">"#;
        let urls: Vec<&str> = url_ranges(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(urls, ["/a", "/b.png"]);
    }

    #[test]
    fn escape_keeps_plain_runs_and_unicode() {
        assert_eq!(
            escape("Мир & <b>'x'</b>"),
            "Мир &amp; &lt;b&gt;&#39;x&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn attributes_at_edges_and_unquoted_are_handled() {
        assert!(
            url_ranges("href=\"/a\"").is_empty(),
            "no space before the name"
        );
        assert!(
            url_ranges("<a href=/a>").is_empty(),
            "unquoted values are skipped"
        );
        let html = "<a\nhref=\"/x\" src=\"\">";
        let urls: Vec<&str> = url_ranges(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(urls, ["/x", ""]);
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
        assert_eq!(escape_xml("x\u{85}y\u{7f}z Ж"), "xyz Ж");
    }
}
