//! The head of a page-text dump: headline, dateline, byline and section, read from the lines
//! above the body.
//!
//! The headline is the best headline-shaped line a little above the body (kickers, standfirsts,
//! bylines, dates and share buttons come between them). Three signals rank the candidates: the
//! words of the article's URL slug (`/heres-how-to-maintain-healthy-smartphone-habits`), which
//! outlets build from the headline; a byline or date right under the line; a standfirst right
//! under it. Without any of them the nearest candidate wins.

use super::body::{is_end_marker, non_space_chars};
use super::byline::{authors, byline, MORE_LINES};
use super::dateline::date_under_headline;
use super::slug::{
    holds_word, line_spelling_address, names_slug, slug_words_of, title_from_address,
};
use super::{is_chrome_word, section, Line};
use crate::import::extract::{date_in_url, is_furniture_label, Extracted};

/// How far above the body the headline may sit, in non-empty lines.
const HEAD_LINES: usize = 15;
/// How many lines over the text a labelled byline is looked for when none is under the
/// headline.
const BYLINE_OVER_TEXT: usize = 6;
/// How far under the headline its dateline and byline may sit.
const DATELINE_LINES: usize = 12;

/// Headline, date, bylines and section from the lines above the body. `url` is the article's
/// address when the user gave it, `slug` its words and `anchor` the line they name
/// ([`super::slug::slug_headline`]); without an anchor the lines are ranked.
pub(super) fn head(
    lines: &[Line],
    start: usize,
    url: Option<&url::Url>,
    slug: &[String],
    anchor: Option<usize>,
    out: &mut Extracted,
) {
    let above = &lines[..start];
    let title_at = anchor.or_else(|| headline(lines, start, slug));
    // The dateline and byline sit between the headline and the body.
    let (from, to) = match title_at {
        Some(t) => (t + 1, above.len().min(t + 1 + DATELINE_LINES)),
        None => (above.len().saturating_sub(8), above.len()),
    };
    out.authors = authors(lines, title_at, (from, to));
    if out.authors.is_empty() && title_at.is_some() {
        // A labelled byline right over the text, when the one under the headline is not
        // where the headline's position says (a standfirst or a picture between them).
        out.authors = above[above.len().saturating_sub(BYLINE_OVER_TEXT)..]
            .iter()
            .find_map(|l| byline(&l.text))
            .into_iter()
            .collect();
    }
    read_dates(&above[from..to], out);
    if out.date.is_none() && title_at.is_some() {
        // The dateline may sit where the byline does, a few lines on (see `byline::authors`).
        let reach = lines.len().min(to + MORE_LINES);
        read_dates(&lines[to..reach], out);
        // Or share its line with a category, a name or tags and no label.
        if out.date.is_none() {
            let found = lines[from..reach]
                .iter()
                .filter(|l| !l.prose && !l.code)
                .find_map(|l| date_under_headline(&l.text));
            match found {
                Some((date, true)) => {
                    out.updated.get_or_insert(date);
                }
                Some((date, false)) => out.date = Some(date),
                None => {}
            }
        }
    }
    if let Some(t) = title_at {
        out.title = Some(clean_headline(&above[t].text));
        if anchor.is_none() && !names_slug(&above[t].text, slug) {
            // The copy left the headline out (it sat beside the text, or in an image): the
            // words of the address say more about the article than a promotion line does.
            out.title = url
                .and_then(|u| title_from_address(lines, u))
                .or(out.title.take());
        }
        if out.date.is_none() {
            // Some pages print the date above the headline.
            out.date = above[..t].iter().rev().take(4).find_map(|l| l.date.clone());
        }
        let host = url.and_then(|u| u.host_str());
        out.section = section::section(above, t, out.site_name.as_deref(), host);
    } else {
        // No line above the text reads as its headline (a long menu fills the head): a line
        // elsewhere that spells the address is it. The address's words alone are not enough
        // here: a copy with no headline anywhere often missed the article too (a blurb, a
        // terms page), and is better reported than imported.
        out.title = url.and_then(|u| line_spelling_address(lines, u));
    }
    if out.date.is_none() {
        out.date = url.and_then(|u| date_in_url(u.as_str()));
    }
}

