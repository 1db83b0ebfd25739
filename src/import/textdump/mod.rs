//! Page-text dumps: the text a browser gives when a whole news page is selected and copied. There
//! is no markup, so the article is found by the shape of the lines:
//!
//! - the **body** is the largest run of prose lines (sentences, or long lines). It goes on over
//!   short lines (subheadings, list items, speaker turns) when prose follows within a few
//!   lines, skips "Read also"/"ads"/photo-credit lines, and ends at a dateline, byline,
//!   widget word, copyright line or the heading of a block after the article ("Related
//!   posts", "Leave a Reply");
//! - the **headline**, **date**, **byline** and **section** come from the lines above the body
//!   (see `head`; the article's URL, when given, helps find the headline and the date);
//! - **views**, the **reuse notice** (English and Russian wording) and the outlet's name are
//!   recognised wherever they are (see `provenance`); everything else (menus, social links,
//!   theme and language switches, share bars, teaser blocks) is simply not picked.
//!
//! Text printed by a text browser (`lynx -dump`, `w3m -dump`) or wrapped by hand is first put
//! into a browser copy's shape, one line per paragraph (see `layout`).

mod body;
mod byline;
mod dateline;
mod dates_below;
mod head;
mod layout;
mod lines;
mod listings;
mod provenance;
mod section;
mod slug;
mod tables;
mod widgets;

use super::extract::{closing_range, is_bio_of_any, Extracted};
use super::textdate::date_in_line;
use lines::Line;
use provenance::{copyright_name, is_copyright, is_notice, notice_name, source_link};
use widgets::{is_chrome_word, views};

/// Turns a page-text dump into the article it shows. Fields it cannot find stay empty. `url` is
/// the article's address when known (`--source-url`): dumps rarely contain it.
pub fn parse(text: &str, url: Option<&url::Url>) -> Extracted {
    let mut lines = Line::read_all(&layout::unwrap_layout(text));
    body::mark_inline_teasers(&mut lines);
    let mut out = Extracted::default();
    for line in &lines {
        if out.views.is_none() {
            out.views = views(&line.text);
        }
        if out.reuse_notice.is_none() && is_notice(&line.text) {
            out.reuse_notice = Some(line.text.clone());
            out.site_name = notice_name(&line.text);
        }
    }
    if out.site_name.is_none() {
        out.site_name = lines
            .iter()
            .filter(|l| !l.table_credit)
            .find_map(|l| copyright_name(&l.text));
    }
    // The address the article was fetched from or the user gave beats one the copy merely
    // shows: a copy holds the article's address only by chance.
    out.canonical_url = match url {
        Some(known) => Some(known.to_string()),
        None => source_link(&lines, out.site_name.as_deref()),
    };
    let Some((start, end)) = body::body_range(&lines) else {
        return out;
    };
    let slug = url.map(slug::slug_words).unwrap_or_default();
    // The run of prose may open with the headline itself: a question reads as a sentence.
    let anchor = slug::slug_headline(&lines[..=start], &slug);
    let (start, end) = match anchor {
        Some(h) if h == start => (start + 1, end),
        Some(h) => body::range_under_headline(&lines, h, (start, end)),
        None => (start, end),
    };
    if start >= end {
        return out;
    }
    out.body = body::body_markdown(&lines[start..end]);
    head::head(&lines, start, url, &slug, anchor, &mut out);
    drop_closing_bio(&mut out);
    date_from_text(&lines, start, end, &mut out);
    if let (Some(date), Some(url)) = (out.date.as_mut(), url) {
        day_first_by_address(date, url);
    }
    out.lang = guess_lang(&out.body);
    out
}

/// A date written in numbers with both parts up to 12 reads two ways (`03/10/2023`), and was
/// read month first. When the article's address holds the same date the other way round
/// (`/2023/october/03/`), the page writes the day first: the address's reading is taken, with
/// the time of day the text gave.
fn day_first_by_address(date: &mut String, url: &url::Url) {
    let Some(in_address) = super::extract::date_in_url(url.as_str()) else {
        return;
    };
    let (Some(read), Some(address)) = (date.get(..10), in_address.get(..10)) else {
        return;
    };
    if !read.is_ascii() || !address.is_ascii() {
        return;
    }
    // `YYYY-MM-DD`: the same year, month and day crossed, and not the same day twice.
    let crossed = read[..4] == address[..4]
        && read[5..7] == address[8..10]
        && read[8..10] == address[5..7]
        && read[5..7] != read[8..10];
    if crossed {
        date.replace_range(..10, address);
    }
}

