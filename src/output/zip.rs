//! A zip archive sink for offline bundles. Files stream into the archive as they are rendered, so
//! memory does not grow with the site; the archive is written under a temporary name and renamed
//! into place only when complete. Timestamps are fixed, so the same site gives the same archive.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{Body, Output, Sink};

/// A zip archive being written.
pub struct ZipSink {
    writer: Mutex<Option<ZipWriter<BufWriter<File>>>>,
    partial: PathBuf,
    target: PathBuf,
}

impl ZipSink {
    /// Starts an archive that will be `target` once [`ZipSink::finish`] is called.
    pub fn create(target: &Path) -> Result<ZipSink> {
        let partial = target.with_extension(format!("zip.partial-{}", std::process::id()));
        let file = File::create(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        Ok(ZipSink {
            writer: Mutex::new(Some(ZipWriter::new(BufWriter::new(file)))),
            partial,
            target: target.to_path_buf(),
        })
    }

    /// Completes the archive and moves it into place.
    pub fn finish(self) -> Result<()> {
        let writer = self.writer.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(writer) = writer {
            let mut file = writer.finish().context("cannot complete the zip archive")?;
            file.flush()?;
        }
        fs::rename(&self.partial, &self.target)
            .with_context(|| format!("cannot write {}", self.target.display()))
    }
}

impl Sink for ZipSink {
    fn accept(&self, output: Output) -> Result<()> {
        let bytes = match &output.body {
            Body::Bytes(bytes) => bytes.clone(),
            Body::Copy(from) => {
                fs::read(from).with_context(|| format!("cannot read {}", from.display()))?
            }
        };
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .unix_permissions(0o644);
        let mut guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let writer = guard.as_mut().context("the archive is already finished")?;
        writer.start_file(output.path.as_str(), options)?;
        writer.write_all(&bytes)?;
        Ok(())
    }
}

impl Drop for ZipSink {
    /// An unfinished archive (a failed bundle) is removed.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.partial);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_readable_archive_only_when_finished() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site.zip");
        let sink = ZipSink::create(&target).unwrap();
        sink.accept(Output::bytes("a/index.html", b"<p>hi</p>".to_vec()))
            .unwrap();
        assert!(!target.exists());
        sink.finish().unwrap();
        let mut archive = zip::ZipArchive::new(File::open(&target).unwrap()).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("a/index.html").unwrap(), &mut text)
            .unwrap();
        assert_eq!(text, "<p>hi</p>");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "partial file left"
        );
    }
}
