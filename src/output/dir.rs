//! Writes a site to a directory atomically. Files go to a staging directory beside the target; when
//! all are written, the old directory is renamed away, the staging one renamed into its place and
//! the old one removed. Any failure before the swap removes the staging directory and leaves the
//! previous site exactly as it was. Top-level dot-entries of the previous site (`.git` of a
//! gh-pages worktree, say) are carried over. [`check_target`] refuses targets whose replacement
//! would destroy the user's own files.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};

use super::{Body, Output, Sink};

/// Site folders that must never be the output or hold it.
const SOURCE_FOLDERS: &[&str] = &["content", "static", "templates", "themes", "i18n"];

/// Fails when replacing `target` could destroy sources: the site root or a folder above it, a
/// source folder or anything inside one, or an existing non-empty folder that holds no built site.
pub fn check_target(root: &Path, target: &Path) -> Result<()> {
    let root = absolute(root);
    let target_abs = absolute(target);
    let refuse = |why: &str| {
        anyhow::anyhow!(
            "{}: refusing to use as the output folder: {why}\n  hint: choose another --output, such as public",
            target.display()
        )
    };
    if root.starts_with(&target_abs) {
        return Err(refuse("it holds the site itself"));
    }
    for folder in SOURCE_FOLDERS {
        if target_abs.starts_with(root.join(folder)) {
            return Err(refuse(&format!("it is inside the site's {folder}/ folder")));
        }
    }
    let holds_files = fs::read_dir(target).is_ok_and(|mut entries| {
        entries.any(|e| e.is_ok_and(|e| !e.file_name().to_string_lossy().starts_with('.')))
    });
    if holds_files && !target.join("index.html").exists() && !target.join("404.html").exists() {
        return Err(refuse(
            "it already holds files that are not a built site, and building would replace them",
        ));
    }
    Ok(())
}

/// `path` made absolute and normalised without touching the disk (it may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks where the path exists, so two spellings of one folder compare equal.
    out.canonicalize().unwrap_or(out)
}

/// A staging directory beside the target, receiving files while the site renders.
pub struct Staging {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Bytes written so far, for the size check.
    written: AtomicU64,
    /// Files over [`LARGE_FILE`] bytes.
    large: Mutex<Vec<String>>,
}

/// GitHub Pages refuses files over 100 MiB and sites over 1 GiB; others have similar limits.
pub const LARGE_FILE: u64 = 100 * 1024 * 1024;
/// See [`LARGE_FILE`].
pub const LARGE_SITE: u64 = 1024 * 1024 * 1024;

impl Staging {
    /// Creates the staging directory and every folder that `paths` (site-relative file paths)
    /// need, so that parallel writes never race on creating them.
    pub fn begin(target: &Path, paths: &[String]) -> Result<Staging> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let _ = fs::remove_dir_all(&staging);
        let this = Staging {
            staging,
            target: target.to_path_buf(),
            committed: false,
            written: AtomicU64::new(0),
            large: Mutex::new(Vec::new()),
        };
        fs::create_dir_all(&this.staging)
            .with_context(|| format!("cannot create {}", this.staging.display()))?;
        let dirs: BTreeSet<&str> = paths
            .iter()
            .filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir))
            .collect();
        for dir in dirs {
            let path = this.staging.join(dir);
            fs::create_dir_all(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
        }
        Ok(this)
    }

    /// Total bytes written, and the files over [`LARGE_FILE`].
    pub fn size(&self) -> (u64, Vec<String>) {
        let large = self.large.lock().unwrap_or_else(|e| e.into_inner()).clone();
        (self.written.load(Ordering::Relaxed), large)
    }

    /// Swaps the staged site into place, keeping the previous site's top-level dot-entries.
    pub fn commit(mut self) -> Result<()> {
        carry_dot_entries(&self.target, &self.staging)?;
        let parent = self
            .staging
            .parent()
            .expect("staging has a parent")
            .to_path_buf();
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        self.committed = true;
        swap_into_place(
            &self.staging,
            &self.target,
            &parent,
            &name.unwrap_or_default(),
        )
    }
}

