//! The widgets of a page as its copied text shows them: social and menu words, buttons, share
//! bars, view counters and the relative time stamps of teaser lists. None of them is the
//! article's text; the view counter is kept as the article's `views`.

use std::sync::LazyLock;

use regex::Regex;

use crate::import::extract::VIEW_LABELS;

/// The words of the widgets and links around an article, which are never its section.
const CHROME_WORDS: &[&str] = &[
    "twitter",
    "youtube",
    "instagram",
    "facebook",
    "telegram",
    "whatsapp",
    "tiktok",
    "linkedin",
    "pinterest",
    "reddit",
    "tumblr",
    "flipboard",
    "bluesky",
    "mastodon",
    "vk",
    "vkontakte",
    "ok",
    "rss",
    "search",
    "menu",
    "print",
    "share",
    "copy link",
    "login",
    "log in",
    "sign in",
    "subscribe",
    "apple store",
    "app store",
    "play market",
    "google play",
    "ads",
    "loading",
    "home",
    "main",
    "more",
    "close",
    "next",
    "previous",
    "en",
    "ru",
    "az",
    "arm",
    "hy",
    "eng",
    "рус",
    "поиск",
    "меню",
    "главная",
    "поделиться",
    "печать",
    // The same buttons in Ukrainian, Azerbaijani and Armenian.
    "пошук",
    "головна",
    "поділитися",
    "друк",
    "axtar",
    "axtarış",
    "menyu",
    "ana səhifə",
    "paylaş",
    "çap et",
    "որոնում",
    "մենյու",
    "գլխավոր",
    "կիսվել",
    "տպել",
    "night",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "view cart",
    "day",
];

/// Whether a short line is a widget: a social or menu word, a button, a glued widget name.
pub(super) fn is_chrome_word(text: &str) -> bool {
    let lower = text.to_lowercase();
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    // A name of letters and digits (`a16z`, `i18n`) is a word, not a button.
    let digits = lower.chars().filter(char::is_ascii_digit).count();
    let alphanumeric_name = letters > 0 && digits > 0 && letters + digits >= 4;
    // Glued widget names (`night_theme`, `share-line…`) and buttons like `A+`; a line of
    // several words with an underscore is text (a command, `-H <BMC_IP> -U admin`), and so
    // is code: a closing brace or bracket on its own line, `#[no_mangle]`, `self.cache_get()`,
    // a statement's end (`);`).
    let closes_code = !lower.is_empty() && lower.chars().all(|c| "()[];,".contains(c));
    let code = lower.contains(['{', '}'])
        || lower.ends_with(';')
        || closes_code
        || ["#[", "()", "::"].iter().any(|m| lower.contains(m));
    (letters <= 2 && !alphanumeric_name && !code)
        || (lower.contains('_') && !lower.contains(char::is_whitespace) && !code)
        || CHROME_WORDS.contains(&lower.as_str())
        || lower.starts_with("share")
}

/// Whether a line is a break between two parts of the text, drawn with a section sign or a
/// row of stars or dots (`§`, `⁂`, `* * *`, `• • •`): the text goes on after it. One star or
/// dot alone is a list's bullet or a button, not a break.
pub(super) fn is_section_break(text: &str) -> bool {
    const SIGNS: &[char] = &['§', '⁂', '❦', '❧'];
    const ROW: &[char] = &['*', '∗', '✱', '✻', '•', '·', '◆', '◇', '~'];
    let marks: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let all_marks = !marks.is_empty() && marks.iter().all(|c| SIGNS.contains(c) || ROW.contains(c));
    all_marks && (marks.iter().any(|c| SIGNS.contains(c)) || marks.len() >= 3)
}

/// Whether a line of several words is a share bar: mostly names of networks and buttons
/// (`Whatsapp Facebook Pint Baixar`, `Facebook0 Twitter 0 Likes`), counts run into them.
pub(super) fn is_share_bar(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Listed names only: a short word such as "of" is a button on its own line, not here.
    let buttons = words
        .iter()
        .filter(|w| {
            let name = w
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_lowercase();
            CHROME_WORDS.contains(&name.as_str())
        })
        .count();
    let counts = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    buttons >= 2 && (buttons + counts) * 2 >= words.len()
}

