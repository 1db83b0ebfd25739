//! The config stage: `site.yaml` → [`Config`]. The file is parsed into a raw serde struct that
//! rejects unknown keys, then resolved and validated into the struct the rest of the build reads.
//! Every key has a default, so a site may have no `site.yaml` at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::FixedOffset;
use serde::Deserialize;

use crate::diagnostics::{from_yaml_error, Diagnostic};

/// The config file's name, at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// Share targets the theme knows how to link to.
pub const SHARE_TARGETS: &[&str] = &[
    "x", "facebook", "telegram", "whatsapp", "vk", "linkedin", "reddit", "email",
];

/// Section slugs that would collide with other generated paths.
const RESERVED_SECTIONS: &[&str] = &["tags", "page", "static", "search"];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    languages: serde_yaml::Mapping,
    theme: Option<String>,
    paginate: Option<usize>,
    timezone: Option<String>,
    feed: RawFeed,
    attribution: RawAttribution,
    share: Option<Vec<String>>,
    sections: serde_yaml::Mapping,
    highlight: RawHighlight,
    canonical: Option<String>,
    noindex: bool,
    domain: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawLanguage {
    name: Option<String>,
    title: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawFeed {
    limit: Option<usize>,
    full_content: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawAttribution {
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawHighlight {
    light: Option<String>,
    dark: Option<String>,
}

/// One language the site publishes in.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    /// BCP 47 code, e.g. `en`, `ru`.
    pub code: String,
    /// Name shown in the language switch, in the language itself.
    pub name: String,
    /// Site title for pages in this language.
    pub title: String,
    /// Site description for pages in this language.
    pub description: String,
}

/// The resolved, validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root (where `site.yaml`, `content/`, `static/`, `templates/` live).
    pub root: PathBuf,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending in `/` (e.g. `/repo/`).
    pub base_path: String,
    /// Languages, the default one first. Its pages live at the root; others under `/<code>/`.
    pub languages: Vec<Language>,
    /// Theme name, looked up in `themes/<theme>/` and then in the built-in default theme.
    pub theme: String,
    /// Articles per list page.
    pub paginate: usize,
    /// Offset applied to dates written without one.
    pub timezone: FixedOffset,
    /// Entries per feed.
    pub feed_limit: usize,
    /// Whether feed entries carry the full article body or only the summary.
    pub feed_full_content: bool,
    /// The site's reuse notice, shown with the attribution on every article.
    pub notice: String,
    /// Share targets, in display order.
    pub share: Vec<String>,
    /// Section display titles by language code, in the order `site.yaml` lists the sections
    /// (the order of the navigation).
    pub section_titles: Vec<SectionTitles>,
    /// syntect theme names for the light and the dark code palette.
    pub highlight_light: String,
    /// See `highlight_light`.
    pub highlight_dark: String,
    /// `rel=canonical` points to the original article instead of the mirror page.
    pub canonical_to_source: bool,
    /// Ask search engines not to index the mirror.
    pub noindex: bool,
    /// Custom domain for GitHub Pages, written to `CNAME`.
    pub domain: Option<String>,
}

impl Config {
    /// Reads `site.yaml` under `root`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        Ok(Config::parse(root, &text)?)
    }

    /// Parses and validates config text; `root` is the site root the file belongs to.
    pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostic> {
        let shown = Path::new(CONFIG_FILE);
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            serde_yaml::from_str(text).map_err(|e| from_yaml_error(shown, &e, text, 0))?
        };
        resolve(root, raw, text)
    }

    /// The default language's code.
    pub fn default_language(&self) -> &str {
        &self.languages[0].code
    }

    /// The URL path prefix of a language's pages: `""` for the default, `"ru/"` for others.
    pub fn language_prefix(&self, code: &str) -> String {
        if code == self.default_language() {
            String::new()
        } else {
            format!("{code}/")
        }
    }

    /// Whether `code` is one of the site's languages.
    pub fn has_language(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l.code == code)
    }

    /// The display title of a section in a language: from `site.yaml`, else the slug capitalised.
    pub fn section_title(&self, slug: &str, lang: &str) -> String {
        let titles = self
            .section_titles
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, t)| t);
        titles
            .and_then(|t| t.get(lang).or_else(|| t.get(self.default_language())))
            .cloned()
            .unwrap_or_else(|| capitalise(&slug.replace('-', " ")))
    }

    /// Where content lives.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

