//! The labels and headings, in the languages of the archive's sources other than English, that
//! mark what is not the article: a pointer to another story set in its text ("Read also"), and
//! the headings of the page's own blocks after it (related stories, most read, the news feed,
//! comments, tags). One table serves both readers: the HTML reader ends the article at such a
//! heading, the page-text reader skips a pointer line and ends the text at a heading. The
//! English headings are tuned to each reader's input and stay with it.

/// Pointers to another story set inside an article's text (lowercase).
pub(crate) const READ_ALSO: &[&str] = &[
    "читайте также",
    "читайте еще",
    "читайте ещё",
    "смотрите также",
    "читайте також",
    "дивіться також",
    "leia também",
    "leia mais",
    "veja também",
    "lee también",
    "lire aussi",
    "à lire aussi",
    "lesen sie auch",
    "leggi anche",
    "həmçinin oxuyun",
    "həmçinin bax",
    "կարդացեք նաև",
];

/// Headings of the boxes of related stories after an article (lowercase).
pub(crate) const RELATED: &[&str] = &[
    "похожие",
    "похожие статьи",
    "похожие новости",
    "похожие материалы",
    "похожие публикации",
    "другие статьи",
    "другие новости",
    "другие материалы",
    "другие публикации",
    "новости по теме",
    "материалы по теме",
    "по теме",
    "схожі статті",
    "схожі новини",
    "схожі матеріали",
    "схожі публікації",
    "інші статті",
    "інші новини",
    "інші матеріали",
    "інші публікації",
    "новини за темою",
    "pode gostar",
    "você pode gostar",
    "também pode gostar",
    "você também pode gostar",
    "posts relacionados",
    "artigos relacionados",
    "notícias relacionadas",
    "te puede interesar",
    "también te puede interesar",
    "noticias relacionadas",
    "artículos relacionados",
    "vous aimerez aussi",
    "articles similaires",
    "sur le même sujet",
    "das könnte sie auch interessieren",
    "mehr zum thema",
    "ähnliche artikel",
    "weitere artikel",
    "potrebbe interessarti",
    "articoli correlati",
    "oxşar xəbərlər",
    "digər xəbərlər",
    "bölmənin digər xəbərləri",
    "նմանատիպ նյութեր",
    "այլ նորություններ",
];

/// Headings of the site's listings beside or after an article: most read, latest, the news
/// feed (lowercase; a heading may go on, as in "Самые популярные за неделю").
pub(crate) const LISTINGS: &[&str] = &[
    "самое читаемое",
    "самые популярные",
    "популярное",
    "популярные статьи",
    "популярные новости",
    "популярные материалы",
    "последние новости",
    "последние статьи",
    "последние материалы",
    "последние публикации",
    "лента новостей",
    "найпопулярніше",
    "останні новини",
    "останні статті",
    "останні матеріали",
    "останні публікації",
    "стрічка новин",
    "ən çox oxunan",
    "son xəbərlər",
    "xəbər lenti",
    "ամենաընթերցված",
    "վերջին նորություններ",
    "լրահոս",
];

/// Headings of the readers' comments, and of the article's tags (lowercase).
pub(crate) const COMMENTS_AND_TAGS: &[&str] = &[
    "комментарии",
    "отзывы",
    "коментарі",
    "şərhlər",
    "մեկնաբանություններ",
    "теги",
    "teqlər",
    "պիտակներ",
];

/// Most words of a listing heading that goes on after its label.
const LISTING_MAX_WORDS: usize = 5;

/// Whether a heading, without the punctuation around it, is one of the block headings of the
/// other languages: exactly a label of [`READ_ALSO`], [`RELATED`] or [`COMMENTS_AND_TAGS`], or
/// a short heading that starts with one of [`LISTINGS`].
pub(crate) fn is_block_heading(heading: &str) -> bool {
    let label = heading
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let exact = [READ_ALSO, RELATED, COMMENTS_AND_TAGS]
        .iter()
        .any(|list| list.contains(&label.as_str()));
    exact
        || (label.split_whitespace().count() <= LISTING_MAX_WORDS
            && LISTINGS.iter().any(|l| label.starts_with(l)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_headings_are_read_whole_and_listings_by_their_start() {
        assert!(is_block_heading("Читайте также:"));
        assert!(is_block_heading("  Другие новости  "));
        assert!(is_block_heading("Մեկնաբանություններ"));
        assert!(is_block_heading("Самые популярные за неделю"));
        // A subheading of the story that merely starts like a label is the story's.
        assert!(!is_block_heading("Комментарии экспертов"));
        assert!(!is_block_heading(
            "Самые популярные ошибки инвесторов и как их избежать"
        ));
    }

    #[test]
    fn every_label_is_lowercase() {
        for list in [READ_ALSO, RELATED, LISTINGS, COMMENTS_AND_TAGS] {
            for label in list {
                assert_eq!(label.to_lowercase(), *label);
            }
        }
    }
}
