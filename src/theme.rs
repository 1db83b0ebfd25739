//! Theme files found in layers: the default theme compiled into the binary, then
//! `themes/<name>/` under the site, then the site's own `templates/`, `static/` and `i18n/`. A later
//! layer overrides an earlier one file by file, so a site changes only what it needs to and a bare
//! `content/` folder still builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::config::Config;

/// The default theme's source, `themes/default/` in this repository, compiled in.
static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary (the default theme).
    BuiltIn(String),
    /// A file on disk.
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::BuiltIn(path) => write!(f, "themes/default/{path} (built in)"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One file of a theme layer.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path inside its kind's folder, with `/` separators (e.g. `article.html`, `css/site.css`).
    pub name: String,
    /// Where it came from.
    pub origin: Origin,
    /// Its bytes, for built-in files.
    pub builtin: Option<&'static [u8]>,
    /// Its full path, for files on disk (read when needed).
    pub disk_path: Option<PathBuf>,
}

impl ThemeFile {
    /// Reads the file's bytes.
    pub fn read(&self) -> Result<Vec<u8>> {
        match (&self.builtin, &self.disk_path) {
            (Some(bytes), _) => Ok(bytes.to_vec()),
            (None, Some(path)) => {
                std::fs::read(path).with_context(|| format!("cannot read {}", self.origin))
            }
            (None, None) => anyhow::bail!("{} has no content", self.origin),
        }
    }
}

/// The files of one kind (`templates`, `static` or `i18n`) after layering, by name.
pub fn layered(config: &Config, kind: &str) -> Result<BTreeMap<String, ThemeFile>> {
    let mut files = BTreeMap::new();
    if let Some(dir) = DEFAULT_THEME.get_dir(kind) {
        add_builtin(dir, kind, &mut files);
    }
    let theme_dir = config.root.join("themes").join(&config.theme);
    if config.theme != "default" && !theme_dir.is_dir() {
        anyhow::bail!(
            "site.yaml: theme `{}` not found at {}\n  hint: put the theme there or remove `theme:` to use the default",
            config.theme,
            theme_dir.display()
        );
    }
    add_disk(&config.root, &theme_dir.join(kind), &mut files)?;
    add_disk(&config.root, &config.root.join(kind), &mut files)?;
    Ok(files)
}

fn add_builtin(dir: &'static Dir<'static>, kind: &str, files: &mut BTreeMap<String, ThemeFile>) {
    for entry in dir.entries() {
        if let Some(sub) = entry.as_dir() {
            add_builtin(sub, kind, files);
        } else if let Some(file) = entry.as_file() {
            let full = file.path().to_string_lossy().replace('\\', "/");
            let name = full
                .strip_prefix(&format!("{kind}/"))
                .unwrap_or(&full)
                .to_string();
            files.insert(
                name,
                ThemeFile {
                    name: full.clone(),
                    origin: Origin::BuiltIn(full),
                    builtin: Some(file.contents()),
                    disk_path: None,
                },
            );
        }
    }
    // Names are relative to the kind's folder.
    for (name, file) in files.iter_mut() {
        file.name = name.clone();
    }
}

fn add_disk(root: &Path, dir: &Path, files: &mut BTreeMap<String, ThemeFile>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // A link may point anywhere; publishing (or previewing) a file from outside the site
        // would hand out what its author never put in it.
        let real = entry.path().canonicalize().unwrap_or_default();
        if !real.starts_with(&real_root) {
            let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
            anyhow::bail!(
                "{}: links to {}, outside the site\n  hint: copy the file into the site instead of linking to it",
                shown.display(),
                real.display()
            );
        }
        let inner = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir stays inside its root");
        let name = inner.to_string_lossy().replace('\\', "/");
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        files.insert(
            name.clone(),
            ThemeFile {
                name,
                origin: Origin::File(shown.to_path_buf()),
                builtin: None,
                disk_path: Some(entry.path().to_path_buf()),
            },
        );
    }
    Ok(())
}
