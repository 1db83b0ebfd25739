//! URL slugs: readable ASCII made from any script (Cyrillic and Armenian are transliterated), so
//! that paths stay portable across file systems, servers and archives.

/// Lowercase ASCII letters and digits joined by single hyphens, e.g. `"Мир и война"` → `"mir-i-voina"`.
/// An apostrophe or backtick inside a word joins it (`Don't` → `dont`); the transliteration
/// of Armenian marks aspirates with a backtick, so `քաղաք` becomes `kaghak`.
pub fn slugify(text: &str) -> String {
    // The Azerbaijani schwa has no ASCII form of its own; names are spelt with an `a` in
    // Latin-script news (`Əliyev` → Aliyev), where the transliteration table has `@`.
    let text: String = text
        .chars()
        .map(|c| match c {
            'Ə' => 'A',
            'ə' => 'a',
            other => other,
        })
        .collect();
    let ascii = deunicode::deunicode(&text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    let mut chars = ascii.chars().peekable();
    while let Some(c) = chars.next() {
        let inside_word = matches!(c, '\'' | '’' | '`')
            && slug.ends_with(|p: char| p.is_ascii_alphanumeric())
            && !pending_hyphen
            && chars.peek().is_some_and(char::is_ascii_alphanumeric);
        if inside_word {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn ascii_words() {
        assert_eq!(slugify("Hello, World!  2025"), "hello-world-2025");
    }

    #[test]
    fn cyrillic_and_armenian_are_transliterated() {
        assert_eq!(slugify("Новости экономики"), "novosti-ekonomiki");
        assert!(slugify("Հայաստան")
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-'));
        assert!(!slugify("Հայաստան").is_empty());
    }

    #[test]
    fn azerbaijani_letters_and_apostrophes_inside_words() {
        assert_eq!(
            slugify("Əliyev Şuşada çıxış etdi"),
            "aliyev-susada-cixis-etdi"
        );
        assert_eq!(slugify("Երևան քաղաքապետ"), "erewan-kaghakapet");
        assert_eq!(
            slugify("Don’t stop: editor's picks"),
            "dont-stop-editors-picks"
        );
        assert_eq!(slugify("rock 'n' roll"), "rock-n-roll");
    }

    #[test]
    fn edges_have_no_hyphens() {
        assert_eq!(slugify("--a--b--"), "a-b");
        assert_eq!(slugify("!!!"), "");
    }
}
