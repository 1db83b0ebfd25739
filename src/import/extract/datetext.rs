//! Reading written dates: ISO 8601 and RFC 3339 stamps, numeric day-month-year forms, dates
//! with month names in several languages, compact `YYYYMMDD`, epoch seconds and dates in URL
//! paths. Which date is the publication date is decided in `dates`.

use std::sync::LazyLock;

use regex::Regex;

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

/// A date in running text: written-out and numeric forms only (no bare digit runs, which
/// are more often ids, phone numbers or prices).
pub(super) fn parse_visible(text: &str) -> Option<Stamp> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // In a long text only a leading date counts ("01.02.2022 The labour market…"): dates
    // inside prose are about other things.
    let text = if text.len() > 200 {
        let mut end = 40;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        text
    };
    if let Some(c) = iso(text) {
        return make(&c[1], &c[2], &c[3]);
    }
    textual(text)
        .or_else(|| hyphenated(text))
        .or_else(|| dmy(text))
}

/// The first ISO-like date in the text that is not part of a longer run of digits: in
/// `uploads/2020/06/1591111294.mp4` the `15` after the month starts a file's timestamp.
fn iso(text: &str) -> Option<regex::Captures<'_>> {
    ISO.captures_iter(text).find(|c| {
        let digit_before = text[..c.get(1).map_or(0, |m| m.start())]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_digit());
        let digit_after = text[c.get(3).map_or(0, |m| m.end())..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_digit());
        !digit_before && !digit_after
    })
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

/// `2024 Jun 30`: the year-first written form of bibliographic metadata (PubMed, citations).
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d{2})\s+(\p{L}{3,}\.?)\s+(\d{1,2})\b").expect("valid regex")
});

static TEXTUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(\p{L}{3,}\.?),?\s+((?:19|20)\d{2})\b)|(?:\b(\p{L}{3,}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b)",
    )
    .expect("valid regex")
});

/// `04-Aug-2021`, `04-ago-2021`: day, abbreviated month and year joined by hyphens, as some
/// blog engines print them.
static HYPHENATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})-(\p{L}{3,9})-((?:19|20)\d{2})\b").expect("valid regex")
});

/// Spanish, Italian and Portuguese three-letter month abbreviations that are English words or
/// parts of phrases (`2 years ago`), so they are read only in the hyphenated form.
const ROMANCE_SHORT: [(&str, u32); 12] = [
    ("ene", 1),
    ("gen", 1),
    ("abr", 4),
    ("mag", 5),
    ("giu", 6),
    ("lug", 7),
    ("ago", 8),
    ("set", 9),
    ("ott", 10),
    ("out", 10),
    ("dic", 12),
    ("dez", 12),
];

fn hyphenated(s: &str) -> Option<Stamp> {
    HYPHENATED.captures_iter(s).find_map(|c| {
        let name = c[2].to_lowercase();
        let month = month_number(&name).or_else(|| {
            ROMANCE_SHORT
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, m)| *m)
        })?;
        make(&c[3], &month.to_string(), &c[1])
    })
}

/// Parses the common written forms of a date; `None` when nothing sane is found.
pub(super) fn parse(raw: &str) -> Option<Stamp> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 300 {
        return None;
    }
    if let Some(c) = iso(s) {
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
    let written = textual(s).or_else(|| hyphenated(s));
    if let Some(st) = written.or_else(|| dmy(s)).or_else(|| year_first(s)) {
        return Some(st);
    }
    parse_epoch(s)
}

/// Arabic pages of the Levant name a month twice, its Syriac name then the Latin one
/// (`24 نيسان / أبريل 2020`, `تشرين الثاني / نوفمبر`); the pair is read as the Latin name alone.
static ARABIC_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\p{Arabic}+\s+)?\p{Arabic}+\s*/\s*(\p{Arabic}{3,})").expect("valid regex")
});

fn textual(s: &str) -> Option<Stamp> {
    let unpaired;
    let s = if s.contains('/') && s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        unpaired = ARABIC_PAIR.replace_all(s, "$1");
        unpaired.as_ref()
    } else {
        s
    };
    for c in TEXTUAL.captures_iter(s) {
        let (d, m, y) = match c.get(1) {
            Some(d) => (d.as_str(), &c[2], &c[3]),
            None => (&c[5], &c[4], &c[6]),
        };
        if let Some(st) = month_number(m).and_then(|month| make(y, &month.to_string(), d)) {
            return Some(st);
        }
    }
    None
}

