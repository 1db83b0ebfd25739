//! Publication and update dates. Signals are tried from the most to the least deliberate:
//! JSON-LD and publication meta tags, marked `<time>` elements, the URL path, date-classed
//! texts, then any `<time>`. Every candidate is parsed to a calendar date and checked for sanity,
//! so a broken value falls through to the next signal instead of ending the search. What the
//! page shows arbitrates a declared date it does not show: a neighbouring day, a date after a
//! "Published" label, a shown update date (or the earlier date printed just before it), then
//! the dateline around the headline. A labelled publication date in the dateline outranks a
//! declared date, and `<time>` marks that date a whole list of articles are not declarations.

use super::date_keys::{GENERIC_KEYS, MODIFIED_KEYS, PUBLISHED_KEYS};
pub(super) use super::datetext::{parse, parse_visible, url_date, Stamp};
use super::signals::Signals;

/// The publication date. A declared date (JSON-LD, meta tags, marked `<time>`) wins, but the
/// page's visible dates arbitrate: when the page shows the update date and not the declared
/// one, readers (and archives) know the article by the shown date; when the declared time is
/// in UTC and the page shows the day before or after, the shown local day is the right one.
pub(super) fn published(
    s: &Signals,
    ld_pub: Option<&str>,
    ld_mod: Option<&str>,
    url: Option<&str>,
) -> Option<Stamp> {
    let from_url = url.and_then(url_date);
    let declared = ld_pub
        .into_iter()
        .chain(
            PUBLISHED_KEYS
                .iter()
                .flat_map(|k| s.metas_of(k).iter().map(String::as_str)),
        )
        .chain(marked_published(s))
        .chain(other_published_metas(s))
        .find_map(parse);
    let updated = modified(s, ld_mod);
    match (declared, from_url) {
        (Some(p), Some(u)) if p.day == u.day => Some(arbitrate(s, p, updated)),
        (Some(p), Some(u)) => Some(prefer_url(s, p, u)),
        (Some(p), None) => Some(arbitrate(s, p, updated)),
        (None, Some(u)) => Some(u),
        (None, None) => undeclared(s, updated),
    }
}

/// Values of meta tags no list names whose key says it holds a publication date or time
/// (`w-published-date`, `article.publishDate`), in key order so that the choice is stable.
fn other_published_metas(s: &Signals) -> impl Iterator<Item = &str> + '_ {
    let mut keys: Vec<&String> = s
        .metas
        .keys()
        .filter(|k| k.contains("publish") && (k.contains("date") || k.contains("time")))
        .filter(|k| !PUBLISHED_KEYS.contains(&k.as_str()))
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .flat_map(|k| s.metas_of(k).iter().map(String::as_str))
}

/// Values of `<time>` elements marked as publication times. When they carry three or more
/// different days they date a list of other articles (a sidebar, a feed) as well as maybe the
/// page, so only one whose day the page's dateline shows is kept.
fn marked_published(s: &Signals) -> impl Iterator<Item = &str> + '_ {
    let marked = || s.times.iter().filter(|t| t.published);
    let mut days: Vec<String> = marked()
        .filter_map(|t| parse(&t.value))
        .map(|d| d.day)
        .collect();
    days.sort_unstable();
    days.dedup();
    let listing = days.len() >= 3;
    marked()
        .filter(move |t| !listing || parse(&t.value).is_some_and(|d| in_dateline(s, &d.day)))
        .map(|t| t.value.as_str())
}

/// Whether the page's dateline (the texts around the headline) shows the day.
fn in_dateline(s: &Signals, day: &str) -> bool {
    s.visible_dates.iter().any(|v| v.near_h1 && v.day == day)
}

