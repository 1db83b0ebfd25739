//! The client-side search index. It is split into scripts that a page loads with `<script src>`,
//! so search works from `file://` too, where `fetch()` of a JSON file is blocked:
//! - `search/docs.js` sets `window.NM_SEARCH_DOCS` to `[url, title, date, section, summary]` per
//!   article, newest first (the array index is the document id; URLs relative to `search/`);
//! - `search/t-NN.js` (NN = 00…63) calls `window.NM_SEARCH_SHARD(NN, {term: [ids…]})` with every
//!   term whose first two characters hash to NN, so a query loads only the shards it needs.
//!
//! Terms are the lowercased runs of letters and digits of title, summary and body, two characters
//! or longer. The theme's `site.js` tokenises queries and picks shards the same way.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::i18n::Strings;
use crate::content::Article;
use crate::hash::FnvMap;
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

/// Term → ids of the articles that contain it (ascending). FNV-hashed: hashing the words is a
/// fifth of the indexing time with the standard hasher.
type Postings = FnvMap<String, Vec<u32>>;

/// Adds every term of `text` to `index` for article `id`. In HTML mode, tags are skipped and
/// entities (`&amp;`) separate words. `word` is a reused buffer, so no allocation happens for a
/// term already known.
fn add_terms(index: &mut Postings, id: u32, text: &str, html: bool, word: &mut String) {
    let mut in_tag = false;
    let mut in_entity = false;
    let flush = |word: &mut String, index: &mut Postings| {
        if word.chars().nth(1).is_some() {
            match index.get_mut(word.as_str()) {
                Some(ids) if ids.last() == Some(&id) => {}
                Some(ids) => ids.push(id),
                None => {
                    index.insert(word.clone(), vec![id]);
                }
            }
        }
        word.clear();
    };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        // Plain ASCII letters and digits are most of the text: lowercase them without the
        // Unicode tables.
        if c.is_ascii_alphanumeric() && !in_tag && !in_entity {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            '<' if html => {
                in_tag = true;
                flush(word, index);
            }
            '>' if html && in_tag => in_tag = false,
            '&' if html && !in_tag => {
                in_entity = true;
                flush(word, index);
            }
            ';' if in_entity => in_entity = false,
            _ if in_tag || in_entity => {}
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            _ => flush(word, index),
        }
    }
    flush(word, index);
}

/// The index files of a whole site. `strings` gives each article's date as its language writes it.
pub fn render(site: &Site, strings: &HashMap<String, Strings>) -> Vec<Output> {
    SearchIndex::build(site, strings).outputs()
}

/// Terms of one shard, in the order they are written.
type Shard = BTreeMap<String, Vec<u32>>;

/// The search index in memory, kept by the preview server so that an edit rewrites only the
/// shards whose terms changed instead of indexing every article again.
pub struct SearchIndex {
    shards: Vec<Shard>,
    /// One `docs.js` row per article (id order).
    rows: Vec<String>,
}

impl SearchIndex {
    /// Indexes every article of the site.
    pub fn build(site: &Site, strings: &HashMap<String, Strings>) -> SearchIndex {
        // Each worker indexes a run of articles into its own map; the maps are merged after.
        let index = site
            .articles
            .par_iter()
            .enumerate()
            .fold(
                || (Postings::default(), String::new()),
                |(mut index, mut word), (id, a)| {
                    add_article(&mut index, id as u32, a, &mut word);
                    (index, word)
                },
            )
            .map(|(index, _)| index)
            .reduce(Postings::default, merge);
        let mut shards: Vec<Shard> = vec![BTreeMap::new(); SHARDS as usize];
        for (term, mut ids) in index {
            ids.sort_unstable();
            ids.dedup();
            shards[shard_of(&term) as usize].insert(term, ids);
        }
        let rows = (0..site.articles.len())
            .into_par_iter()
            .map(|i| doc_row(site, strings, i))
            .collect();
        SearchIndex { shards, rows }
    }

    /// Brings the index up to date with `site`, whose articles were `before` at the last build
    /// or update. When every article kept its id (same files in the same order), only the
    /// changed articles' terms are moved and the shards they touch are returned; otherwise the
    /// index is made again and `None` says that everything changed.
    pub fn update(
        &mut self,
        before: &[Arc<Article>],
        site: &Site,
        strings: &HashMap<String, Strings>,
    ) -> Option<BTreeSet<u32>> {
        let same_ids = before.len() == site.articles.len()
            && before
                .iter()
                .zip(&site.articles)
                .all(|(old, new)| old.rel_path == new.rel_path);
        if !same_ids {
            *self = SearchIndex::build(site, strings);
            return None;
        }
        let mut touched = BTreeSet::new();
        let mut word = String::new();
        for (i, (old, new)) in before.iter().zip(&site.articles).enumerate() {
            if old.fingerprint == new.fingerprint {
                continue;
            }
            let id = i as u32;
            let mut old_terms = Postings::default();
            add_article(&mut old_terms, id, old, &mut word);
            let mut new_terms = Postings::default();
            add_article(&mut new_terms, id, new, &mut word);
            for term in old_terms.keys().filter(|t| !new_terms.contains_key(*t)) {
                touched.insert(self.remove(term, id));
            }
            for term in new_terms.into_keys() {
                if !old_terms.contains_key(&term) {
                    touched.insert(self.insert(term, id));
                }
            }
            self.rows[i] = doc_row(site, strings, i);
        }
        Some(touched)
    }

