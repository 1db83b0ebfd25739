//! The Tera environment: every layered template parsed once per build, HTML-escaping that leaves
//! `/` alone (so URLs in attributes stay readable and checkable), and errors that name the template's
//! real file.

use std::collections::HashMap;

use anyhow::{anyhow, Result};
use tera::Tera;

use crate::config::Config;
use crate::html::escape as escape_html;
use crate::theme::{self, Origin};

/// Templates every theme must provide (the built-in theme provides them all).
pub const REQUIRED: &[&str] = &[
    "article.html",
    "list.html",
    "tags.html",
    "search.html",
    "404.html",
];

/// Parsed templates and where each came from.
pub struct Templates {
    /// The Tera environment.
    pub tera: Tera,
    /// Template name → file it was read from.
    pub origins: HashMap<String, Origin>,
}

impl Templates {
    /// Parses the site's layered templates.
    pub fn load(config: &Config) -> Result<Templates> {
        let files = theme::layered(config, "templates")?;
        let mut origins = HashMap::new();
        let mut sources = Vec::new();
        for (name, file) in &files {
            let text = String::from_utf8(file.read()?)
                .map_err(|_| anyhow!("{}: template is not UTF-8 text", file.origin))?;
            origins.insert(name.clone(), file.origin.clone());
            sources.push((name.clone(), text));
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(sources).map_err(|e| {
            let origin = failing_template(&e)
                .and_then(|name| origins.get(&name))
                .map(|o| format!("{o}: "))
                .unwrap_or_default();
            anyhow!(
                "{origin}{}\n  hint: fix the template syntax",
                error_chain(&e)
            )
        })?;
        for name in REQUIRED {
            if !origins.contains_key(*name) {
                anyhow::bail!("template {name} is missing from the theme");
            }
        }
        Ok(Templates { tera, origins })
    }

    /// Where a template came from, for messages.
    pub fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .map(|o| o.to_string())
            .unwrap_or_else(|| name.to_string())
    }

    /// Renders `name`, with an error naming the template file and what was being rendered.
    pub fn render(&self, name: &str, context: &tera::Context, what: &str) -> Result<String> {
        self.tera.render(name, context).map_err(|e| {
            anyhow!(
                "{}: cannot render {what}: {}\n  hint: check the variables the template uses",
                self.origin(name),
                error_chain(&e)
            )
        })
    }
}

/// Tera's message and all its causes on one line; the causes hold the useful part.
pub fn error_chain(err: &tera::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

/// The template name in Tera's "Failed to parse 'name'" message.
fn failing_template(err: &tera::Error) -> Option<String> {
    let text = err.to_string();
    let start = text.find('\'')? + 1;
    let end = start + text[start..].find('\'')?;
    Some(text[start..end].to_string())
}