fn year_first(s: &str) -> Option<Stamp> {
    let c = YEAR_FIRST.captures(s)?;
    let month = month_number(&c[2])?;
    make(&c[1], &month.to_string(), &c[3])
}

/// `18.11.2019` or `11/18/2019`: day first unless that cannot be.
fn dmy(s: &str) -> Option<Stamp> {
    let c = DMY.captures(s)?;
    let (a, b) = (&c[1], &c[2]);
    let first: u32 = a.parse().ok()?;
    let second: u32 = b.parse().ok()?;
    if s.contains('.') || first > 12 {
        make(&c[3], b, a)
    } else if second > 12 {
        make(&c[3], a, b)
    } else {
        // Slashes with both parts under 13: the US order is the common one on the web.
        make(&c[3], a, b)
    }
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
pub(super) fn make(y: &str, m: &str, d: &str) -> Option<Stamp> {
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

/// Month names and abbreviations in English, German, French, Spanish, Italian, Portuguese,
/// Dutch, Polish, Romanian, Russian (with the short forms `янв`, `сен`), Ukrainian, Armenian,
/// Azerbaijani, Turkish and Arabic (the Latin-derived names of Egypt and the Gulf, and the
/// one-word Syriac names of the Levant). Where a language declines the month after a day
/// (`12 июня`, `12 հունիսի`, `12 червня`), both forms are listed; Turkish names are listed
/// with and without the letters a capital may lower-case to (`MAYIS` → `mayis`).
#[rustfmt::skip]
const MONTHS: [&[&str]; 12] = [
    &["jan", "january", "januar", "janvier", "enero", "января", "январь", "janv", "gennaio", "janeiro", "januari", "styczeń", "stycznia", "ianuarie", "يناير", "янв", "січня", "січень", "հունվարի", "հունվար", "yanvar", "ocak"],
    &["feb", "february", "februar", "février", "fevrier", "febrero", "февраля", "февраль", "févr", "febbraio", "fevereiro", "februari", "lutego", "februarie", "فبراير", "شباط", "фев", "лютого", "лютий", "փետրվարի", "փետրվար", "fevral", "şubat", "subat"],
    &["mar", "march", "märz", "maerz", "mars", "marzo", "марта", "март", "maart", "março", "marco", "marca", "martie", "مارس", "آذار", "мар", "березня", "березень", "մարտի", "մարտ", "mart"],
    &["apr", "april", "avril", "abril", "апреля", "апрель", "avr", "aprile", "kwietnia", "aprilie", "أبريل", "إبريل", "ابريل", "نيسان", "апр", "квітня", "квітень", "ապրիլի", "ապրիլ", "aprel", "nisan"],
    &["may", "mai", "mayo", "мая", "май", "maggio", "maio", "mei", "maja", "مايو", "أيار", "ايار", "травня", "травень", "մայիսի", "մայիս", "mayıs", "mayis"],
    &["jun", "june", "juni", "juin", "junio", "июня", "июнь", "giugno", "junho", "czerwca", "iunie", "يونيو", "يونيه", "حزيران", "июн", "червня", "червень", "հունիսի", "հունիս", "iyun", "haziran"],
    &["jul", "july", "juli", "juillet", "julio", "июля", "июль", "juil", "luglio", "julho", "lipca", "iulie", "يوليو", "يوليه", "تموز", "июл", "липня", "липень", "հուլիսի", "հուլիս", "iyul", "temmuz"],
    &["aug", "august", "août", "aout", "agosto", "августа", "август", "augustus", "sierpnia", "أغسطس", "اغسطس", "авг", "серпня", "серпень", "օգոստոսի", "օգոստոս", "avqust", "ağustos", "agustos"],
    &["sep", "sept", "september", "septembre", "septiembre", "сентября", "сентябрь", "settembre", "setembro", "września", "septembrie", "سبتمبر", "أيلول", "ايلول", "сен", "вересня", "вересень", "սեպտեմբերի", "սեպտեմբեր", "sentyabr", "eylül", "eylul"],
    &["oct", "october", "oktober", "octobre", "octubre", "октября", "октябрь", "okt", "ottobre", "outubro", "października", "octombrie", "أكتوبر", "اكتوبر", "окт", "жовтня", "жовтень", "հոկտեմբերի", "հոկտեմբեր", "oktyabr", "ekim"],
    &["nov", "november", "novembre", "noviembre", "ноября", "ноябрь", "novembro", "listopada", "noiembrie", "نوفمبر", "ноя", "листопада", "листопад", "նոյեմբերի", "նոյեմբեր", "noyabr", "kasım", "kasim"],
    &["dec", "december", "dezember", "décembre", "decembre", "diciembre", "декабря", "декабрь", "dez", "déc", "dicembre", "dezembro", "grudnia", "decembrie", "ديسمبر", "дек", "грудня", "грудень", "դեկտեմբերի", "դեկտեմբեր", "dekabr", "aralık", "aralik"],
];

/// The month number of a month name or abbreviation.
pub(crate) fn month_number(name: &str) -> Option<u32> {
    // A capital İ (Azerbaijani and Turkish `İyun`) lower-cases to i and a combining dot.
    let mut n = name.trim_end_matches('.').to_lowercase();
    if n.contains('\u{307}') {
        n = n.replace('\u{307}', "");
    }
    MONTHS
        .iter()
        .position(|names| names.contains(&n.as_str()))
        .map(|i| i as u32 + 1)
}

/// Whether a text is a month and a day alone (`Jun 9`, `Mar 6`, `Dec 23`): a blog's date
/// without the year.
pub(crate) fn is_month_and_day(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    matches!(words[..], [month, day] if month_number(month).is_some()
        && day.trim_end_matches(',').parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)))
}

