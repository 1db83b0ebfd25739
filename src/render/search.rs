//! The client-side search index. It is split into scripts that a page loads with `<script src>`,
//! so search works from `file://` too, where `fetch()` of a JSON file is blocked:
//! - `search/docs.js` sets `window.NM_SEARCH_DOCS` to `[url, title, date, section, summary]` per
//!   article, newest first (the array index is the document id; URLs relative to `search/`);
//! - `search/t-NN.js` (NN = 00…63) calls `window.NM_SEARCH_SHARD(NN, {term: [ids…]})` with every
//!   term whose first two characters hash to NN, so a query loads only the shards it needs.
//!
//! Terms are the lowercased runs of letters and digits of title, summary and body, two characters
//! or longer. The theme's `site.js` tokenises queries and picks shards the same way.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;

use super::i18n::Strings;
use crate::model::Site;
use crate::output::Output;

/// Number of index shards.
pub const SHARDS: u32 = 64;

/// The shard of a term: FNV-1a over its first two code points, modulo [`SHARDS`].
pub fn shard_of(term: &str) -> u32 {
    let mut hash: u32 = 2_166_136_261;
    for c in term.chars().take(2) {
        hash ^= c as u32;
        hash = hash.wrapping_mul(16_777_619);
    }
    hash % SHARDS
}

/// The distinct terms of some text, sorted.
pub fn terms(texts: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_lowercase)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Visible text of some HTML: tags dropped, the common entities decoded.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The index files. `strings` gives each article's date as its language writes it.
pub fn render(site: &Site, strings: &std::collections::HashMap<String, Strings>) -> Vec<Output> {
    let per_article: Vec<Vec<String>> = site
        .articles
        .par_iter()
        .map(|a| terms(&[&a.title, &a.summary, &text_of(&a.body_html)]))
        .collect();
    let mut shards: Vec<BTreeMap<&str, Vec<usize>>> = vec![BTreeMap::new(); SHARDS as usize];
    for (id, article_terms) in per_article.iter().enumerate() {
        for term in article_terms {
            let shard = &mut shards[shard_of(term) as usize];
            shard.entry(term.as_str()).or_default().push(id);
        }
    }
    let mut outputs: Vec<Output> = shards
        .par_iter()
        .enumerate()
        .map(|(n, terms)| {
            let json = serde_json::to_string(terms).expect("terms serialise");
            let body = format!("window.NM_SEARCH_SHARD({n},{json});\n");
            Output::bytes(format!("search/t-{n:02}.js"), body.into_bytes())
        })
        .collect();
    outputs.push(docs(site, strings));
    outputs
}

fn docs(site: &Site, strings: &std::collections::HashMap<String, Strings>) -> Output {
    let mut body = String::from("window.NM_SEARCH_DOCS=[\n");
    for (a, links) in site.articles.iter().zip(&site.links) {
        let row = serde_json::json!([
            format!("../{}", links.path),
            a.title,
            strings[&a.lang].date(&a.date),
            site.config.section_title(&a.section, &a.lang),
            a.summary,
        ]);
        let _ = writeln!(body, "{row},");
    }
    body.push_str("];\n");
    Output::bytes("search/docs.js", body.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_lowercase_words_of_two_or_more() {
        let found = terms(&["Syria's a WAR-time", "Мир, мир 2025"]);
        assert_eq!(found, ["2025", "syria", "time", "war", "мир"]);
    }

    #[test]
    fn shard_matches_the_script_hash() {
        // The browser tests check that the theme's script finds words through these shards.
        assert_eq!(shard_of("syria"), shard_of("sy"));
        assert!(shard_of("мир") < SHARDS);
        let mut h: u32 = 2_166_136_261;
        for cp in [b's' as u32, b'y' as u32] {
            h ^= cp;
            h = h.wrapping_mul(16_777_619);
        }
        assert_eq!(shard_of("syria"), h % 64);
    }

    #[test]
    fn text_of_drops_tags_and_decodes() {
        assert_eq!(
            text_of("<p>a &amp; <b>b</b></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["a", "&", "b"]
        );
    }
}
