//! Runs the article extractor over a corpus directory (`html/<id>.html.gz` plus an optional
//! `ground-truth.json` giving each page's URL) and writes `OUT/<id>.md` with the front matter
//! fields the scorer reads. Prints pages per second for extraction alone, one thread.
//!
//! Usage: `cargo run --release --example extract_corpus -- CORPUS_DIR OUT_DIR [--no-url]
//! [--text-only] [--no-alt] [--no-captions]` (`--text-only`: no alt text or captions, the
//! benchmarks' convention; the other two drop one of them)
//! (`benches/import_score.py` wraps this and the scorer).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use newsmirror::import::extract::{extract_html_with, ExtractOptions, Extracted};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(out)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: extract_corpus CORPUS_DIR OUT_DIR [--no-url]");
    };
    let use_url = !args.iter().any(|a| a == "--no-url");
    let opts = options_from(&args);
    if let Some(i) = args.iter().position(|a| a == "--explain") {
        // Tuning aid: which elements the scorer picked for one page, and the path to a text.
        let id = args.get(i + 1).context("--explain ID [NEEDLE]")?;
        let path = PathBuf::from(corpus).join(format!("html/{id}.html.gz"));
        let html = read_gz(&path)?;
        let needle = args.get(i + 2).map(String::as_str);
        for line in newsmirror::import::extract::explain_article(&html, needle) {
            println!("{line}");
        }
        return Ok(());
    }
    let corpus = PathBuf::from(corpus);
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let urls = read_urls(&corpus.join("ground-truth.json"));
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(corpus.join("html")).context("reading html/")? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(id) = name.strip_suffix(".html.gz") {
            pages.push((id.to_string(), read_gz(&path)?));
        }
    }
    pages.sort();
    let mut spent = Duration::ZERO;
    for (id, html) in &pages {
        let url = urls
            .get(id)
            .filter(|_| use_url)
            .and_then(|u| url::Url::parse(u).ok());
        let start = Instant::now();
        let x = extract_html_with(html, url.as_ref(), &opts);
        spent += start.elapsed();
        std::fs::write(out.join(format!("{id}.md")), render(&x))?;
    }
    let secs = spent.as_secs_f64();
    println!(
        "pages: {}  extraction: {:.2}s  pages/s: {:.1}",
        pages.len(),
        secs,
        pages.len() as f64 / secs.max(1e-9)
    );
    Ok(())
}

/// The extraction profile the flags ask for: `--text-only`, `--no-alt`, `--no-captions`.
fn options_from(args: &[String]) -> ExtractOptions {
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let mut opts = if has("--text-only") {
        ExtractOptions::text_only()
    } else {
        ExtractOptions::default()
    };
    if has("--no-alt") {
        opts.image_alt = false;
    }
    if has("--no-captions") {
        opts.captions = false;
    }
    opts
}

fn read_urls(path: &Path) -> std::collections::HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Default::default();
    };
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    json.as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.get("url")?.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Gunzips a page; bytes that are not UTF-8 are replaced (the corpora are UTF-8 or close).
fn read_gz(path: &Path) -> Result<String> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?)
        .read_to_end(&mut raw)
        .with_context(|| format!("gunzip {}", path.display()))?;
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

fn render(x: &Extracted) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut fm = String::from("---\n");
    for (key, val) in [
        ("title", x.title.clone()),
        ("date", x.date.clone()),
        ("updated", x.updated.clone()),
        ("author", x.author_line()),
        ("section", x.section.clone()),
    ] {
        if let Some(v) = val {
            fm.push_str(&format!("{key}: {}\n", q(&v)));
        }
    }
    fm.push_str("---\n");
    fm + &x.body
}