/// A full date in the URL path: `/2019/11/18/`, `/2019-11-18`, `/20191118/`.
pub(super) fn url_date(url: &str) -> Option<Stamp> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"[/_-]((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)",
        )
        .expect("valid regex")
    });
    // Some blog engines write the month and day without a leading zero (`/2017/7/12/`).
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})/([1-9]|1[0-2])/([1-9]|[12]\d|3[01])/").expect("valid regex")
    });
    // Others name the month (`/2023/october/03/`).
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)/((?:19|20)\d{2})/([a-z]{3,9})/(0?[1-9]|[12]\d|3[01])/")
            .expect("valid regex")
    });
    if let Some(c) = RE.captures(url).or_else(|| SHORT.captures(url)) {
        return make(&c[1], &c[2], &c[3]);
    }
    let c = NAMED.captures(url)?;
    make(&c[1], &month_number(&c[2])?.to_string(), &c[3])
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
            "18-Nov-2019",
            "on 18-nov-2019 5:11:10",
            "18.11.2019",
            "Posted on 2019/11/18",
            "20191118",
            "18 ноября 2019",
            "duminică, 18 noiembrie 2019",
            "الاثنين 18 نوفمبر 2019",
            "تم نشره الاثنين 18 تشرين الثاني / نوفمبر 2019 09:22 مساءً",
        ] {
            assert_eq!(
                parse(s).map(|d| d.day),
                Some("2019-11-18".to_string()),
                "{s}"
            );
        }
        assert_eq!(parse("2019 Nov 18").unwrap().day, "2019-11-18");
        // Spanish abbreviation, day-month-year with hyphens (as Spanish blog engines print).
        let spanish = parse_visible("By: FlowGuard EMEA on 04-ago-2021 5:11:10");
        assert_eq!(spanish.unwrap().day, "2021-08-04");
        assert_eq!(parse("1574089200").unwrap().day, "2019-11-18");
        assert_eq!(parse("2019-02-30"), None);
        assert_eq!(parse("version 1.2.3"), None);
    }

    #[test]
    fn a_date_inside_a_longer_run_of_digits_is_no_date() {
        let link = "https://example.edu/wp-content/uploads/2020/06/1591111294.mp4";
        assert_eq!(parse_visible(link), None);
        let path = "https://example.edu/news/2020/06/15/story";
        assert_eq!(parse_visible(path).unwrap().day, "2020-06-15");
        assert_eq!(parse("12020-06-15"), None);
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
        let short = "https://blog.test/home/2017/7/12/title";
        assert_eq!(url_date(short).unwrap().day, "2017-07-12");
        assert!(url_date("https://x.test/2017/7/title").is_none());
        let named = "https://wine.test/blog/2023/october/03/wine-styles/";
        assert_eq!(url_date(named).unwrap().day, "2023-10-03");
        assert!(url_date("https://x.test/2023/tags/03/").is_none());
    }
}