impl Sink for Staging {
    fn accept(&self, output: Output) -> Result<()> {
        let path = self.staging.join(&output.path);
        let len = match &output.body {
            Body::Bytes(bytes) => fs::write(&path, bytes).map(|()| bytes.len() as u64),
            Body::Copy(from) => fs::copy(from, &path),
        }
        .with_context(|| format!("cannot write {}", path.display()))?;
        world_readable(&path)?;
        self.written.fetch_add(len, Ordering::Relaxed);
        if len > LARGE_FILE {
            self.large
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(output.path);
        }
        Ok(())
    }
}

/// Published files must be readable by everyone (a copied static file keeps its mode otherwise).
#[cfg(unix)]
fn world_readable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
        .with_context(|| format!("cannot set permissions of {}", path.display()))
}

#[cfg(not(unix))]
fn world_readable(_path: &Path) -> Result<()> {
    Ok(())
}

impl Drop for Staging {
    /// An uncommitted staging directory (a failed build) is removed; the target is untouched.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Moves top-level entries named `.something` from the previous site into the new one, unless the
/// build wrote one of that name itself.
fn carry_dot_entries(previous: &Path, staging: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(previous) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let to = staging.join(&name);
        if name.to_string_lossy().starts_with('.') && !to.exists() {
            fs::rename(entry.path(), &to)
                .with_context(|| format!("cannot keep {}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn swap_into_place(staging: &Path, target: &Path, parent: &Path, name: &str) -> Result<()> {
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_old = target.exists();
    if had_old {
        let _ = fs::remove_dir_all(&old);
        fs::rename(target, &old)
            .with_context(|| format!("cannot move the previous {} aside", target.display()))?;
    }
    if let Err(e) = fs::rename(staging, target) {
        // Put the previous site back so nothing is lost.
        if had_old {
            let _ = fs::rename(&old, target);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(e).with_context(|| format!("cannot move the new site to {}", target.display()));
    }
    if had_old {
        fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// Writes `outputs` to `target` at once, replacing what was there only on success.
    fn write_atomically(target: &Path, outputs: &[Output]) -> Result<()> {
        let paths: Vec<String> = outputs.iter().map(|o| o.path.clone()).collect();
        let staging = Staging::begin(target, &paths)?;
        outputs
            .par_iter()
            .try_for_each(|o| staging.accept(o.clone()))?;
        staging.commit()
    }

    #[test]
    fn replaces_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        write_atomically(&target, &[Output::bytes("a/index.html", b"one".to_vec())]).unwrap();
        write_atomically(&target, &[Output::bytes("b.txt", b"two".to_vec())]).unwrap();
        assert!(!target.join("a/index.html").exists());
        assert_eq!(fs::read(target.join("b.txt")).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging or old directory left behind");
    }

    #[test]
    fn dot_entries_of_the_previous_site_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        fs::create_dir_all(target.join(".git")).unwrap();
        fs::write(target.join(".git/HEAD"), "ref").unwrap();
        fs::write(target.join("index.html"), "old").unwrap();
        write_atomically(&target, &[Output::bytes("index.html", b"new".to_vec())]).unwrap();
        assert_eq!(fs::read(target.join(".git/HEAD")).unwrap(), b"ref");
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"new");
    }

    #[test]
    fn dangerous_targets_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content/world")).unwrap();
        fs::create_dir_all(root.join("notes")).unwrap();
        fs::write(root.join("notes/todo.txt"), "x").unwrap();
        for bad in [".", "..", "content", "content/world/out", "static", "notes"] {
            let err = check_target(&root, &root.join(bad))
                .unwrap_err()
                .to_string();
            assert!(err.contains("refusing"), "{bad}: {err}");
        }
        check_target(&root, &root.join("public")).unwrap();
        fs::create_dir_all(root.join("public")).unwrap();
        fs::write(root.join("public/index.html"), "built").unwrap();
        check_target(&root, &root.join("public")).unwrap();
    }

    #[test]
    fn failed_write_leaves_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        write_atomically(&target, &[Output::bytes("keep.txt", b"old".to_vec())]).unwrap();
        let bad = Output {
            path: "x.css".into(),
            body: Body::Copy(tmp.path().join("missing.css")),
            article: None,
            template: None,
        };
        assert!(write_atomically(&target, &[bad]).is_err());
        assert_eq!(fs::read(target.join("keep.txt")).unwrap(), b"old");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
