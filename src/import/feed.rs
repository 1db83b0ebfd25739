//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: every entry becomes an article. The XML is read with
//! roxmltree; elements are matched by local name within the feed's own vocabulary plus the
//! common extensions (`content:encoded`, `dc:creator`, `dc:date`, `media:content`).

use anyhow::{Context, Result};
use roxmltree::{Document, Node};

use super::text::html_to_text;

/// A parsed feed.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    /// The channel's or feed's title: the outlet's name in most feeds.
    pub title: Option<String>,
    /// Language of the channel (`<language>` or `xml:lang`).
    pub lang: Option<String>,
    /// The entries in document order.
    pub entries: Vec<Entry>,
}

/// One item or entry.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Headline as plain text.
    pub title: Option<String>,
    /// The article's address.
    pub link: Option<String>,
    /// Short description (HTML or text).
    pub summary: Option<String>,
    /// Full content as HTML, when the feed carries it.
    pub content: Option<String>,
    /// Publication date, RFC 3339.
    pub date: Option<String>,
    /// Last update, RFC 3339.
    pub updated: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Categories.
    pub tags: Vec<String>,
    /// An image from an enclosure or `media:content`.
    pub image: Option<String>,
}

impl Entry {
    /// Whether the entry carries the article itself rather than a teaser: content of some
    /// length, not just the summary again.
    pub fn has_full_text(&self) -> bool {
        let content = self
            .content
            .as_deref()
            .map(html_to_text)
            .unwrap_or_default();
        let summary = self
            .summary
            .as_deref()
            .map(html_to_text)
            .unwrap_or_default();
        content.len() >= 500 || (!content.is_empty() && content.len() > summary.len() * 2)
    }
}

/// Whether a document is a feed: its root element is `rss`, `feed` or `rdf:RDF`.
pub fn is_feed(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    // Skip the XML declaration, comments, processing instructions and a doctype.
    while rest.starts_with("<?") || rest.starts_with("<!") {
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else {
            rest.find('>').map(|i| i + 1)
        };
        let Some(end) = end else { return false };
        rest = rest[end..].trim_start();
    }
    let name: String = rest
        .strip_prefix('<')
        .unwrap_or("")
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
    matches!(local.as_str(), "rss" | "feed" | "rdf")
}

/// Parses a feed document.
pub fn parse(text: &str) -> Result<Feed> {
    let text = html_entities_to_numeric(text.trim_start_matches('\u{feff}'));
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = Document::parse_with_options(&text, options).context("not well-formed XML")?;
    let root = doc.root_element();
    let mut feed = Feed::default();
    match root.tag_name().name() {
        "feed" => {
            feed.title = child_text(root, "title");
            feed.lang = root
                .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .map(str::to_string);
            for entry in children(root, "entry") {
                feed.entries.push(atom_entry(&text, entry));
            }
        }
        "rss" | "RDF" => {
            let channel = children(root, "channel").next().unwrap_or(root);
            feed.title = child_text(channel, "title");
            feed.lang = child_text(channel, "language");
            // RSS 2.0 puts items in the channel, RSS 1.0 beside it.
            let mut items: Vec<Node> = children(channel, "item").collect();
            if channel != root {
                items.extend(children(root, "item"));
            }
            for item in items {
                feed.entries.push(rss_item(item));
            }
        }
        other => anyhow::bail!("root element <{other}> is not rss, feed or rdf:RDF"),
    }
    Ok(feed)
}

