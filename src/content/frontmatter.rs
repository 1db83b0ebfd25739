//! The article file format: YAML front matter between `---` lines, then the Markdown body. The types
//! here are shared by `build` (which reads them) and `import` (which writes them).

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};

use crate::diagnostics::{from_yaml_error, Diagnostic};

/// Where an article was published first: the required attribution backlink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The outlet's name; defaults to the URL's host.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The original article's absolute http(s) URL.
    pub url: String,
    /// The outlet's reuse notice as the page showed it (e.g. "Any use of materials is allowed only
    /// if there is a hyperlink to X"), recorded by `import`; optional so hand-written files need
    /// not have it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// Where an imported file came from, so it can be traced and re-imported safely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRecord {
    /// The input file path or URL.
    pub from: String,
    /// When it was imported (RFC 3339).
    pub at: String,
    /// Hash of the file as written, to tell whether a person edited it since.
    pub hash: String,
}

/// One name or several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Authors {
    /// `author: Name`
    One(String),
    /// `author: [A, B]`
    Many(Vec<String>),
}

impl Authors {
    /// The names as a list.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            Authors::One(name) => vec![name],
            Authors::Many(names) => names,
        }
    }
}

/// The front matter exactly as written; validated into an [`super::Article`] by the load stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Headline.
    pub title: Option<String>,
    /// Publication date: RFC 3339, or `YYYY-MM-DD[ HH:MM[:SS]]` in the site's time zone.
    pub date: Option<String>,
    /// Last update, same formats as `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Section slug; defaults to the folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Tags as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Language code; defaults to the language folder or the site's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The original: required.
    pub source: Option<Source>,
    /// Author or authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Authors>,
    /// Short description for lists, feeds and meta tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Lead image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// View count shown by the source, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub views: Option<u64>,
    /// Drafts are built only with `--drafts`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// URL slug; defaults to the file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Joins one story's versions in several languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_key: Option<String>,
    /// Provenance of imported articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import: Option<ImportRecord>,
}

/// A file split into its parsed front matter and its body.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The front matter.
    pub front: FrontMatter,
    /// The front matter's YAML text, for finding the line of a key.
    pub yaml: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
}

/// Splits and parses a file; `path` is used in the error.
pub fn parse<'a>(path: &Path, text: &'a str) -> Result<Parsed<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        Diagnostic::new(path, Some(1), "no front matter").with_hint(
            "start the file with a `---` line, the YAML keys (title, date, source…), and another `---` line",
        )
    };
    let rest = strip_delimiter_line(text).ok_or_else(missing)?;
    let (yaml, body) = split_at_closing(rest).ok_or_else(|| {
        Diagnostic::new(path, Some(1), "front matter is not closed")
            .with_hint("end the front matter with a line holding only `---`")
    })?;
    let front = if yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        serde_yaml::from_str(yaml).map_err(|e| from_yaml_error(path, &e, yaml, 1))?
    };
    Ok(Parsed { front, yaml, body })
}

/// Serialises front matter and body back into the file format.
pub fn write(front: &FrontMatter, body: &str) -> String {
    let yaml = serde_yaml::to_string(front).expect("front matter always serialises");
    format!("---\n{yaml}---\n{body}")
}

fn strip_delimiter_line(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
}

/// Finds the closing `---` (or `...`) line; returns the YAML before it and the body after it.
fn split_at_closing(rest: &str) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// The 1-based line in the file of a top-level key of the front matter (the YAML starts on line 2).
pub fn line_of_key(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|i| i + 2)
}

/// Parses a front-matter date; dates without an offset are taken in `zone`.
pub fn parse_date(text: &str, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date);
    }
    // RFC 3339 with a space instead of `T` is common in hand-written files.
    if let Ok(date) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z") {
        return Some(date);
    }
    const NAIVE: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    let naive = NAIVE
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    zone.from_local_datetime(&naive).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let p = parse(Path::new("a.md"), "---\ntitle: Hi\n---\nBody\n").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("Hi"));
        assert_eq!(p.body, "Body\n");
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        let e = parse(Path::new("a.md"), "Body only").unwrap_err();
        assert!(e.message.contains("no front matter"));
        let e = parse(Path::new("a.md"), "---\ntitle: x\n").unwrap_err();
        assert!(e.message.contains("not closed"));
    }

    #[test]
    fn yaml_error_line_is_file_line() {
        let e = parse(Path::new("a.md"), "---\ntitle: a\ntitle: b\n---\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }

    #[test]
    fn dates_in_all_formats() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let d = parse_date("2025-06-12T15:29:00+04:00", utc).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-06-12T15:29:00+04:00");
        let plus4 = FixedOffset::east_opt(4 * 3600).unwrap();
        let d = parse_date("2025-06-12 15:29", plus4).unwrap();
        assert_eq!(d.to_rfc3339(), "2025-06-12T15:29:00+04:00");
        assert!(parse_date("2025-06-12", utc).is_some());
        assert!(parse_date("12 June", utc).is_none());
        assert!(parse_date("2025-13-01", utc).is_none());
    }

    #[test]
    fn write_round_trips() {
        let front = FrontMatter {
            title: Some("T: colon".into()),
            date: Some("2025-01-01".into()),
            source: Some(Source {
                name: "S".into(),
                url: "https://e.org/".into(),
                notice: Some("Reuse only with a link".into()),
            }),
            ..Default::default()
        };
        let text = write(&front, "Body\n");
        let back = parse(Path::new("a.md"), &text).unwrap();
        assert_eq!(back.front, front);
        assert_eq!(back.body, "Body\n");
    }
}
