//! Article metadata from the collected signals: headline, section, tags, summary, lead image,
//! outlet name and canonical URL (authors are read in `authors`). JSON-LD and OpenGraph are
//! preferred because sites write them on purpose; visible elements (the `<h1>`, breadcrumbs)
//! confirm or fill gaps.

use serde_json::Value;
use url::Url;

use super::signals::Signals;

/// JSON-LD types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "MedicalWebPage",
    "Blog",
    "HowTo",
    "Recipe",
    "Review",
    "VideoObject",
    "WebPage",
];

/// The JSON-LD object describing the article: the most article-like type wins.
pub(super) fn article_ld(s: &Signals) -> Option<&Value> {
    let rank = |v: &Value| -> Option<usize> {
        let t = v.get("@type")?;
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => return None,
        };
        types
            .iter()
            .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
            .min()
    };
    s.ld.iter()
        .filter_map(|v| rank(v).map(|r| (r, v)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, v)| v)
}

/// A JSON-LD property as text: strings, `{name}`/`{@value}`/`{url}` objects, or the first of a list.
pub(super) fn ld_text(v: Option<&Value>, key: &str) -> Option<String> {
    let field = v?.get(key)?;
    value_text(field)
}

pub(super) fn value_text(field: &Value) -> Option<String> {
    let s = match field {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(m) => {
            return ["name", "@value", "url", "@id"]
                .iter()
                .find_map(|k| m.get(*k).and_then(value_text));
        }
        Value::Array(a) => return a.iter().find_map(value_text),
        _ => return None,
    };
    (!s.is_empty()).then(|| decode_entities(&s))
}

/// Separators between a headline and the site name in `<title>`-like strings.
const TITLE_SEPS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " ~ ", " « ", " » ",
];

/// The headline: the `<h1>` when it agrees with a declared title, else the declared title
/// without its site-name part.
pub(super) fn title(s: &Signals, ld: Option<&Value>, site: Option<&str>) -> Option<String> {
    let declared: Vec<String> = [
        s.meta(&["og:title"]).map(str::to_string),
        ld_text(ld, "headline"),
        s.meta(&["twitter:title"]).map(str::to_string),
        s.title_tag.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|t| decode_entities(&t))
    .filter(|t| !t.is_empty())
    .collect();
    let h1s: Vec<String> =
        s.h1.iter()
            .take(6)
            .map(|h| {
                first_section(&decode_entities(
                    &h.split_whitespace().collect::<Vec<_>>().join(" "),
                ))
            })
            .collect();
    if let Some(agreed) = h1_agreeing(&h1s, &declared, site) {
        return Some(agreed);
    }
    // The visible headline is what readers know the article by; a lone plausible <h1> beats a
    // declared title written for search engines.
    let site_n = site.map(norm).unwrap_or_default();
    let plausible = h1s.iter().find(|h| {
        let words = h.split_whitespace().count();
        (2..=40).contains(&words) && norm(h) != site_n && h.len() < 300 && !is_page_chrome(h)
    });
    if let Some(h) = plausible {
        return Some(h.clone());
    }
    if let Some(d) = declared.first() {
        return Some(strip_site(d, site));
    }
    h1s.into_iter().find(|h| !h.is_empty())
}

/// The first `<h1>` that says the same as a declared title (exactly, without the site name, or
/// one containing the other), in the declared title's case when the `<h1>` is set in capitals.
fn h1_agreeing(h1s: &[String], declared: &[String], site: Option<&str>) -> Option<String> {
    for h in h1s {
        let hn = norm(h);
        if hn.len() < 3 {
            continue;
        }
        // A headline set in capitals takes the declared title's own case when it is the same
        // words: the capitals are the page's type style.
        if !h.chars().any(char::is_lowercase) {
            let cased = declared
                .iter()
                .flat_map(|d| [d.clone(), strip_site(d, site)])
                .find(|c| norm(c) == hn && c.chars().any(char::is_lowercase));
            if cased.is_some() {
                return cased;
            }
        }
        if declared.iter().any(|d| {
            let dn = norm(d);
            dn == hn
                || norm(&strip_site(d, site)) == hn
                || (hn.len() > 15 && (dn.contains(&hn) || hn.contains(&dn)))
        }) {
            return Some(h.clone());
        }
    }
    None
}

