//! What an article page says about itself beyond its text: share links for each configured
//! target, and the schema.org `NewsArticle` JSON-LD with the attribution (`isBasedOn`).

use serde::Serialize;
use serde_json::json;

use crate::content::Article;
use crate::html::encode_component as encode;

/// One share link.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ShareLink {
    /// The target's key from `site.yaml` (`x`, `telegram`, …), for CSS classes.
    pub key: String,
    /// The target's display name.
    pub name: String,
    /// The share URL, with the page's URL and title encoded into it.
    pub url: String,
}

/// The share link of `key` for a page at `url` titled `title`; `None` for an unknown key.
pub fn share_link(key: &str, url: &str, title: &str) -> Option<ShareLink> {
    let (u, t) = (encode(url), encode(title));
    let (name, href) = match key {
        "x" => ("X", format!("https://x.com/intent/tweet?url={u}&text={t}")),
        "facebook" => (
            "Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        "telegram" => (
            "Telegram",
            format!("https://t.me/share/url?url={u}&text={t}"),
        ),
        "whatsapp" => ("WhatsApp", format!("https://wa.me/?text={t}%20{u}")),
        "vk" => ("VK", format!("https://vk.com/share.php?url={u}&title={t}")),
        "linkedin" => (
            "LinkedIn",
            format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ),
        "reddit" => (
            "Reddit",
            format!("https://www.reddit.com/submit?url={u}&title={t}"),
        ),
        "email" => ("E-mail", format!("mailto:?subject={t}&body={u}")),
        _ => return None,
    };
    Some(ShareLink {
        key: key.to_string(),
        name: name.to_string(),
        url: href,
    })
}

/// The `NewsArticle` JSON-LD of an article, ready to sit inside a `<script>` element.
pub fn json_ld(
    article: &Article,
    permalink: &str,
    image: Option<&str>,
    publisher: &str,
    publisher_url: &str,
) -> String {
    let authors: Vec<_> = article
        .authors
        .iter()
        .map(|name| json!({"@type": "Person", "name": name}))
        .collect();
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "inLanguage": article.lang,
        "datePublished": article.date.to_rfc3339(),
        "dateModified": article.updated.unwrap_or(article.date).to_rfc3339(),
        "mainEntityOfPage": permalink,
        "url": permalink,
        "articleSection": article.section,
        "keywords": article.tags,
        "publisher": {"@type": "Organization", "name": publisher, "url": publisher_url},
        "isBasedOn": {
            "@type": "NewsArticle",
            "url": article.source.url,
            "publisher": {"@type": "Organization", "name": article.source.name},
        },
    });
    if !authors.is_empty() {
        data["author"] = json!(authors);
    } else {
        data["author"] = json!({"@type": "Organization", "name": article.source.name});
    }
    if let Some(image) = image {
        data["image"] = json!([image]);
    }
    // `</` inside a script element would end it early; JSON allows `<\/` in its place.
    data.to_string().replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_encode_url_and_title() {
        let link = share_link("x", "https://m.example/a b/?q=1&r=2", "Tom & Jerry: “hi”").unwrap();
        assert_eq!(
            link.url,
            "https://x.com/intent/tweet?url=https%3A%2F%2Fm.example%2Fa%20b%2F%3Fq%3D1%26r%3D2&text=Tom%20%26%20Jerry%3A%20%E2%80%9Chi%E2%80%9D"
        );
        assert!(share_link("email", "u", "t")
            .unwrap()
            .url
            .starts_with("mailto:?subject=t&body=u"));
        assert!(share_link("myspace", "u", "t").is_none());
    }
}
