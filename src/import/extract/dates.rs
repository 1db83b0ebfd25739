//! Publication and update dates. Signals are tried from the most to the least deliberate:
//! JSON-LD and publication meta tags, marked `<time>` elements, the URL path, date-classed
//! texts, then any `<time>`. Every candidate is parsed to a calendar date and checked for sanity,
//! so a broken value falls through to the next signal instead of ending the search.

use std::sync::LazyLock;

use regex::Regex;

use super::signals::Signals;

/// Meta keys that hold the publication date, most specific first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "publish-date",
    "publish_date",
    "publishdate",
    "publication_date",
    "pubdate",
    "og:published_time",
    "published_time",
    "article.published",
    "original-publish-date",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "date_published",
    "dc.date",
    "dcterms.date",
    "date",
    "sailthru.published_time",
    "displaydate",
];

/// Meta keys that hold the last update.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

/// A parsed date: `YYYY-MM-DD`, with the time and zone when known.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stamp {
    pub day: String,
    pub time: Option<String>,
    pub zone: Option<String>,
}

impl Stamp {
    /// RFC 3339 when the zone is known, else `YYYY-MM-DD[ HH:MM]`.
    pub fn render(&self) -> String {
        match (&self.time, &self.zone) {
            (Some(t), Some(z)) => format!("{}T{t}{z}", self.day),
            (Some(t), None) => format!("{} {}", self.day, &t[..5]),
            _ => self.day.clone(),
        }
    }
}

/// The publication date, from the best signal that parses.
pub(super) fn published(s: &Signals, ld_date: Option<&str>, url: Option<&str>) -> Option<Stamp> {
    let from_url = url.and_then(url_date);
    let candidates = ld_date
        .into_iter()
        .chain(
            PUBLISHED_KEYS
                .iter()
                .flat_map(|k| s.metas_of(k).iter().map(String::as_str)),
        )
        .chain(
            s.times
                .iter()
                .filter(|t| t.published)
                .map(|t| t.value.as_str()),
        );
    for c in candidates {
        if let Some(st) = parse(c) {
            return Some(prefer_url(st, from_url));
        }
    }
    if let Some(u) = from_url {
        return Some(u);
    }
    let loose = s
        .times
        .iter()
        .filter(|t| !t.modified)
        .map(|t| t.value.as_str())
        .chain(s.date_texts.iter().map(String::as_str));
    loose.filter_map(parse).next()
}

/// When the URL has a full date and a signal disagrees by a day only (a time zone shift), the
/// URL's day is the one the outlet published under.
fn prefer_url(st: Stamp, url: Option<Stamp>) -> Stamp {
    match url {
        Some(u) if u.day != st.day && days_apart(&u.day, &st.day) == Some(1) => Stamp {
            day: u.day,
            time: None,
            zone: None,
        },
        _ => st,
    }
}

fn days_apart(a: &str, b: &str) -> Option<i64> {
    let pa = chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?;
    let pb = chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?;
    Some((pa - pb).num_days().abs())
}

/// The last update, when the page states one.
pub(super) fn modified(s: &Signals, ld_date: Option<&str>) -> Option<Stamp> {
    ld_date
        .into_iter()
        .chain(
            MODIFIED_KEYS
                .iter()
                .flat_map(|k| s.metas_of(k).iter().map(String::as_str)),
        )
        .chain(
            s.times
                .iter()
                .filter(|t| t.modified)
                .map(|t| t.value.as_str()),
        )
        .find_map(parse)
}

/// A full date in the URL path: `/2019/11/18/`, `/2019-11-18`, `/20191118/`.
pub(super) fn url_date(url: &str) -> Option<Stamp> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"[/_-]((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)",
        )
        .expect("valid regex")
    });
    let c = RE.captures(url)?;
    make(&c[1], &c[2], &c[3])
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
    )
    .expect("valid regex")
});

static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:T?\d{4,6})?")
        .expect("valid regex")
});

static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})\b").expect("valid regex")
});

static TEXTUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-zа-яё]{3,}\.?),?\s+((?:19|20)\d{2})\b)|(?:\b([a-z]{3,}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b)",
    )
    .expect("valid regex")
});

/// Parses the common written forms of a date; `None` when nothing sane is found.
pub(super) fn parse(raw: &str) -> Option<Stamp> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 300 {
        return None;
    }
    if let Some(c) = ISO.captures(s) {
        let mut st = make(&c[1], &c[2], &c[3])?;
        if let (Some(h), Some(m)) = (c.get(4), c.get(5)) {
            let sec = c.get(6).map_or("00", |m| m.as_str());
            st.time = Some(format!("{:0>2}:{}:{}", h.as_str(), m.as_str(), sec));
            st.zone = c.get(7).map(|z| zone(z.as_str()));
        }
        return Some(st);
    }
    if let Some(c) = COMPACT.captures(s) {
        return make(&c[1], &c[2], &c[3]);
    }
    for c in TEXTUAL.captures_iter(s) {
        let (d, m, y) = match c.get(1) {
            Some(d) => (d.as_str(), &c[2], &c[3]),
            None => (&c[5], &c[4], &c[6]),
        };
        if let Some(st) = month_number(m).and_then(|month| make(y, &month.to_string(), d)) {
            return Some(st);
        }
    }
    if let Some(c) = DMY.captures(s) {
        // Day first is the rule outside the US; a first number over 12 settles it anyway.
        let (a, b) = (&c[1], &c[2]);
        let first: u32 = a.parse().ok()?;
        return if first > 12 || s.contains('.') {
            make(&c[3], b, a)
        } else {
            make(&c[3], a, b)
        };
    }
    parse_epoch(s)
}