/// An `<h1>` made only of the words of site chrome: "Open Menu Close Menu", "Contact Us",
/// "Our Blog".
fn is_page_chrome(h1: &str) -> bool {
    #[rustfmt::skip]
    const CHROME: &[&str] = &[
        "open", "close", "menu", "search", "toggle", "navigation", "skip", "to", "main",
        "content", "contact", "us", "our", "blog", "home", "news", "sign", "in", "up", "log",
        "account", "cart", "follow",
    ];
    h1.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| CHROME.contains(&w.to_lowercase().as_str()))
}

/// The headline of an `<h1>` that copies a title tag's sections ("How to help babies sleep |
/// Patient Education | UC Davis Children's Hospital"): the first section, when it has three
/// words or more and every later one is a short label (a section, the site, keywords). A
/// headline whose part after the bar is a phrase of its own ("Milan Design Week 2018 | Michael
/// Anastassiades' light installation for FLOS") stays whole, and so does "Opinion | …".
fn first_section(h1: &str) -> String {
    let mut sections = h1.split(" | ");
    let first = sections.next().unwrap_or(h1);
    let labels = sections.all(|s| s.split_whitespace().count() <= 4);
    if h1.contains(" | ") && labels && first.split_whitespace().count() >= 3 {
        first.trim().to_string()
    } else {
        h1.to_string()
    }
}

/// Removes a trailing (or leading) site-name segment from a title.
pub(super) fn strip_site(t: &str, site: Option<&str>) -> String {
    let joined = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = joined.as_str();
    let site_n = site.map(norm).unwrap_or_default();
    for sep in TITLE_SEPS {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            let tail_n = norm(tail);
            let short_tail = tail.split_whitespace().count() <= 4 && head.len() > tail.len();
            if (!site_n.is_empty()
                && (tail_n == site_n || site_n.contains(&tail_n) || tail_n.contains(&site_n)))
                || short_tail
            {
                return head.trim().to_string();
            }
        }
        if let Some(i) = t.find(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            if !site_n.is_empty() && norm(head) == site_n {
                return tail.trim().to_string();
            }
        }
    }
    t.to_string()
}

/// Lower-case letters and digits only, for comparing titles and names (`The Shooting Star`
/// and `the-shooting-star` agree).
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Section: `article:section`, JSON-LD `articleSection`, the breadcrumb, or the URL's first
/// path segment; only short labels that are not the headline count (see `is_section_label`).
pub(super) fn section(
    s: &Signals,
    ld: Option<&Value>,
    url: Option<&Url>,
    title: Option<&str>,
) -> Option<String> {
    let title = title.map(norm).unwrap_or_default();
    // A breadcrumb trail ends with the article's own headline, which names no section.
    let label = |text: &str| is_section_label(text) && norm(text) != title;
    let tagged = s
        .meta(&["article:section", "parsely-section", "section", "category"])
        .map(decode_entities)
        .filter(|m| label(m));
    if let Some(m) = tagged {
        return Some(m);
    }
    if let Some(v) = ld_text(ld, "articleSection").filter(|v| label(v)) {
        return Some(v);
    }
    let crumbs: Vec<&String> = s
        .breadcrumbs
        .iter()
        .filter(|c| !matches!(norm(c).as_str(), "home" | "главная" | "homepage" | "start"))
        .filter(|c| label(c))
        .collect();
    if let Some(c) = crumbs.first() {
        return Some(c.to_string());
    }
    let seg = url?.path_segments()?.next()?.to_string();
    let ok =
        seg.len() > 2 && seg.len() < 30 && seg.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    ok.then(|| {
        let mut w = seg.replace('-', " ");
        if let Some(f) = w.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        w
    })
}

/// A section is a short label ("World", "Personal finance"); some pages put their summary
/// in the section tag, which would become a folder name hundreds of characters long.
fn is_section_label(text: &str) -> bool {
    const MAX_WORDS: usize = 6;
    const MAX_CHARS: usize = 60;
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= MAX_CHARS
        && text.split_whitespace().count() <= MAX_WORDS
}

