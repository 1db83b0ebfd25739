//! Link and image targets: made absolute against the page address and limited to schemes that
//! cannot run code (`javascript:`, `vbscript:`, `data:` never pass).

use url::Url;

/// Schemes a Markdown link may keep.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "ftp", "tel"];

/// The absolute, safe form of `href`, or `None` when it is empty, a bare fragment or unsafe.
/// Without a base, relative targets are kept as they are.
pub(super) fn safe_url(href: &str, base: Option<&Url>) -> Option<String> {
    // Browsers ignore tabs and newlines inside URLs ("java\tscript:"), so the check must too.
    let cleaned: String = href
        .trim()
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace() || *c == ' ')
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned.starts_with('#') {
        return None;
    }
    let parsed = match base {
        Some(b) => b.join(cleaned).ok(),
        None => Url::parse(cleaned).ok(),
    };
    match parsed {
        Some(u) if SAFE_SCHEMES.contains(&u.scheme()) => Some(encode(u.as_str())),
        Some(_) => None,
        None if base.is_none() && !has_scheme(cleaned) => Some(encode(cleaned)),
        None => None,
    }
}

/// Whether a relative-looking reference really starts with a scheme (`foo:` before any `/?#`).
fn has_scheme(s: &str) -> bool {
    let end = s.find(['/', '?', '#']).unwrap_or(s.len());
    s[..end].contains(':')
}

/// Escapes what would end a Markdown link target early.
fn encode(s: &str) -> String {
    s.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_schemes_never_pass() {
        let base = Url::parse("https://news.test/a/b.html").unwrap();
        for bad in [
            "javascript:alert(1)",
            "JavaScript:x",
            " java\tscript:x",
            "vbscript:x",
            "data:text/html,x",
        ] {
            assert_eq!(safe_url(bad, Some(&base)), None, "{bad}");
            assert_eq!(safe_url(bad, None), None, "{bad}");
        }
    }

    #[test]
    fn relative_links_become_absolute() {
        let base = Url::parse("https://news.test/a/b.html").unwrap();
        assert_eq!(
            safe_url("../c (1).html", Some(&base)).unwrap(),
            "https://news.test/c%20%281%29.html"
        );
        assert_eq!(safe_url("/x", None).unwrap(), "/x");
        assert_eq!(safe_url("#top", Some(&base)), None);
    }
}
