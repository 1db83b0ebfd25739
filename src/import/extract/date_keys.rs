//! The meta tag keys that carry an article's dates, by what they declare: the publication,
//! a date of either kind, the last update. `dates` reads them in these orders.

/// Meta keys that hold the publication date, most specific first.
pub(super) const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "publish-date",
    "publish_date",
    "publishdate",
    "publication_date",
    "pubdate",
    "og:published_time",
    "published_time",
    "article.published",
    "original-publish-date",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "date_published",
    "sailthru.published_time",
    "displaydate",
    "published",
    "article:created",
    "created",
    "pub_date",
    "publication-date",
    "date.created",
    "published-date",
    "date-published",
    "published_date",
];

/// Generic date meta keys: as often the last change as the publication, so they only count
/// when the page shows the same day or nothing better.
pub(super) const GENERIC_KEYS: &[&str] = &["date", "dc.date", "dcterms.date"];

/// Meta keys that hold the last update.
pub(super) const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];
