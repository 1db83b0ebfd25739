//! Dates in the page's visible text: publication labels ("Published", "Posted on"), dates
//! written in text nodes, and which of them form the headline's dateline.

use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

use super::super::dates::{parse_visible, Visible};
use super::{in_blockquote_node, Signals};

/// Labels that introduce the publication date, lower-cased, in several languages. Page-text
/// dumps use them too.
#[rustfmt::skip]
pub(crate) const PUBLISHED_LABELS: &[&str] = &[
    "published", "posted", "first published", "originally published", "date published",
    "publication date", "veröffentlicht", "erschienen", "publié", "publicado", "pubblicato",
    "gepubliceerd", "opublikowano", "publicat", "опубликовано", "дата публикации",
];

/// Words with which a sentence says the article ran earlier than the page's date shows
/// ("This post was originally published on …"). Page-text dumps read them too.
pub(crate) const FIRST_RUN_LABELS: &[&str] = &[
    "originally published",
    "first published",
    "originally posted",
];

/// The publication label a lower-cased text opens with, as a whole word: "Publication |"
/// names a kind of page, not a date, though it starts with the Romanian "publicat".
pub(crate) fn published_label(lower: &str) -> Option<&'static str> {
    PUBLISHED_LABELS.iter().copied().find(|l| {
        lower.starts_with(l)
            && !lower[l.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    })
}

/// Records the date after a publication label ("Published Apr 26, 2023", or "Posted on"
/// followed by a separate date element). Quoted or long texts only count when the label
/// says the publication was earlier ("originally published on …").
pub(super) fn labelled_date(s: &mut Signals, text: &str) {
    let t = text.trim();
    if t.is_empty() || s.labelled_published.len() >= 4 {
        return;
    }
    if std::mem::take(&mut s.pub_pending) {
        if t.len() < 80 && parse_visible(t).is_some() {
            s.labelled_published.push(t.to_string());
        }
        return;
    }
    let lower = t.to_lowercase();
    let head = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    let opening = published_label(head);
    let label = opening.or_else(|| FIRST_RUN_LABELS.iter().copied().find(|l| lower.contains(l)));
    let Some(label) = label else {
        return;
    };
    let rest = lower.split_once(label).map_or("", |(_, r)| r);
    let rest = rest.get(..rest.len().min(60)).unwrap_or(rest);
    if rest.bytes().any(|b| b.is_ascii_digit()) {
        if parse_visible(rest).is_none() {
            return;
        }
        if opening.is_some() {
            s.labelled_published.push(rest.to_string());
        } else {
            s.published_in_prose.push(rest.to_string());
        }
    } else if t.len() < 40 {
        s.pub_pending = true;
    }
}

/// Labels of dates that are not the page's: a member's registration, a birth date.
#[rustfmt::skip]
const OTHER_LABELS: &[&str] = &[
    "joined", "member since", "registered", "mitglied seit", "registriert", "inscrit",
    "membre depuis", "born",
];

/// Labels that introduce an update's date, lower-cased. Page-text dumps read them too.
#[rustfmt::skip]
pub(crate) const UPDATE_LABELS: &[&str] = &[
    "updated", "last updated", "last modified", "modified", "aktualisiert", "mis à jour",
    "actualizado", "atualizado", "aggiornato", "обновлено",
];

/// Whether a text opens with an update label. Only its first words are lower-cased: this
/// runs on every text node of a page.
fn opens_with_update_label(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    UPDATE_LABELS.iter().any(|l| head.starts_with(l))
}

/// How many text nodes after the headline still belong to its header (kicker, byline, dateline).
const NEAR_H1_TEXTS: usize = 12;

/// Records a date written in a visible text node.
pub(super) fn visible_date(s: &mut Signals, text: &str, node: NodeRef<Node>) {
    if !s.h1.is_empty() && !text.trim().is_empty() {
        s.texts_after_h1 += 1;
    }
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    s.texts_seen += 1;
    if !t.chars().any(char::is_alphanumeric) {
        // Punctuation alone ("Updated<!-- -->: <!-- -->December 4"): the label still holds.
        return;
    }
    // A forum member's join date and the like: a date, but not the page's.
    let after_label = std::mem::take(&mut s.other_pending);
    let labelled = |l: &&&str| t.get(..l.len()).is_some_and(|p| p.eq_ignore_ascii_case(l));
    if let Some(l) = OTHER_LABELS.iter().find(labelled) {
        s.other_pending = t.len() <= l.len() + 1;
        return;
    }
    if after_label || s.visible_dates.len() >= 40 {
        return;
    }
    let after_update_label = std::mem::take(&mut s.update_pending);
    if let Some(st) = parse_visible(text) {
        if s.h1.is_empty() {
            s.dates_above_h1.push(node.id());
        }
        s.visible_dates.push(Visible {
            day: st.day,
            text_index: s.texts_seen,
            after_h1: !s.h1.is_empty(),
            // The headline's own text node counts: a dateline sits a few texts below it.
            near_h1: !s.h1.is_empty()
                && s.texts_after_h1 <= NEAR_H1_TEXTS
                && !in_blockquote_node(node),
            update: after_update_label || opens_with_update_label(t),
        });
    } else if t.len() <= 25 && !t.bytes().any(|b| b.is_ascii_digit()) {
        // "Last updated:" alone, the date in the next text.
        s.update_pending = opens_with_update_label(t);
    }
}

/// How many text nodes right above the headline still belong to its header.
const ABOVE_H1_TEXTS: usize = 3;

/// Marks dates in the few texts right above the first headline, inside its header block, as
/// its dateline: some templates print the date (or "Last updated: …") over the headline. A
/// date in a site's top bar over a logo `<h1>` is outside the headline's block.
pub(super) fn dateline_above(s: &mut Signals, h1: ElementRef) {
    let block = h1
        .parent()
        .and_then(|p| p.parent())
        .and_then(ElementRef::wrap);
    // A headline straight under `<body>` has no header block of its own.
    let Some(block) = block.filter(|b| !matches!(b.value().name(), "html" | "body")) else {
        return;
    };
    let seen = s.texts_seen;
    let ids = std::mem::take(&mut s.dates_above_h1);
    for (v, id) in s.visible_dates.iter_mut().rev().zip(ids.iter().rev()) {
        if seen - v.text_index >= ABOVE_H1_TEXTS {
            break;
        }
        let date = h1.tree().get(*id);
        v.near_h1 = date.is_some_and(|d| d.ancestors().any(|a| a.id() == block.id()));
    }
}