/// Drops an author box's biography ("Jane Roe is a health writer who…") that the run of
/// text took in at its end, as the HTML extractor does.
fn drop_closing_bio(out: &mut Extracted) {
    let text = out.body.trim_end();
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    let Some(bio) =
        closing_range(paragraphs.len()).find(|&i| is_bio_of_any(paragraphs[i], &out.authors))
    else {
        return;
    };
    paragraphs.remove(bio);
    out.body = paragraphs.join("\n\n") + &out.body[text.len()..];
}

/// Settles the dates the head left open or wrong: a note in the text that the article first
/// ran earlier, then a labelled date, the update, the first date line above the article's end,
/// a signed or labelled date under it, and a date line right under it.
fn date_from_text(lines: &[Line], start: usize, end: usize, out: &mut Extracted) {
    // A note in the text that the article first ran earlier than its dateline says: the
    // dateline shows the last revision.
    let first_run = lines[start..end]
        .iter()
        .find_map(|l| dateline::originally_published(&l.text));
    if let Some(first) = first_run {
        if out
            .date
            .as_ref()
            .is_none_or(|d| first[..10] < d[..d.len().min(10)])
        {
            out.updated = out.updated.take().or(out.date.take());
            out.date = Some(first);
        }
    }
    if out.date.is_none() {
        // Some pages print the date under the article; a page that shows only when it was
        // updated is dated by that, which is nearer than the day of the import.
        out.date = dates_below::labelled_published(lines).or_else(|| out.updated.clone());
    }
    if out.date.is_none() {
        // Failing a labelled or dateline date, the first date line up to the article's end
        // (printed over the headline, or inside the text) is nearer the publication than the
        // day of the import. Dates after the article belong to comments and teasers.
        out.date = lines[..end].iter().find_map(|l| l.date.clone());
    }
    if out.date.is_none() {
        out.date = dates_below::signed_or_labelled_date(&lines[end..]);
    }
    if out.date.is_none() {
        out.date = dates_below::date_under_article(lines, end);
    }
}

