//! Interface strings per language, from the theme's `i18n/<lang>.yaml` files (layered like
//! templates). A string missing in a language falls back to English, then to its key, so a
//! half-translated theme still renders.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use chrono::{DateTime, Datelike, FixedOffset};
use serde::Serialize;

use crate::config::Config;
use crate::theme;

/// The strings of one language.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Strings {
    map: BTreeMap<String, String>,
}

impl Strings {
    /// The string for `key`, or the key itself.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map(String::as_str).unwrap_or(key)
    }

    /// A date for readers: the `date_format` string with `{day}`, `{month}` (from `month_1` …
    /// `month_12`) and `{year}` filled in.
    pub fn date(&self, date: &DateTime<FixedOffset>) -> String {
        let month_key = format!("month_{}", date.month());
        self.get("date_format")
            .replace("{day}", &date.day().to_string())
            .replace("{month}", self.get(&month_key))
            .replace("{year}", &date.year().to_string())
    }
}

/// Loads the strings of every site language.
pub fn load(config: &Config) -> Result<HashMap<String, Strings>> {
    let files = theme::layered(config, "i18n")?;
    let mut parsed: HashMap<String, BTreeMap<String, String>> = HashMap::new();
    for (name, file) in &files {
        let Some(lang) = name.strip_suffix(".yaml") else {
            continue;
        };
        let bytes = file.read()?;
        let text =
            String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8", file.origin))?;
        let map: BTreeMap<String, String> = serde_yaml::from_str(&text).map_err(|e| {
            let line = e
                .location()
                .map(|l| format!(":{}", l.line()))
                .unwrap_or_default();
            anyhow::anyhow!(
                "{}{line}: {e}\n  hint: write one `key: text` per line",
                file.origin
            )
        })?;
        parsed.insert(lang.to_string(), map);
    }
    let english = parsed.get("en").cloned().unwrap_or_default();
    let mut out = HashMap::new();
    for language in &config.languages {
        let mut map = english.clone();
        if let Some(own) = parsed.get(&language.code) {
            map.extend(own.clone());
        }
        out.insert(language.code.clone(), Strings { map });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_default_theme_has_every_string() {
        let config = Config::parse(
            std::path::Path::new("/nonexistent"),
            "languages: {en: {name: E}, ru: {name: R}, hy: {name: H}, az: {name: A}}",
        )
        .unwrap();
        let files = theme::layered(&config, "i18n").unwrap();
        let keys = |name: &str| -> std::collections::BTreeSet<String> {
            let text = String::from_utf8(files[name].read().unwrap()).unwrap();
            let map: BTreeMap<String, String> = serde_yaml::from_str(&text).unwrap();
            map.into_keys().collect()
        };
        let english = keys("en.yaml");
        for lang in ["ru.yaml", "hy.yaml", "az.yaml"] {
            let own = keys(lang);
            let missing: Vec<_> = english.difference(&own).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        }
    }

    #[test]
    fn dates_use_the_language_month_names() {
        let config = Config::parse(
            std::path::Path::new("/nonexistent"),
            "languages: {en: {name: E}, ru: {name: R}}",
        )
        .unwrap();
        let strings = load(&config).unwrap();
        let date = DateTime::parse_from_rfc3339("2025-06-12T15:29:00+04:00").unwrap();
        assert_eq!(strings["en"].date(&date), "12 June 2025");
        assert_eq!(strings["ru"].date(&date), "12 июня 2025");
        let config = Config::parse(
            std::path::Path::new("/x"),
            "languages: {hy: {name: H}, az: {name: A}}",
        )
        .unwrap();
        let strings = load(&config).unwrap();
        assert_eq!(strings["hy"].date(&date), "12 հունիսի 2025 թ.");
        assert_eq!(strings["az"].date(&date), "12 iyun 2025");
    }
}
