//! The body of a page-text dump: which lines are the article's text, and how they become
//! Markdown. The run of prose lines that is the body goes on over short lines (subheadings,
//! list items, speaker turns) when prose follows within a few lines, skips furniture lines
//! ("Read also", "ads", photo credits), and ends where the page's own blocks begin: a
//! dateline, byline, widget word, copyright line or a heading such as "Related posts".

use std::sync::LazyLock;

use regex::Regex;

use super::widgets::{is_acronym, is_relative_time, is_share_bar};
use super::{byline, is_chrome_word, is_copyright, is_notice, views, Line};
use super::{listings, tables};
use crate::import::extract;
use crate::import::extract::block_headings;

/// Lines inside the body that are page furniture, not text (lowercase prefixes), beside the
/// other languages' "Read also" labels of [`block_headings::READ_ALSO`].
pub(super) const IN_BODY_CHROME: &[&str] = &[
    "read also",
    "read more",
    "see also",
    "related:",
    "related story",
    "related article",
    "advertisement",
    "ads",
    "реклама",
    "loading",
    // A media element's fallback text, shown when the player is not.
    "your browser does not support",
    "sponsor message",
    "photo credit",
    "image credit",
    "image:",
    "photo:",
    "credit:",
];

/// Short lines that end an article's text (lowercase prefixes): what follows them is the
/// page's, not the story's. The headings of listing blocks ([`LISTING_HEADINGS`]) end it too,
/// and so do the other languages' headings of [`block_headings`].
const END_MARKERS: &[&str] = &[
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "related reading",
    "related coverage",
    "rate this",
    "comments",
    "show comments",
    "you may also like",
    "you might also like",
    "more from",
    "read next",
    "recommended",
    "about the author",
    "already have an account",
    "filed under",
    "tags",
    "topics",
    "newsletter",
    "sign up",
    "subscribe",
    "follow us",
    "share",
];

/// The largest run of prose, as a range of line indices. A run goes on over short lines when
/// prose follows within [`prose_after_gap`]'s reach: subheadings, list items and captions of a
/// guide. A date, byline, widget word or end heading is where an article's text stops. Runs
/// under the heading of the readers' comments are not looked at once an article's worth of
/// prose came before it.
pub(super) fn body_range(lines: &[Line]) -> Option<(usize, usize)> {
    // Prose enough for a short article, more than a teaser or a standfirst holds.
    const ARTICLE_CHARS: usize = 600;
    let mut best: Option<(usize, usize, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        // Readers' comments can outrun a short article; they never are it. A count of comments
        // above a mere teaser is a link in the article's head, not the heading of the comments.
        if best.is_some_and(|(_, _, c)| c >= ARTICLE_CHARS) && opens_comments(&lines[i].text) {
            break;
        }
        if !lines[i].prose {
            i += 1;
            continue;
        }
        let (end, chars, next) = run_from(lines, i);
        if best.is_none_or(|(_, _, c)| chars > c) {
            best = Some((i, end, chars));
        }
        i = next;
    }
    best.map(|(s, e, _)| (s, e))
}

/// The run of prose that starts at the prose line `start`: where it ends (exclusive), how
/// many characters of prose it holds, and where the search for the next run goes on.
fn run_from(lines: &[Line], start: usize) -> (usize, usize, usize) {
    let mut end = start + 1;
    let mut chars = lines[start].text.chars().count();
    let mut j = end;
    while j < lines.len() {
        let line = &lines[j];
        if line.teaser {
            j += 1;
        } else if line.prose {
            chars += line.text.chars().count();
            end = j + 1;
            j += 1;
        } else if line.table && j == end {
            // A table under the text is the article's, even as its last part; its cells
            // are data rather than prose, and do not make the run longer.
            end = j + 1;
            j += 1;
        } else if is_end_marker(&line.text) {
            break;
        } else if line.is_in_body_chrome() {
            j += 1;
        } else if let Some(next) = prose_after_gap(lines, j) {
            j = next;
        } else {
            break;
        }
    }
    (end, chars, end.max(j))
}

