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
pub(crate) fn clean_byline(raw: &str) -> String {
    let mut t = decode_entities(raw.trim())
        .trim_start_matches([',', ';', ' ', '|'])
        .to_string();
    if t.contains("://") || t.starts_with('@') || t.contains('@') && !t.contains(' ') {
        return String::new();
    }
    t = name_line(&t);
    for cut in [
        " | ",
        " - ",
        " – ",
        " — ",
        "•",
        "·",
        "\n",
        " Last ",
        " Updated",
        " Published",
        " on ",
        " Posted",
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
    let mut t = t
        .trim()
        .trim_end_matches([',', ';', '*', '→', '›', '»', ' '])
        .to_string();
    // "Julie Weisenhorn and Natalie Hoidal, Extension horticulture educators": the names end
    // where a description that is not one begins.
    if !reads_as_name(&t) && t.starts_with(char::is_uppercase) {
        if let Some(at) = t.find(',') {
            t.truncate(at);
        }
    }
    let words = t.split_whitespace().count();
    let has_year = t
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    if words == 0 || words > 12 || has_year || super::dates::parse(&t).is_some() {
        return String::new();
    }
    if !plausible_name(&t) {
        return String::new();
    }
    t
}

/// The line of a byline box that holds the name: its lines (the name, the job title, the date
/// each in a block of their own) are read in order, skipping labels and dates; a label inside
/// a line ("Jul 11 Written By Paige Brunton") starts the name. Whether the line found reads as
/// a name is for the caller to check.
fn name_line(t: &str) -> String {
    for line in t.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = line.to_lowercase();
        let line = match ["written by ", "posted by ", "words by "]
            .iter()
            .find_map(|l| lower.find(l).filter(|&i| i > 0).map(|i| i + l.len()))
        {
            Some(at) => line[at..].to_string(),
            None => line,
        };
        let name = strip_by_prefix(line.trim_end_matches([':', ' ']).to_string());
        if name.is_empty() || is_label(&name) || is_date_line(&name) {
            continue;
        }
        return name;
    }
    String::new()
}

/// Whether a byline line is a date: a full one, or a month and day ("Mar 6"). A longer line
/// that holds a date ("Justin Meserole, on December 9, 2024") is a name with a date after it.
fn is_date_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() <= 4 && super::dates::parse(t).is_some() {
        return true;
    }
    super::datetext::is_month_and_day(t)
}

/// Labels that open a byline, lower-cased.
#[rustfmt::skip]
const BY_PREFIXES: &[&str] = &[
    "written by", "posted by", "reviewed by", "published by", "article by:", "article by",
    "view all posts by", "posts by", "by:", "by", "author:", "authors:", "authored by",
    "author", "words by", "story by", "от", "автор:", "автор",
];

/// Removes a leading "By", "Written by", "Author:" and the like.
fn strip_by_prefix(t: String) -> String {
    for prefix in BY_PREFIXES {
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

/// Texts that sit where bylines do and name nobody, lower-cased.
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
    // Navigation and profile links that sit where bylines do.
    "the",
    "team",
    "our team",
    "meet the team",
    "meet our team",
    "our staff",
    "meet our staff",
    "our people",
    "faculty",
    "our faculty",
    "experts",
    "our experts",
    "contributors",
    "administrator",
    "profile",
    "member login",
    "login",
    "log in",
    "sign in",
    "source",
    "sources",
    "abstract",
    "name",
    "learn more",
    "read more",
    "staff writer",
    // Social networks named by share and follow buttons.
    "bluesky",
    "twitter",
    "facebook",
    "linkedin",
    "instagram",
    "mastodon",
    "threads",
    "youtube",
    "tiktok",
    "email",
];

/// Whether a text is a label rather than a name: "Author", "Meet the Team", "Article by:".
fn is_label(t: &str) -> bool {
    let lower = t.to_lowercase();
    let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
    LABELS.contains(&lower) || BY_PREFIXES.iter().any(|p| p.trim_end_matches(':') == lower)
}

/// Rejects byline leftovers that are not names: labels, CSS, handles, a template's variable
/// left unfilled (`page.head.extra.author`).
fn plausible_name(t: &str) -> bool {
    let template_path = !t.contains(' ')
        && (t.matches('.').count() >= 3 || t.to_lowercase().split('.').any(|s| s == "author"));
    if is_label(t) || t.contains('{') || t.contains("://") || template_path || !reads_as_name(t) {
        return false;
    }
    t.chars().next().is_some_and(|c| c.is_alphabetic()) && t.chars().any(char::is_alphabetic)
}

/// Whether a text of several words reads as names rather than a sentence or a label: no
/// pronoun or verb of a consent notice ("By submitting this form, you agree…"), and no
/// lower-case word beside capitalised ones other than the particles of names ("Ludwig van
/// Beethoven", "Ann and Bob"). One word, or two in lower case ("jane roe"), pass.
fn reads_as_name(t: &str) -> bool {
    #[rustfmt::skip]
    const PARTICLES: &[&str] = &[
        "and", "van", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la",
        "le", "von", "zu", "bin", "ibn", "al", "el", "y", "e", "et", "und", "ter", "ten", "of",
        // Organisations and teams: "Center for Drug Evaluation", "Ask the Doctors", "The
        // Currency editors".
        "the", "for", "to", "with", "at", "on", "in", "by", "a", "an", "editors", "staff", "team",
    ];
    #[rustfmt::skip]
    const SENTENCE: &[&str] = &[
        "you", "agree", "agreeing", "says", "said", "reply", "view", "read", "rights", "reserved",
    ];
    let words: Vec<String> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return words.first().is_none_or(|w| one_word_name(w));
    }
    let starts_lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if words
        .iter()
        .any(|w| SENTENCE.contains(&w.to_lowercase().as_str()))
    {
        return false;
    }
    if !words.iter().any(|w| starts_upper(w)) {
        // Lower-case handles and names are short; a longer lower-case run is a phrase.
        return words.len() <= 2;
    }
    !words
        .iter()
        .any(|w| starts_lower(w) && !PARTICLES.contains(&w.as_str()))
}