/// Tags from `article:tag`, JSON-LD `keywords`, or the keywords meta tags.
pub(super) fn tags(s: &Signals, ld: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = s
        .metas_of("article:tag")
        .iter()
        .map(|t| decode_entities(t.trim()))
        .collect();
    if out.is_empty() {
        if let Some(k) = ld.and_then(|v| v.get("keywords")) {
            match k {
                Value::Array(a) => out.extend(a.iter().filter_map(value_text)),
                Value::String(st) => out.extend(st.split(',').map(|t| t.trim().to_string())),
                _ => {}
            }
        }
    }
    if out.is_empty() {
        if let Some(k) = s.meta(&["news_keywords", "keywords"]) {
            out.extend(k.split(',').map(|t| decode_entities(t.trim())));
        }
    }
    let mut seen = Vec::new();
    for t in out {
        if !t.is_empty() && t.len() < 60 && !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen.truncate(20);
    seen
}

/// Resolves a possibly relative address against the base; `None` for unusable values.
pub(super) fn absolute(raw: &str, base: Option<&Url>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let u = match base {
        Some(b) => b.join(raw).ok()?,
        None => Url::parse(raw).ok()?,
    };
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// Decodes entities that survive double-escaping in meta values (`&amp;#8217;`, `&#x26;`):
/// every numeric reference and the named ones such values carry.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.trim().to_string();
    }
    // `&amp;` first, so that `&amp;#8217;` becomes `&#8217;` and is decoded in turn.
    let s = s.replace("&amp;", "&");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// The character an entity name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_left_in_meta_values_are_decoded() {
        assert_eq!(decode_entities("Python, SQL &#x26; AI"), "Python, SQL & AI");
        assert_eq!(decode_entities("Don&amp;#8217;t panic"), "Don’t panic");
        assert_eq!(decode_entities("Q&amp;A &hellip; &copy;"), "Q&A … ©");
        assert_eq!(
            decode_entities("AT&T & more &unknown;"),
            "AT&T & more &unknown;"
        );
        assert_eq!(decode_entities("a &#0; b"), "a &#0; b");
    }

    fn title_of(html: &str) -> Option<String> {
        let s = super::super::signals::collect(&scraper::Html::parse_document(html));
        title(&s, None, Some("Splunk"))
    }

    #[test]
    fn a_headline_in_capitals_takes_the_declared_case_and_entities_are_decoded() {
        let caps = "<html><head><meta property='og:title' content='Tips for Online Success | \
            Splunk'></head><body><h1>TIPS FOR ONLINE SUCCESS</h1></body></html>";
        assert_eq!(title_of(caps).as_deref(), Some("Tips for Online Success"));
        let escaped = "<html><head><title>Python, SQL &#x26; AI</title></head>\
            <body><h1>Python, SQL &amp;#x26; AI</h1></body></html>";
        assert_eq!(title_of(escaped).as_deref(), Some("Python, SQL & AI"));
    }

    #[test]
    fn an_h1_copying_the_title_tags_sections_keeps_its_first() {
        for (h1, want) in [
            (
                "How to help babies sleep | Patient Education | UC Davis Children's Hospital",
                "How to help babies sleep",
            ),
            (
                "How meditation rewires brains | Opinion",
                "How meditation rewires brains",
            ),
            (
                "Milan Design Week 2018 | Michael Anastassiades' light installation for FLOS",
                "Milan Design Week 2018 | Michael Anastassiades' light installation for FLOS",
            ),
            (
                "Opinion | The bridge must go",
                "Opinion | The bridge must go",
            ),
        ] {
            assert_eq!(first_section(h1), want, "{h1}");
        }
    }

    #[test]
    fn an_h1_of_site_chrome_gives_way_to_the_declared_title() {
        let html = "<html><head><title>Actuary's Industry Choice</title></head><body>\
            <h1>Our BLOG</h1><p>Text</p></body></html>";
        assert_eq!(title_of(html).as_deref(), Some("Actuary's Industry Choice"));
        assert!(is_page_chrome("Open Menu Close Menu"));
        assert!(!is_page_chrome("Our home in the hills"));
    }
}
