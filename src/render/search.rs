//! The client-side search index. It is split into scripts that a page loads with `<script src>`,
//! so search works from `file://` too, where `fetch()` of a JSON file is blocked:
//! - `search/docs.js` sets `window.NM_SEARCH_DOCS` to `[url, title, date, section, summary]` per
//!   article, newest first (the array index is the document id; URLs relative to `search/`);
//! - `search/t-NN.js` (NN = 00…63) calls `window.NM_SEARCH_SHARD(NN, {term: [ids…]})` with every
//!   term whose first two characters hash to NN, so a query loads only the shards it needs.
//!
//! Terms are the lowercased runs of letters and digits of title, summary and body, two characters
//! or longer. The theme's `site.js` tokenises queries and picks shards the same way.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

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

/// Term → ids of the articles that contain it (ascending).
type Postings = HashMap<String, Vec<u32>, BuildHasherDefault<Fnv>>;

/// FNV-1a: the keys are short words from the site's own text, so a hash that resists flooding
/// (the standard SipHash) buys nothing here and costs a fifth of the indexing time.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = hash;
    }
}

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

/// The index files. `strings` gives each article's date as its language writes it.
pub fn render(site: &Site, strings: &HashMap<String, Strings>) -> Vec<Output> {
    // Each worker indexes a run of articles into its own map; the maps are merged after.
    let index = site
        .articles
        .par_iter()
        .enumerate()
        .fold(
            || (Postings::default(), String::new()),
            |(mut index, mut word), (id, a)| {
                let id = id as u32;
                add_terms(&mut index, id, &a.title, false, &mut word);
                add_terms(&mut index, id, &a.summary, false, &mut word);
                add_terms(&mut index, id, &a.body_html, true, &mut word);
                (index, word)
            },
        )
        .map(|(index, _)| index)
        .reduce(Postings::default, merge);
    let mut shards: Vec<BTreeMap<String, Vec<u32>>> = vec![BTreeMap::new(); SHARDS as usize];
    for (term, mut ids) in index {
        ids.sort_unstable();
        ids.dedup();
        shards[shard_of(&term) as usize].insert(term, ids);
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

fn merge(mut a: Postings, b: Postings) -> Postings {
    if a.len() < b.len() {
        return merge(b, a);
    }
    for (term, ids) in b {
        a.entry(term).or_default().extend(ids);
    }
    a
}

fn docs(site: &Site, strings: &HashMap<String, Strings>) -> Output {
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