fn rss_item(item: Node) -> Entry {
    let link = child_text(item, "link").or_else(|| {
        children(item, "guid")
            .find(|g| g.attribute("isPermaLink") != Some("false"))
            .and_then(|g| g.text())
            .map(|t| t.trim().to_string())
            .filter(|t| t.starts_with("http"))
    });
    let date = child_text(item, "pubDate")
        .or_else(|| child_text(item, "date"))
        .map(|d| normalise_date(&d));
    let mut authors: Vec<String> = children(item, "creator")
        .chain(children(item, "author"))
        .filter_map(|n| n.text())
        .map(rss_author)
        .filter(|a| !a.is_empty())
        .collect();
    authors.dedup();
    let image = children(item, "enclosure")
        .chain(children(item, "content"))
        .chain(children(item, "thumbnail"))
        .find(|n| {
            n.attribute("type").is_none_or(|t| t.starts_with("image/"))
                && n.attribute("url").is_some()
        })
        .and_then(|n| n.attribute("url"))
        .map(str::to_string);
    Entry {
        title: child_text(item, "title").map(|t| html_to_text(&t)),
        link,
        summary: child_text(item, "description"),
        content: children(item, "encoded")
            .find_map(|n| n.text())
            .map(str::to_string),
        date,
        updated: None,
        authors,
        tags: children(item, "category")
            .filter_map(|n| n.text())
            .map(|t| t.trim().to_string())
            .collect(),
        image,
    }
}

/// `editor@e.org (Jane Roe)` → `Jane Roe`.
fn rss_author(text: &str) -> String {
    let text = text.trim();
    match (text.find('('), text.rfind(')')) {
        (Some(open), Some(close)) if text.contains('@') && close > open => {
            text[open + 1..close].trim().to_string()
        }
        _ => text.to_string(),
    }
}

fn atom_entry(source: &str, entry: Node) -> Entry {
    let link = children(entry, "link")
        .find(|l| l.attribute("rel").is_none_or(|r| r == "alternate"))
        .and_then(|l| l.attribute("href"))
        .map(str::to_string);
    let authors = children(entry, "author")
        .filter_map(|a| child_text(a, "name"))
        .collect();
    Entry {
        title: children(entry, "title")
            .next()
            .map(|t| atom_text(source, t)),
        link,
        summary: children(entry, "summary")
            .next()
            .map(|s| atom_html(source, s)),
        content: children(entry, "content")
            .next()
            .map(|c| atom_html(source, c)),
        date: child_text(entry, "published").or_else(|| child_text(entry, "updated")),
        updated: child_text(entry, "updated"),
        authors,
        tags: children(entry, "category")
            .filter_map(|c| c.attribute("label").or(c.attribute("term")))
            .map(str::to_string)
            .collect(),
        image: None,
    }
}

/// An Atom text construct as HTML: `html` is already HTML, `xhtml` is the inner markup of its
/// `div`, `text` is escaped.
fn atom_html(source: &str, node: Node) -> String {
    match node.attribute("type").unwrap_or("text") {
        "html" | "text/html" => node.text().unwrap_or("").to_string(),
        "xhtml" | "application/xhtml+xml" => node
            .children()
            .find(|c| c.is_element())
            .map(|div| inner_source(source, div))
            .unwrap_or_default(),
        _ => crate::html::escape(node.text().unwrap_or("")),
    }
}

fn atom_text(source: &str, node: Node) -> String {
    html_to_text(&atom_html(source, node))
}

/// The markup inside an element, as written in the document.
fn inner_source(source: &str, node: Node) -> String {
    let range = node.range();
    let outer = &source[range];
    let start = outer.find('>').map_or(0, |i| i + 1);
    let end = outer.rfind("</").unwrap_or(outer.len()).max(start);
    outer[start..end].to_string()
}

fn children<'a, 'input>(
    node: Node<'a, 'input>,
    local: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == local)
}

/// The trimmed text of the first child element with this local name, when not empty.
fn child_text(node: Node, local: &'static str) -> Option<String> {
    children(node, local).find_map(|c| {
        let text: String = c
            .descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect();
        let text = text.trim().to_string();
        (!text.is_empty()).then_some(text)
    })
}

/// RFC 2822 dates (RSS) become RFC 3339; anything else is kept as written.
fn normalise_date(text: &str) -> String {
    chrono::DateTime::parse_from_rfc2822(text.trim())
        .map(|d| d.to_rfc3339())
        .unwrap_or_else(|_| text.trim().to_string())
}

