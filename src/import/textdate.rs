//! Dates as news pages print them in running text ("12 June 2025 15:29", "June 12, 2025",
//! "12.06.2025, 15:29", "12 июня 2025 г.", "2025-06-12T15:29"), turned into the front matter's
//! `YYYY-MM-DD[ HH:MM]` form. Used for page-text dumps, where no markup says which line is the date.

/// Words that may stand beside a date on its line without making it a sentence.
const FILLER: &[&str] = &[
    "at",
    "on",
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "date",
    "time",
    "г",
    "года",
    "в",
    "опубликовано",
    "обновлено",
    // The year's word or mark after a date in Ukrainian (`2025 р.`), Armenian (`2025թ.`) and
    // Azerbaijani (`2025-ci il`), and the "at" before the time.
    "р",
    "року",
    "о",
    "թ",
    "ժամը",
    "il",
    "ci",
    "cı",
    "cu",
    "cü",
    "saat",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
    "am",
    "pm",
    "utc",
    "gmt",
    "msk",
    "|",
    "•",
    "·",
    "—",
    "-",
];

/// The date on a line that holds a date and little else, as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
pub fn date_in_line(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    if lower.chars().count() > 60 {
        return None;
    }
    let (time, rest) = take_time(&lower);
    let tokens: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || ",./-|()".contains(c))
        .filter(|t| !t.is_empty() && !t.starts_with('+'))
        .collect();
    let mut numbers = Vec::new();
    let mut month_name = None;
    let mut other = 0;
    for token in &tokens {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        if token.is_empty() {
            continue;
        }
        if let Some((year, word)) = glued_year(token) {
            numbers.push(year);
            if month_of(word).is_some() {
                break; // `June 29, 2020November 12, 2021`: the next date starts here
            }
            other += usize::from(!FILLER.contains(&word));
            continue;
        }
        if token.chars().all(|c| c.is_ascii_digit()) {
            numbers.push(token);
        } else if let Some(day) = ordinal_day(token) {
            numbers.push(day);
        } else if let Some(m) = month_of(token) {
            month_name = Some(m);
        } else if !FILLER.contains(&token) {
            other += 1;
        }
    }
    if other > 2 || numbers.len() > 3 {
        return None;
    }
    let (year, month, day) = match month_name {
        Some(month) => named_month(&numbers, month)?,
        None => numeric(&numbers, rest.contains('/'))?,
    };
    chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    let date = format!("{year:04}-{month:02}-{day:02}");
    Some(match time {
        Some((h, m)) => format!("{date} {h:02}:{m:02}"),
        None => date,
    })
}

/// A year a copy ran into the next word (`2020november`, `2025on`), or one written with its
/// mark (`2025թ`): the year and the word. Two letters alone (`1990s`, `2025th`) are no word.
fn glued_year(token: &str) -> Option<(&str, &str)> {
    let glued = token.len() > 4
        && token.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && token[4..].chars().all(char::is_alphabetic)
        && (token.len() > 6 || FILLER.contains(&&token[4..]));
    glued.then(|| token.split_at(4))
}

/// The day of an English ordinal (`11th`, `1st`, `22nd`, `3rd`), as its digits.
fn ordinal_day(token: &str) -> Option<&str> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| token.strip_suffix(suffix))?;
    ((1..=2).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some(digits)
}

/// Whether a lower-cased word names a month (`november`, `nov`, `ноября`).
pub(crate) fn is_month_name(token: &str) -> bool {
    month_of(token).is_some()
}

/// The month a word names, in any language the HTML extractor reads (one table for both).
fn month_of(token: &str) -> Option<u32> {
    crate::import::extract::month_number(token)
}