    fn remove(&mut self, term: &str, id: u32) -> u32 {
        let shard = shard_of(term);
        let terms = &mut self.shards[shard as usize];
        if let Some(ids) = terms.get_mut(term) {
            ids.retain(|&x| x != id);
            if ids.is_empty() {
                terms.remove(term);
            }
        }
        shard
    }

    fn insert(&mut self, term: String, id: u32) -> u32 {
        let shard = shard_of(&term);
        let ids = self.shards[shard as usize].entry(term).or_default();
        if let Err(at) = ids.binary_search(&id) {
            ids.insert(at, id);
        }
        shard
    }

    /// The path of every index file.
    pub fn paths() -> Vec<String> {
        let mut paths: Vec<String> = (0..SHARDS).map(|n| format!("search/t-{n:02}.js")).collect();
        paths.push("search/docs.js".to_string());
        paths
    }

    /// Every index file: the shards and `docs.js`.
    pub fn outputs(&self) -> Vec<Output> {
        let mut outputs: Vec<Output> = (0..SHARDS)
            .into_par_iter()
            .map(|n| self.shard_output(n))
            .collect();
        outputs.push(self.docs_output());
        outputs
    }

    /// The file of shard `n`.
    pub fn shard_output(&self, n: u32) -> Output {
        let json = serde_json::to_string(&self.shards[n as usize]).expect("terms serialise");
        let body = format!("window.NM_SEARCH_SHARD({n},{json});\n");
        Output::bytes(format!("search/t-{n:02}.js"), body.into_bytes())
    }

    /// `docs.js`: one row per article.
    pub fn docs_output(&self) -> Output {
        let size = self.rows.iter().map(|r| r.len() + 2).sum::<usize>() + 64;
        let mut body = String::with_capacity(size);
        body.push_str("window.NM_SEARCH_DOCS=[\n");
        for row in &self.rows {
            body.push_str(row);
            body.push_str(",\n");
        }
        body.push_str("];\n");
        Output::bytes("search/docs.js", body.into_bytes())
    }
}

/// Indexes the title, summary and body of one article.
fn add_article(index: &mut Postings, id: u32, a: &Article, word: &mut String) {
    add_terms(index, id, &a.title, false, word);
    add_terms(index, id, &a.summary, false, word);
    add_terms(index, id, &a.body_html, true, word);
}

fn merge(mut a: Postings, b: Postings) -> Postings {
    if a.len() < b.len() {
        return merge(b, a);
    }
    for (term, ids) in b {
        a.entry(term).or_default().extend(ids);
    }
    a
}

/// `[url, title, date, section, summary]` of article `i`, URL relative to `search/`.
fn doc_row(site: &Site, strings: &HashMap<String, Strings>, i: usize) -> String {
    let a = &site.articles[i];
    serde_json::json!([
        format!("../{}", site.links[i].path),
        a.title,
        strings[&a.lang].date(&a.date),
        site.config.section_title(&a.section, &a.lang),
        a.summary,
    ])
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms_of(parts: &[(&str, bool)]) -> Postings {
        let mut index = Postings::default();
        let mut word = String::new();
        for (text, html) in parts {
            add_terms(&mut index, 7, text, *html, &mut word);
        }
        index
    }

    fn sorted(index: &Postings) -> Vec<&str> {
        let mut terms: Vec<&str> = index.keys().map(String::as_str).collect();
        terms.sort_unstable();
        terms
    }

    #[test]
    fn terms_are_lowercase_words_of_two_or_more() {
        let index = terms_of(&[("Syria's a WAR-time", false), ("Мир, мир 2025", false)]);
        assert_eq!(sorted(&index), ["2025", "syria", "time", "war", "мир"]);
        assert_eq!(index["мир"], [7], "one posting per article");
    }

    #[test]
    fn html_terms_skip_tags_and_entities() {
        let index = terms_of(&[("<p class=\"lead\">Tom&amp;Jerry <b>WAR</b>ming</p>", true)]);
        assert_eq!(sorted(&index), ["jerry", "ming", "tom", "war"]);
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
}
