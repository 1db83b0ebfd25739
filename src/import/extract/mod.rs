//! Article extraction: one HTML page in, the article's metadata and clean Markdown body out.
//!
//! Everything that reads a page (saved files, fetched URLs, feed entries whose page is fetched)
//! goes through [`extract_html`]; the rest of `import` decides where the result is written.

/// What one page yields: the article without the site around it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Headline, without the site name.
    pub title: Option<String>,
    /// Publication date: RFC 3339 when the time zone is known, else `YYYY-MM-DD[ HH:MM]`.
    pub date: Option<String>,
    /// Last update, same formats as `date`.
    pub updated: Option<String>,
    /// Author names, bylines stripped of "By" and the like.
    pub authors: Vec<String>,
    /// Section name as the page shows it (breadcrumb, `article:section`, URL path).
    pub section: Option<String>,
    /// Tags or keywords.
    pub tags: Vec<String>,
    /// Language code (`en`, `ru`, …) from the page.
    pub lang: Option<String>,
    /// Short description (`og:description`, meta description).
    pub summary: Option<String>,
    /// Lead image, absolute URL.
    pub image: Option<String>,
    /// View count when the page shows one.
    pub views: Option<u64>,
    /// The outlet's name (`og:site_name`, the reuse notice, …).
    pub site_name: Option<String>,
    /// The article's own URL (canonical link, `og:url`), absolute.
    pub canonical_url: Option<String>,
    /// A reuse notice such as "Any use of materials is allowed only if there is a hyperlink to X".
    pub reuse_notice: Option<String>,
    /// The body as sanitized Markdown: no headline, no chrome.
    pub body: String,
}

/// Extracts the article from one page. `page_url` is where the page lives (for making links
/// absolute and as a fallback source URL); `None` for a saved file with no known address.
pub fn extract_html(html: &str, page_url: Option<&url::Url>) -> Extracted {
    // Placeholder until the extractor lands: the whole text, no metadata.
    let _ = page_url;
    Extracted {
        body: html.to_string(),
        ..Extracted::default()
    }
}