/// The next prose line when the short lines from `j` on can sit inside an article's text:
/// at most `MAX_GAP` of them, none a dateline, byline, counter, notice or widget word.
fn prose_after_gap(lines: &[Line], j: usize) -> Option<usize> {
    // Feature lists of buying guides run to a dozen lines; menus are stopped by their widget
    // words and datelines rather than by length. Of 6, 14 and 20, 20 scored best on each of
    // the dump sets it was tried on (dumps-more: 0.866, 0.891, 0.904).
    const MAX_GAP: usize = 20;
    // Lines of a code listing, rows of a spec sheet and entries of a table of contents do not
    // count: they run as long as the article needs them to.
    let mut counted = 0;
    let gap_end = (j..lines.len()).find(|&k| {
        counted +=
            usize::from(!lines[k].code && !lines[k].spec && !lines[k].contents && !lines[k].table);
        lines[k].prose || counted > MAX_GAP
    })?;
    if !lines[gap_end].prose {
        return None;
    }
    // An acronym alone between two paragraphs is a subheading, though short enough for a button.
    if gap_end == j + 1 && is_acronym(&lines[j].text) {
        return Some(gap_end);
    }
    // A label of a listing (`.L5:`, `t:`) is as short as a button; beside code it is code,
    // and beside a table's rows a row's heading (`1st`, `Week 2`).
    let listing = |l: &Line| l.shaped_like_code || l.table;
    let beside_code =
        |k: usize| listing(&lines[k]) || listing(&lines[k + 1]) || k > 0 && listing(&lines[k - 1]);
    (j..gap_end)
        .map(|k| (k, &lines[k]))
        .all(|(k, l)| {
            l.table
                || (l.is_in_body_chrome() && !is_end_marker(&l.text))
                || (l.date.is_none()
                    && !is_relative_time(&l.text)
                    && !is_share_bar(&l.text)
                    && byline::byline(&l.text).is_none()
                    && views(&l.text).is_none()
                    && (!is_chrome_word(&l.text) || beside_code(k))
                    && !is_notice(&l.text)
                    && !is_copyright(&l.text)
                    && !is_end_marker(&l.text))
        })
        .then_some(gap_end)
}

/// Headings of a teaser for another story set inside an article's text (lowercase, without
/// a trailing colon). "Related posts" and the like head the lists after an article instead,
/// and "Read more" is as often the link under each excerpt of a list of posts.
/// The other languages' labels are [`block_headings::READ_ALSO`].
const TEASER_HEADINGS: &[&str] = &[
    "related",
    "related article",
    "related story",
    "read also",
    "also read",
    "see also",
];

/// Marks the teasers for other stories set inside an article: a heading ("Related"), the other
/// story's title and summary, and its byline, date or count, with the article's prose on both
/// sides. Its byline and date are the other story's: they neither end the article's text nor
/// date it.
pub(super) fn mark_inline_teasers(lines: &mut [Line]) {
    // The heading, title, summary and a count or two before the byline.
    const MAX_TEASER: usize = 5;
    for i in 1..lines.len() {
        if !lines[i - 1].prose || lines[i].words > 3 {
            continue;
        }
        let heading = lines[i].text.to_lowercase();
        let label = heading.trim_end_matches(':');
        if !TEASER_HEADINGS.contains(&label) && !block_headings::READ_ALSO.contains(&label) {
            continue;
        }
        let signs = |k: usize| {
            let text = &lines[k].text;
            lines[k].date.is_some() || is_relative_time(text) || byline::byline(text).is_some()
        };
        let Some(mut k) = (i + 2..lines.len().min(i + 1 + MAX_TEASER)).find(|&k| signs(k)) else {
            continue;
        };
        // A byline with its date under it.
        while k + 1 < lines.len() && signs(k + 1) {
            k += 1;
        }
        // The article goes on under it, maybe after a subheading or two.
        if lines.iter().skip(k + 1).take(3).any(|l| l.prose) {
            for line in &mut lines[i..=k] {
                line.teaser = true;
                line.date = None;
            }
        }
    }
}

/// The body's range when the headline is known to be at `headline`, far above the largest run
/// of prose (`start..end`): transcripts and listicles break the text into short lines (speaker
/// turns, captions, numbered steps) that end a run. The body then starts at the first two
/// prose lines in a row under the headline (a lone one is a standfirst or a teaser), provided
/// what lies between there and the run is mostly prose by length. When a heading of the
/// page's own blocks ("Recent Articles") lies between, the largest run is one of those blocks
/// (reviews, teasers) and the article is the run under the headline alone.
pub(super) fn range_under_headline(
    lines: &[Line],
    headline: usize,
    (start, end): (usize, usize),
) -> (usize, usize) {
    let Some(p) = (headline + 1..start).find(|&i| lines[i].prose && lines[i + 1].prose) else {
        return (start, end);
    };
    let gap = &lines[p..start];
    if gap.iter().any(|l| opens_listing(&l.text)) {
        return (p, run_from(lines, p).0);
    }
    let prose: usize = gap.iter().filter(|l| l.prose).map(|l| l.text.len()).sum();
    let all: usize = gap.iter().map(|l| l.text.len()).sum();
    if prose * 2 >= all {
        (p, end)
    } else {
        (start, end)
    }
}

