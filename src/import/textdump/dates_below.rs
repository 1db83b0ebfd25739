//! Dates of an article printed away from its headline: a publication label anywhere in the
//! copy, a signed or labelled date after the text, or the post's own date line right under
//! it. They settle the date when the head of the copy holds none.

use super::body::is_end_marker;
use super::head::is_headline_shaped;
use super::widgets::is_share_bar;
use super::{dateline, is_chrome_word, Line};
use crate::import::extract::published_label;

/// A publication date labelled anywhere in the dump: `Published: August 30, 2024` on one
/// line, or a `Published` label over a date line.
pub(super) fn labelled_published(lines: &[Line]) -> Option<String> {
    lines.iter().enumerate().find_map(|(i, l)| {
        let lower = l.text.to_lowercase();
        let labelled = l.words <= 10 && published_label(&lower).is_some();
        if !labelled {
            return None;
        }
        l.date
            .clone()
            .or_else(|| lines.get(i + 1).and_then(|next| next.date.clone()))
    })
}

/// A date after the article that is still the page's own: on a byline (`August 12, 2025 By
/// The Diggs Team`, `erstellt von Dominique — veröffentlicht 28.01.2022 06:00`), or right
/// under a short label (`Content current as of:` over `09/25/2025`). Comments and teasers
/// below an article carry dates too, but with neither.
pub(super) fn signed_or_labelled_date(lines: &[Line]) -> Option<String> {
    lines.iter().enumerate().find_map(|(i, l)| {
        let date = l.date.as_ref()?;
        let signed = dateline::signs_or_labels(&l.text);
        let labelled = i > 0 && {
            let label = lines[i - 1].text.trim_end();
            label.ends_with(':') && lines[i - 1].words <= 6 && lines[i - 1].date.is_none()
        };
        (signed || labelled).then(|| date.clone())
    })
}

/// A date line among the few right under the article (`end`), where pages print the post's
/// own line of category, author and date. Teasers of other posts are dated too; their date
/// sits next to their title, a headline-shaped line of five words or more, or under a link
/// such as "Previous" or a heading such as "Related posts".
pub(super) fn date_under_article(lines: &[Line], end: usize) -> Option<String> {
    const REACH: usize = 4;
    let teaser_title =
        |l: &Line| !l.prose && l.words >= 5 && is_headline_shaped(l) && !is_share_bar(&l.text);
    let i = (end..lines.len().min(end + REACH)).find(|&i| lines[i].date.is_some())?;
    // Past a "Previous" link or a "Related posts" heading, dates are the other posts'.
    if lines[end..i]
        .iter()
        .any(|l| is_end_marker(&l.text) || is_chrome_word(&l.text))
    {
        return None;
    }
    // `i - 1` is at least the article's last line, never before the slice.
    let by_a_teaser = [i - 1, i + 1]
        .iter()
        .filter_map(|&j| lines.get(j))
        .any(teaser_title);
    if by_a_teaser {
        return None;
    }
    lines[i].date.clone()
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::super::tests::STORY;

    #[test]
    fn a_date_labelled_under_the_article_or_only_an_update_date_dates_it() {
        let dump = format!(
            "How clinicians use AI\n{STORY}Published\nAugust 30, 2024\nAuthor\nLisa Ellis\n"
        );
        assert_eq!(parse(&dump, None).date.as_deref(), Some("2024-08-30"));
        let dump =
            format!("Best book lights, tested\nBy Emily Way\nUpdated on Dec. 09, 2025\n{STORY}");
        let a = parse(&dump, None);
        assert_eq!(a.updated.as_deref(), Some("2025-12-09"));
        assert_eq!(a.date.as_deref(), Some("2025-12-09"));
        // Under the article, a signed or labelled date is the page's; a comment's is not.
        let comments = "Great read!\nMarch 3, 2026\n";
        for (tail, want) in [
            (
                "Training\nAugust 12, 2025 By  The Diggs Team\nShop\n",
                Some("2025-08-12"),
            ),
            (
                "Content current as of:\n09/25/2025\nRegulated Product(s)\n",
                Some("2025-09-25"),
            ),
            ("", None),
        ] {
            let dump = format!("How to crate train a puppy\n{STORY}Comments\n{comments}{tail}");
            assert_eq!(parse(&dump, None).date.as_deref(), want, "{tail}");
        }
    }

    #[test]
    fn the_post_s_own_date_line_under_it_dates_it_and_a_teaser_s_does_not() {
        let headline = "How to restore antique furniture\n";
        let post_line = "FURNITUREJoseph CrawfordJanuary 10, 2023\nFacebook0 Twitter 0 Likes\n";
        let dump = format!("{headline}{STORY}{post_line}Previous\n");
        assert_eq!(parse(&dump, None).date.as_deref(), Some("2023-01-10"));
        let teasers = [
            "More posts\nJune 11, 2024\nFive landscape recipes for winter light\n",
            "Previous\nWhat are antioxidants and why do they matter?\nJune 11, 2024\n",
            "Learn more\nJune 11, 2024\nUnlocking Deeper Insights on Google Maps\n",
        ];
        for tail in teasers {
            let dump = format!("{headline}{STORY}{tail}");
            assert_eq!(parse(&dump, None).date, None, "{tail}");
        }
    }

    #[test]
    fn a_signed_date_far_under_the_article_dates_it_in_german_too() {
        let tags = "Weltweit\nVatikan\nReligion\nFamilie\nKinder\nJugendliche\n";
        let dump = format!(
            "News\nEltern sollen queere Kinder unterstützen\n{STORY}abgelegt unter:\n{tags}\
             erstellt von Dominique — veröffentlicht 28.01.2022 06:00\nImpressum\n"
        );
        assert_eq!(parse(&dump, None).date.as_deref(), Some("2022-01-28 06:00"));
    }
}
