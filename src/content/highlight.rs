//! Code highlighting with syntect, emitting CSS classes rather than inline colours so that the theme
//! can switch palettes. The syntax set is loaded once per process and shared by all threads.

use std::sync::OnceLock;

use anyhow::{anyhow, Result};
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Every highlighting class carries this prefix so it cannot clash with the theme's own classes.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights `code` written in `lang` (a fence token such as `rust` or `py`) as classed HTML, or
/// `None` when the language is unknown and the code should be shown plain.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    let set = syntax_set();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        // A line the grammar cannot parse falls back to plain text for the whole block.
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The stylesheet for one of syntect's built-in themes, for the generated classes.
pub fn css_for_theme(name: &str) -> Result<String> {
    let themes = ThemeSet::load_defaults();
    let theme = themes.themes.get(name).ok_or_else(|| {
        let known: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
        anyhow!(
            "site.yaml: unknown highlight theme `{name}`\n  hint: choose one of {}",
            known.join(", ")
        )
    })?;
    Ok(css_for_theme_with_class_style(theme, CLASS_STYLE)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_gets_classes() {
        let html = highlight("fn main() {}\n", "rust").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn unknown_language_is_none() {
        assert!(highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn css_for_known_and_unknown_theme() {
        assert!(css_for_theme("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(css_for_theme("nope").is_err());
    }
}
