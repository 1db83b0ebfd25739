//! Atom and RSS 2.0 feeds (per language and per section), `sitemap.xml` and `robots.txt`. These are
//! written in code, not templates: their format is fixed, and escaping stays correct whatever the
//! theme does. Each feed entry carries the attribution to the original. Nothing here reads the
//! clock, so the same content always gives the same bytes.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::Hasher;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::i18n::Strings;
use super::views::Urls;
use crate::content::Article;
use crate::hash::{key_of, Keys};
use crate::html::escape_xml as esc;
use crate::model::{LangIndex, Site};
use crate::output::Output;

/// URLs in one sitemap file at most (the sitemaps.org limit).
const SITEMAP_LIMIT: usize = 50_000;

/// A feed to write: its entries and where it lives.
struct Feed<'a> {
    /// Site-relative path of the page the feed follows (`""`, `ru/`, `world/`).
    home: String,
    title: String,
    description: &'a str,
    lang: &'a str,
    entries: &'a [usize],
}

/// `html` with every relative `href`/`src` resolved against `page`.
fn absolute_urls(html: &str, page: &str) -> String {
    let Ok(base) = url::Url::parse(page) else {
        return html.to_string();
    };
    crate::html::rewrite_urls(html, |u| {
        if url::Url::parse(u).is_ok() {
            return None; // already absolute (or mailto:, data:)
        }
        // Values are HTML-escaped; `&amp;` in a query must stay escaped after joining.
        let raw = u.replace("&amp;", "&");
        base.join(&raw)
            .ok()
            .map(|joined| crate::html::escape(joined.as_str()))
    })
}

/// Every feed, the sitemap and robots.txt of the site.
pub fn render(site: &Site, urls: &Urls, strings: &HashMap<String, Strings>) -> Vec<Output> {
    render_changed(site, urls, strings, None).0
}

/// The feeds and sitemaps whose key is not the one in `previous` (all of them without it), the
/// small fixed files, and every feed's and sitemap's path and key.
pub fn render_changed(
    site: &Site,
    urls: &Urls,
    strings: &HashMap<String, Strings>,
    previous: Option<&Keys>,
) -> (Vec<Output>, Vec<(String, u64)>) {
    let mut feeds = Vec::new();
    for lang in &site.langs {
        feeds.extend(feeds_of(site, lang));
    }
    let unchanged = |path: &str, key: u64| previous.is_some_and(|p| p.get(path) == Some(&key));
    let mut keys = Vec::new();
    let mut wanted = Vec::new();
    for feed in &feeds {
        let key = feed_key(site, feed);
        for kind in ["atom.xml", "rss.xml"] {
            keys.push((format!("{}{kind}", feed.home), key));
        }
        if !unchanged(&keys[keys.len() - 1].0, key) {
            wanted.push(feed);
        }
    }
    let mut outputs: Vec<Output> = wanted
        .par_iter()
        .flat_map_iter(|feed| {
            let strings = &strings[feed.lang];
            [
                Output::bytes(
                    format!("{}atom.xml", feed.home),
                    atom(site, urls, strings, feed).into_bytes(),
                ),
                Output::bytes(
                    format!("{}rss.xml", feed.home),
                    rss(site, urls, strings, feed).into_bytes(),
                ),
            ]
        })
        .collect();
    let sitemap_key = sitemap_key(site);
    if !unchanged("sitemap.xml", sitemap_key) {
        let sitemaps = sitemaps(site, urls);
        keys.extend(sitemaps.iter().map(|o| (o.path.clone(), sitemap_key)));
        outputs.extend(sitemaps);
    } else {
        // Unchanged: the same files as last time, whose paths the keys hold.
        let parts = previous.into_iter().flatten();
        let same = parts.filter(|(path, key)| path.starts_with("sitemap") && **key == sitemap_key);
        keys.extend(same.map(|(path, key)| (path.clone(), *key)));
    }
    outputs.push(Output::bytes("robots.txt", robots(site, urls).into_bytes()));
    // GitHub Pages: no Jekyll processing (it would hide files and folders starting with `_`),
    // and the custom domain when the site has one.
    outputs.push(Output::bytes(".nojekyll", Vec::new()));
    if let Some(domain) = &site.config.domain {
        outputs.push(Output::bytes("CNAME", format!("{domain}\n").into_bytes()));
    }
    (outputs, keys)
}

