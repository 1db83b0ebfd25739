//! Data tables as Markdown pipe tables (layout tables never get here: they are read as blocks).

use ego_tree::NodeRef;
use scraper::Node;

use super::markdown::Walker;

/// One rendered cell: inline Markdown, visible characters, link characters.
pub(crate) type Cell = (String, u32, u32);

/// The rows of a table, each a list of rendered cells, in document order.
pub(super) fn rows(table: NodeRef<Node>, w: &mut Walker) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    for tr in table.descendants() {
        let is_row = tr.value().as_element().is_some_and(|e| e.name() == "tr");
        if !is_row {
            continue;
        }
        let cells: Vec<Cell> = tr
            .children()
            .filter(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "td" | "th"))
            })
            .map(|c| w.cell(c))
            .collect();
        if cells.iter().any(|c| c.1 > 0) {
            out.push(cells);
        }
    }
    out
}

/// Renders rows as a pipe table with the first row as header; `None` for an empty table.
pub(crate) fn render(rows: &[Vec<Cell>]) -> Option<(String, u32, u32)> {
    let width = rows.iter().map(Vec::len).max()?;
    if width == 0 {
        return None;
    }
    let mut text = String::new();
    let (mut chars, mut links) = (0, 0);
    for (i, row) in rows.iter().enumerate() {
        let mut line = String::from("|");
        for j in 0..width {
            let cell = row.get(j).map_or("", |c| c.0.as_str());
            line.push(' ');
            line.push_str(cell);
            line.push_str(" |");
        }
        chars += row.iter().map(|c| c.1).sum::<u32>();
        links += row.iter().map(|c| c.2).sum::<u32>();
        text.push_str(&line);
        text.push('\n');
        if i == 0 {
            text.push('|');
            text.push_str(&" --- |".repeat(width));
            text.push('\n');
        }
    }
    Some((text.trim_end().to_string(), chars, links))
}