fn parse_epoch(s: &str) -> Option<Stamp> {
    if !(s.len() == 10 || s.len() == 13) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = s[..10].parse().ok()?;
    let dt = chrono::DateTime::from_timestamp(secs, 0)?;
    let st = make(
        &dt.format("%Y").to_string(),
        &dt.format("%m").to_string(),
        &dt.format("%d").to_string(),
    )?;
    Some(st)
}

fn zone(z: &str) -> String {
    if z == "Z" {
        return "Z".into();
    }
    let digits: String = z[1..].chars().filter(|c| c.is_ascii_digit()).collect();
    format!("{}{}:{}", &z[..1], &digits[..2], &digits[2..4])
}

/// Builds a stamp from year, month and day texts, rejecting impossible or implausible dates.
fn make(y: &str, m: &str, d: &str) -> Option<Stamp> {
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    let this_year = chrono::Utc::now()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(2030);
    if !(1995..=this_year + 1).contains(&y) {
        return None;
    }
    Some(Stamp {
        day: date.format("%Y-%m-%d").to_string(),
        time: None,
        zone: None,
    })
}

/// Month names and abbreviations in English, German, French, Spanish and Russian.
fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    const MONTHS: [&[&str]; 12] = [
        &[
            "jan",
            "january",
            "januar",
            "janvier",
            "enero",
            "января",
            "январь",
            "janv",
        ],
        &[
            "feb",
            "february",
            "februar",
            "février",
            "fevrier",
            "febrero",
            "февраля",
            "февраль",
            "févr",
        ],
        &[
            "mar",
            "march",
            "märz",
            "maerz",
            "mars",
            "marzo",
            "марта",
            "март",
        ],
        &["apr", "april", "avril", "abril", "апреля", "апрель", "avr"],
        &["may", "mai", "mayo", "мая", "май"],
        &["jun", "june", "juni", "juin", "junio", "июня", "июнь"],
        &[
            "jul", "july", "juli", "juillet", "julio", "июля", "июль", "juil",
        ],
        &[
            "aug",
            "august",
            "août",
            "aout",
            "agosto",
            "августа",
            "август",
        ],
        &[
            "sep",
            "sept",
            "september",
            "septembre",
            "septiembre",
            "сентября",
            "сентябрь",
        ],
        &[
            "oct",
            "october",
            "oktober",
            "octobre",
            "octubre",
            "октября",
            "октябрь",
            "okt",
        ],
        &[
            "nov",
            "november",
            "novembre",
            "noviembre",
            "ноября",
            "ноябрь",
        ],
        &[
            "dec",
            "december",
            "dezember",
            "décembre",
            "decembre",
            "diciembre",
            "декабря",
            "декабрь",
            "dez",
            "déc",
        ],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&n.as_str()))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms_parse_to_the_same_day() {
        for s in [
            "2019-11-18T10:00:00-05:00",
            "November 18, 2019",
            "Nov. 18th, 2019 at 3pm",
            "18 November 2019",
            "18.11.2019",
            "Posted on 2019/11/18",
            "20191118",
            "18 ноября 2019",
        ] {
            assert_eq!(
                parse(s).map(|d| d.day),
                Some("2019-11-18".to_string()),
                "{s}"
            );
        }
        assert_eq!(parse("1574089200").unwrap().day, "2019-11-18");
        assert_eq!(parse("2019-02-30"), None);
        assert_eq!(parse("version 1.2.3"), None);
    }

    #[test]
    fn zone_is_kept_in_rfc3339() {
        let st = parse("2025-06-12T15:29:00+0400").unwrap();
        assert_eq!(st.render(), "2025-06-12T15:29:00+04:00");
        assert_eq!(
            parse("2025-06-12 15:29").unwrap().render(),
            "2025-06-12 15:29"
        );
    }

    #[test]
    fn url_paths_give_dates() {
        let u = "https://venturebeat.com/2019/11/18/new-york/";
        assert_eq!(url_date(u).unwrap().day, "2019-11-18");
        assert_eq!(
            url_date("https://x.test/news/2019-11-18-title")
                .unwrap()
                .day,
            "2019-11-18"
        );
        assert!(url_date("https://x.test/id/123456789").is_none());
    }
}