/// What a feed shows: its place and title and its entries (fingerprints cover their text, path
/// and dates).
fn feed_key(site: &Site, feed: &Feed) -> u64 {
    let entries: Vec<u64> = feed
        .entries
        .iter()
        .map(|&i| site.articles[i].fingerprint)
        .collect();
    key_of(&(&feed.home, &feed.title, feed.lang, entries))
}

/// What the sitemap lists: every article's path and dates, and every list page. Not the
/// articles' text, so that editing one leaves the sitemap alone.
fn sitemap_key(site: &Site) -> u64 {
    let mut h = crate::hash::Fnv::default();
    for (a, links) in site.articles.iter().zip(&site.links) {
        h.write(links.path.as_bytes());
        h.write_i64(a.date.timestamp());
        h.write_i64(a.updated.map_or(0, |d| d.timestamp()));
    }
    for lang in &site.langs {
        h.write(lang.prefix.as_bytes());
        for g in lang.sections.iter().chain(&lang.tags) {
            h.write(g.path.as_bytes());
        }
    }
    h.finish()
}

fn feeds_of<'a>(site: &'a Site, lang: &'a LangIndex) -> Vec<Feed<'a>> {
    let config = &site.config;
    let language = config
        .languages
        .iter()
        .find(|l| l.code == lang.code)
        .expect("configured");
    let limit = config.feed_limit;
    let mut feeds = vec![Feed {
        home: lang.prefix.clone(),
        title: language.title.clone(),
        description: &language.description,
        lang: &lang.code,
        entries: &lang.articles[..lang.articles.len().min(limit)],
    }];
    for section in &lang.sections {
        feeds.push(Feed {
            home: section.path.clone(),
            title: format!("{} — {}", section.name, language.title),
            description: &language.description,
            lang: &lang.code,
            entries: &section.articles[..section.articles.len().min(limit)],
        });
    }
    feeds
}

/// The entry's HTML: the body (or summary) followed by the attribution block. Feed readers have
/// no page to resolve links against, so every URL is made absolute from the article's permalink.
fn entry_html(site: &Site, strings: &Strings, article: &Article, permalink: &str) -> String {
    let content = if site.config.feed_full_content {
        absolute_urls(&article.body_html, permalink)
    } else {
        format!("<p>{}</p>", esc(&article.summary))
    };
    format!(
        "{content}\n<p class=\"attribution\">{} <a href=\"{}\">{}</a>. {}</p>",
        esc(strings.get("source")),
        esc(&article.source.url),
        esc(&article.source.name),
        esc(&site.config.notice)
    )
}

fn latest(site: &Site, entries: &[usize]) -> DateTime<FixedOffset> {
    entries
        .iter()
        .map(|&i| {
            let a = &site.articles[i];
            a.updated.unwrap_or(a.date).max(a.date)
        })
        .max()
        .unwrap_or_else(|| DateTime::UNIX_EPOCH.fixed_offset())
}

fn atom(site: &Site, urls: &Urls, strings: &Strings, feed: &Feed) -> String {
    let mut x = String::with_capacity(4096 + feed.entries.len() * 8192);
    let home = urls.permalink(&feed.home);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<subtitle>{}</subtitle>\n<link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n<id>{}</id>\n<updated>{}</updated>\n<generator>newsmirror</generator>\n",
        esc(feed.lang), esc(&feed.title), esc(feed.description),
        esc(&urls.permalink(&format!("{}atom.xml", feed.home))), esc(&home), esc(&home),
        latest(site, feed.entries).to_rfc3339()
    );
    for &i in feed.entries {
        let a = &site.articles[i];
        let link = urls.permalink(&site.links[i].path);
        let _ = write!(
            x,
            "<entry>\n<title>{}</title>\n<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n<link href=\"{}\" rel=\"via\"/>\n<id>{}</id>\n<published>{}</published>\n<updated>{}</updated>\n",
            esc(&a.title), esc(&link), esc(&a.source.url), esc(&link),
            a.date.to_rfc3339(), a.updated.unwrap_or(a.date).to_rfc3339()
        );
        // Atom requires an author; the outlet stands in when the byline is unknown.
        let authors: Vec<&str> = match a.authors.is_empty() {
            true => vec![a.source.name.as_str()],
            false => a.authors.iter().map(String::as_str).collect(),
        };
        for name in authors {
            let _ = writeln!(x, "<author><name>{}</name></author>", esc(name));
        }
        for tag in &a.tags {
            let _ = writeln!(x, "<category term=\"{}\"/>", esc(tag));
        }
        let _ = write!(
            x,
            "<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            esc(&a.summary),
            esc(&entry_html(site, strings, a, &link))
        );
    }
    x.push_str("</feed>\n");
    x
}

