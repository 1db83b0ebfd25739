//! Who wrote the article: people named in JSON-LD or author meta tags, then visible bylines and
//! links to author pages. Every candidate is cleaned of labels, roles and dates and must read
//! as a name; an organisation (the outlet itself) counts only when no person is named.

use serde_json::Value;

use super::meta::{decode_entities, norm, value_text};
use super::signals::Signals;

/// Author names: people named in JSON-LD or author meta tags, then visible bylines and links
/// to author pages; an organisation (the outlet itself) only when no person is named.
pub(super) fn authors(s: &Signals, ld: Option<&Value>, site: Option<&str>) -> Vec<String> {
    let site_n = site.map(norm).unwrap_or_default();
    let is_org = |name: &str| !site_n.is_empty() && (norm(name) == site_n);
    let mut fallback: Vec<String> = Vec::new();
    if let Some(a) = ld.and_then(|v| v.get("author")) {
        let org = ld_is_org(a);
        let names: Vec<String> = ld_people(a).into_iter().filter(|n| !is_org(n)).collect();
        if !names.is_empty() && !org {
            return names;
        }
        fallback = ld_people(a);
    }
    let metas = [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "byl",
        "dcterms.creator",
    ];
    let from_meta = metas
        .iter()
        .flat_map(|k| s.metas_of(k))
        .map(|m| clean_byline(m))
        .find(|m| !m.is_empty());
    if let Some(m) = from_meta.as_ref().filter(|m| !is_org(m)) {
        return vec![m.clone()];
    }
    let visible = s
        .labelled
        .iter()
        .chain(s.author_links.iter())
        .chain(s.bylines.iter())
        .map(|b| clean_byline(b))
        .find(|b| !b.is_empty() && !is_org(b));
    if let Some(v) = visible {
        return vec![v];
    }
    if fallback.is_empty() {
        fallback.extend(from_meta);
    }
    fallback
}

/// Whether a JSON-LD author is an organisation rather than a person.
fn ld_is_org(v: &Value) -> bool {
    let first = match v {
        Value::Array(a) => a.first(),
        other => Some(other),
    };
    first
        .and_then(|f| f.get("@type"))
        .and_then(Value::as_str)
        .is_some_and(|t| t == "Organization" || t == "NewsMediaOrganization")
}

fn ld_people(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    for item in items {
        let name = match item {
            Value::String(s) => Some(s.clone()),
            Value::Object(m) => m.get("name").and_then(value_text),
            _ => None,
        };
        if let Some(n) = name.map(|n| clean_byline(&n)).filter(|n| !n.is_empty()) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// Strips "By", "Written by", roles after a separator, dates and URLs from a byline.
pub(super) fn clean_byline(raw: &str) -> String {
    let mut t = decode_entities(raw.trim())
        .trim_start_matches([',', ';', ' ', '|'])
        .to_string();
    if t.contains("://") || t.starts_with('@') || t.contains('@') && !t.contains(' ') {
        return String::new();
    }
    t = strip_by_prefix(t);
    for cut in [
        " | ",
        " - ",
        " – ",
        " — ",
        "•",
        "·",
        "\n",
        " Updated",
        " Published",
        " on ",
        " Posted",
        " Last ",
        " Reviewed",
        " Fact checked",
        " Medically",
    ] {
        if let Some(i) = t.find(cut) {
            if i > 0 {
                t.truncate(i);
            }
        }
    }
    let t = t.trim().trim_end_matches([',', ';']).trim().to_string();
    let words = t.split_whitespace().count();
    if words == 0 || words > 12 || super::dates::parse(&t).is_some() || !plausible_name(&t) {
        return String::new();
    }
    t
}

/// Removes a leading "By", "Written by", "Author:" and the like.
fn strip_by_prefix(t: String) -> String {
    #[rustfmt::skip]
    const PREFIXES: &[&str] = &[
        "written by", "posted by", "reviewed by", "by:", "by", "author:", "authors:",
        "authored by", "author", "words by", "story by", "от", "автор:", "автор",
    ];
    for prefix in PREFIXES {
        let head = t
            .get(..prefix.len())
            .filter(|h| h.eq_ignore_ascii_case(prefix) || h.to_lowercase() == *prefix);
        if head.is_some() && t.len() > prefix.len() {
            let rest = &t[prefix.len()..];
            if rest.starts_with([' ', ':']) || prefix.ends_with(':') {
                return rest.trim_start_matches([' ', ':']).to_string();
            }
        }
    }
    t
}

/// Rejects byline leftovers that are not names: labels, CSS, handles.
fn plausible_name(t: &str) -> bool {
    const LABELS: &[&str] = &[
        "by",
        "author",
        "the author",
        "authors",
        "admin",
        "editor",
        "staff",
        "posted by",
        "written by",
        "about the author",
        "unknown",
        // Template placeholders left unfilled by the page's scripts.
        "undefined",
        "null",
        "none",
        "guest",
        "share",
        "follow",
    ];
    let lower = t.to_lowercase();
    let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if LABELS.contains(&lower) || t.contains('{') || t.contains("://") {
        return false;
    }
    t.chars().next().is_some_and(|c| c.is_alphabetic()) && t.chars().any(char::is_alphabetic)
}

/// Joins names as a reader would write them: "A", "A and B", "A, B, and C".
pub(super) fn join_names(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [a] => Some(a.clone()),
        [a, b] => Some(format!("{a} and {b}")),
        [init @ .., last] => Some(format!("{}, and {last}", init.join(", "))),
    }
}
