//! What each line of a page-text dump is: prose, a dateline, an update, a credit, a line of
//! code or of a table of contents. The article's parts are then found from these shapes
//! (`body`, `head`); the widgets between them are told apart in `widgets`.

use super::listings::{
    is_contents_heading, is_copy_button, is_indented, is_spec_line, looks_like_code, Contents,
};
use super::{body, dateline, head, is_copyright, is_notice, widgets};
use crate::import::extract::{self, published_label, PUBLISHED_LABELS, UPDATE_LABELS};
use crate::import::text::trim_unseen;
use crate::import::textdate::{date_in_line, is_month_name};

/// A line whose text is written twice with nothing between (`30 January 2025 / 23:07
/// GMT30 January 2025 / 23:07 GMT`, `MENUMENU`): layouts render one element for small and one
/// for large screens, and the copied text runs both together. One copy is the line.
fn undoubled(text: String) -> String {
    let half = text.len() / 2;
    let doubled = text.len() >= 8
        && text.len().is_multiple_of(2)
        && text.is_char_boundary(half)
        && text[..half] == text[half..];
    if doubled {
        text[..half].to_string()
    } else {
        text
    }
}

/// The dump's lines with each drop cap put back on its paragraph: a magazine layout sets the
/// first letter apart, and the copy holds it as a line of its own ("D", then "uring the
/// pandemic…"), which would read as a one-letter heading and cut the word.
fn join_drop_caps(text: &str) -> Vec<String> {
    let raw: Vec<&str> = text.lines().collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let letter = raw[i].trim();
        let is_cap = letter.chars().count() == 1 && letter.chars().all(char::is_uppercase);
        let next = is_cap
            .then(|| (i + 1..raw.len()).find(|&k| !raw[k].trim().is_empty()))
            .flatten();
        match next {
            Some(k) if raw[k].trim_start().starts_with(char::is_lowercase) => {
                out.push(format!("{letter}{}", raw[k].trim_start()));
                i = k + 1;
            }
            _ => {
                out.push(raw[i].to_string());
                i += 1;
            }
        }
    }
    out
}

/// The marks that end a sentence, in the scripts of the archive's sources.
const SENTENCE_ENDS: [char; 13] = [
    '.', '!', '?', '…', ':', ';', '։', '。', '！', '？', '؟', '।', '۔',
];

/// One non-empty line with what it was recognised as.
#[derive(Default)]
pub(super) struct Line {
    pub(super) text: String,
    /// The whitespace before the text in the dump: a code listing's indentation.
    pub(super) lead: String,
    /// Whether blank lines came before it.
    pub(super) blank_before: bool,
    pub(super) words: usize,
    /// A sentence or a long line: article text rather than a label.
    pub(super) prose: bool,
    /// The date the line holds, when it is a short dateline.
    pub(super) date: Option<String>,
    /// Whether that date is an update's ("Updated: …").
    pub(super) update: bool,
    /// Whether the line reads as a line of a code block (indented, or shaped like code).
    pub(super) code: bool,
    /// Whether the line itself is indented or shaped like code, not merely under a copy button.
    pub(super) shaped_like_code: bool,
    /// Whether the line is a `Label: value` row of a spec sheet (`Max speed: 55-65 km/h`).
    pub(super) spec: bool,
    /// Whether the line is a table of contents' heading ("Jump to:") or one of its entries.
    pub(super) contents: bool,
    /// Whether the line is part of a teaser for another story set inside the article.
    pub(super) teaser: bool,
    /// Whether the line is a table row, its cells separated by tabs.
    pub(super) table: bool,
    /// Whether the line credits the table above it ("© A.M. Best Company — used by
    /// permission"): part of the article, not the site's copyright line.
    pub(super) table_credit: bool,
}