fn resolve(root: &Path, raw: RawConfig, text: &str) -> Result<Config, Diagnostic> {
    let err = |key: &str, msg: String| Diagnostic::new(CONFIG_FILE, line_of_key(text, key), msg);
    let checks = check_values(&raw).map_err(|(key, msg, hint)| err(key, msg).with_hint(hint))?;
    let base_url = raw
        .base_url
        .unwrap_or_else(|| "http://127.0.0.1:1111/".into());
    let (base_url, base_path) = normalise_base_url(&base_url).map_err(|m| {
        err("base_url", m).with_hint("write a full URL such as https://user.github.io/repo/")
    })?;
    let title = raw.title.unwrap_or_else(|| "News mirror".into());
    let description = raw.description.unwrap_or_default();
    let languages = resolve_languages(raw.language, raw.languages, &title, &description)
        .map_err(|m| err("language", m))?;
    let section_titles =
        resolve_sections(raw.sections).map_err(|(m, h)| err("sections", m).with_hint(h))?;
    Ok(Config {
        root: root.to_path_buf(),
        base_url,
        base_path,
        languages,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        paginate: checks.paginate,
        timezone: checks.timezone,
        feed_limit: raw.feed.limit.unwrap_or(20),
        feed_full_content: raw.feed.full_content.unwrap_or(true),
        notice: raw.attribution.notice.unwrap_or_else(|| {
            "This article is mirrored with credit; all rights remain with the original publisher."
                .into()
        }),
        share: checks.share,
        section_titles,
        highlight_light: raw
            .highlight
            .light
            .unwrap_or_else(|| "InspiredGitHub".into()),
        highlight_dark: raw
            .highlight
            .dark
            .unwrap_or_else(|| "base16-ocean.dark".into()),
        canonical_to_source: checks.canonical_to_source,
        noindex: raw.noindex,
        domain: raw
            .domain
            .map(|d| d.trim().trim_end_matches('/').to_string())
            .filter(|d| !d.is_empty()),
    })
}

/// Values of `site.yaml` that need checking beyond their type.
struct Checked {
    paginate: usize,
    timezone: FixedOffset,
    share: Vec<String>,
    canonical_to_source: bool,
}

/// A bad value: its key, what is wrong, what to do.
type BadValue = (&'static str, String, String);

fn check_values(raw: &RawConfig) -> Result<Checked, BadValue> {
    if raw.feed.limit == Some(0) {
        let hint = "it is the number of entries in each feed; remove it for 20";
        return Err((
            "feed",
            "`feed.limit` must be at least 1".into(),
            hint.into(),
        ));
    }
    let paginate = raw.paginate.unwrap_or(20);
    if paginate == 0 {
        let hint = "it is the number of articles on each list page; remove it for 20";
        return Err((
            "paginate",
            "`paginate` must be at least 1".into(),
            hint.into(),
        ));
    }
    let timezone = match raw.timezone.as_deref() {
        None => FixedOffset::east_opt(0).expect("zero offset is valid"),
        Some(tz) => parse_offset(tz).ok_or_else(|| {
            let msg = format!("`timezone: {tz}` is not a UTC offset");
            (
                "timezone",
                msg,
                "write an offset such as +04:00 or -05:30".into(),
            )
        })?,
    };
    let share = raw.share.clone().unwrap_or_else(|| {
        ["x", "facebook", "telegram", "whatsapp", "email"]
            .map(String::from)
            .to_vec()
    });
    if let Some(bad) = share.iter().find(|s| !SHARE_TARGETS.contains(&s.as_str())) {
        let hint = format!("choose from {}", SHARE_TARGETS.join(", "));
        return Err(("share", format!("unknown share target `{bad}`"), hint));
    }
    let canonical_to_source = match raw.canonical.as_deref() {
        None | Some("mirror") => false,
        Some("source") => true,
        Some(other) => {
            let hint = "use `mirror` (the default) or `source`".to_string();
            return Err((
                "canonical",
                format!("unknown canonical target `{other}`"),
                hint,
            ));
        }
    };
    Ok(Checked {
        paginate,
        timezone,
        share,
        canonical_to_source,
    })
}

/// A section's slug and its titles by language code.
pub type SectionTitles = (String, BTreeMap<String, String>);

/// Reads `sections: {slug: {lang: title}}`, keeping the order written.
fn resolve_sections(
    raw: serde_yaml::Mapping,
) -> Result<Vec<SectionTitles>, (String, &'static str)> {
    let mut out = Vec::new();
    for (key, value) in raw {
        let slug = key.as_str().map(str::to_string).ok_or_else(|| {
            (
                "section names must be text".to_string(),
                "write `sections: {world: {en: World}}`",
            )
        })?;
        if is_reserved_section(&slug) {
            return Err((
                format!("`{slug}` cannot be a section name"),
                "it is used for generated pages; rename the section",
            ));
        }
        let titles: BTreeMap<String, String> = serde_yaml::from_value(value).map_err(|_| {
            (
                format!("section `{slug}` needs titles by language"),
                "write `sections: {world: {en: World, ru: Мир}}`",
            )
        })?;
        out.push((slug, titles));
    }
    Ok(out)
}

/// Whether a section slug would collide with generated paths or a language prefix.
pub fn is_reserved_section(slug: &str) -> bool {
    RESERVED_SECTIONS.contains(&slug)
}

/// The site's languages in the order written, the default (`language:`, else the first written,
/// else `en`) moved to the front.
fn resolve_languages(
    default: Option<String>,
    raw: serde_yaml::Mapping,
    title: &str,
    description: &str,
) -> Result<Vec<Language>, String> {
    let mut entries: Vec<(String, RawLanguage)> = Vec::new();
    for (key, value) in raw {
        let code = key
            .as_str()
            .map(str::to_string)
            .ok_or("language codes must be text")?;
        let entry: RawLanguage = match value {
            serde_yaml::Value::Null => RawLanguage::default(),
            value => serde_yaml::from_value(value)
                .map_err(|e| format!("language `{code}`: {e} (keys: name, title, description)"))?,
        };
        entries.push((code, entry));
    }
    let default = default
        .or_else(|| entries.first().map(|(code, _)| code.clone()))
        .unwrap_or_else(|| "en".into());
    if !entries.iter().any(|(code, _)| *code == default) {
        entries.insert(0, (default.clone(), RawLanguage::default()));
    }
    // Stable: the default goes first, the others keep the order they were written in.
    entries.sort_by_key(|(code, _)| *code != default);
    let mut languages = Vec::new();
    for (code, entry) in entries {
        if !is_language_code(&code) {
            return Err(format!("`{code}` is not a language code such as en or ru"));
        }
        languages.push(Language {
            name: entry.name.unwrap_or_else(|| code.clone()),
            title: entry.title.unwrap_or_else(|| title.to_string()),
            description: entry.description.unwrap_or_else(|| description.to_string()),
            code,
        });
    }
    Ok(languages)
}

fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks a base URL and returns it with a trailing slash, plus its path part.
pub fn normalise_base_url(input: &str) -> Result<(String, String), String> {
    let parsed =
        url::Url::parse(input).map_err(|e| format!("`base_url: {input}` is not a URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!("`base_url: {input}` must be an http(s) URL"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!(
            "`base_url: {input}` must not have a query or fragment"
        ));
    }
    let mut url = parsed.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    let mut path = parsed.path().to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok((url, path))
}