/// A declared date the page does not show is checked against what it does show.
fn arbitrate(s: &Signals, p: Stamp, updated: Option<Stamp>) -> Stamp {
    let shown = |day: &str| s.visible_dates.iter().any(|v| v.day == day);
    // "Published Apr 26, 2023 · Updated Aug 21, 2025" under the headline outranks a declared
    // date that copies the update.
    if let Some(l) = labelled(s).filter(|l| l.day != p.day && in_dateline(s, &l.day)) {
        return l;
    }
    if shown(&p.day) || shown_swapped(s, &p.day) {
        return p;
    }
    if let Some(v) = utc_shift(s, &p) {
        return v;
    }
    if let Some(l) = labelled(s) {
        return l;
    }
    if let Some(m) = updated.filter(|m| shown(&m.day)) {
        // An Open Graph publication time is what the outlet tells link previews and search
        // engines the article's date is: a shown update does not replace it. JSON-LD alone is
        // often a plugin's record of when the CMS entry was created, and there the shown date
        // is the one readers know; but a publication day without a clock time was set by an
        // editor, and a page that labels the shown date as the update says it is not that day.
        let labelled_update = s.visible_dates.iter().any(|v| v.update && v.day == m.day);
        if og_declares(s, &p.day) || (editorial_day(&p) && labelled_update) {
            return p;
        }
        return shown_before_update(s, &m).unwrap_or(m);
    }
    // A dateline the page labels as an update is not when the article first ran, when an
    // Open Graph publication time says when it did (as for a shown update date above).
    let declared_by_og = og_declares(s, &p.day);
    let dateline = s
        .visible_dates
        .iter()
        .find(|v| v.near_h1 && !(v.update && declared_by_og));
    if let Some(v) = dateline {
        return Stamp::from(v.clone());
    }
    p
}

/// Whether a declared date names a day and no time of day (`2017-04-03`, or midnight exactly):
/// a date an editor set, where a CMS's record of when the entry was made carries the clock time.
fn editorial_day(p: &Stamp) -> bool {
    p.time.as_deref().is_none_or(|t| t.starts_with("00:00:00"))
}

/// Whether the page's Open Graph `article:published_time` gives the day.
fn og_declares(s: &Signals, day: &str) -> bool {
    s.metas_of("article:published_time")
        .iter()
        .filter_map(|v| parse(v))
        .any(|d| d.day == day)
}

/// The first date the page labels as the publication ("Published …", "Posted on …"); a note
/// in the text ("this post was originally published on …") only when there is no such label.
fn labelled(s: &Signals) -> Option<Stamp> {
    s.labelled_published
        .iter()
        .chain(&s.published_in_prose)
        .find_map(|t| parse_visible(t))
}

/// Whether the page shows the day with month and day swapped: `06/11/2023` read in the wrong
/// order (the visible-text parser cannot know the page's convention), so still the same date.
fn shown_swapped(s: &Signals, day: &str) -> bool {
    let (Some(y), Some(m), Some(d)) = (day.get(..4), day.get(5..7), day.get(8..10)) else {
        return false;
    };
    let swapped = format!("{y}-{d}-{m}");
    d <= "12" && s.visible_dates.iter().any(|v| v.day == swapped)
}

/// A declared UTC time the page does not show, while it shows the neighbouring day: either the
/// outlet's local day (a morning UTC time is the evening before in the Americas, an afternoon one
/// the next day in Asia) or a revision re-stamped the declared time and the page still shows the
/// first day. Either way the shown neighbouring day is the one readers know.
fn utc_shift(s: &Signals, p: &Stamp) -> Option<Stamp> {
    if !matches!(p.zone.as_deref(), Some("Z") | Some("+00:00")) {
        return None;
    }
    let hour: u32 = p.time.as_deref()?.get(..2)?.parse().ok()?;
    let day = chrono::NaiveDate::parse_from_str(&p.day, "%Y-%m-%d").ok()?;
    let neighbour = if hour < 12 {
        day.pred_opt()?
    } else {
        day.succ_opt()?
    };
    let n = neighbour.format("%Y-%m-%d").to_string();
    if !s.visible_dates.iter().any(|v| v.day == n) {
        return None;
    }
    // A `<time>` that gives the same moment in the outlet's own zone keeps the time of day.
    let local = s
        .times
        .iter()
        .filter_map(|t| parse(&t.value))
        .find(|t| t.day == n && same_instant(t, p));
    Some(local.unwrap_or(Stamp {
        day: n,
        time: None,
        zone: None,
    }))
}

/// Whether two stamps with times and zones name the same moment.
fn same_instant(a: &Stamp, b: &Stamp) -> bool {
    let instant = |s: &Stamp| {
        s.zone.as_ref()?;
        chrono::DateTime::parse_from_rfc3339(&s.render()).ok()
    };
    matches!((instant(a), instant(b)), (Some(x), Some(y)) if x == y)
}