fn rss(site: &Site, urls: &Urls, strings: &Strings, feed: &Feed) -> String {
    let mut x = String::with_capacity(4096 + feed.entries.len() * 8192);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>{}</language>\n<lastBuildDate>{}</lastBuildDate>\n<generator>newsmirror</generator>\n<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        esc(&feed.title), esc(&urls.permalink(&feed.home)), esc(feed.description), esc(feed.lang),
        latest(site, feed.entries).to_rfc2822(),
        esc(&urls.permalink(&format!("{}rss.xml", feed.home)))
    );
    for &i in feed.entries {
        let a = &site.articles[i];
        let link = urls.permalink(&site.links[i].path);
        let _ = write!(
            x,
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n<pubDate>{}</pubDate>\n",
            esc(&a.title), esc(&link), esc(&link), a.date.to_rfc2822()
        );
        for name in &a.authors {
            let _ = writeln!(x, "<dc:creator>{}</dc:creator>", esc(name));
        }
        for tag in &a.tags {
            let _ = writeln!(x, "<category>{}</category>", esc(tag));
        }
        let _ = write!(
            x,
            "<description>{}</description>\n</item>\n",
            esc(&entry_html(site, strings, a, &link))
        );
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

/// `sitemap.xml`, or a sitemap index with numbered parts when the site has more URLs than one
/// sitemap may hold.
fn sitemaps(site: &Site, urls: &Urls) -> Vec<Output> {
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    for lang in &site.langs {
        entries.push((urls.permalink(&lang.prefix), None));
        entries.push((urls.permalink(&format!("{}tags/", lang.prefix)), None));
        for g in lang.sections.iter().chain(&lang.tags) {
            entries.push((urls.permalink(&g.path), None));
        }
    }
    for (a, l) in site.articles.iter().zip(&site.links) {
        let modified = a.updated.unwrap_or(a.date).max(a.date);
        entries.push((urls.permalink(&l.path), Some(modified.to_rfc3339())));
    }
    if entries.len() <= SITEMAP_LIMIT {
        return vec![Output::bytes("sitemap.xml", urlset(&entries).into_bytes())];
    }
    let mut outputs = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, chunk) in entries.chunks(SITEMAP_LIMIT).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            esc(&urls.permalink(&name))
        );
        outputs.push(Output::bytes(name, urlset(chunk).into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    outputs.push(Output::bytes("sitemap.xml", index.into_bytes()));
    outputs
}

fn urlset(entries: &[(String, Option<String>)]) -> String {
    let mut x = String::with_capacity(entries.len() * 120 + 200);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, lastmod) in entries {
        let _ = write!(x, "<url><loc>{}</loc>", esc(loc));
        if let Some(lastmod) = lastmod {
            let _ = write!(x, "<lastmod>{lastmod}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

fn robots(site: &Site, urls: &Urls) -> String {
    let rule = if site.config.noindex {
        "Disallow: /"
    } else {
        "Allow: /"
    };
    format!(
        "User-agent: *\n{rule}\n\nSitemap: {}\n",
        urls.permalink("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::absolute_urls;

    #[test]
    fn entry_urls_become_absolute() {
        let html = r##"<a href="/repo/x/">a</a><a href="#notes">b</a><img src="i.png"><a href="https://e.org/?a=1&amp;b=2">c</a>"##;
        let out = absolute_urls(html, "https://u.github.io/repo/world/a/");
        assert!(
            out.contains(r#"href="https://u.github.io/repo/x/""#),
            "{out}"
        );
        assert!(out.contains(r#"href="https://u.github.io/repo/world/a/#notes""#));
        assert!(out.contains(r#"src="https://u.github.io/repo/world/a/i.png""#));
        assert!(out.contains(r#"href="https://e.org/?a=1&amp;b=2""#));
    }
}
