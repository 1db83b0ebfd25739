//! Publishing set-up: the GitHub Actions workflow that builds the site and deploys it to GitHub
//! Pages with the official actions. `configure-pages` gives the site's address, which carries
//! the repository's path for project sites (`https://user.github.io/repo`), so the same workflow
//! serves user, organisation and project sites, and custom domains.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Where the workflow goes, relative to the repository root.
pub const WORKFLOW: &str = ".github/workflows/pages.yml";

/// How the workflow gets newsmirror.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Install {
    /// The repository is newsmirror's own: build it.
    BuildHere,
    /// Install from a Git repository that holds newsmirror's source.
    FromGit(String),
}

/// The workflow, with `@INSTALL_STEP@` and `@BINARY@` left to fill in. A plain template rather
/// than `format!`, so the workflow's own `${{ … }}` expressions need no escaping.
const WORKFLOW_TEMPLATE: &str = r#"# Builds the site with newsmirror and publishes it to GitHub Pages.
# In the repository's Settings → Pages, set "Source" to "GitHub Actions".
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

# Read the repository, write Pages, and prove who is deploying.
permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits rather than cancelling a deployment under way.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - uses: actions/cache@v4
        with:
          path: |
            ~/.cargo/registry
            ~/.cargo/git
            target
          key: newsmirror-${{ runner.os }}-${{ hashFiles('**/Cargo.lock') }}
@INSTALL_STEP@      - name: Build the site
        # base_url has no trailing slash; for a project site it ends in the repository's name.
        run: @BINARY@ build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

/// The workflow text.
pub fn github_pages_workflow(install: &Install) -> String {
    let (install_step, binary) = match install {
        Install::BuildHere => (
            "      - name: Build newsmirror\n        run: cargo build --release --locked\n".to_string(),
            "./target/release/newsmirror",
        ),
        Install::FromGit(url) => (
            format!(
                "      - name: Install newsmirror\n        run: cargo install --locked --git {url} newsmirror\n"
            ),
            "newsmirror",
        ),
    };
    WORKFLOW_TEMPLATE
        .replace("@INSTALL_STEP@", &install_step)
        .replace("@BINARY@", binary)
}

/// Writes the workflow under `root`. An existing one is kept unless `force`; returns its path.
pub fn write_github_pages(root: &Path, install: &Install, force: bool) -> Result<PathBuf> {
    let path = root.join(WORKFLOW);
    if path.exists() && !force {
        anyhow::bail!(
            "{}: already exists, so it was left as it is\n  hint: pass --force to replace it",
            path.display()
        );
    }
    let dir = path.parent().expect("the workflow path has a folder");
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    fs::write(&path, github_pages_workflow(install))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// How to install newsmirror in the workflow for the site at `root`: build it when `root` is
/// newsmirror's own repository, else install it from `git` (required then).
pub fn install_for(root: &Path, git: Option<&str>) -> Result<Install> {
    let own = fs::read_to_string(root.join("Cargo.toml"))
        .is_ok_and(|t| t.lines().any(|l| l.trim() == "name = \"newsmirror\""));
    match (own, git) {
        (_, Some(url)) => Ok(Install::FromGit(url.to_string())),
        (true, None) => Ok(Install::BuildHere),
        (false, None) => anyhow::bail!(
            "the workflow needs to know where to get newsmirror\n  hint: pass --newsmirror-git URL, the Git repository that holds newsmirror's source"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_uses_the_official_actions_with_the_right_permissions() {
        let text = github_pages_workflow(&Install::FromGit("https://git.example/nm".into()));
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
        assert_eq!(yaml["permissions"]["pages"], "write");
        assert_eq!(yaml["permissions"]["id-token"], "write");
        assert_eq!(yaml["concurrency"]["group"], "pages");
        let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
        let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
        assert!(uses.contains(&"actions/configure-pages@v5"));
        assert!(uses.contains(&"actions/upload-pages-artifact@v3"));
        let run: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
        assert!(run
            .iter()
            .any(|r| r.contains("cargo install --locked --git https://git.example/nm")));
        assert!(run
            .iter()
            .any(|r| r.contains("build --base-url \"${{ steps.pages.outputs.base_url }}/\"")));
        let deploy = &yaml["jobs"]["deploy"];
        assert_eq!(deploy["environment"]["name"], "github-pages");
        assert_eq!(deploy["steps"][0]["uses"], "actions/deploy-pages@v4");
    }

    #[test]
    fn existing_workflow_is_kept_without_force() {
        let tmp = tempfile::tempdir().unwrap();
        write_github_pages(tmp.path(), &Install::BuildHere, false).unwrap();
        assert!(write_github_pages(tmp.path(), &Install::BuildHere, false).is_err());
        write_github_pages(tmp.path(), &Install::BuildHere, true).unwrap();
        assert!(install_for(tmp.path(), None).is_err());
    }
}