/// The language of a body from its script and, for Latin text, common English words.
pub fn guess_lang(text: &str) -> Option<String> {
    let (mut cyrillic, mut armenian, mut latin) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | 'і' | 'ї' | 'є' | 'ґ' => cyrillic += 1,
            '\u{0530}'..='\u{058F}' => armenian += 1,
            'a'..='z' | 'A'..='Z' => latin += 1,
            _ => {}
        }
    }
    let total = cyrillic + armenian + latin;
    if total == 0 {
        return None;
    }
    if armenian * 2 > total {
        return Some("hy".into());
    }
    if cyrillic * 2 > total {
        let ukrainian = text.contains(['і', 'ї', 'є', 'ґ']);
        return Some(if ukrainian { "uk" } else { "ru" }.into());
    }
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let english = words
        .iter()
        .filter(|w| ["the", "and", "of", "to", "in", "is", "that"].contains(&w.as_str()))
        .count();
    (words.len() >= 20 && english * 100 >= words.len() * 5).then(|| "en".into())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    const DUMP: &str = "menu\nfacebook\nsearch\nПри использовании материалов ссылка на Outlet.ru обязательна\n\
        POLITICS\nA+\n\nCouncil approves budget after long night\n\n12.06.2025, 15:29\nBy Jane Roe\n\n\
        The council approved the city budget early on Friday after a session that lasted eleven hours.\n\n\
        Key figures\n\nSpending on schools rises by four percent, the finance office said in a statement.\n\
        Read also: Mayor opens bridge\n\
        The opposition voted against the plan, saying it cuts too much from public transport.\n\n\
        Views: 1 024\nshare\nPOLITICS\nMayor opens bridge\n";

    /// A page-text dump of the project's fixtures (`tests/fixtures/import/<rel>`).
    pub(in crate::import::textdump) fn fixture_dump(rel: &str) -> String {
        let path = format!("{}/tests/fixtures/import/{rel}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Three sentences of a story, for the headline tests to put lines above.
    pub(in crate::import::textdump) const STORY: &str =
        "The union said hundreds of teachers would travel to the capital on Saturday.\n\
        Plumbers and electricians have signed up to cover their classes for the day.\n\
        Organisers expect the protest to be the largest in the state for a decade.\n";

    pub(in crate::import::textdump) fn url(u: &str) -> url::Url {
        url::Url::parse(u).unwrap()
    }

    #[test]
    fn finds_article_parts_by_line_shape() {
        let a = parse(DUMP, None);
        assert_eq!(
            a.title.as_deref(),
            Some("Council approves budget after long night")
        );
        assert_eq!(a.date.as_deref(), Some("2025-06-12 15:29"));
        assert_eq!(a.section.as_deref(), Some("Politics"));
        assert_eq!(a.authors, vec!["Jane Roe".to_string()]);
        assert_eq!(a.views, Some(1024));
        assert_eq!(a.site_name.as_deref(), Some("Outlet.ru"));
        assert!(a.reuse_notice.unwrap().starts_with("При использовании"));
        let paragraphs: Vec<&str> = a.body.trim().split("\n\n").collect();
        assert_eq!(paragraphs.len(), 4, "{}", a.body);
        assert_eq!(paragraphs[1], "## Key figures");
        assert!(!a.body.contains("Read also") && !a.body.contains("Views"));
        assert_eq!(a.lang.as_deref(), Some("en"));
    }

    #[test]
    fn an_armenian_page_is_dated_and_counted_in_its_own_words() {
        let story = "Քաղաքային խորհուրդը երկար քննարկումից հետո հաստատեց հաջորդ տարվա բյուջեն։\n\
            Ընդդիմությունը հայտարարեց, որ ծրագիրը շատ է կրճատում հասարակական տրանսպորտը։\n";
        let dump = format!(
            "Մենյու\nԽորհուրդը հաստատեց բյուջեն\n12 հունիսի 2025թ., 15:29\nդիտումներ: 778\n\
             {story}{story}"
        );
        let article = parse(&dump, None);
        assert_eq!(article.date.as_deref(), Some("2025-06-12 15:29"));
        assert_eq!(article.views, Some(778));
        assert_eq!(article.title.as_deref(), Some("Խորհուրդը հաստատեց բյուջեն"));
    }

    #[test]
    fn a_guide_is_read_over_its_lists_up_to_the_blocks_after_it() {
        let items = "Knee lift\nExcellent lighting\nAutomatic thread cutter\nExtra wide stitches\n\
            Hundreds of stitches\nTen buttonhole designs\nA hard cover\nA walking foot\n";
        let dump = format!(
            "Menu\nSewing machines for a beginner\nBy Angela Carpenter February 16, 2026\n\
             The key to a good sewing machine is not its brand but what you need it to do.\n\
             Best quilting machine\nPhoto credit: Janome.com\n\
             If you want to make quilts, this machine gives you a taste of the high-end features.\n\
             {items}\
             The machine comes with seven presser feet and a seam ripper in the box.\n\
             Related posts\nHow to thread a needle\n\
             Threading a needle is easy once you know the three steps that matter most.\n\
             Copyright © 2026 Sewing Site. All rights reserved. Read our terms before you copy any pattern.\n"
        );
        let a = parse(&dump, None);
        assert_eq!(a.title.as_deref(), Some("Sewing machines for a beginner"));
        assert_eq!(a.date.as_deref(), Some("2026-02-16"));
        assert_eq!(a.authors, vec!["Angela Carpenter".to_string()]);
        assert!(a.body.starts_with("The key to a good"), "{}", a.body);
        assert!(a.body.contains("Knee lift") && a.body.contains("seven presser feet"));
        assert!(!a.body.contains("Photo credit"), "{}", a.body);
        assert!(!a.body.contains("Threading") && !a.body.contains("Copyright"));
    }

    #[test]
    fn a_line_copied_twice_from_two_layouts_is_read_once() {
        let story = "The council met for eleven hours before the vote was finally taken.\n\
            Members of the opposition said the plan cuts too much from public transport.\n";
        let dump = format!(
            "MENUMENU\nYou may also like\nDecember 19, 2025\nCouncil approves budget\n\
             Jane Roe\n30 January 2025 / 23:07 GMT30 January 2025 / 23:07 GMT\n{story}{story}"
        );
        let article = parse(&dump, None);
        assert_eq!(article.title.as_deref(), Some("Council approves budget"));
        assert_eq!(
            article.date.as_deref().map(|d| &d[..10]),
            Some("2025-01-30")
        );
    }

    #[test]
    fn a_date_line_above_a_misplaced_body_start_still_dates_the_article() {
        // A movers' guide whose longest prose run is a company profile deep in the page, so the
        // head is read above the wrong start; its dateline is the first date line of the page.
        let dump = fixture_dump("dumps-check/0056.txt");
        assert_eq!(parse(&dump, None).date.as_deref(), Some("2025-12-19"));
        // A date after the article belongs to something else.
        let story = "The council met for eleven hours before the vote was finally taken.\n\
            Members of the opposition said the plan cuts too much from public transport.\n";
        let after = format!(
            "Menu\nCouncil approves budget\n{story}{story}Related posts\n\
            March 3, 2024\nSomeone else wrote about bridges and roads in another city.\n"
        );
        assert_eq!(parse(&after, None).date, None);
    }

    #[test]
    fn a_command_with_an_underscore_inside_the_text_does_not_end_it() {
        let story = "The council met for eleven hours before the vote was finally taken.\n\
            Members of the opposition said the plan cuts too much from public transport.\n";
        let dump = format!(
            "Menu\nCouncil approves budget\n{story}From my laptop, as the docs say:\n\
             ipmitool -H <BMC_IP> -U admin sol activate\n{story}night_theme\n"
        );
        let body = parse(&dump, None).body;
        assert!(body.contains("ipmitool"), "{body}");
        assert_eq!(body.matches("eleven hours").count(), 2, "{body}");
        assert!(!body.contains("night"), "{body}");
    }

    #[test]
    fn a_labelled_byline_right_over_the_text_counts_when_none_is_under_the_headline() {
        let story = "The council met for eleven hours before the vote was finally taken.\n\
            Members of the opposition said the plan cuts too much from public transport.\n";
        let gallery: String = (1..=16).map(|n| format!("Gallery picture {n}\n")).collect();
        let dump = format!("Menu\nCouncil approves budget\n{gallery}By Jane Roe\n{story}");
        let url = url::Url::parse("https://example.com/news/council-approves-budget").unwrap();
        let a = parse(&dump, Some(&url));
        assert_eq!(a.title.as_deref(), Some("Council approves budget"));
        assert_eq!(a.authors, ["Jane Roe"]);
    }

    #[test]
    fn the_author_s_bio_closing_the_text_goes() {
        let story = "The council met for eleven hours before the vote was finally taken.\n\
            Members of the opposition said the plan cuts too much from public transport.\n";
        let bio = "Jane Roe is a city reporter who has covered the council since 2019.\n";
        let dump = format!("Menu\nCouncil approves budget\nBy Jane Roe\n{story}{bio}");
        let a = parse(&dump, None);
        assert_eq!(a.authors, ["Jane Roe"]);
        assert!(
            a.body.contains("opposition") && !a.body.contains("city reporter"),
            "{}",
            a.body
        );
        // A text that is only about its author stays whole.
        let dump = format!("Menu\nAbout our reporter\nBy Jane Roe\n{bio}");
        assert!(parse(&dump, None).body.contains("city reporter"));
    }

    #[test]
    fn a_code_listing_longer_than_a_list_stays_inside_the_text() {
        let story = "The planner reads the statistics before it chooses a join for the query.\n\
            Stale statistics are the most common reason for a slow plan on a busy table.\n";
        let listing: String = (0..30)
            .map(|n| format!("    SELECT id, name FROM users WHERE id = {n};\n"))
            .collect();
        let dump = format!(
            "Menu\nQuery tuning in practice\n{story}-- Plan of the first query\n{listing}}}\n\
             {story}Related posts\nAnother story\n"
        );
        let body = parse(&dump, None).body;
        assert_eq!(body.matches("statistics before").count(), 2, "{body}");
        assert!(body.contains("WHERE id = 29"), "{body}");
        assert!(!body.contains("Another story"), "{body}");
        // Thirty lines of a menu are no listing: the text ends before them.
        let menu: String = (0..30).map(|n| format!("Section {n}\n")).collect();
        let dump = format!("Menu\nQuery tuning in practice\n{story}{menu}{story}");
        let body = parse(&dump, None).body;
        assert_eq!(body.matches("statistics before").count(), 1, "{body}");
    }

    #[test]
    fn a_long_spec_sheet_stays_inside_the_text() {
        let story = "The board reaches its top speed on flat ground with a light rider on it.\n\
            Range falls by a third in the cold, as it does for every battery we tested.\n";
        let specs: String = (1..=8)
            .map(|n| {
                format!("Model {n}\nRange: 40-5{n} km\nMax speed: 5{n} km/h\nWeight: 3{n} kg\n")
            })
            .collect();
        let dump = format!("Menu\nHow fast do e-boards go\n{story}{specs}{story}{story}");
        let body = parse(&dump, None).body;
        assert_eq!(body.matches("top speed on flat").count(), 3, "{body}");
        assert!(body.contains("Weight: 38 kg"), "{body}");
    }

    #[test]
    fn a_table_of_contents_is_left_out_and_does_not_cut_the_text() {
        let story = "Hosts want their guests to be comfortable and to be taken care of.\n\
            The best events feel intentional, beautiful and personal this year.\n";
        let entries: String = (1..=25).map(|n| format!("Trend number {n}\n")).collect();
        let dump = format!(
            "Menu\nThe Top 25 Hosting Trends of 2025\nBy Rebecca Norris\nJUMP TO:\n{entries}\
             {story}{story}{story}"
        );
        let a = parse(&dump, None);
        assert_eq!(
            a.title.as_deref(),
            Some("The Top 25 Hosting Trends of 2025")
        );
        assert_eq!(a.body.matches("taken care of").count(), 3, "{}", a.body);
        let dump = format!(
            "Menu\nThe Top 25 Hosting Trends of 2025\n{story}JUMP TO:\n{entries}{story}{story}"
        );
        let body = parse(&dump, None).body;
        assert_eq!(body.matches("taken care of").count(), 3, "{body}");
        assert!(
            !body.contains("JUMP TO") && !body.contains("Trend number"),
            "{body}"
        );
        // The entries end at the first blank line under them: the headline is not one.
        let dump = format!(
            "Menu\nOn this page:\n\nCompare\nAllied\nSources\n\nThe Best Movers of 2026\n\
             By Jane Roe\n{story}{story}"
        );
        let a = parse(&dump, None);
        assert_eq!(a.title.as_deref(), Some("The Best Movers of 2026"));
    }

    #[test]
    fn an_acronym_between_paragraphs_is_a_subheading_but_a_language_switch_is_not() {
        let story = "Digital health tools continue to expand in many areas of care.\n\
            Mobile apps can be used to monitor mood patterns over many weeks.\n";
        let dump = format!("Menu\nTrends in psychiatry\n{story}AI\n{story}EN\n{story}");
        let body = parse(&dump, None).body;
        assert!(body.contains("\n\n## AI\n\n"), "{body}");
        assert_eq!(body.matches("many areas").count(), 2, "{body}");
    }

    #[test]
    fn reviews_listed_after_the_article_are_not_taken_for_it() {
        let story = "Most toddlers settle into a steady bedtime within two weeks of practice.\n\
            A short routine of bath, book and bed tells the child that the day is over.\n";
        // The page's reviews make a longer run of prose than the article itself.
        let reviews =
            "Great doctors and staff, they genuinely care about you and your family here.\n\
            Dana R.\n"
                .repeat(12);
        let dump = format!(
            "Home\nTips for sleep training your toddler\n{story}{story}\
             Recent Articles\nHow to choose a pediatrician\nUnderstanding influenza\n{reviews}"
        );
        let page =
            url::Url::parse("https://clinic.test/tips-for-sleep-training-your-toddler/").unwrap();
        let a = parse(&dump, Some(&page));
        assert_eq!(
            a.title.as_deref(),
            Some("Tips for sleep training your toddler")
        );
        assert_eq!(a.body.matches("steady bedtime").count(), 2, "{}", a.body);
        assert!(!a.body.contains("Great doctors"), "{}", a.body);
        assert!(!a.body.contains("Recent Articles"), "{}", a.body);
    }

    #[test]
    fn the_address_tells_a_day_first_date_from_a_month_first_one() {
        let dump = format!("Menu\nHow many wine styles are there\n03/10/2023\n{STORY}");
        let page = url("https://wine.test/blog/2023/october/03/how-many-wine-styles");
        assert_eq!(
            parse(&dump, Some(&page)).date.as_deref(),
            Some("2023-10-03")
        );
        // Without the address, or with one that does not cross it, slashes read month first.
        assert_eq!(parse(&dump, None).date.as_deref(), Some("2023-03-10"));
        let page = url("https://wine.test/blog/2023/03/10/how-many-wine-styles");
        assert_eq!(
            parse(&dump, Some(&page)).date.as_deref(),
            Some("2023-03-10")
        );
    }

    #[test]
    fn a_dump_without_prose_yields_no_body() {
        let a = parse("menu\nsearch\nHome\n", None);
        assert!(a.body.is_empty() && a.title.is_none());
    }
}