/// Headings of the blocks a page lists after its article (other stories, comments), which
/// unlike "Read next" or "Sign up" boxes do not sit inside an article's text.
const LISTING_HEADINGS: &[&str] = &[
    "more articles",
    "more posts",
    "more videos",
    "more stories",
    "recent articles",
    "recent posts",
    "recent stories",
    "latest articles",
    "latest posts",
    "popular posts",
    "most popular",
    "most read",
    "leave a reply",
    "leave a comment",
];

/// Whether a short line heads a listing block after the article.
fn opens_listing(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.split_whitespace().count() <= 4
        && LISTING_HEADINGS
            .iter()
            .chain(block_headings::LISTINGS)
            .any(|m| lower.starts_with(m))
        || opens_comments(text)
}

/// Whether a line heads the readers' comments with their count: "10 comments:",
/// "Comments (4)", "12 thoughts on “…”", "3 responses to …". The count tells the heading from
/// a "Comments" link in a menu above the article.
fn opens_comments(text: &str) -> bool {
    static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:\d+\s+(?:\w+\s+)?(?:comments?|responses?|replies)\s*:?|\d+\s+(?:comments?|responses?|replies|thoughts)\s+(?:on|to)\s.+|comments?\s*\(\d+\))$",
        )
        .expect("valid regex")
    });
    text.split_whitespace().count() <= 12 && COUNTED.is_match(text.trim())
}

/// A short line between two prose lines, that is not a date, counter or notice.
fn is_subheading(lines: &[Line], j: usize) -> bool {
    let line = &lines[j];
    // A cited source's address under its title is no heading.
    let address = line.words == 1 && (line.text.contains("://") || line.text.starts_with("www."));
    !address
        && line.words <= 15
        && line.date.is_none()
        && views(&line.text).is_none()
        && (!is_chrome_word(&line.text) || is_acronym(&line.text))
        && j > 0
        && lines[j - 1].prose
        && lines.get(j + 1).is_some_and(|n| n.prose)
}

/// The body lines as Markdown: prose lines become paragraphs, a short line between two of
/// them a `##` subheading, other short lines (speaker turns, credits) plain paragraphs, and a
/// code listing one fenced block with its indentation.
pub(super) fn body_markdown(lines: &[Line]) -> String {
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&j| {
            let line = &lines[j];
            line.table
                || (!line.is_in_body_chrome()
                    && !is_furniture_line(line)
                    && !listings::is_copy_button(&line.text))
        })
        .collect();
    let in_listing = listings::listing_marks(lines, &kept);
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < kept.len() {
        if in_listing[at] {
            let run = in_listing[at..].iter().take_while(|&&m| m).count();
            let listing: Vec<&Line> = kept[at..at + run].iter().map(|&j| &lines[j]).collect();
            blocks.push(listings::code_block(&listing));
            at += run;
            continue;
        }
        let j = kept[at];
        if lines[j].table {
            let run = kept[at..]
                .iter()
                .enumerate()
                .take_while(|&(n, &k)| lines[k].table && k == j + n)
                .count();
            let rows: Vec<&Line> = kept[at..at + run].iter().map(|&k| &lines[k]).collect();
            blocks.push(tables::table_block(&rows));
            at += run;
            continue;
        }
        let text = extract::escape_text(&lines[j].text);
        blocks.push(if lines[j].prose || !is_subheading(lines, j) {
            text
        } else {
            format!("## {text}")
        });
        at += 1;
    }
    let mut body = blocks.join("\n\n");
    body.push('\n');
    body
}

/// Whether a line is the furniture the HTML extractor drops from an article's text too: a
/// sign-up call, a reading time, "Image 1 of 23", a photo credit. A paragraph of prose that
/// mentions a newsletter in passing and a spec sheet's `Video: 4K/30p` row are the article's.
fn is_furniture_line(line: &Line) -> bool {
    let chars = non_space_chars(&line.text);
    // A call to action may read as a sentence ("Subscribe to receive monthly updates about
    // the latest news."), but not as a paragraph: long prose is the article's.
    (!line.prose || chars < 100) && !line.spec && extract::is_furniture(&line.text, chars)
}