/// Parses `+04:00`, `-0530`, `Z` or `UTC` into an offset.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// The 1-based line where a top-level `key:` is written, for pointing at a bad value.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse(Path::new("/site"), text)
    }

    #[test]
    fn empty_config_has_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.base_path, "/");
        assert_eq!(c.default_language(), "en");
        assert_eq!(c.paginate, 20);
    }

    #[test]
    fn base_url_gets_trailing_slash_and_path() {
        let c = parse("base_url: https://user.github.io/repo").unwrap();
        assert_eq!(c.base_url, "https://user.github.io/repo/");
        assert_eq!(c.base_path, "/repo/");
    }

    #[test]
    fn bad_base_url_names_line() {
        let e = parse("title: x\nbase_url: not a url\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("base_url"), "{e}");
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let e = parse("title: x\npaginte: 5\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.hint.unwrap().contains("`paginate`"));
    }

    #[test]
    fn default_language_first() {
        let c = parse("language: ru\nlanguages:\n  en: {name: English}\n  ru: {name: Русский}\n")
            .unwrap();
        let codes: Vec<_> = c.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["ru", "en"]);
        assert_eq!(c.language_prefix("en"), "en/");
        assert_eq!(c.language_prefix("ru"), "");
    }

    #[test]
    fn without_language_the_first_written_is_the_default() {
        let c = parse("languages:\n  ru: {name: R}\n  en:\n  az: {name: A}\n").unwrap();
        let codes: Vec<_> = c.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["ru", "en", "az"]);
        assert!(parse("languages: {en: {nmae: x}}")
            .unwrap_err()
            .message
            .contains("nmae"));
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("+04:00").unwrap().local_minus_utc(), 4 * 3600);
        assert_eq!(
            parse_offset("-0530").unwrap().local_minus_utc(),
            -(5 * 3600 + 1800)
        );
        assert!(parse_offset("4").is_none());
    }

    #[test]
    fn sections_keep_their_order_and_titles() {
        let c =
            parse("sections:\n  world: {en: World, ru: Мир}\n  economy: {en: Economy}\n").unwrap();
        let order: Vec<_> = c.section_titles.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(order, ["world", "economy"]);
        assert_eq!(c.section_title("world", "ru"), "Мир");
        assert_eq!(c.section_title("economy", "ru"), "Economy");
        assert_eq!(c.section_title("sport-news", "en"), "Sport news");
        assert!(parse("sections: {tags: {en: T}}").is_err());
    }

    #[test]
    fn unknown_share_target_is_rejected() {
        let e = parse("share: [x, myspace]").unwrap_err();
        assert!(e.message.contains("myspace"));
    }
}
