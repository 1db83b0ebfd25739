//! Page texts that carry metadata: a reuse notice ("Any use of materials is allowed only if
//! there is a hyperlink to X") and a shown view count ("Views: 778").

use std::sync::LazyLock;

use regex::Regex;
use scraper::Html;

static REUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)((?:any|the)\s+(?:use|reproduction|copying|reprint)[^.\n]{0,120}?(?:allowed|permitted|prohibited|possible)[^.\n]{0,160}?(?:hyperlink|link|reference)(?:[^.\n]|\.\S){0,80})|((?:при\s+)?(?:использовани|перепечатк|цитировани|використанн|передрук)[^.\n]{0,120}?(?:ссылк|гиперссылк|посилан)(?:[^.\n]|\.\S){0,80})|(նյութ[^\n։]{0,120}?հղում(?:[^.\n։]|\.\S){0,80})|(materiallar(?:[^.\n]|\.\S){0,120}?(?:istinad|keçid|hiperlink)(?:[^.\n]|\.\S){0,80})",
    )
    .expect("valid regex")
});

/// Labels of a view counter, lower-case; a longer label before any it starts with
/// (`baxış sayı` before `baxış`), so that the whole label is taken. Both readers use them.
pub(crate) const VIEW_LABELS: &[&str] = &[
    "view count",
    "views",
    "просмотров",
    "просмотры",
    "просмотр",
    "переглядів",
    "перегляди",
    "դիտումներ",
    "baxış sayı",
    "baxışlar",
    "baxış",
];

/// A text node that is a labelled view count alone (`Views: 778`, `Просмотров: 1 024`).
static VIEWS: LazyLock<Regex> = LazyLock::new(|| {
    let labels: Vec<String> = VIEW_LABELS.iter().map(|l| regex::escape(l)).collect();
    Regex::new(&format!(
        r"(?i)^\s*(?:{})\s*:?\s*(\d[\d\s,.]*)\s*$",
        labels.join("|")
    ))
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

/// The outlet a reuse notice names: the word after "link to" or "ссылка на" ("… hyperlink to
/// Caliber.az" → "Caliber.az"), else the address written in it, before any case ending
/// (`news.am-ին` → `news.am`).
pub(super) fn notice_outlet(notice: &str) -> Option<String> {
    static TO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:(?:link|reference)\s+(?:to|on)|(?:ссылк|посилан)\w*\s+на(?:\s+сайт)?)\s+«?([\p{L}\d][\p{L}\d.\-]*[\p{L}\d])",
        )
        .expect("valid regex")
    });
    TO.captures(notice)
        .map(|c| c[1].to_string())
        .or_else(|| named_host(notice).map(str::to_string))
}

/// The first host name written in running text (`news.am`, `Report.az`), without a case
/// ending that a language put after it (`news.am-ին` → `news.am`).
pub(crate) fn named_host(text: &str) -> Option<&str> {
    static HOST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[\p{L}\d][\p{L}\d-]*(?:\.[A-Za-z]{2,})+").expect("valid regex")
    });
    HOST.find(text).map(|m| m.as_str())
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

    #[test]
    fn notices_in_the_region_s_languages_name_the_outlet() {
        for (page, outlet) in [
            (
                "<p>При использовании материалов ссылка на сайт news.am обязательна.</p>",
                "news.am",
            ),
            (
                "<p>Використання матеріалів дозволяється лише з посиланням на Укрінформ.</p>",
                "Укрінформ",
            ),
            (
                "<p>Նյութերն օգտագործելիս հղումը news.am-ին պարտադիր է։</p><b>դիտումներ: 12</b>",
                "news.am",
            ),
            (
                "<p>Materiallardan istifadə edərkən Report.az-a istinad mütləqdir.</p>",
                "Report.az",
            ),
        ] {
            let (notice, _) = scan(&Html::parse_document(page));
            let notice = notice.unwrap_or_else(|| panic!("no notice in {page}"));
            assert_eq!(notice_outlet(&notice).as_deref(), Some(outlet), "{page}");
        }
        let armenian =
            "<p>Նյութերն օգտագործելիս հղումը news.am-ին պարտադիր է։</p><b>դիտումներ: 12</b>";
        assert_eq!(scan(&Html::parse_document(armenian)).1, Some(12));
        let azerbaijani = "<span>Baxış sayı: 45</span>";
        assert_eq!(scan(&Html::parse_document(azerbaijani)).1, Some(45));
    }
}