/// A line's length as the extractor counts a block's: its characters other than spaces.
pub(super) fn non_space_chars(text: &str) -> u32 {
    let count = text.chars().filter(|c| !c.is_whitespace()).count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// A short line after which the page goes on with its own blocks ("Related Story", "Leave a
/// Reply", "Filed under").
pub(super) fn is_end_marker(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.split_whitespace().count() <= 8
        && END_MARKERS
            .iter()
            .chain(LISTING_HEADINGS)
            .chain(block_headings::RELATED)
            .chain(block_headings::LISTINGS)
            .chain(block_headings::COMMENTS_AND_TAGS)
            .any(|m| lower.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::super::tests::STORY;
    use super::super::{parse, Line};
    use super::*;

    /// A comment longer than the article it answers.
    fn long_comment() -> String {
        "I have run a small shop for twenty years and this matches what I saw in my town. "
            .repeat(12)
    }

    #[test]
    fn a_longer_comment_under_the_comment_count_is_not_the_article() {
        let article = STORY.repeat(3);
        let dump = format!(
            "Blog\nThe teachers' march\n{article}Labels: schools\n3 comments:\n\
             Anna, March 3, 2026\n{}\nReply\n",
            long_comment()
        );
        let lines = Line::read_all(&dump);
        let (start, end) = body_range(&lines).unwrap();
        assert_eq!(
            (lines[start].text.as_str(), end - start),
            (STORY.lines().next().unwrap(), 9)
        );
        assert_eq!(
            parse(&dump, None).title.as_deref(),
            Some("The teachers' march")
        );
    }

    #[test]
    fn a_comment_count_in_the_head_does_not_cut_the_article_off() {
        let teaser = "Build new skills for your career with our courses on design and writing.";
        let dump = format!(
            "{teaser}\nThe teachers' march\nBy Jo Bloggs\n124 Comments\n{}\n{STORY}",
            long_comment()
        );
        let lines = Line::read_all(&dump);
        let (start, _) = body_range(&lines).unwrap();
        assert_eq!(lines[start].text, long_comment().trim());
    }

    #[test]
    fn a_river_of_timed_teasers_does_not_outrun_the_article() {
        let summary = "Officials said the cause of the crash is still under investigation today.";
        let river: String = (1..=12)
            .map(|n| format!("Story number {n} of the day\n{summary}\n{n}H ago  0{n}:15\n"))
            .collect();
        let dump = format!(
            "Rescue video released\n{}First published on November 19, 2019\nMore in U.S.\n{river}",
            STORY.repeat(2)
        );
        let lines = Line::read_all(&dump);
        let (start, end) = body_range(&lines).unwrap();
        assert_eq!((start, end), (1, 7));
    }

    #[test]
    fn runs_are_measured_in_characters_not_bytes() {
        // Korean takes three bytes a character: its teaser titles must not outweigh the text.
        let teasers =
            "연구 자료: 나노 구조체 표면의 선택적 기능화를 위한 자기 조립 단분자막 설계 방법론.\n\
                       research\n"
                .repeat(5);
        let dump = format!("{}Related Posts\n{teasers}", STORY.repeat(2));
        let (start, _) = body_range(&Line::read_all(&dump)).unwrap();
        assert_eq!(start, 0);
    }

    #[test]
    fn shared_items_under_a_you_may_like_heading_are_not_the_article() {
        let quote =
            "Força para vencer e fé para acreditar que tudo é possível, todos os dias da vida.";
        let items: String = (0..8)
            .map(|_| format!("{quote}\nWhatsapp   Facebook   Pint   Baixar\n"))
            .collect();
        let dump = format!("Só quem se ama\n{}Você pode gostar...\n{items}", STORY);
        let lines = Line::read_all(&dump);
        assert_eq!(body_range(&lines), Some((1, 4)));
    }

    #[test]
    fn the_headings_of_other_stories_end_the_text_in_the_region_s_languages() {
        let story =
            "Bakı şəhər şurası gecə boyu davam edən müzakirədən sonra büdcəni təsdiqlədi.\n\
                     Müxalifət planın ictimai nəqliyyata ayrılan vəsaiti azaltdığını bildirdi.\n";
        let teaser = "Gəncədə yeni məktəb binası tikilir və payızda şagirdlərin üzünə açılacaq.\n";
        for heading in [
            "Digər xəbərlər",
            "Другие новости",
            "Այլ նորություններ",
            "Останні новини",
        ] {
            let dump = format!("Menu\n{story}{heading}\n{teaser}{teaser}");
            let lines = Line::read_all(&dump);
            assert_eq!(body_range(&lines), Some((1, 3)), "{heading}");
        }
    }

    #[test]
    fn a_code_listing_with_dates_and_bare_names_stays_in_the_text() {
        let listing = "SELECT\n    schemaname,\n    last_analyze\nFROM pg_stat_user_tables\n    \
                       WHERE created_at > '2024-01-01'\n);\n";
        let dump = format!("{STORY}{listing}{STORY}");
        let lines = Line::read_all(&dump);
        assert_eq!(body_range(&lines), Some((0, lines.len())));
    }

    #[test]
    fn labels_and_diagram_lines_of_a_listing_stay_in_the_text() {
        let asm = "t:\n    test    rdi, rdi   ; is it 0\n    je      .L5\n.L5:\n    ret\n";
        let diagram = "┌────────┐\n│  Web   │\n└───┬────┘\n▼\n";
        for listing in [asm, diagram] {
            let dump = format!("{STORY}{listing}{STORY}");
            let lines = Line::read_all(&dump);
            assert_eq!(body_range(&lines), Some((0, lines.len())), "{listing}");
        }
    }

    #[test]
    fn a_teaser_set_inside_the_article_neither_ends_nor_dates_it() {
        let teaser = "Related\nFour tools that save time\n\
                      Save time and streamline your workflow with these tools for your PC.\n\
                      Posts 2\nBy Sam Roe\nMarch 3, 2026\nHow I set it up\n";
        let dump = format!(
            "The teachers' march\nBy Jo Bloggs\n{STORY}{teaser}{}",
            STORY.repeat(2)
        );
        let mut lines = Line::read_all(&dump);
        mark_inline_teasers(&mut lines);
        assert_eq!(body_range(&lines), Some((2, lines.len())));
        let body = body_markdown(&lines[2..]);
        for other in ["Related", "Four tools", "Save time", "Sam Roe", "March 3"] {
            assert!(!body.contains(other), "{other}: {body}");
        }
        assert!(body.contains("How I set it up"));
        let article = parse(&dump, None);
        assert_eq!(article.authors, ["Jo Bloggs"]);
        assert_eq!(article.date, None);
    }

    #[test]
    fn read_more_under_each_excerpt_of_a_list_is_no_teaser() {
        let excerpt =
            "Navigating the benefits system can be overwhelming for anyone, the firm says.";
        let dump = format!("{STORY}Read More\nWhy choose us\nMarch 27, 2025\n{excerpt}\n");
        let mut lines = Line::read_all(&dump);
        mark_inline_teasers(&mut lines);
        assert!(lines.iter().all(|l| !l.teaser));
        assert_eq!(body_range(&lines), Some((0, 3)));
    }

    #[test]
    fn furniture_lines_inside_the_text_are_left_out_but_prose_about_newsletters_is_not() {
        let aside = "Newsletters bring readers back: the town paper won a thousand subscribers \
                     with its free weekly newsletter, the editor said.";
        let dump = format!(
            "{STORY}Image 1 of 23\n12 min read\nSubscribe to our newsletter.\n\
             Video: 4K/30p, Full HD 120p\n{aside}\n{STORY}"
        );
        let body = body_markdown(&Line::read_all(&dump));
        for furniture in ["Image 1 of 23", "12 min read", "Subscribe to"] {
            assert!(!body.contains(furniture), "{furniture}");
        }
        assert!(body.contains("Video: 4K/30p") && body.contains("free weekly newsletter"));
    }

    #[test]
    fn an_address_between_two_paragraphs_is_no_subheading() {
        let dump = format!("{STORY}https://pmc.ncbi.nlm.nih.gov/articles/PMC5094759/\n{STORY}");
        let body = body_markdown(&Line::read_all(&dump));
        assert!(body.contains("\n\nhttps://pmc.ncbi.nlm.nih.gov/articles/PMC5094759/\n\n"));
        assert!(!body.contains("## https"));
    }

    #[test]
    fn comment_headings_carry_a_count() {
        for heading in [
            "10 comments:",
            "124 Reader Comments",
            "Comments (4)",
            "12 thoughts on “The march”",
            "3 Responses",
        ] {
            assert!(opens_comments(heading), "{heading}");
        }
        for line in [
            "Comments",
            "Show comments",
            "10 comments were removed by the moderators today",
        ] {
            assert!(!opens_comments(line), "{line}");
        }
    }
}
