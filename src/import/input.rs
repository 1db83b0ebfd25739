//! What the command line names, turned into documents: files, folders of them, `-` for standard
//! input and web addresses; gzip is undone and the kind of each document (HTML page, feed,
//! page-text dump) is told from its content, not only from its name.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::feed::is_feed;

/// File name endings read from a folder (with or without `.gz`).
const EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "txt", "xml", "rss", "atom"];

/// One thing to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A web address.
    Url(url::Url),
}

impl Input {
    /// How the input is named in reports and in `import.from`.
    pub fn label(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "-".into(),
            Input::Url(url) => url.to_string(),
        }
    }
}

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An HTML page.
    Html,
    /// An RSS or Atom feed.
    Feed,
    /// The copied text of a page.
    TextDump,
}

/// Expands command-line arguments: folders become the importable files in them (sorted, hidden
/// ones skipped), `-` standard input, `http(s)://…` a URL. A name that is none of these fails,
/// and so does a folder with nothing to import: a wrong folder should not pass for an empty run.
pub fn expand(args: &[String]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
        } else if let Some(url) = super::fetch::as_web_url(arg) {
            inputs.push(Input::Url(url));
        } else {
            let path = PathBuf::from(arg);
            if path.is_dir() {
                let files = files_in(&path)?;
                if files.is_empty() {
                    anyhow::bail!(
                        "{arg}: no files to import in this folder\n  hint: saved pages, text dumps and feeds are read from files named *.{} (or with .gz)",
                        EXTENSIONS.join(", *.")
                    );
                }
                inputs.extend(files.into_iter().map(Input::File));
            } else if path.is_file() {
                inputs.push(Input::File(path));
            } else {
                anyhow::bail!(
                    "{arg}: no such file or folder\n  hint: give saved pages, text dumps or feeds, a folder of them, - for standard input, or an http(s):// address"
                );
            }
        }
    }
    Ok(inputs)
}

fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        if entry.file_type().is_file() && importable_name(entry.path()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn importable_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    EXTENSIONS
        .iter()
        .any(|ext| name.rsplit_once('.').is_some_and(|(_, e)| e == *ext))
}

/// Reads a file, undoing gzip when the content starts with its magic bytes.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    gunzip_if_needed(bytes).with_context(|| format!("{}: broken gzip data", path.display()))
}

/// Reads all of standard input.
pub fn read_stdin() -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    gunzip_if_needed(bytes)
}

/// Returns the data, gunzipped when it is gzip.
pub fn gunzip_if_needed(bytes: Vec<u8>) -> Result<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::MultiGzDecoder::new(bytes.as_slice()).read_to_end(&mut out)?;
    Ok(out)
}

/// Whether decoded text is really binary data (an image, a PDF, an archive saved with a page's
/// name): control characters or undecodable bytes make up more than a tenth of its opening.
pub fn looks_binary(text: &str) -> bool {
    let opening = text.chars().take(4096);
    let (mut odd, mut all) = (0, 0);
    for c in opening {
        all += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) {
            odd += 1;
        }
    }
    odd * 10 > all
}

/// Tells a document's kind from its content; the HTTP content type or file name only decide
/// when the content could be either (a feed served as text/html is still a feed).
pub fn sniff(text: &str) -> Kind {
    if is_feed(text) {
        return Kind::Feed;
    }
    let head: String = text
        .chars()
        .take(8192)
        .collect::<String>()
        .to_ascii_lowercase();
    let markers = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta ",
        "<title",
        "<article",
        "<div",
        "<p>",
        "<p ",
    ];
    let tags = markers.iter().filter(|m| head.contains(*m)).count();
    if tags >= 2
        || head.trim_start().starts_with("<!doctype html")
        || head.trim_start().starts_with("<html")
    {
        Kind::Html
    } else {
        Kind::TextDump
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn kinds_come_from_content() {
        assert_eq!(sniff("<!DOCTYPE html><title>x</title>"), Kind::Html);
        assert_eq!(sniff("\n  <html lang=en><body><p>x"), Kind::Html);
        assert_eq!(
            sniff("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>"),
            Kind::Feed
        );
        assert_eq!(
            sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"),
            Kind::Feed
        );
        assert_eq!(
            sniff("twitter\nsearch\nA headline here\n\nText <b>x</b>."),
            Kind::TextDump
        );
    }

    #[test]
    fn binary_data_is_told_from_text() {
        let noise: String = (0u8..=255).cycle().take(3000).map(char::from).collect();
        assert!(looks_binary(&noise));
        assert!(looks_binary(&String::from_utf8_lossy(
            b"%PDF\x00\x01\xff\xfe\x00\x00"
        )));
        assert!(!looks_binary("<html><body>Привет, мир\t\r\n</body></html>"));
        assert!(!looks_binary(""));
    }

    #[test]
    fn gzip_is_undone_and_folders_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html>hi</html>").unwrap();
        std::fs::write(dir.path().join("a.html.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(dir.path().join("b.txt"), "dump").unwrap();
        std::fs::write(dir.path().join("c.png"), "no").unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/d.html"), "no").unwrap();
        let inputs = expand(&[dir.path().display().to_string()]).unwrap();
        let names: Vec<String> = inputs
            .iter()
            .map(|i| i.label().rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, vec!["a.html.gz", "b.txt"]);
        let empty = dir.path().join("images");
        std::fs::create_dir(&empty).unwrap();
        std::fs::write(empty.join("photo.jpg"), "no").unwrap();
        let err = expand(&[empty.display().to_string()]).unwrap_err();
        assert!(err.to_string().contains("no files to import"), "{err}");
        let Input::File(first) = &inputs[0] else {
            panic!()
        };
        assert_eq!(read_file(first).unwrap(), b"<html>hi</html>");
        assert!(expand(&["/no/such/thing".into()]).is_err());
        assert_eq!(expand(&["-".into()]).unwrap(), vec![Input::Stdin]);
    }
}
