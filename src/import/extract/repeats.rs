//! Text a page prints more than once: a second copy of the article (responsive layouts render
//! it once per screen size) and short link lines repeated under every teaser (share rows). The
//! block filter drops both; a story's own repeated short lines (a meal plan's "Lunch:") stay.

use super::blocks::{plain_text, Block};

/// Drops second copies of the article: runs of at least three paragraphs of eight words or
/// more, one of them a paragraph of forty-five words, that were all written before (responsive
/// layouts render the text once per screen size, hidden or not). Short blocks inside such a
/// run go with it. Recipes and plans that repeat a few short lines stay.
pub(super) fn drop_repeated_runs(blocks: Vec<Block>) -> Vec<Block> {
    const MIN_WORDS: usize = 8;
    const MIN_RUN: usize = 3;
    const LONG_WORDS: usize = 45;
    let mut seen = std::collections::HashSet::new();
    let mut words = Vec::with_capacity(blocks.len());
    // For each block: None when short, else whether its text was seen before.
    let mut repeat: Vec<Option<bool>> = Vec::with_capacity(blocks.len());
    for b in &blocks {
        let text = plain_text(&b.text);
        let n = text.split_whitespace().count();
        words.push(n);
        repeat.push((n >= MIN_WORDS).then(|| !seen.insert(super::meta::norm(&text))));
    }
    let mut drop = vec![false; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        if repeat[i] != Some(true) {
            i += 1;
            continue;
        }
        // Extend the run over repeats and short blocks; it ends at the last repeat.
        let (mut end, mut count, mut longest, mut j) = (i, 0, 0, i);
        while j < blocks.len() && repeat[j] != Some(false) {
            if repeat[j] == Some(true) {
                count += 1;
                longest = longest.max(words[j]);
                end = j;
            }
            j += 1;
        }
        if count >= MIN_RUN && longest >= LONG_WORDS {
            drop[i..=end].iter_mut().for_each(|d| *d = true);
        }
        i = end + 1;
    }
    blocks
        .into_iter()
        .zip(drop)
        .filter_map(|(b, d)| (!d).then_some(b))
        .collect()
}

/// Short link lines that occur three times or more (share-button rows under every teaser).
pub(super) fn repeated_lines(blocks: &[Block]) -> Vec<String> {
    let mut counts: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for b in blocks
        .iter()
        .filter(|b| b.chars > 0 && b.chars < 100 && b.link_chars * 3 > b.chars)
    {
        *counts.entry(b.text.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 3)
        .map(|(t, _)| t.to_string())
        .collect()
}
