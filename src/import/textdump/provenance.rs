//! Who a copy comes from: the outlet's reuse notice ("Any use of materials is allowed only
//! if there is a hyperlink to X"), its copyright line, and an address of the article printed
//! on a line of its own. They name the source when the page's markup is gone.

use super::Line;
use crate::import::extract::named_host;

/// A reuse notice: "Any use of materials is allowed only if there is a hyperlink to X",
/// "При использовании материалов ссылка на X обязательна", "Перепечатка … со ссылкой на X",
/// and the same in Ukrainian, Armenian and Azerbaijani.
pub(super) fn is_notice(text: &str) -> bool {
    let lower = text.to_lowercase();
    let about_reuse = [
        "material",
        "материал",
        "матеріал",
        "նյութ",
        "перепечат",
        "reprint",
        // Not "reproduc": "Reproducibility: the script is at this link" is text.
        "reproduce",
        "reproduction",
        "republish",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let asks_link = ["link", "ссылк", "посилан", "հղում", "istinad", "keçid"]
        .iter()
        .any(|w| lower.contains(w));
    about_reuse && asks_link && text.split_whitespace().count() <= 40
}

/// The outlet a notice names: the words after the last "to"/"на", without trailing filler.
/// Languages that put the name before a case ending (`news.am-ին`, `Report.az-a`) give no
/// such word; there the address in the notice names the outlet.
pub(super) fn notice_name(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let Some(cut) = [" to ", " на "]
        .iter()
        .filter_map(|w| lower.rfind(w).map(|i| i + w.len()))
        .max()
    else {
        return named_host(text).map(str::to_string);
    };
    let tail = text.get(cut..)?;
    let name: Vec<&str> = tail
        .split_whitespace()
        .skip_while(|w| {
            ["сайт", "site", "website", "the", "портал"].contains(&w.to_lowercase().as_str())
        })
        .take_while(|w| !["обязательна", "обязательно", "is", "required"].contains(w))
        .take(4)
        .collect();
    let name = name.join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
    (!name.is_empty()).then(|| name.trim_matches(['«', '»', '"']).to_string())
}

/// Whether a line is the site's copyright line (`© 2025 Outlet`, `… All rights reserved`).
pub(super) fn is_copyright(text: &str) -> bool {
    let lower = text.to_lowercase();
    // A long line can be a copyright line too when it opens like one.
    let opens = lower.starts_with('©') || lower.starts_with("copyright ©");
    opens
        || (text.split_whitespace().count() <= 12
            && (text.contains('©')
                || lower.contains("(c)")
                || lower.contains("all rights reserved")
                || lower.contains("все права защищены")
                || lower.contains("права захищені")
                || lower.contains("права захищено")
                || lower.contains("hüquqlar qorunur")
                || lower.contains("իրավունքները պաշտպանված")))
}

/// `© 2025 Outlet` → `Outlet`; `Caliber.az © 2025.` → `Caliber.az`. The name after the sign
/// comes first; it ends at a separator (`© 2026 Kiersten Hickman · Theme by …`), a year or
/// "All rights reserved".
pub(super) fn copyright_name(text: &str) -> Option<String> {
    if !is_copyright(text) {
        return None;
    }
    let cleaned = text.replace("(c)", "©").replace("(C)", "©");
    // Without the sign ("2025 Outlet Inc. All rights reserved.") the whole line is read.
    let (before, after) = cleaned.split_once('©').unwrap_or(("", &cleaned));
    let after = after.split('©').next().unwrap_or(after);
    let named = |part| Some(name_in_copyright(part)).filter(|n| !n.is_empty());
    named(after).or_else(|| named(before))
}

/// The first run of words in part of a copyright line, past years and separators.
fn name_in_copyright(part: &str) -> String {
    let has_letters = |w: &&str| w.chars().any(char::is_alphabetic);
    let name = part
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("copyright"))
        .skip_while(|w| !has_letters(w))
        .take_while(|w| has_letters(w) && !w.to_lowercase().starts_with("all"))
        .collect::<Vec<_>>()
        .join(" ");
    name.trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// An http(s) address in the dump that looks like the article's own: on a line of its own or
/// after "Source:"/"Источник:", preferring one whose host names the outlet. Addresses inside
/// sentences are links the text cites, not the article's.
pub(super) fn source_link(lines: &[Line], site: Option<&str>) -> Option<String> {
    const LABELS: &[&str] = &[
        "source:",
        "источник:",
        "original:",
        "originally published at",
    ];
    let urls: Vec<url::Url> = lines
        .iter()
        .filter_map(|l| {
            let lower = l.text.to_lowercase();
            let rest = match LABELS.iter().find(|p| lower.starts_with(*p)) {
                Some(label) if l.words <= 8 => l.text[label.len()..].trim(),
                Some(_) => return None,
                None => l.text.as_str(),
            };
            url::Url::parse(rest.trim_end_matches(['.', ',', ')'])).ok()
        })
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.path().len() > 1)
        .collect();
    let site = site.map(|s| s.to_lowercase());
    let matching = urls.iter().find(|u| {
        site.as_deref()
            .zip(u.host_str())
            .is_some_and(|(s, h)| h.to_lowercase().contains(s))
    });
    matching.or(urls.first()).map(|u| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn notices_in_english_and_russian_name_the_outlet() {
        let cases = [
            (
                "Any use of materials is allowed only if there is a hyperlink to Caliber.az",
                "Caliber.az",
            ),
            (
                "Перепечатка материалов разрешена только с активной ссылкой на «РИА Новости»",
                "РИА Новости",
            ),
            (
                "Использование материалов разрешено только со ссылкой на сайт news.am",
                "news.am",
            ),
        ];
        for (text, name) in cases {
            assert!(is_notice(text), "{text}");
            assert_eq!(notice_name(text).as_deref(), Some(name), "{text}");
        }
        for (text, name) in [
            (
                "Використання матеріалів дозволяється лише з посиланням на Укрінформ",
                "Укрінформ",
            ),
            (
                "Նյութերն օգտագործելիս հղումը news.am-ին պարտադիր է",
                "news.am",
            ),
            (
                "Materiallardan istifadə edərkən Report.az-a istinad mütləqdir",
                "Report.az",
            ),
        ] {
            assert!(is_notice(text), "{text}");
            assert_eq!(notice_name(text).as_deref(), Some(name), "{text}");
        }
        assert!(!is_notice(
            "The council voted on new materials for schools."
        ));
        assert!(!is_notice(
            "Reproducibility: The offline benchmark script is available at this link."
        ));
        assert!(is_notice(
            "Reproduction is permitted with a link to the original article."
        ));
    }

    #[test]
    fn copyright_lines_name_the_outlet() {
        assert_eq!(
            copyright_name("Caliber.az © 2025. .").as_deref(),
            Some("Caliber.az")
        );
        for (line, name) in [
            ("© 2025 Daily Planet. All rights reserved", "Daily Planet"),
            (
                "Copyright © 2026 Kiersten Hickman · Theme by 17th Avenue",
                "Kiersten Hickman",
            ),
            (
                "Copyright © 2026 · RunToTheFinish · All Rights Reserved",
                "RunToTheFinish",
            ),
            (
                "Binariks Inc. © 2014-2025. All Rights Reserved.",
                "Binariks Inc",
            ),
            ("All Rights Reserved © iDenfyTM 2026", "iDenfyTM"),
            ("Mattressnap Copyright ©", "Mattressnap"),
            (
                "2025 SiliconANGLE Media Inc. All rights reserved.",
                "SiliconANGLE Media Inc",
            ),
            (
                "Azure Farm Copyright 2019 all rights reserved.",
                "Azure Farm",
            ),
        ] {
            assert_eq!(copyright_name(line).as_deref(), Some(name), "{line}");
        }
    }

    #[test]
    fn the_source_address_is_one_on_its_own_line_not_one_cited_in_the_text() {
        let story = "The ontology is available at the identifier https://w3id.org/pko for all.\n\
            Organizations can adopt it without asking the authors for permission.\n";
        let dump = format!("Menu\nProcess knowledge, part four\n{story}");
        assert_eq!(parse(&dump, None).canonical_url, None);
        for line in [
            "https://news.test/2025/pko-part-four",
            "Source: https://news.test/2025/pko-part-four",
        ] {
            let dump = format!("Menu\nProcess knowledge, part four\n{story}{line}\n");
            assert_eq!(
                parse(&dump, None).canonical_url.as_deref(),
                Some("https://news.test/2025/pko-part-four"),
                "{line}"
            );
        }
    }
}