/// Whether a short line is a relative time stamp of a teaser in a list of stories (`25M ago`,
/// `updated 3 hours ago`, `7H ago 08:51` with a video's length, `vor 2 Stunden`, `5 минут назад`): lists of other stories, not the
/// article, carry these.
pub(super) fn is_relative_time(text: &str) -> bool {
    static AGO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:updated\s+)?(?:\d+\s*(?:s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago(?:\s+[\d:]+)?|vor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten)|\d+\s+(?:секунд[ау]?|минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день)\s+назад)$",
        )
        .expect("valid regex")
    });
    text.len() <= 40 && AGO.is_match(text.trim())
}

/// Whether a short line is an acronym of one to five capitals (`R`, `AI`, `FAQ`, `NASA`) that is
/// not a language switch or a social network: between two paragraphs, a subheading.
pub(super) fn is_acronym(text: &str) -> bool {
    (1..=5).contains(&text.len())
        && text.chars().all(|c| c.is_ascii_uppercase())
        && !CHROME_WORDS.contains(&text.to_lowercase().as_str())
}

/// `Views: 778`, `778 views`, `Просмотров: 1 024`.
pub(super) fn views(text: &str) -> Option<u64> {
    let lower = text.to_lowercase();
    let number = VIEW_LABELS.iter().find_map(|label| {
        lower
            .strip_prefix(label)
            .map(|rest| rest.trim_start_matches([':', ' ', '-']))
            .or_else(|| lower.strip_suffix(label).map(str::trim_end))
    })?;
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | ',' | '.' | '\u{202f}'))
        .collect();
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_time_stamps_and_share_bars_are_told_from_text() {
        for stamp in [
            "25M ago",
            "updated 16M ago",
            "7H ago  08:51",
            "vor 2 Stunden",
            "5 минут назад",
        ] {
            assert!(is_relative_time(stamp), "{stamp}");
        }
        assert!(!is_relative_time(
            "Ten years ago the town had no school at all."
        ));
        for bar in [
            "Whatsapp   Facebook   Pint   Baixar",
            "Facebook0 Twitter LinkedIn0 Reddit 0 Likes",
        ] {
            assert!(is_share_bar(bar), "{bar}");
        }
        assert!(!is_share_bar(
            "A guide to the best of Twitter and Facebook ads in 2024"
        ));
    }

    #[test]
    fn buttons_and_widget_names_are_chrome_but_alphanumeric_names_are_words() {
        for chrome in [
            "A+",
            "A-",
            "f",
            "in",
            "night_theme",
            "Telegram",
            "share-line",
            "(0)",
            "3 + 4 =",
            "×",
            "|",
            "Axtar",
            "Поділитися",
            "Որոնում",
        ] {
            assert!(is_chrome_word(chrome), "{chrome}");
        }
        // A podcast named `a16z` heads a section of a list of podcasts; lines of code in the
        // text are no buttons either.
        for word in [
            "a16z",
            "i18n",
            "Technovation",
            "}",
            "});",
            ");",
            ")",
            "};",
            "Run#[no_mangle]",
        ] {
            assert!(!is_chrome_word(word), "{word}");
        }
    }

    #[test]
    fn section_breaks_are_signs_or_rows_of_marks() {
        for line in ["§", "⁂", "* * *", "***", "• • •", "  ~~~ "] {
            assert!(is_section_break(line), "{line:?}");
        }
        for line in ["*", "•", "§ 12", "A * B", "", "—"] {
            assert!(!is_section_break(line), "{line:?}");
        }
    }

    #[test]
    fn view_counters_in_several_languages() {
        assert_eq!(views("Views: 778"), Some(778));
        assert_eq!(views("778 views"), Some(778));
        assert_eq!(views("Просмотров: 1 024"), Some(1024));
        assert_eq!(views("Переглядів: 312"), Some(312));
        assert_eq!(views("Baxış sayı: 45"), Some(45));
        assert_eq!(views("Views of the city"), None);
    }
}