/// Whether one word after "By" can be a name or handle ("aawoods", "Madonna"): not a word of
/// the sentence "By" opened ("By integrating…", "By clicking “Accept”", "embarrassed by this.").
fn one_word_name(w: &str) -> bool {
    #[rustfmt::skip]
    const PROSE: &[&str] = &[
        "this", "that", "these", "those", "it", "them", "us", "me", "you", "our", "your",
        "their", "his", "her", "its", "which", "what", "whom", "far", "now", "then", "default",
    ];
    let lower = w.to_lowercase();
    let gerund = w.chars().all(char::is_lowercase) && w.len() >= 7 && w.ends_with("ing");
    !gerund && !PROSE.contains(&lower.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn page_authors(html: &str) -> Vec<String> {
        let s = super::super::signals::collect(&scraper::Html::parse_document(html));
        authors(&s, None, None)
    }

    #[test]
    fn browse_by_menus_are_not_bylines() {
        let html = "<html><body><nav><ul><li><div>By Role</div><ul><li>CIO</li></ul></li>\
            </ul></nav><div class=\"sub-menu\"><h4>By Industry</h4></div><h1>T</h1>\
            <p>By Jane Roe</p><p>Body</p></body></html>";
        assert_eq!(page_authors(html), vec!["Jane Roe".to_string()]);
        // A class that only places something near the menu is not the menu.
        let near = "<html><body><div class=\"under-menu\"><h1>T</h1><span>by Jane Roe</span>\
            </div></body></html>";
        assert_eq!(page_authors(near), vec!["Jane Roe".to_string()]);
    }

    #[test]
    fn a_job_title_in_its_own_block_is_not_part_of_the_name() {
        let html = "<html><body><h1>T</h1><div class=\"author-box\"><h4>Liz Kenny</h4>\
            <p>Former McKinsey Consultant</p></div><p>Body</p></body></html>";
        assert_eq!(page_authors(html), vec!["Liz Kenny".to_string()]);
    }

    #[test]
    fn bylines_keep_names_and_lose_sentences_and_labels() {
        for (raw, want) in [
            ("By Jane Roe", "Jane Roe"),
            ("Ludwig van Beethoven", "Ludwig van Beethoven"),
            (
                "Manoj Jain and Jagpreet Chhatwal",
                "Manoj Jain and Jagpreet Chhatwal",
            ),
            ("The Upwork Team", "The Upwork Team"),
            ("tinyhousegiantjourney", "tinyhousegiantjourney"),
            ("jane roe", "jane roe"),
            ("By accessing or using this website, you agree to our", ""),
            ("By submitting this form, you agree to our", ""),
            ("copywriting4u says:", ""),
            ("Meet the Team", ""),
            ("European rental agencies.)", ""),
            ("leveraging advanced technologies such as", ""),
            (
                "Center for Drug Evaluation and Research",
                "Center for Drug Evaluation and Research",
            ),
            ("Liz Kenny\nFormer McKinsey Consultant", "Liz Kenny"),
            ("By\nJane Roe", "Jane Roe"),
            ("Mar 6\nWritten By\nAudiophile On", "Audiophile On"),
            ("Jul 11 Written By Paige Brunton", "Paige Brunton"),
            (
                "Rose Potter   ,   Betsy Arnold",
                "Rose Potter , Betsy Arnold",
            ),
            // The sentence "By" opens, and a template's variable left unfilled.
            ("By integrating", ""),
            ("by this.", ""),
            ("page.head.extra.author", ""),
            ("sara.r.peter", "sara.r.peter"),
            ("aawoods", "aawoods"),
        ] {
            assert_eq!(clean_byline(raw), want, "{raw}");
        }
    }
}
