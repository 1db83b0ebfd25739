//! The served files in memory. They are split into shards, each behind its own `Arc`, so that an
//! update copies only the shards it changes while requests go on reading the previous snapshot,
//! and taking a snapshot costs one `Arc` per shard whatever the site's size.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// Number of shards: enough that one edit copies a small part of a 10,000-article site's index.
const SHARDS: usize = 64;

/// One file of the served site.
#[derive(Debug, Clone)]
pub struct File {
    pub(crate) bytes: Arc<[u8]>,
    pub(crate) etag: String,
}

impl File {
    /// A file with a new entity tag. Tags are never reused within a run (a counter) nor across
    /// runs (the server's start time), so a browser's cached copy is never wrongly confirmed;
    /// files whose bytes did not change keep their `File`, and so their tag.
    pub(crate) fn new(bytes: Arc<[u8]>) -> File {
        static STARTED: OnceLock<u128> = OnceLock::new();
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let started = STARTED.get_or_init(|| {
            let now = SystemTime::now().duration_since(UNIX_EPOCH);
            now.map(|d| d.as_nanos()).unwrap_or_default()
        });
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        File {
            bytes,
            etag: format!("\"{started:x}-{n:x}\""),
        }
    }
}

/// Path → file, in shards.
#[derive(Debug, Clone)]
pub struct Files {
    shards: Vec<Arc<HashMap<String, File>>>,
}

impl Default for Files {
    fn default() -> Files {
        Files {
            shards: (0..SHARDS).map(|_| Arc::new(HashMap::new())).collect(),
        }
    }
}

fn shard_of(path: &str) -> usize {
    (crate::hash::fnv(path.bytes()) % SHARDS as u64) as usize
}

impl Files {
    /// The file at a site-relative path.
    pub fn get(&self, path: &str) -> Option<&File> {
        self.shards[shard_of(path)].get(path)
    }

    /// Whether the site has a file at `path`.
    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.len()).sum()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Puts `bytes` at `path`, unless the same bytes are there already (keeping their tag).
    pub fn put(&mut self, path: String, bytes: Arc<[u8]>) {
        let shard = &mut self.shards[shard_of(&path)];
        if shard.get(&path).is_some_and(|f| *f.bytes == *bytes) {
            return;
        }
        Arc::make_mut(shard).insert(path, File::new(bytes));
    }

    /// Drops every file whose path is not in `keep`.
    pub fn retain(&mut self, keep: &HashSet<&str>) {
        for shard in &mut self.shards {
            if shard.keys().any(|p| !keep.contains(p.as_str())) {
                Arc::make_mut(shard).retain(|p, _| keep.contains(p.as_str()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_bytes_keep_their_tag_and_snapshots_stay_as_they_were() {
        let mut files = Files::default();
        files.put("a.html".into(), Arc::from(&b"one"[..]));
        let tag = files.get("a.html").unwrap().etag.clone();
        let snapshot = files.clone();
        files.put("a.html".into(), Arc::from(&b"one"[..]));
        assert_eq!(files.get("a.html").unwrap().etag, tag);
        files.put("a.html".into(), Arc::from(&b"two"[..]));
        assert_ne!(files.get("a.html").unwrap().etag, tag);
        assert_eq!(&*snapshot.get("a.html").unwrap().bytes, b"one");
        files.put("b.css".into(), Arc::from(&b"x"[..]));
        files.retain(&HashSet::from(["b.css"]));
        assert!(!files.contains_key("a.html") && files.contains_key("b.css"));
        assert_eq!(files.len(), 1);
        assert!(
            snapshot.contains_key("a.html"),
            "the snapshot is not changed"
        );
    }
}