impl Line {
    /// The non-empty lines of a dump, in order. Lines under a code block's copy button, up to
    /// the next prose line, are the block's even when nothing else marks them. The entries of
    /// a table of contents are the lines under its heading up to the first blank line after
    /// them (or the next prose line).
    pub(super) fn read_all(text: &str) -> Vec<Line> {
        let mut in_listing = false;
        let mut contents = Contents::Outside;
        let mut lines = Vec::new();
        let mut blank_before = false;
        for raw in &join_drop_caps(text) {
            // Page builders put a zero-width joiner in "empty" paragraphs: the line is blank.
            if trim_unseen(raw).is_empty() {
                if contents == Contents::Entries {
                    contents = Contents::Outside;
                }
                blank_before = true;
                continue;
            }
            let indented = is_indented(raw);
            let spaced = raw.replace('\u{a0}', " ");
            let mut line = Line::new(trim_unseen(&spaced).to_string());
            line.lead = spaced[..spaced.len() - spaced.trim_start().len()].to_string();
            line.blank_before = std::mem::take(&mut blank_before);
            in_listing = !line.prose && (in_listing || is_copy_button(&line.text));
            // A text browser indents list items under their bullet: no code.
            let bulleted = line
                .text
                .starts_with(['•', '◦', '▪', '□', '■', '○', '●', '·']);
            // A row whose first cell is empty starts with a tab, like an indented line.
            line.table = super::tables::is_table_row(&spaced) && !looks_like_code(&line.text);
            line.shaped_like_code =
                !line.table && ((indented && !bulleted) || looks_like_code(&line.text));
            line.code = !line.table && (line.shaped_like_code || indented || in_listing);
            // `WHERE created_at > '2024-01-01'` in a listing is no dateline. (A listing found
            // only by a copy button keeps its dates: "Copy" is also a share bar's link button.)
            if line.shaped_like_code {
                line.date = None;
            }
            line.spec = is_spec_line(&line.text);
            contents = if line.prose {
                Contents::Outside
            } else if is_contents_heading(&line.text) {
                Contents::Heading
            } else if contents == Contents::Outside {
                Contents::Outside
            } else {
                Contents::Entries
            };
            line.contents = contents != Contents::Outside;
            line.table_credit = !line.table
                && lines.last().is_some_and(|above: &Line| above.table)
                && is_copyright(&line.text);
            lines.push(line);
        }
        lines
    }

    fn new(text: String) -> Line {
        let text = undoubled(text);
        let words = text.split_whitespace().count();
        let date = (words <= 10).then(|| date_in_line(&text)).flatten();
        // `By Jane Roe April 12, 2024`, `Reviewed by Jane Roe, MD, on April 12, 2024.`: the
        // date after a credit.
        let date = date.or_else(|| {
            is_credit(&text)
                .then(|| dateline::trailing_date(text.trim_end_matches('.')))
                .flatten()
                .map(|(_, d)| d)
        });
        let (date, update) = match date {
            Some(d) => (Some(d), labelled_as_update(&text)),
            // A date run into a byline or after a label inside it, or in one part of a
            // row of metadata.
            None => dateline::dateline_date(&text)
                .or_else(|| segment_date(&text))
                .map_or((None, false), |(d, u)| (Some(d), u)),
        };
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        // Only scripts with case can shout: Korean, Chinese, Arabic or Hebrew text has no
        // lower-case letters at all. A line in capitals is mostly cased letters, all upper.
        let cased: Vec<&char> = letters
            .iter()
            .filter(|c| c.is_lowercase() || c.is_uppercase())
            .collect();
        let shouting = cased.len() > 3
            && cased.len() * 2 > letters.len()
            && cased.iter().all(|c| !c.is_lowercase());
        let end = text.trim_end_matches(['"', '”', '»', '’', '\'', ')', ']']);
        // A short line cut off with "..." is a truncated teaser or breadcrumb step, not a
        // sentence of the text (long lines are prose whatever their end).
        let truncated = end.ends_with("...") || end.ends_with(":…") || end.ends_with(":...");
        // Other scripts' full stops too: Armenian `։`, CJK `。！？`, Arabic `؟`, Devanagari `।`.
        let sentence = end.ends_with(SENTENCE_ENDS) && !truncated;
        // The shape first: the tests that read the whole text run only on sentence-like lines.
        let prose = date.is_none()
            && !shouting
            && ((sentence && words >= 5) || words >= 15)
            && !head::is_trail(&text)
            && !is_ticker(&text)
            && !is_cookie_notice(&text)
            && !is_notice(&text)
            && !is_copyright(&text);
        // What the line's neighbours tell (code, contents, teasers) is marked by the reader.
        Line {
            text,
            words,
            prose,
            date,
            update,
            ..Line::default()
        }
    }

