//! Writes a site to a directory atomically. Files go to a staging directory beside the target; when
//! all are written, the old directory is renamed away, the staging one renamed into its place and
//! the old one removed. Any failure before the swap removes the staging directory and leaves the
//! previous site exactly as it was.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::{Body, Output};

/// Writes `outputs` to `target`, replacing what was there only on success.
pub fn write_atomically(target: &Path, outputs: &[Output]) -> Result<()> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    if let Err(e) = write_all(&staging, outputs) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap_into_place(&staging, target, &parent, &name)
}

/// Writes every output under `root` (which must not exist yet), in parallel.
pub fn write_all(root: &Path, outputs: &[Output]) -> Result<()> {
    fs::create_dir_all(root).with_context(|| format!("cannot create {}", root.display()))?;
    // Directories first, once each and in order, so the parallel writes below never race on them.
    let dirs: BTreeSet<&str> = outputs
        .iter()
        .filter_map(|o| o.path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for dir in dirs {
        let path = root.join(dir);
        fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
    }
    outputs.par_iter().try_for_each(|output| {
        let path = root.join(&output.path);
        match &output.body {
            Body::Bytes(bytes) => fs::write(&path, bytes),
            Body::Copy(from) => fs::copy(from, &path).map(|_| ()),
        }
        .with_context(|| format!("cannot write {}", path.display()))
    })
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
    fn failed_write_leaves_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        write_atomically(&target, &[Output::bytes("keep.txt", b"old".to_vec())]).unwrap();
        let bad = Output {
            path: "x.css".into(),
            body: Body::Copy(tmp.path().join("missing.css")),
            article: None,
        };
        assert!(write_atomically(&target, &[bad]).is_err());
        assert_eq!(fs::read(target.join("keep.txt")).unwrap(), b"old");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
