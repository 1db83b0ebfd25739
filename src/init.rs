//! `newsmirror init`: a new site with a `site.yaml`, a `content/` folder and one sample article.
//! The theme is built in, so nothing else is needed to build. Existing files are never overwritten.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

const SITE_YAML: &str = r#"# newsmirror site settings. Every key is optional; see README.md for all of them.
title: My news mirror
description: Articles mirrored with credit to their publishers.
base_url: https://example.org/
language: en
languages:
  en: {name: English}
paginate: 20
attribution:
  notice: "Mirrored with credit; all rights remain with the original publisher."
share: [x, facebook, telegram, whatsapp, email]
"#;

const SAMPLE: &str = r#"---
title: "Welcome to your news mirror"
date: 2025-01-01T09:00:00+00:00
section: news
tags: [welcome]
summary: "Sample article: replace it with articles of your own, or run newsmirror import."
source:
  name: Example Outlet
  url: https://example.com/original/welcome
---
This is a sample article. Every article is a Markdown file under `content/<section>/` with YAML
front matter on top. The `source` is required: it becomes the link to the original that every
page shows.

Run `newsmirror build` to write the site to `public/`.
"#;

/// Creates a site in `dir` (made if missing). Fails, changing nothing, if `site.yaml` or `content/`
/// is already there.
pub fn init(dir: &Path) -> Result<()> {
    for existing in ["site.yaml", "content"] {
        let path = dir.join(existing);
        if path.exists() {
            anyhow::bail!(
                "{}: already exists, so nothing was written\n  hint: run init in an empty folder, or name a new one: newsmirror init my-site",
                path.display()
            );
        }
    }
    let article_dir = dir.join("content").join("news");
    fs::create_dir_all(&article_dir)
        .with_context(|| format!("cannot create {}", article_dir.display()))?;
    fs::write(dir.join("site.yaml"), SITE_YAML)
        .with_context(|| format!("cannot write {}", dir.join("site.yaml").display()))?;
    fs::write(article_dir.join("welcome.md"), SAMPLE)
        .with_context(|| format!("cannot write {}", article_dir.join("welcome.md").display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        init(tmp.path()).unwrap();
        fs::write(tmp.path().join("site.yaml"), "title: mine\n").unwrap();
        let err = init(tmp.path()).unwrap_err().to_string();
        assert!(err.contains("already exists"));
        assert_eq!(
            fs::read_to_string(tmp.path().join("site.yaml")).unwrap(),
            "title: mine\n"
        );
    }
}