/// Finds an `H:MM` or `HH:MM[:SS]` time, returning it and the line without it.
fn take_time(line: &str) -> (Option<(u32, u32)>, String) {
    let bytes = line.as_bytes();
    for (i, _) in line.match_indices(':') {
        let h_start = (0..i)
            .rev()
            .take_while(|&j| bytes[j].is_ascii_digit())
            .last();
        let Some(h_start) = h_start else { continue };
        let m_end = i
            + 1
            + bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        if i - h_start > 2 || m_end - i - 1 != 2 {
            continue;
        }
        let h: u32 = line[h_start..i].parse().ok().unwrap_or(99);
        let m: u32 = line[i + 1..m_end].parse().ok().unwrap_or(99);
        if h < 24 && m < 60 {
            // Seconds, if any, are dropped with the time.
            let end = if line[m_end..].starts_with(':') {
                m_end
                    + 1
                    + bytes[m_end + 1..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count()
            } else {
                m_end
            };
            let pm = line[end..].trim_start().starts_with("pm") && h < 12;
            let h = if pm { h + 12 } else { h };
            // ISO 8601 joins date and time with `T` (lowercased here).
            let before = &line[..h_start];
            let before = match before.strip_suffix('t') {
                Some(b) if b.ends_with(|c: char| c.is_ascii_digit()) => b,
                _ => before,
            };
            return (Some((h, m)), format!("{before} {}", &line[end..]));
        }
    }
    (None, line.to_string())
}

fn named_month(numbers: &[&str], month: u32) -> Option<(i32, u32, u32)> {
    let year = numbers.iter().find(|n| n.len() == 4)?.parse().ok()?;
    let day = numbers
        .iter()
        .filter(|n| n.len() <= 2)
        .find_map(|n| n.parse().ok().filter(|d| (1..=31).contains(d)))?;
    plausible_year(year).then_some((year, month, day))
}

/// `2025-06-12`, `12.06.2025`, `06/12/2025` (month first with slashes unless the first number
/// cannot be a month).
fn numeric(numbers: &[&str], slashes: bool) -> Option<(i32, u32, u32)> {
    let [a, b, c] = numbers else { return None };
    let n = |s: &str| s.parse::<u32>().ok();
    let (year, month, day) = if a.len() == 4 {
        (n(a)?, n(b)?, n(c)?)
    } else if c.len() == 4 {
        let (first, second) = (n(a)?, n(b)?);
        if slashes && first <= 12 {
            (n(c)?, first, second)
        } else {
            (n(c)?, second, first)
        }
    } else {
        return None;
    };
    plausible_year(year as i32).then_some((year as i32, month, day))
}

fn plausible_year(year: i32) -> bool {
    (1990..=2100).contains(&year)
}

#[cfg(test)]
mod tests {
    use super::date_in_line;

    #[test]
    fn common_forms() {
        let cases = [
            ("12 June 2025 15:29", "2025-06-12 15:29"),
            ("June 12, 2025", "2025-06-12"),
            ("Thursday, June 12, 2025 at 3:29 pm", "2025-06-12 15:29"),
            ("12.06.2025, 15:29", "2025-06-12 15:29"),
            ("15:29, 12 июня 2025 г.", "2025-06-12 15:29"),
            ("2025-06-12T15:29:00", "2025-06-12 15:29"),
            ("06/12/2025", "2025-06-12"),
            ("Published: 13/06/2025", "2025-06-13"),
            ("June 11th, 2024, 10:45 AM", "2024-06-11 10:45"),
            ("1st March 2023", "2023-03-01"),
            // Other languages, from the HTML extractor's month table.
            ("12. März 2024", "2024-03-12"),
            ("3 de agosto de 2023", "2023-08-03"),
            ("le 5 décembre 2022", "2022-12-05"),
            // The languages of the region's news sites, the month declined after the day.
            ("12 հունիսի 2025թ., 15:29", "2025-06-12 15:29"),
            ("12 İyun 2025, 15:29", "2025-06-12 15:29"),
            ("12 червня 2025 р. о 15:29", "2025-06-12 15:29"),
            ("12 HAZİRAN 2025 PERŞEMBE", "2025-06-12"),
            ("5 MAYIS 2024", "2024-05-05"),
            // "ago" is a Spanish month only in `04-ago-2021`, never in a relative time.
            ("March 4, 2024 · 2 years ago", "2024-03-04"),
            // Two dates run together: the first, which is when the article ran.
            ("Posted on June 29, 2020November 12, 2021", "2020-06-29"),
        ];
        for (line, want) in cases {
            assert_eq!(date_in_line(line).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn sentences_and_impossible_dates_are_not_dates() {
        for line in [
            "In June 2025 the council met 12 times to discuss the budget",
            "31 February 2025",
            "Views: 778",
            "12 June",
        ] {
            assert_eq!(date_in_line(line), None, "{line}");
        }
    }
}