/// The page's own first date when it shows one right before the update date ("December 3,
/// 2025. Updated: December 7, 2025"): the date just before the update's first showing, when
/// it is earlier.
fn shown_before_update(s: &Signals, m: &Stamp) -> Option<Stamp> {
    let at = s.visible_dates.iter().position(|v| v.day == m.day)?;
    let before = s.visible_dates.get(at.checked_sub(1)?)?;
    (before.day < m.day && before.after_h1).then(|| Stamp::from(before.clone()))
}

/// Dates of `<time>` elements and date-classed elements, in page order.
fn element_dates(s: &Signals) -> impl Iterator<Item = Stamp> + '_ {
    s.times
        .iter()
        .filter(|t| !t.modified)
        .map(|t| t.value.as_str())
        .chain(s.date_texts.iter().map(String::as_str))
        .filter_map(parse)
}

/// No declared date and none in the URL: an update date the page shows, a dated element, the
/// first date written after the headline, or failing all of them the declared update.
fn undeclared(s: &Signals, updated: Option<Stamp>) -> Option<Stamp> {
    let shown = |day: &str| s.visible_dates.iter().any(|v| v.day == day);
    let generic = GENERIC_KEYS
        .iter()
        .flat_map(|k| s.metas_of(k).iter())
        .find_map(|v| parse(v).or_else(|| parse_visible(v)));
    // A marked date element (the article's dateline) outranks a generic meta date the page
    // merely mentions somewhere, often in a list of related articles.
    let element = element_dates(s).next();
    if let Some(l) = labelled(s) {
        return Some(l);
    }
    if let Some(g) = generic.clone().filter(|g| shown(&g.day)) {
        if element.as_ref().is_none_or(|e| e.day == g.day) {
            return Some(g);
        }
    }
    if let Some(m) = updated.clone().filter(|m| shown(&m.day)) {
        return Some(shown_before_update(s, &m).unwrap_or(m));
    }
    let dateline = s.visible_dates.iter().find(|v| v.near_h1).cloned();
    dateline
        .map(Stamp::from)
        .or(element)
        .or(generic)
        .or_else(|| {
            s.visible_dates
                .iter()
                .find(|v| v.after_h1)
                .cloned()
                .map(Stamp::from)
        })
        .or_else(|| s.visible_dates.first().cloned().map(Stamp::from))
        // A page that states only when it last changed was published no later than that,
        // and an archive is better served by that day than by none.
        .or(updated)
}

/// A date written in the page's visible text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Visible {
    pub day: String,
    /// How many non-empty visible texts came before it, its own included.
    pub text_index: usize,
    /// Whether it comes after the first `<h1>` (dates before it are usually site chrome).
    pub after_h1: bool,
    /// Whether it is among the first few texts after the `<h1>`: the article's dateline.
    pub near_h1: bool,
    /// Whether an update label introduces it ("Last updated: April 1, 2025").
    pub update: bool,
}

impl From<Visible> for Stamp {
    fn from(v: Visible) -> Self {
        Stamp {
            day: v.day,
            time: None,
            zone: None,
        }
    }
}

