//! Page texts that carry metadata: a reuse notice ("Any use of materials is allowed only if
//! there is a hyperlink to X") and a shown view count ("Views: 778").

use std::sync::LazyLock;

use regex::Regex;
use scraper::Html;

static REUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)((?:any|the)\s+(?:use|reproduction|copying|reprint)[^.\n]{0,120}?(?:allowed|permitted|prohibited|possible)[^.\n]{0,160}?(?:hyperlink|link|reference)(?:[^.\n]|\.\S){0,80})|((?:при\s+)?(?:использовани|перепечатк|цитировани)[^.\n]{0,120}?(?:ссылк|гиперссылк)(?:[^.\n]|\.\S){0,80})",
    )
    .expect("valid regex")
});

static VIEWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:views|просмотров|просмотры|дитумներ|baxış(?:lar)?)\s*:?\s*(\d[\d\s,.]*)\s*$",
    )
    .expect("valid regex")
});

/// The reuse notice and the shown view count, from the page's text nodes.
pub(super) fn scan(doc: &Html) -> (Option<String>, Option<u64>) {
    let (mut notice, mut views) = (None, None);
    for node in doc.tree.nodes() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let t: &str = t;
        if notice.is_none() && t.len() > 30 && t.len() < 600 {
            if let Some(m) = REUSE.find(t) {
                let s = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
                notice = Some(s.trim_end_matches([',', ';', ' ']).to_string() + ".");
            }
        }
        if views.is_none() && t.len() < 40 {
            if let Some(c) = VIEWS.captures(t) {
                let digits: String = c[1].chars().filter(char::is_ascii_digit).collect();
                views = digits.parse().ok();
            }
        }
    }
    (notice, views)
}

/// The outlet a reuse notice names ("… hyperlink to Caliber.az" → "Caliber.az").
pub(super) fn notice_outlet(notice: &str) -> Option<String> {
    static TO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:link|reference)\s+(?:to|on)\s+([\p{L}\d][\p{L}\d.\-]*[\p{L}\d])")
            .expect("valid regex")
    });
    TO.captures(notice).map(|c| c[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reuse_notice_and_views() {
        let doc = Html::parse_document(
            "<p>Any use of materials is allowed only if there is a hyperlink to Caliber.az</p>\
             <span>Views: 778</span>",
        );
        let (notice, views) = scan(&doc);
        let notice = notice.unwrap();
        assert!(notice.starts_with("Any use of materials"));
        assert_eq!(notice_outlet(&notice).as_deref(), Some("Caliber.az"));
        assert_eq!(views, Some(778));
    }
}