    pub(super) fn is_in_body_chrome(&self) -> bool {
        if self.contents
            || self.teaser
            || self.table_credit
            || widgets::is_section_break(&self.text)
        {
            return true;
        }
        let lower = self.text.to_lowercase();
        body::IN_BODY_CHROME
            .iter()
            .chain(extract::block_headings::READ_ALSO)
            .any(|p| lower == *p || (lower.starts_with(p) && self.words <= 15))
    }
}

/// A line crediting the article to a writer or a reviewer (`By …`, `Medically reviewed by …`).
fn is_credit(text: &str) -> bool {
    const OPENERS: [&str; 7] = [
        "by ",
        "written by ",
        "reviewed by ",
        "medically reviewed by ",
        "fact checked by ",
        "fact-checked by ",
        "edited by ",
    ];
    let head: String = text.chars().take(24).collect::<String>().to_lowercase();
    OPENERS.iter().any(|o| head.starts_with(o))
}

/// The date a row of metadata holds in one of its parts (`Published: Mar 8, 2024 · Modified:
/// May 19, 2025 by Jane Roe · This post may contain affiliate links`, `Jane Roe•Oct 20,
/// 2025`): the first publication date, or failing one the first update, and whether it is an
/// update. Only a part that is a date alone or a labelled one counts: a list of events
/// (`Tech World: January 6, 2026 | Las Vegas, NV`) is text.
fn segment_date(text: &str) -> Option<(String, bool)> {
    // A line of one part was read whole already (every line of a dump comes here).
    if !text.contains(ROW_SEPARATORS) && !text.contains('/') {
        return None;
    }
    let mut update_date = None;
    for part in metadata_parts(text) {
        let part = part.trim();
        let update = labelled_as_update(part);
        let labelled = update || published_label(&part.to_lowercase()).is_some();
        let alone = part.split_whitespace().next().is_some_and(|first| {
            first.starts_with(|c: char| c.is_ascii_digit()) || is_month_name(first)
        });
        let Some(date) = (part.split_whitespace().count() <= 10 && (labelled || alone))
            .then(|| date_in_line(part))
            .flatten()
        else {
            continue;
        };
        if !update {
            return Some((date, false));
        }
        update_date.get_or_insert(date);
    }
    update_date.map(|d| (d, true))
}

/// What parts a row of metadata wherever it stands (a slash does only beside a word).
const ROW_SEPARATORS: [char; 3] = ['·', '|', '•'];

/// The parts of a row of metadata: split at [`ROW_SEPARATORS`], and at a slash with a letter
/// beside it (`November 28, 2025/Living Healthy/Wellness`); a slash between digits is a
/// numeric date's (`11/28/2025`), and so are those of a web address.
fn metadata_parts(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The nearest characters that are not spaces, either side of a slash.
    let letter_before = |k: usize| {
        chars[..k]
            .iter()
            .rev()
            .find(|(_, c)| *c != ' ')
            .is_some_and(|(_, c)| c.is_alphabetic())
    };
    let letter_after = |k: usize| {
        chars[k + 1..]
            .iter()
            .find(|(_, c)| *c != ' ')
            .is_some_and(|(_, c)| c.is_alphabetic())
    };
    // An address's slashes are its own (`…/2015/03/24/with-…`).
    let address = text.contains("://") || text.contains("www.");
    let mut parts = Vec::new();
    let mut from = 0;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let cut = ROW_SEPARATORS.contains(&c)
            || (c == '/' && !address && (letter_before(k) || letter_after(k)));
        if cut {
            parts.push(&text[from..at]);
            from = at + c.len_utf8();
        }
    }
    parts.push(&text[from..]);
    parts
}

