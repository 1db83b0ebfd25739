//! The example site's output, byte for byte: a digest of every file is kept in
//! `tests/golden/example-site.sha256`, so that an optimisation cannot change what a build writes
//! without this test noticing. After an intended change to the output, rewrite the list with
//! `NEWSMIRROR_UPDATE_GOLDEN=1 cargo test golden` and review the diff.

use std::fmt::Write as _;
use std::path::Path;

use newsmirror::build::{render_to_memory, BuildOptions};
use newsmirror::output::Body;
use sha2::{Digest, Sha256};

fn digests(base_url: Option<&str>) -> String {
    let mut options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    options.base_url = base_url.map(str::to_string);
    let (_, outputs) = render_to_memory(&options, false).unwrap_or_else(|e| panic!("{e:#}"));
    let mut lines: Vec<(String, String)> = outputs
        .iter()
        .map(|o| {
            let bytes = match &o.body {
                Body::Bytes(b) => b.clone(),
                Body::Copy(path) => std::fs::read(path).unwrap(),
            };
            let hash = Sha256::digest(&bytes);
            let hex = hash.iter().fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            });
            (o.path.clone(), hex)
        })
        .collect();
    lines.sort();
    lines
        .into_iter()
        .map(|(path, hex)| format!("{hex}  {path}\n"))
        .collect()
}

fn compare(name: &str, actual: String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("NEWSMIRROR_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    let changed: Vec<&str> = actual
        .lines()
        .filter(|l| !expected.lines().any(|e| e == *l))
        .chain(
            expected
                .lines()
                .filter(|e| !actual.lines().any(|l| l == *e)),
        )
        .collect();
    assert!(
        changed.is_empty(),
        "output differs from {} in {} lines, first: {:?}\nif the change is intended: NEWSMIRROR_UPDATE_GOLDEN=1 cargo test golden",
        path.display(),
        changed.len(),
        &changed[..changed.len().min(6)]
    );
}

#[test]
fn example_site_output_is_unchanged() {
    compare("example-site.sha256", digests(None));
}

#[test]
fn example_site_under_a_project_path_is_unchanged() {
    compare(
        "example-site-repo.sha256",
        digests(Some("https://user.github.io/repo/")),
    );
}