/// HTML named entities are not XML: feeds that use them unescaped would not parse. The common
/// ones are turned into numeric references first.
fn html_entities_to_numeric(text: &str) -> String {
    const NAMED: &[(&str, u32)] = &[
        ("&nbsp;", 160),
        ("&mdash;", 8212),
        ("&ndash;", 8211),
        ("&laquo;", 171),
        ("&raquo;", 187),
        ("&hellip;", 8230),
        ("&rsquo;", 8217),
        ("&lsquo;", 8216),
        ("&ldquo;", 8220),
        ("&rdquo;", 8221),
        ("&copy;", 169),
        ("&bull;", 8226),
        ("&euro;", 8364),
    ];
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = text.to_string();
    for (name, code) in NAMED {
        if out.contains(name) {
            out = out.replace(name, &format!("&#{code};"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Daily Planet</title><language>en</language>
<item><title>First &amp; best</title><link>https://planet.example/world/first</link>
<description>&lt;p&gt;Teaser&amp;nbsp;text&lt;/p&gt;</description>
<pubDate>Thu, 12 Jun 2025 15:29:00 +0400</pubDate><dc:creator>Jane Roe</dc:creator>
<category>Politics</category><enclosure url="https://planet.example/a.jpg" type="image/jpeg"/></item>
<item><title>Second</title><guid>https://planet.example/second</guid>
<content:encoded><![CDATA[<p>Full text&nbsp;here.</p>]]></content:encoded></item>
</channel></rss>"#;

    const ATOM: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru"><title>Лента</title>
<entry><title type="html">A &lt;b&gt;bold&lt;/b&gt; move</title><link rel="alternate" href="https://e.org/a"/>
<published>2025-06-12T15:29:00+03:00</published><updated>2025-06-13T10:00:00+03:00</updated>
<author><name>Ольга</name></author><category term="world"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One <em>two</em></p></div></content></entry></feed>"#;

    #[test]
    fn rss_items() {
        assert!(is_feed(RSS));
        let feed = parse(RSS).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Daily Planet"));
        let [first, second] = &feed.entries[..] else {
            panic!("{feed:?}")
        };
        assert_eq!(first.title.as_deref(), Some("First & best"));
        assert_eq!(first.date.as_deref(), Some("2025-06-12T15:29:00+04:00"));
        assert_eq!(first.authors, vec!["Jane Roe"]);
        assert_eq!(first.tags, vec!["Politics"]);
        assert_eq!(first.image.as_deref(), Some("https://planet.example/a.jpg"));
        assert!(!first.has_full_text());
        assert_eq!(
            second.link.as_deref(),
            Some("https://planet.example/second")
        );
        assert_eq!(
            second.content.as_deref(),
            Some("<p>Full text&#160;here.</p>")
        );
    }

    #[test]
    fn atom_entries() {
        assert!(is_feed(ATOM));
        let feed = parse(ATOM).unwrap();
        assert_eq!(feed.lang.as_deref(), Some("ru"));
        let e = &feed.entries[0];
        assert_eq!(e.title.as_deref(), Some("A bold move"));
        assert_eq!(e.link.as_deref(), Some("https://e.org/a"));
        assert_eq!(e.date.as_deref(), Some("2025-06-12T15:29:00+03:00"));
        assert_eq!(e.updated.as_deref(), Some("2025-06-13T10:00:00+03:00"));
        assert_eq!(e.authors, vec!["Ольга"]);
        assert_eq!(e.content.as_deref(), Some("<p>One <em>two</em></p>"));
    }

    #[test]
    fn sniffing_and_errors() {
        assert!(!is_feed("<!DOCTYPE html><html><body>x</body></html>"));
        assert!(is_feed(
            "<?xml version='1.0'?>\n<!-- c --><rdf:RDF xmlns:rdf='x'>"
        ));
        assert!(parse("<rss><channel>").is_err());
        assert!(parse("<html/>").is_err());
    }
}