/// Whether a dateline labels its first date as an update: "Update:" as well as the labels
/// ("Updated", "Last modified"), unless a publication label comes before them (`Published:
/// Mar 8, 2024 · Modified: May 19, 2025`).
fn labelled_as_update(text: &str) -> bool {
    let lower = text.to_lowercase();
    let first_of = |labels: &[&str]| labels.iter().filter_map(|l| lower.find(l)).min();
    let update = [first_of(UPDATE_LABELS), lower.find("updat")]
        .into_iter()
        .flatten()
        .min();
    match (update, first_of(PUBLISHED_LABELS)) {
        (Some(u), Some(p)) => u < p,
        (update, _) => update.is_some(),
    }
}

/// Whether a line is the site's cookie notice ("This website uses cookies to improve your
/// experience…"): a dialog over the page, whose paragraphs can outweigh a short article.
fn is_cookie_notice(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("cookie")
        && [
            "this website uses",
            "this site uses",
            "we use cookies",
            "uses cookies",
            "use of cookies",
            "accept",
            "consent",
            "cookie settings",
            "cookie policy",
        ]
        .iter()
        .any(|cue| lower.contains(cue))
}

/// Whether a line is a news ticker or carousel copied as one line: the headlines and cut-off
/// summaries of several stories run together (`… may soon... Indian-origin man pleads …`).
/// Four summaries cut off before a capital make it one; a sentence of the text that trails off
/// does so once or twice.
fn is_ticker(text: &str) -> bool {
    const CUT_OFF_TEASERS: usize = 4;
    let cuts = text
        .match_indices("...")
        .map(|(i, m)| i + m.len())
        .chain(text.match_indices('…').map(|(i, m)| i + m.len()))
        .filter(|&end| {
            let mut after = text[end..].chars();
            after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase)
        })
        .count();
    cuts >= CUT_OFF_TEASERS
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::super::tests::STORY;
    use super::*;

    #[test]
    fn a_drop_cap_goes_back_on_its_paragraph_and_a_one_letter_heading_stays() {
        let dump = format!(
            "Menu\nTeachers march\nListen to this article\n\
             Your browser does not support the audio element.\n\nT\n\n\
             he union said hundreds of teachers would travel to the capital on Saturday.\n\
             {STORY}R\n{STORY}"
        );
        let body = parse(&dump, None).body;
        assert!(body.starts_with("The union said hundreds"), "{body}");
        // A language's one-letter name between two paragraphs heads a section.
        assert!(body.contains("\n\n## R\n\n"), "{body}");
        assert_eq!(body.matches("Organisers expect").count(), 2, "{body}");
    }

    #[test]
    fn a_row_of_metadata_dates_its_line_and_a_list_of_events_does_not() {
        let row = Line::new(
            "Published: Mar 8, 2024 · Modified: May 19, 2025 by Jo Roe · This post may \
             contain affiliate links"
                .to_string(),
        );
        assert_eq!(
            (row.date.as_deref(), row.update),
            (Some("2024-03-08"), false)
        );
        let byline = Line::new("Faith Katunga•Oct 20, 2025".to_string());
        assert_eq!(byline.date.as_deref(), Some("2025-10-20"));
        let updated = Line::new("Home | Last updated: Sep 4, 2025 | Guides".to_string());
        assert_eq!(
            (updated.date.as_deref(), updated.update),
            (Some("2025-09-04"), true)
        );
        let event = Line::new("Lenovo Tech World: January 6, 2026 | Las Vegas, NV".to_string());
        assert_eq!(event.date, None);
        let slashed = Line::new("November 28, 2025/Living Healthy/Wellness".to_string());
        assert_eq!(slashed.date.as_deref(), Some("2025-11-28"));
        let url = Line::new("http://example.com/sites/jo/2015/03/24/with-a-story/".to_string());
        assert_eq!(url.date, None);
        let parts = metadata_parts("11/28/2025 / News/Local · Jo");
        assert_eq!(parts, ["11/28/2025 ", " News", "Local ", " Jo"]);
    }

    #[test]
    fn a_line_of_zero_width_characters_is_blank() {
        // A page builder's empty paragraphs hold a zero-width joiner; a browser shows a gap.
        let dump = "First paragraph of the story.\n\u{200d}\n1. Automation\n\u{200d}\n\
                    \u{200d}Source: 2023 report\u{feff}\nA family: 👨\u{200d}👩\u{200d}👧";
        let lines = Line::read_all(dump);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "First paragraph of the story.",
                "1. Automation",
                "Source: 2023 report",
                "A family: 👨\u{200d}👩\u{200d}👧"
            ]
        );
        assert!(lines[1].blank_before && lines[2].blank_before);
    }

    #[test]
    fn text_in_a_script_without_case_is_prose_and_capitals_shout() {
        let korean =
            "다만 MBC 드라마는 방영을 시작한 지 얼마 되지 않았지만 벌써 지쳐가는 인상이다.";
        assert!(Line::new(korean.to_string()).prose);
        let shouted = "THE COUNCIL APPROVED THE CITY BUDGET EARLY ON FRIDAY MORNING.";
        assert!(!Line::new(shouted.to_string()).prose);
    }

    #[test]
    fn a_cookie_notice_is_not_prose_but_an_article_about_cookies_is() {
        let notice =
            "This website uses cookies to improve your experience. We'll assume you're ok \
                      with this, but you can opt-out if you wish.";
        assert!(!Line::new(notice.to_string()).prose);
        let about = "The cookies were baked in the village oven and sold out before noon, the \
                     bakers said on Friday.";
        assert!(Line::new(about.to_string()).prose);
    }

    #[test]
    fn a_date_in_a_line_of_code_is_no_dateline_but_one_under_a_bullet_is() {
        let lines = Line::read_all("    WHERE created_at > '2024-01-01'\n  • 02-12-2025\n");
        assert!(lines[0].code && lines[0].date.is_none());
        assert_eq!(lines[1].date.as_deref(), Some("2025-12-02"));
    }

    #[test]
    fn a_ticker_of_cut_off_teasers_is_not_prose() {
        let teaser = |n: usize| {
            format!("Story {n} makes news WASHINGTON: Officials said the plan may soon... ")
        };
        let ticker: String = (1..=5).map(teaser).collect();
        assert!(!Line::new(ticker.trim().to_string()).prose);
        let trailing =
            "I am just like this... Full of faults, errors and limits... But also full of \
                        life, of dreams, of plans, and of the will to go on every day.";
        assert!(Line::new(trailing.to_string()).prose);
    }

    #[test]
    fn a_short_line_cut_off_with_dots_is_no_sentence() {
        assert!(!Line::new("11 HR Trends for 2026:...".into()).prose);
        assert!(!Line::new("Five things to know before you buy a used car...".into()).prose);
        assert!(Line::new("The council approved the budget after a long night.".into()).prose);
    }

    #[test]
    fn lines_under_a_copy_button_are_a_listing_up_to_the_next_prose() {
        let lines = Line::read_all(
            "Copy\ngit init\ngit status\nThat is all it takes to start a repository of your own.\nMenu",
        );
        let code: Vec<bool> = lines.iter().map(|l| l.code).collect();
        assert_eq!(code, [true, true, true, false, false]);
    }

    #[test]
    fn a_credit_line_gives_the_date_at_its_end() {
        let date = |text: &str| Line::new(text.to_string()).date;
        let reviewed =
            "Reviewed by Justin Meserole, Trial Attorney at Morgan & Morgan, on December 9, 2024.";
        assert_eq!(date(reviewed).as_deref(), Some("2024-12-09"));
        let medical = "Medically reviewed by Kim Rose, RDN, LD, CDCES — March 7, 2025";
        assert_eq!(date(medical).as_deref(), Some("2025-03-07"));
        // A sentence that mentions a day is no dateline.
        let sentence =
            "The court ruled in favour of the gym owners and their insurers on December 9, 2024.";
        assert_eq!(date(sentence), None);
    }
}