/// The first publication date and the first update date the datelines among `lines` hold,
/// where `out` has none yet.
fn read_dates(lines: &[Line], out: &mut Extracted) {
    for line in lines {
        if let Some(date) = &line.date {
            if line.update {
                out.updated.get_or_insert_with(|| date.clone());
            } else if out.date.is_none() {
                out.date = Some(date.clone());
            }
        }
    }
}

/// The index of the headline among the lines above the body.
fn headline(lines: &[Line], start: usize, slug: &[String]) -> Option<usize> {
    let above = &lines[..start];
    let mut best: Option<(usize, u32)> = None;
    let mut prose_lines = 0;
    // A table of contents between headline and body does not count towards the reach.
    let mut reach = 0;
    for i in (0..above.len()).rev() {
        let line = &above[i];
        if line.contents {
            continue;
        }
        reach += 1;
        if reach > HEAD_LINES {
            break;
        }
        if line.prose && !reads_as_headline(lines, i) {
            // One standfirst may sit between headline and body; a second prose line is
            // another block of the page.
            prose_lines += 1;
            continue;
        }
        if line.text.len() > 300 {
            break;
        }
        if !is_headline_shaped(line) {
            continue;
        }
        let score = headline_score(lines, i, slug);
        // Above a second prose line comes another block of the page, unless the line has
        // the headline's own byline or dateline under it (the text started above a product
        // box or a disclosure, not where the body was taken from).
        if prose_lines > 1 && score < DATELINE_BONUS {
            continue;
        }
        // Iterating upwards, a tie keeps the line nearest the body.
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// A line read as prose for its length or its end that can still be a headline: a short
/// question or exclamation (`Is it really always the DNS?`), a long line that does not end
/// like a sentence (`Top 6 CRMs for Business Success in 2026 (and How to Get More From Each)`),
/// or a short sentence with a byline or dateline right under it (`Things to Know Before
/// Travelling to Japan.` over `By Shivya Nath 12th February 2025`).
pub(super) fn reads_as_headline(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    let text = line.text.trim_end();
    (line.words <= 15 && (text.ends_with(['?', '!']) || over_dateline(lines, i)))
        || (line.words <= 30 && !text.ends_with(['.', '…', ':', ';']))
}

/// Whether a short line in title case has a byline or a dateline right under it: a headline
/// that ends with a full stop. (A standfirst over the byline is written in sentence case.)
fn over_dateline(lines: &[Line], i: usize) -> bool {
    let long_words: Vec<&str> = lines[i]
        .text
        .split_whitespace()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capitalised = long_words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    lines[i].words <= 15
        && capitalised * 5 >= long_words.len() * 3
        && lines
            .get(i + 1)
            .is_some_and(|next| next.date.is_some() || byline(&next.text).is_some())
}

/// Several words that are not a date, a byline, a widget label or a short `Label: value` line
/// (`Tags: DNS, outages`; a headline may open with a source, `Reuters: ISIS seeks …`).
pub(super) fn is_headline_shaped(line: &Line) -> bool {
    let labelled = line.words <= 5
        && line
            .text
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with(':'));
    // A short line cut off with dots is a teaser or a breadcrumb step that shortened the
    // headline (`What Are the Latest Scientific Trends...`), not the headline.
    let cut_off = line.text.ends_with("...") || line.text.ends_with('…');
    (3..=30).contains(&line.words)
        && !cut_off
        && line.date.is_none()
        && !is_end_marker(&line.text)
        && byline(&line.text).is_none()
        && !labelled
        && !line.contents
        && !is_chrome_word(&line.text)
        && !is_furniture_label(&line.text, non_space_chars(&line.text))
        && !names_a_widget(&line.text)
}

/// A line that names a piece of the page rather than the story: a logo's or an icon's
/// description (`American Marketing Association Logo`), a menu button (`Apps Menu Toggle`),
/// the privacy link of a footer (`Do Not Sell My Personal Information`).
fn names_a_widget(text: &str) -> bool {
    let lower = text.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    matches!(last, "logo" | "icon")
        || lower.contains("menu toggle")
        || lower.contains("toggle menu")
        || lower.starts_with("do not sell")
}

/// What a byline or date right under a line adds to its headline score.
const DATELINE_BONUS: u32 = 2;

/// How much a candidate line looks like the headline (see the module header). The lines under
/// it are read on into the body: a headline's standfirst and byline may open the text run.
fn headline_score(lines: &[Line], i: usize, slug: &[String]) -> u32 {
    let mut score = 0;
    if slug.len() >= 3 {
        let words = slug_words_of(&lines[i].text);
        let matched = slug.iter().filter(|w| holds_word(&words, w)).count();
        score += (10 * matched / slug.len()) as u32;
    }
    let below = &lines[i + 1..lines.len().min(i + 4)];
    if below
        .iter()
        .any(|l| l.date.is_some() || byline(&l.text).is_some())
    {
        score += DATELINE_BONUS;
    }
    // A standfirst under it; not a headline written as a sentence over its own byline.
    if lines.get(i + 1).is_some_and(|l| l.prose) && !over_dateline(lines, i + 1) {
        score += 1;
    }
    score
}

/// What separates the steps of a breadcrumb trail (a slash too, but a slash also separates
/// the parts of a headline, so a trail of slashes does not give its last step as headline).
pub(super) const TRAIL_SEPARATORS: &[&str] = &[" » ", " › ", " > ", " ▸ ", " ▶ ", " → "];

/// A breadcrumb trail (`Home » Archive » The headline?`, `Home / News / …`): navigation, even
/// when its last step makes it long or ends it with a question mark.
pub(super) fn is_trail(text: &str) -> bool {
    // From the home page, one step is enough to tell (`Home > Long-Distance Movers`).
    let steps = if text.starts_with("Home ") || text.starts_with("HOME ") {
        1
    } else {
        2
    };
    TRAIL_SEPARATORS
        .iter()
        .chain([" / "].iter())
        .any(|sep| text.matches(sep).count() >= steps)
        || glued_trail_end(text).is_some()
}

/// The last step of a trail whose steps a copy ran together (`HomeOtherThe best books of
/// 2025`, `HomeHome ProductsResource centerCybersecurity Tips`): it opens with "Home" glued to
/// a capital, and each step starts with a capital glued to the one before.
fn glued_trail_end(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("Home")?;
    if !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let last = glued_at(rest).last().unwrap_or(0);
    Some(rest[last..].trim())
}

/// Where a copy ran two words together: the byte offsets of capitals right after a lower-case
/// letter (`HomeOther` → 4).
pub(super) fn glued_at(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices()
        .scan(' ', |prev, (i, c)| {
            let glued = prev.is_lowercase() && c.is_uppercase();
            *prev = c;
            Some((i, glued))
        })
        .filter_map(|(i, glued)| glued.then_some(i))
}

/// A headline without the section or outlet some pages print after a bar:
/// `How meditation rewires brains | Opinion` → `How meditation rewires brains`.
fn clean_headline(text: &str) -> String {
    // A breadcrumb trail that ends with the headline (`Home » Blogs » The headline`).
    let trail_end = TRAIL_SEPARATORS.iter().find_map(|sep| {
        let last = text.rsplit(sep).next()?;
        (text.matches(sep).count() >= 2 && last.split_whitespace().count() >= 3).then_some(last)
    });
    let trail_end = trail_end
        .or_else(|| glued_trail_end(text).filter(|last| last.split_whitespace().count() >= 3))
        .or_else(|| rooted_trail_end(text));
    if let Some(last) = trail_end {
        return last.trim().to_string();
    }
    match text.rsplit_once(" | ") {
        Some((head, tail)) if tail.split_whitespace().count() <= 3 && !head.trim().is_empty() => {
            head.trim().to_string()
        }
        _ => text.to_string(),
    }
}

/// The last step of a trail drawn with separators that also sit inside headlines (`Home -
/// Library - Blog - The headline`, `Newsroom/Online learning tips/The headline`, `Home · Farm ·
/// The headline`): only a trail that opens with a site's root is one.
fn rooted_trail_end(text: &str) -> Option<&str> {
    const ROOTS: &[&str] = &["home", "blog", "news", "newsroom", "главная", "новости"];
    [" - ", " – ", " · ", " • ", "/"].iter().find_map(|sep| {
        let steps: Vec<&str> = text.split(sep).map(str::trim).collect();
        let (last, before) = steps.split_last()?;
        let rooted = before
            .first()
            .is_some_and(|root| ROOTS.contains(&root.to_lowercase().as_str()));
        let short_steps = before
            .iter()
            .all(|s| (1..=4).contains(&s.split_whitespace().count()));
        (rooted && short_steps && last.split_whitespace().count() >= 3).then_some(*last)
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::super::tests::{url, STORY};

    #[test]
    fn the_text_under_a_headline_counts_for_it_though_the_body_starts_there() {
        // A promotion line over a sentence of its own must not beat the headline whose
        // standfirst opens the body.
        let dump = format!(
            "Menu\nOur readers love the weekly digest\n\
             Join thousands of readers who get our best stories every single week!\n\
             Home\nEleven trends shaping work next year\n{STORY}"
        );
        let a = parse(&dump, None);
        assert_eq!(
            a.title.as_deref(),
            Some("Eleven trends shaping work next year")
        );
    }

    #[test]
    fn a_bylined_headline_is_found_above_a_disclosure_and_a_product_box() {
        // A review whose longest run of text starts under a product box ("Amp / FROM /
        // $1,795 at ampfit.com"), so a disclosure and the opening paragraph sit between that
        // start and the headline with its byline and date.
        let dump = super::super::tests::fixture_dump("dumps-more/0039.txt");
        assert_eq!(
            parse(&dump, None).title.as_deref(),
            Some("I Tried Amp, the AI Strength Training System — and It May Replace My Gym Membership")
        );
    }

    #[test]
    fn a_question_headline_read_as_the_text_s_first_sentence_is_still_the_headline() {
        // With no dateline under it, the question runs straight into the text.
        let dump = format!(
            "Menu\nPrint/Save as PDF\nSHARE\nChoosing plumbing material: what's the difference?\n\
             {STORY}"
        );
        let u = url("https://flow.example/blog/choosing-plumbing-material-whats-the-difference");
        let a = parse(&dump, Some(&u));
        assert_eq!(
            a.title.as_deref(),
            Some("Choosing plumbing material: what's the difference?")
        );
        assert!(!a.body.contains("Choosing"), "{}", a.body);
        assert!(a.body.starts_with("The union said"), "{}", a.body);
    }

    #[test]
    fn a_page_that_shows_only_its_update_is_dated_by_it() {
        let dump = format!("Menu\nTen ways to keep a garden\nLast updated: Sep 4, 2025\n{STORY}");
        let a = parse(&dump, None);
        assert_eq!(a.date.as_deref(), Some("2025-09-04"));
        assert_eq!(a.updated.as_deref(), Some("2025-09-04"));
    }

    #[test]
    fn a_reading_time_or_a_related_link_is_no_headline_but_a_newsletter_s_story_is() {
        let h = "34 Top Photography Trends in 2025";
        let dump = format!("{h}\nby Taya Iv\n16 min read\n{STORY}");
        assert_eq!(parse(&dump, None).title.as_deref(), Some(h));
        let h = "I built a tool that creates a weekly newsletter digest";
        let dump = format!("Menu\n{h}\nRelated: Students aren't benefiting from tutoring\n{STORY}");
        assert_eq!(parse(&dump, None).title.as_deref(), Some(h));
    }

    #[test]
    fn headline_lines_are_told_from_labels_bylines_and_questions() {
        let dump = format!(
            "Menu\nIs it really always the DNS?\nBy George Michaelson on 19 Dec 2025\n\
             Category: Tech matters\nTags: DNS, outages\n{STORY}"
        );
        let a = parse(&dump, None);
        assert_eq!(a.title.as_deref(), Some("Is it really always the DNS?"));
        assert_eq!(a.date.as_deref(), Some("2025-12-19"));
        assert_eq!(a.authors, vec!["George Michaelson".to_string()]);
        let dump = format!(
            "How meditation rewires brains | Opinion\nBy Daniel Renfrow April 12, 2024\n{STORY}"
        );
        let a = parse(&dump, None);
        assert_eq!(a.title.as_deref(), Some("How meditation rewires brains"));
        assert_eq!(a.date.as_deref(), Some("2024-04-12"));
        assert_eq!(a.authors, vec!["Daniel Renfrow".to_string()]);
        // A headline written as a sentence, over its byline.
        let h = "Things to Know Before Travelling to Japan for the First Time.";
        let dump = format!("The Shooting Star\n{h}\nByShivya Nath 12th February 2025\n{STORY}");
        let a = parse(&dump, None);
        assert_eq!(a.title.as_deref(), Some(h));
        assert_eq!(a.date.as_deref(), Some("2025-02-12"));
        // A standfirst sentence over the byline is no headline.
        let h = "The 7 Biggest Diet and Nutrition Trends in 2025, According to Nutritionists";
        let dump = format!("Diets\n{h}\nProtein continues to be huge.\nBy Korin Miller\n{STORY}");
        assert_eq!(parse(&dump, None).title.as_deref(), Some(h));
        // A name with degrees is a byline, though its words are in the address too.
        let dump = format!(
            "5 Trends from Nutrition 2025\nReport this article\nDylan Bailey, MS, RD, FAND\n\
             Published Jun 4, 2025\n{STORY}"
        );
        let link = url("https://example.com/pulse/5-trends-from-nutrition-2025-dylan-bailey-ms-rd");
        let a = parse(&dump, Some(&link));
        assert_eq!(a.title.as_deref(), Some("5 Trends from Nutrition 2025"));
        assert_eq!(a.date.as_deref(), Some("2025-06-04"));
        assert_eq!(a.authors, vec!["Dylan Bailey".to_string()]);
    }

    #[test]
    fn a_logo_a_menu_button_or_a_privacy_link_is_no_headline() {
        let headline = "Fifteen language learning apps compared";
        for widget in [
            "American Marketing Association Logo",
            "Language Learning Apps Menu Toggle",
            "Do Not Sell My Personal Information",
        ] {
            // Nearest the text, the widget would win a tie.
            let dump = format!("{headline}\n{widget}\n{STORY}");
            assert_eq!(
                parse(&dump, None).title.as_deref(),
                Some(headline),
                "{widget}"
            );
        }
    }

    #[test]
    fn a_trail_from_the_site_root_gives_its_last_step_whatever_the_separator() {
        for (line, headline) in [
            (
                "Home - Library - Blog - How Machine Learning Personalizes Shopping",
                "How Machine Learning Personalizes Shopping",
            ),
            (
                "Newsroom/Online learning tips/Graphic technology vs. graphic design",
                "Graphic technology vs. graphic design",
            ),
            (
                "Home · Farm · Six Gardening Shows to Watch",
                "Six Gardening Shows to Watch",
            ),
            // A headline with a dash or a slash in it is no trail.
            (
                "Rust 2026 - What the New Edition Brings",
                "Rust 2026 - What the New Edition Brings",
            ),
            (
                "AC/DC announce their farewell tour dates",
                "AC/DC announce their farewell tour dates",
            ),
        ] {
            assert_eq!(super::clean_headline(line), headline);
        }
    }

    #[test]
    fn long_headlines_are_told_from_prompts_and_breadcrumb_trails() {
        // Seventeen words, no full stop: long enough to read as prose, shaped as a headline.
        let long =
            "Top 6 CRMs for Business Success in 2026 (and How to Get More From Each With CTM)";
        let dump = format!("Legal Services\nSIGN UP FOR OUR NEWSLETTER\nAnalytics\n{long}\nby Andrew Clark\n{STORY}");
        let a = parse(&dump, None);
        assert_eq!(a.title.as_deref(), Some(long));
        assert_eq!(a.authors, vec!["Andrew Clark".to_string()]);
        let dump = format!(
            "Home / Technique / Photography / Beginner's guide to camera types\n\
             Beginner's guide to camera types\nLearn how to choose the right camera with our guide.\n\
             Joshua Waller\n{STORY}"
        );
        let page = url("https://photo.test/technique/beginners-guide-to-camera-types/");
        let a = parse(&dump, Some(&page));
        assert_eq!(a.title.as_deref(), Some("Beginner's guide to camera types"));
        // Nearest the text, the trail itself wins the ranking: its last step is the headline.
        let dump = format!(
            "Smartphone basics for older adults\nMenu\nHome » Blogs » Smartphone basics for \
             older adults\n{STORY}"
        );
        let a = parse(&dump, None);
        assert_eq!(
            a.title.as_deref(),
            Some("Smartphone basics for older adults")
        );
        // A trail ending with a question reads like a sentence, but is no part of the text.
        let q = "Do millennials have the best personal finance habits?";
        let dump = format!(
            "I have an offer code\nHome » Archive » Financial literacy » {q}\n{q}\n{STORY}"
        );
        let page = url("https://loans.test/blog/millennials-personal-finance-habits");
        let a = parse(&dump, Some(&page));
        assert_eq!(a.title.as_deref(), Some(q));
        assert!(a.body.starts_with("The union said"), "{}", a.body);
        // A trail whose steps the copy ran together.
        let dump = format!("Menu\nHomeOtherThe best fantasy and horror books of 2025\n{STORY}");
        assert_eq!(
            parse(&dump, None).title.as_deref(),
            Some("The best fantasy and horror books of 2025")
        );
        // Triangles for separators; a step shortened with dots is no headline either.
        let full =
            "What Are the Latest Scientific Trends in Psychiatry and How Will They Impact Care?";
        let dump = format!(
            "Home ▸ News Release ▸ {full}\nWhat Are the Latest Scientific Trends...\nShare\n\
             {full}\nDecember 24, 2024\n{STORY}"
        );
        let page = url("https://apa.test/news/what-are-the-latest-scientific-trends-in-psychiatr");
        let a = parse(&dump, Some(&page));
        assert_eq!(a.title.as_deref(), Some(full));
        let dump = format!("Menu\nHome ▸ News Release ▸ Meditation lowers stress markers\n{STORY}");
        assert_eq!(
            parse(&dump, None).title.as_deref(),
            Some("Meditation lowers stress markers")
        );
    }

    #[test]
    fn a_transcript_is_read_from_the_first_paragraphs_under_the_headline() {
        let turns =
            "HOST: Yeah.\nGUEST: Right.\nCROWD: (Chanting) Boot.\nHOST: Everybody got it?\n";
        let dump = format!(
            "Menu\nPlumbers step in so teachers can protest\nBy Sergio Ruiz\n\
             A lone teaser line that stands under the headline here.\nSponsor Message\n\
             The legislature meets this week, and school vouchers are the main issue again.\n\
             It's a Saturday afternoon in Austin, and hundreds gather at the Capitol.\n\
             {turns}{STORY}"
        );
        let page = url("https://news.test/plumbers-step-in-so-teachers-can-protest");
        let a = parse(&dump, Some(&page));
        // The standfirst under the headline opens the body, as news archives keep it.
        assert!(a.body.starts_with("A lone teaser line"), "{}", a.body);
        assert!(a.body.contains("HOST: Yeah.") && a.body.contains("Organisers expect"));
        assert!(
            !a.body.contains("## ") && !a.body.contains("Sponsor"),
            "{}",
            a.body
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Plumbers step in so teachers can protest")
        );
        // The speaker turns are short lines with prose after them: the run goes on over them
        // without the URL too.
        assert_eq!(parse(&dump, None).body, a.body);
    }
}
