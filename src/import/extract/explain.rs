//! A tuning aid for the corpus runner's `--explain`: which elements the content scorer picked,
//! and the path from the page's root to a piece of text, with each element's measures.

/// Describes which elements the content scorer picked (tag, class, id): a tuning aid for the
/// corpus runner's `--explain`, not part of the import contract.
#[doc(hidden)]
pub fn explain_article(html: &str, needle: Option<&str>) -> Vec<String> {
    let doc = super::parse(html);
    let analysis = super::analysis::analyse(&doc);
    let describe = |n: ego_tree::NodeRef<scraper::Node>| {
        let e = n.value().as_element()?;
        Some(format!(
            "{} class={:?} id={:?} text={} junk={}",
            e.name(),
            e.attr("class")
                .map(|c| c.chars().take(80).collect::<String>()),
            e.id(),
            analysis.stat(n.id()).text,
            analysis.junk.contains(&n.id())
        ))
    };
    let mut out: Vec<String> = super::content::find_article(&doc, &analysis)
        .into_iter()
        .filter_map(|id| doc.tree.get(id))
        .filter_map(describe)
        .collect();
    let hit = needle.and_then(|nd| {
        doc.tree
            .nodes()
            .find(|n| n.value().as_text().is_some_and(|t| t.contains(nd)))
    });
    if let Some(hit) = hit {
        let mut path: Vec<String> = hit.ancestors().filter_map(describe).collect();
        path.reverse();
        out.extend(path.into_iter().map(|p| format!("  path: {p}")));
    }
    out
}
