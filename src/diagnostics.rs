//! Errors about the user's files: each names the file, the line where there is one, what is wrong
//! and what to do. A build gathers all of them before failing, so one run shows every problem.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in, as the user would type it (relative to the site root when possible).
    pub path: PathBuf,
    /// 1-based line number, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with `path` at an optional line.
    pub fn new(path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds the advice printed under the message.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Every problem found in one stage, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        let n = self.0.len();
        write!(f, "\n{n} error{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}

impl Diagnostics {
    /// `Ok(())` when empty, else the sorted list as an error.
    pub fn into_result(mut self) -> Result<(), Diagnostics> {
        if self.0.is_empty() {
            return Ok(());
        }
        self.0
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Err(self)
    }
}

/// Turns a serde_yaml error on `yaml` into a diagnostic, shifting its line by `line_offset` (the
/// line before the YAML starts in the file) and suggesting the closest valid key for an unknown one.
pub fn from_yaml_error(
    path: &Path,
    err: &serde_yaml::Error,
    yaml: &str,
    line_offset: usize,
) -> Diagnostic {
    // An error at the end of input (an unclosed bracket) belongs to the last line of the YAML.
    let last_line = yaml.lines().count().max(1) + line_offset;
    let mut line = err
        .location()
        .map(|loc| (loc.line() + line_offset).min(last_line));
    let text = err.to_string();
    // serde_yaml appends " at line L column C" to its messages; the line is reported separately.
    let text = match text.find(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    if let Some(key) = between(&text, "duplicate field `", "`") {
        // serde reports a duplicate at the start of its mapping; point at the repeated key instead.
        let mut lines = yaml.lines().enumerate().filter(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        });
        if let Some((i, _)) = lines.nth(1) {
            line = Some(i + 1 + line_offset);
        }
        return Diagnostic::new(path, line, format!("`{key}` is given twice"))
            .with_hint("keep one of the two lines");
    }
    if let Some((key, expected)) = parse_unknown_field(&text) {
        let mut d = Diagnostic::new(path, line, format!("unknown key `{key}`"));
        d.hint = Some(match closest(&key, &expected) {
            Some(best) => format!(
                "did you mean `{best}`? Valid keys here: {}",
                expected.join(", ")
            ),
            None => format!("valid keys here: {}", expected.join(", ")),
        });
        return d;
    }
    Diagnostic::new(path, line, text).with_hint(
        "check the YAML there: quote text that holds `: ` or starts with a symbol, and close brackets and quotes",
    )
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" into the key and the valid keys.
fn parse_unknown_field(text: &str) -> Option<(String, Vec<String>)> {
    let rest = text.split("unknown field `").nth(1)?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((key.to_string(), expected))
}

/// The candidate most like `key`, when one is close enough to be a likely typo.
pub fn closest<'a>(key: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(key, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion_and_shifted_line() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            title: String,
            date: String,
        }
        let yaml = "title: a\ntitel: b\n";
        let err = serde_yaml::from_str::<S>(yaml).unwrap_err();
        let d = from_yaml_error(Path::new("a.md"), &err, yaml, 1);
        assert_eq!(d.line, Some(3));
        assert_eq!(d.message, "unknown key `titel`");
        assert!(d.hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn display_has_path_line_and_hint() {
        let d = Diagnostic::new("content/a.md", Some(4), "bad date").with_hint("use YYYY-MM-DD");
        assert_eq!(
            d.to_string(),
            "content/a.md:4: bad date\n  hint: use YYYY-MM-DD"
        );
    }
}