/// A full date in the URL is the day the outlet filed the article under: when a declared date
/// disagrees (a re-publication, a time-zone shift), the URL's day wins.
/// Unless the page shows the declared day and not the URL's: then the URL holds the day the
/// story was first filed under and the page the day it ran.
fn prefer_url(s: &Signals, st: Stamp, url: Stamp) -> Stamp {
    let shown = |day: &str| s.visible_dates.iter().any(|v| v.day == day);
    if url.day == st.day || (shown(&st.day) && !shown(&url.day)) {
        return st;
    }
    url
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_date_meta_counts_as_declared() {
        let html = "<html><head><meta name=\"published-date\" content=\"2021-02-16\"></head>\
            <body><p>Updated 3 March 2022</p></body></html>";
        let s = super::super::signals::collect(&scraper::Html::parse_document(html));
        assert_eq!(published(&s, None, None, None).unwrap().day, "2021-02-16");
    }

    #[test]
    fn url_day_gives_way_to_the_declared_day_the_page_shows() {
        let page = |shown: &str| {
            let html = format!(
                "<html><head><meta property=\"article:published_time\" \
                 content=\"2020-07-09T10:04:04Z\"></head><body><p>{shown}</p></body></html>"
            );
            super::super::signals::collect(&scraper::Html::parse_document(&html))
        };
        let url = Some("https://news.test/politics/2020/07/08/story.html");
        let day = |s: &Signals| published(s, None, None, url).unwrap().day;
        assert_eq!(day(&page("July 9, 2020 at 6:40 PM")), "2020-07-09");
        assert_eq!(day(&page("no date shown")), "2020-07-08");
    }

    #[test]
    fn a_dateline_labelled_as_an_update_does_not_replace_an_open_graph_date() {
        let page = |head: &str, dateline: &str| {
            let html = format!(
                "<html><head>{head}</head><body><h1>Best hammocks</h1>\
                 <div class=\"meta\">{dateline}</div><p>Body</p></body></html>"
            );
            super::super::signals::collect(&scraper::Html::parse_document(&html))
        };
        let og = "<meta property=\"article:published_time\" content=\"2016-02-25T23:48:16Z\">";
        let day = |s: &Signals, ld: Option<&str>| published(s, ld, None, None).unwrap().day;
        // The label in the same text, or in a text of its own before the date.
        assert_eq!(
            day(&page(og, "Last Updated: April 1, 2025"), None),
            "2016-02-25"
        );
        let split = "<span>Updated on</span> <span>April 1, 2025</span>";
        assert_eq!(day(&page(og, split), None), "2016-02-25");
        // Unlabelled, the shown dateline is the day readers know; a label two texts up is
        // another line's.
        assert_eq!(day(&page(og, "April 1, 2025"), None), "2025-04-01");
        let apart = "<span>Updated</span> <span>By Jane Roe</span> <span>April 1, 2025</span>";
        assert_eq!(day(&page(og, apart), None), "2025-04-01");
        // JSON-LD alone is often the CMS entry's creation: the shown date stands.
        let ld = Some("2016-02-25T23:48:16Z");
        assert_eq!(
            day(&page("", "Last Updated: April 1, 2025"), ld),
            "2025-04-01"
        );
    }

    #[test]
    fn a_labelled_update_does_not_replace_a_publication_day_an_editor_set() {
        let page = |dateline: &str| {
            let html = format!(
                "<html><body><h1>Best earbuds</h1><div class=\"meta\">{dateline}</div>\
                 <p>Body</p></body></html>"
            );
            super::super::signals::collect(&scraper::Html::parse_document(&html))
        };
        let modified = Some("2026-02-12T12:07:55-05:00");
        let day = |s: &Signals, ld: &str| published(s, Some(ld), modified, None).unwrap().day;
        // A React page splits the label from its date with comment-separated punctuation.
        let labelled = page("Updated<!-- -->: <!-- --><time>February 12, 2026</time>");
        assert_eq!(day(&labelled, "2017-04-03"), "2017-04-03");
        assert_eq!(day(&labelled, "2017-04-03T00:00:00.000Z"), "2017-04-03");
        // A clock time is the CMS's stamp, and the shown update is the day readers know.
        assert_eq!(day(&labelled, "2017-04-03T14:21:09Z"), "2026-02-12");
        // Shown without the label, the date is no update the page admits to.
        assert_eq!(day(&page("February 12, 2026"), "2017-04-03"), "2026-02-12");
    }

    #[test]
    fn a_dateline_outranks_a_generic_meta_date_shown_elsewhere() {
        let html = "<html><head><meta name=\"date\" content=\"2020-04-30\"></head><body>\
            <h1>T</h1><li class=\"Date\"><time>29.04.2020, 12:01 Uhr</time></li><p>Body</p>\
            <ul><li><time>30.04.2020</time> Related story</li></ul></body></html>";
        let s = super::super::signals::collect(&scraper::Html::parse_document(html));
        assert_eq!(published(&s, None, None, None).unwrap().day, "2020-04-29");
    }

    #[test]
    fn a_shown_neighbouring_day_replaces_an_unshown_utc_day() {
        let page = |chrome: &str, header: &str| {
            let html = format!(
                "<html><head><meta property=\"article:published_time\" \
                 content=\"2020-01-20T09:49:32+0000\"></head><body><p>{chrome}</p><h1>T</h1>\
                 <div class=\"date\">{header}</div></body></html>"
            );
            super::super::signals::collect(&scraper::Html::parse_document(&html))
        };
        let day = |s: &Signals| published(s, None, None, None).unwrap().day;
        assert_eq!(day(&page("", "January 19, 2020 / 12:25 PM")), "2020-01-19");
        // A day that is not a neighbour, in the site chrome: the declared day stands.
        assert_eq!(day(&page("January 22, 2020", "")), "2020-01-20");
        // A `<time>` giving the same moment in the outlet's zone keeps the time of day.
        let local = "<time datetime=\"2020-01-19T22:49:32-11:00\">January 19, 2020</time>";
        let s = page("", local);
        assert_eq!(
            published(&s, None, None, None).unwrap().render(),
            "2020-01-19T22:49:32-11:00"
        );
    }

    #[test]
    fn a_url_that_agrees_with_the_declared_day_is_arbitrated_like_it() {
        let html = "<html><head><meta name=\"pubdate\" content=\"2021-03-08T11:15:28Z\">\
            <meta name=\"lastmod\" content=\"2021-03-14T20:10:50Z\"></head><body><h1>T</h1>\
            <p>Updated 2010 GMT (0410 HKT) March 14, 2021</p></body></html>";
        let s = super::super::signals::collect(&scraper::Html::parse_document(html));
        let url = Some("https://news.test/2021/03/08/uk/story/index.html");
        assert_eq!(published(&s, None, None, url).unwrap().day, "2021-03-14");
    }

    fn declared_page(body: &str) -> Signals {
        let html = format!(
            "<html><head><meta property=\"article:published_time\" \
             content=\"2025-06-24T10:00:00+02:00\"></head><body>{body}</body></html>"
        );
        super::super::signals::collect(&scraper::Html::parse_document(&html))
    }

    #[test]
    fn a_dateline_under_the_headline_beats_an_unshown_declared_day() {
        let day = |body: &str| {
            published(&declared_page(body), None, None, None)
                .unwrap()
                .day
        };
        let header = "<h1>How much to charge</h1><p>Shauna Mitchell</p><p>August 25, 2024</p>";
        assert_eq!(day(header), "2024-08-25");
        // Far below the headline, a date is about something else.
        let far = format!(
            "<h1>T</h1>{}<p>August 25, 2024</p>",
            "<p>text</p>".repeat(20)
        );
        assert_eq!(day(&far), "2025-06-24");
        // A quoted post's date is the post's.
        let quoted = "<h1>T</h1><blockquote>Nice — Someone August 25, 2024</blockquote>";
        assert_eq!(day(quoted), "2025-06-24");
    }

    #[test]
    fn a_swapped_numeric_date_still_shows_the_declared_day() {
        let s = declared_page("<h1>T</h1><p>By X</p><p>06/24/2025</p><p>24/06/2025</p>");
        assert_eq!(published(&s, None, None, None).unwrap().day, "2025-06-24");
        let s = declared_page("<h1>T</h1><p>By X</p><time>06/11/2025</time>");
        assert!(shown_swapped(&s, "2025-11-06"));
        assert!(!shown_swapped(&s, "2025-06-11"));
    }

    #[test]
    fn a_labelled_publication_date_beats_an_unshown_declared_day() {
        let s = declared_page("<p>Posted on</p><p>April 13, 2023</p><h1>T</h1><p>x</p>");
        assert_eq!(published(&s, None, None, None).unwrap().day, "2023-04-13");
    }

    #[test]
    fn the_page_s_posted_label_beats_a_note_in_the_text_about_a_first_publication() {
        let s = page(
            "<html><body><h1>T</h1><p>Body. Update note: this post was originally published \
             on the 21st of June 2017 and updated on the 18th of July 2025.</p>\
             <div class=meta><span>Posted on April 13, 2023</span></div></body></html>",
        );
        assert_eq!(published(&s, None, None, None).unwrap().day, "2023-04-13");
        // With no label of its own, the page is dated by the note.
        let s = page(
            "<html><body><h1>T</h1><p>Body. This post was originally published on 26 Sep \
             2019.</p></body></html>",
        );
        assert_eq!(published(&s, None, None, None).unwrap().day, "2019-09-26");
    }

    #[test]
    fn without_a_declared_date_the_dateline_beats_sidebar_dates() {
        let html = "<html><body><aside><span class=\"date\">December 17, 2019</span></aside>\
            <h1>T</h1><p>By X</p><p>August 06, 2019</p><p>Body</p></body></html>";
        let s = super::super::signals::collect(&scraper::Html::parse_document(html));
        assert_eq!(published(&s, None, None, None).unwrap().day, "2019-08-06");
    }

    fn page(html: &str) -> Signals {
        super::super::signals::collect(&scraper::Html::parse_document(html))
    }

    #[test]
    fn marked_times_of_a_list_date_the_page_only_when_its_dateline_shows_them() {
        let item = |d: u8| {
            format!(
                "<li><time class=\"published\" datetime=\"2026-03-{d}\">Mar {d}, 2026</time></li>"
            )
        };
        let list = format!("<ul>{}{}{}</ul>", item(13), item(12), item(10));
        let html = format!(
            "<html><head><meta name=\"date\" content=\"March 27, 2025\"></head><body>{list}\
             <h1>T</h1><p>Mar 27, 2025</p><p>Body</p></body></html>"
        );
        assert_eq!(
            published(&page(&html), None, None, None).unwrap().day,
            "2025-03-27"
        );
        let shown = html.replace("Mar 27, 2025", "Mar 12, 2026");
        assert_eq!(
            published(&page(&shown), None, None, None).unwrap().day,
            "2026-03-12"
        );
    }

    #[test]
    fn without_a_declared_date_a_labelled_one_beats_the_dateline() {
        let html = "<html><body><h1>T</h1><p>30 Sep 2022</p><p>Body</p><p>This article was \
            originally published on 26 Sep 2019 at 4:12pm but has been updated.</p></body></html>";
        assert_eq!(
            published(&page(html), None, None, None).unwrap().day,
            "2019-09-26"
        );
    }

    #[test]
    fn the_date_shown_just_before_the_update_is_the_publication() {
        let html = "<html><head><meta property=\"article:modified_time\" \
            content=\"2025-12-07T13:33:15+00:00\"></head><body><h1>T</h1>\
            <p class=\"date\">December 3, 2025. <i>Updated: December 7, 2025</i></p></body></html>";
        assert_eq!(
            published(&page(html), None, None, None).unwrap().day,
            "2025-12-03"
        );
        let only_update = html.replace("December 3, 2025. ", "");
        let s = page(&only_update);
        assert_eq!(published(&s, None, None, None).unwrap().day, "2025-12-07");
    }

    #[test]
    fn a_shown_update_replaces_a_json_ld_date_but_not_an_open_graph_one() {
        let head = |meta: &str| {
            format!(
                "<html><head>{meta}<meta property=\"article:modified_time\" \
                 content=\"2025-11-06T20:40:44+00:00\"></head><body><h1>T</h1>\
                 <p>Last Updated Nov 6, 2025</p><p>Body</p></body></html>"
            )
        };
        let og = head("<meta property=\"article:published_time\" content=\"2025-02-12\">");
        let day =
            |html: &str, ld: Option<&str>| published(&page(html), ld, None, None).unwrap().day;
        assert_eq!(day(&og, None), "2025-02-12");
        assert_eq!(
            day(&head(""), Some("2025-02-12T23:21:00+00:00")),
            "2025-11-06"
        );
    }

    #[test]
    fn a_labelled_dateline_beats_a_declared_date_that_copies_the_update() {
        let html = "<html><body><h1>T</h1><div>Published <span>Apr 26, 2023</span></div>\
            <div>Updated <span>Aug 21, 2025</span></div><p>Body</p></body></html>";
        let s = page(html);
        let day = published(&s, Some("Aug 21, 2025"), Some("Aug 20, 2025"), None).unwrap();
        assert_eq!(day.day, "2023-04-26");
    }

    #[test]
    fn a_page_that_states_only_its_update_is_dated_by_it() {
        let html = "<html><head><meta property=\"article:modified_time\" \
            content=\"2023-06-12T10:39:42+00:00\"></head><body><h1>T</h1><p>x</p></body></html>";
        assert_eq!(
            published(&page(html), None, None, None).unwrap().day,
            "2023-06-12"
        );
    }

    #[test]
    fn unlisted_meta_keys_that_name_a_publication_date_count() {
        let html = "<html><head><meta name=\"w-published-date\" \
            content=\"2025-05-27T06:03:43.274Z\"><meta name=\"w-page-date-note\" \
            content=\"2019-09-12\"></head><body><h1>T</h1><p>x</p></body></html>";
        assert_eq!(
            published(&page(html), None, None, None).unwrap().day,
            "2025-05-27"
        );
    }
}
