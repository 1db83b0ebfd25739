//! `--download-images`: the images an article shows are saved with the site, for offline
//! archives, and the article links them locally. They go to
//! `static/images/[<lang>/]<section>/<slug>/<n>.<ext>`, because `build` publishes the site's
//! `static/` folder (and not loose files in `content/`); links are root-relative
//! (`/images/…`), which `build` prefixes with the base path and bundles make relative.

use std::path::Path;

use super::fetch::Fetcher;
use super::write::Planned;

/// Downloads the body's images and the lead image, rewriting their addresses in `planned`.
/// Returns notes for images that could not be saved (their remote address is kept).
pub fn download(planned: &mut Planned, root: &Path, fetcher: &mut Fetcher) -> Vec<String> {
    let mut notes = Vec::new();
    let mut urls = image_urls(&planned.body);
    // A lead image the body shows (in any size) is saved once, as the body's file: the page
    // shows it once, and the archive holds one copy.
    let lead_twin = planned.front.image.as_ref().and_then(|lead| {
        urls.iter()
            .find(|u| crate::html::same_picture(u, lead))
            .cloned()
    });
    if let Some(lead) = &planned.front.image {
        if lead_twin.is_none() {
            urls.push(lead.clone());
        }
    }
    let lang_dir = planned
        .path
        .parent()
        .and_then(|section_dir| section_dir.parent())
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| n != "content" && planned.front.lang.as_deref() == Some(n.as_str()));
    let mut rel = String::from("images/");
    if let Some(lang) = &lang_dir {
        rel.push_str(&format!("{lang}/"));
    }
    rel.push_str(&format!("{}/{}", planned.section, planned.slug));
    for (n, remote) in urls.iter().enumerate() {
        match save(remote, root, &rel, n + 1, fetcher) {
            Ok(local) => {
                planned.body = planned.body.replace(remote.as_str(), &local);
                let lead = planned.front.image.as_deref() == Some(remote.as_str());
                if lead || lead_twin.as_deref() == Some(remote.as_str()) {
                    planned.front.image = Some(local);
                }
            }
            Err(e) => notes.push(format!(
                "image {remote} not saved: {}",
                super::fetch::reason(&e)
            )),
        }
    }
    notes
}

/// Fetches one image into `static/<rel>/<n>.<ext>`; returns its site address.
fn save(
    remote: &str,
    root: &Path,
    rel: &str,
    n: usize,
    fetcher: &mut Fetcher,
) -> anyhow::Result<String> {
    let url = url::Url::parse(remote)?;
    let fetched = fetcher.get(&url)?;
    let kind = fetched.content_type.as_deref().unwrap_or("");
    let ext = extension(kind, url.path())
        .ok_or_else(|| anyhow::anyhow!("not an image (Content-Type {kind:?})"))?;
    let name = format!("{rel}/{n}.{ext}");
    let path = root.join("static").join(&name);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, &fetched.bytes)?;
    Ok(format!("/{name}"))
}

/// The file extension for an image, from its content type, else its URL. SVG is refused: it
/// can carry scripts.
fn extension(content_type: &str, path: &str) -> Option<&'static str> {
    let by_type = match content_type.split(';').next().unwrap_or("").trim() {
        "image/jpeg" | "image/jpg" => Some("jpg"),
        "image/png" => Some("png"),
        "image/gif" => Some("gif"),
        "image/webp" => Some("webp"),
        "image/avif" => Some("avif"),
        _ => None,
    };
    by_type.or_else(|| {
        let lower = path.to_ascii_lowercase();
        let ext = lower.rsplit_once('.')?.1;
        ["jpg", "jpeg", "png", "gif", "webp", "avif"]
            .iter()
            .find(|e| **e == ext)
            .map(|e| if *e == "jpeg" { "jpg" } else { e })
            .filter(|_| !content_type.starts_with("text/"))
    })
}

/// Absolute http(s) image addresses in Markdown (`![alt](url "title")`) and raw `<img src>`.
fn image_urls(markdown: &str) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    let mut push = |u: &str| {
        let u = u.trim().trim_start_matches('<').trim_end_matches('>');
        if (u.starts_with("http://") || u.starts_with("https://")) && !urls.iter().any(|x| x == u) {
            urls.push(u.to_string());
        }
    };
    let mut rest = markdown;
    while let Some(at) = rest.find("![") {
        rest = &rest[at + 2..];
        if let Some(open) = rest.find("](") {
            let dest = &rest[open + 2..];
            let end = dest.find([')', ' ', '\n']).unwrap_or(dest.len());
            push(&dest[..end]);
        }
    }
    for (at, _) in markdown.match_indices("src=\"") {
        let value = &markdown[at + 5..];
        push(&value[..value.find('"').unwrap_or(0)]);
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markdown_and_html_images_once() {
        let md = "![a](https://e.org/a.jpg \"t\") ![b](<https://e.org/b.png>) ![c](/local.png)\n\
                  <img src=\"https://e.org/a.jpg\"> <img src=\"https://e.org/c.gif\">";
        assert_eq!(
            image_urls(md),
            vec![
                "https://e.org/a.jpg",
                "https://e.org/b.png",
                "https://e.org/c.gif"
            ]
        );
    }

    #[test]
    fn extensions() {
        assert_eq!(extension("image/jpeg; q=1", "/x"), Some("jpg"));
        assert_eq!(
            extension("application/octet-stream", "/x.JPEG"),
            Some("jpg")
        );
        assert_eq!(extension("image/svg+xml", "/x.svg"), None);
        assert_eq!(extension("text/html", "/x.png"), None);
    }
}
