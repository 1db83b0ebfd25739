//! `newsmirror bundle --single-file DIR`: one self-contained `.html` file per article, like the
//! files monolith or SingleFile save. Stylesheets, the script, the icon and local images are
//! inlined (`<style>`, `<script>`, `data:` URLs); links to other pages point at the mirror online;
//! the attribution and the original URL stay; a comment at the top records when and from what
//! the file was made. Pages stream through as they are rendered; only the theme's small assets
//! are held in memory.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use base64::Engine as _;

use crate::build::{load_config, render_site, BuildOptions, Summary};
use crate::content::highlight;
use crate::html::{escape, rewrite_urls};
use crate::output::{Body, Output, Sink};
use crate::progress::Progress;
use crate::theme;

/// Writes one self-contained file per article into `dir`.
pub fn write(options: &BuildOptions, dir: &Path, progress: &dyn Progress) -> Result<Summary> {
    let started = Instant::now();
    let config = load_config(options)?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut assets: HashMap<String, Body> = HashMap::new();
    for (name, file) in theme::layered(&config, "static")? {
        let body = match (file.builtin, file.disk_path) {
            (Some(bytes), _) => Body::Bytes(bytes.to_vec()),
            (None, Some(path)) => Body::Copy(path),
            (None, None) => continue,
        };
        assets.insert(name, body);
    }
    let light = highlight::palette_css(&config.highlight_light, "light")?;
    let dark = highlight::palette_css(&config.highlight_dark, "dark")?;
    assets.insert(
        "css/syntax-light.css".into(),
        Body::Bytes(light.into_bytes()),
    );
    assets.insert("css/syntax-dark.css".into(), Body::Bytes(dark.into_bytes()));
    let sink = SingleFiles {
        dir: dir.to_path_buf(),
        assets,
        base_url: config.base_url.clone(),
        made_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    };
    let rendered = render_site(options, config, false, progress, &sink, &mut |_| Ok(()))?;
    let mut summary = crate::build::summarise(rendered, started, Some(dir.to_path_buf()));
    summary.files = summary.articles;
    Ok(summary)
}

/// Turns each article page into a standalone file; drops every other output.
struct SingleFiles {
    dir: PathBuf,
    assets: HashMap<String, Body>,
    base_url: String,
    made_at: String,
}

impl Sink for SingleFiles {
    fn accept(&self, output: Output) -> Result<()> {
        let (Some(_), Body::Bytes(bytes)) = (output.article, &output.body) else {
            return Ok(());
        };
        let html = String::from_utf8_lossy(bytes);
        let page_dir = output.path.trim_end_matches("index.html");
        let standalone = self.inline(&html, page_dir)?;
        let name = format!("{}.html", page_dir.trim_end_matches('/').replace('/', "--"));
        let path = self.dir.join(name);
        fs::write(&path, standalone).with_context(|| format!("cannot write {}", path.display()))
    }
}

impl SingleFiles {
    fn inline(&self, html: &str, page_dir: &str) -> Result<String> {
        let mut out = String::with_capacity(html.len() * 2);
        let mut rest = html;
        // Stylesheet links and the script element become inline elements holding the file.
        while let Some(start) = rest.find('<') {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            match self.inline_tag(tag, page_dir)? {
                Some(inlined) => {
                    out.push_str(&inlined);
                    rest = &rest[end..];
                    if inlined.starts_with("<script>") {
                        rest = rest.strip_prefix("</script>").unwrap_or(rest);
                    }
                }
                None => {
                    out.push_str(tag);
                    rest = &rest[end..];
                }
            }
        }
        out.push_str(rest);
        let linked = rewrite_urls(&out, |url| self.absolute(url, page_dir));
        Ok(self.with_header(&linked, page_dir))
    }

    /// The inline form of a `<link rel=stylesheet>`, `<link rel=icon>`, `<script src>` or local
    /// `<img>` tag; `None` for every other tag.
    fn inline_tag(&self, tag: &str, page_dir: &str) -> Result<Option<String>> {
        let attr = |name: &str| {
            let key = format!(" {name}=\"");
            tag.find(&key).map(|at| {
                let from = at + key.len();
                &tag[from..from + tag[from..].find('"').unwrap_or(0)]
            })
        };
        if tag.starts_with("<link ") && attr("rel") == Some("stylesheet") {
            if let Some(css) = self.asset(attr("href").unwrap_or(""), page_dir)? {
                let css = String::from_utf8_lossy(&css).replace("</style", "<\\/style");
                return Ok(Some(format!("<style>{css}</style>")));
            }
        } else if tag.starts_with("<script ") {
            if let Some(js) = self.asset(attr("src").unwrap_or(""), page_dir)? {
                let js = String::from_utf8_lossy(&js).replace("</script", "<\\/script");
                return Ok(Some(format!("<script>{js}</script>")));
            }
        } else if tag.starts_with("<link ") && attr("rel") == Some("icon")
            || tag.starts_with("<img ")
        {
            let key = if tag.starts_with("<img ") {
                "src"
            } else {
                "href"
            };
            if let Some(target) = attr(key) {
                if let Some(bytes) = self.asset(target, page_dir)? {
                    let data = data_url(target, &bytes);
                    return Ok(Some(tag.replacen(target, &data, 1)));
                }
            }
        }
        Ok(None)
    }

    /// The bytes of a local asset named by `url` on the page in `page_dir`.
    fn asset(&self, url: &str, page_dir: &str) -> Result<Option<Vec<u8>>> {
        let Some(path) = site_path(url, page_dir, &self.base_url) else {
            return Ok(None);
        };
        match self.assets.get(&path) {
            Some(Body::Bytes(bytes)) => Ok(Some(bytes.clone())),
            Some(Body::Copy(from)) => {
                Ok(Some(fs::read(from).with_context(|| {
                    format!("cannot read {}", from.display())
                })?))
            }
            None => Ok(None),
        }
    }

    /// Links left after inlining point at the mirror online.
    fn absolute(&self, url: &str, page_dir: &str) -> Option<String> {
        if url.starts_with("data:") || url.starts_with('#') {
            return None;
        }
        site_path(url, page_dir, &self.base_url).map(|path| format!("{}{path}", self.base_url))
    }

    fn with_header(&self, html: &str, page_dir: &str) -> String {
        let comment = format!(
            "<!-- Saved by newsmirror {} on {} from {}{}. A standalone copy: styles, script and local images are inside this file. -->\n",
            env!("CARGO_PKG_VERSION"),
            self.made_at,
            escape(&self.base_url),
            escape(page_dir),
        );
        match html.find('\n') {
            Some(end) if html.starts_with("<!DOCTYPE") => {
                format!("{}{comment}{}", &html[..=end], &html[end + 1..])
            }
            _ => format!("{comment}{html}"),
        }
    }
}

/// The site path a URL on the page in `page_dir` refers to, if it is the site's own.
fn site_path(url: &str, page_dir: &str, base_url: &str) -> Option<String> {
    let page = url::Url::parse(base_url).ok()?.join(page_dir).ok()?;
    let resolved = page.join(url).ok()?;
    resolved.as_str().strip_prefix(base_url).map(str::to_string)
}

fn data_url(name: &str, bytes: &[u8]) -> String {
    let kind = match name.rsplit('.').next().unwrap_or("") {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        _ => "application/octet-stream",
    };
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("data:{kind};base64,{encoded}")
}
