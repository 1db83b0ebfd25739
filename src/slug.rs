//! URL slugs: readable ASCII made from any script (Cyrillic and Armenian are transliterated), so
//! that paths stay portable across file systems, servers and archives.

/// Lowercase ASCII letters and digits joined by single hyphens, e.g. `"Мир и война"` → `"mir-i-voina"`.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
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
    fn edges_have_no_hyphens() {
        assert_eq!(slugify("--a--b--"), "a-b");
        assert_eq!(slugify("!!!"), "");
    }
}
