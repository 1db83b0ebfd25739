//! Tables in a page-text dump. A browser copies a table row as one line with a tab between
//! cells (`1⇥State Farm Group⇥107,764,591⇥16.4`); such rows sit inside the article's text, and
//! become a Markdown pipe table like the HTML reader's. A layout table, whose cells hold a
//! menu beside whole paragraphs, is not one.

use super::Line;
use crate::import::extract;

/// Most words in one cell of a data table: longer cells are a layout table's columns.
const MAX_CELL_WORDS: usize = 60;

/// Whether a raw dump line is a table row: two cells with text or more, separated by tabs
/// (cells left empty keep their place), none of them a column of prose.
pub(super) fn is_table_row(raw: &str) -> bool {
    let cells = cells_of(raw);
    cells.iter().filter(|c| !c.is_empty()).count() >= 2
        && cells
            .iter()
            .all(|c| c.split_whitespace().count() <= MAX_CELL_WORDS)
}

/// The cells of a row, trimmed: a tab before the first text is an empty first cell.
fn cells_of(raw: &str) -> Vec<&str> {
    let row = raw.trim_end_matches(['\r', '\n', ' ', '\t']);
    row.split('\t').map(str::trim).collect()
}

/// Consecutive table rows as one pipe table, the first row its header.
pub(super) fn table_block(rows: &[&Line]) -> String {
    let rendered: Vec<Vec<extract::TableCell>> = rows
        .iter()
        .map(|line| {
            cells_of(&format!("{}{}", line.lead, line.text))
                .into_iter()
                .map(cell)
                .collect()
        })
        .collect();
    extract::render_table(&rendered).map_or_else(String::new, |(text, _, _)| text)
}

/// One cell's text as inline Markdown, with its count of visible characters.
fn cell(text: &str) -> extract::TableCell {
    let escaped = extract::escape_inline(text).replace('|', "\\|");
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    (escaped, u32::try_from(chars).unwrap_or(u32::MAX), 0)
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::super::tests::STORY;
    use super::*;

    #[test]
    fn a_table_and_its_credit_stay_inside_the_text() {
        let table = "Rank\tCompany\tPremiums\n1\tState Farm Group\t107,764,591\n\
            2\tBerkshire Hathaway\t80,324,255\n© A.M. Best Company, Inc. — used by permission\n";
        let dump = format!("Menu\nThe largest insurers\n{STORY}{table}{STORY}© 2025 Beinsure\n");
        let a = parse(&dump, None);
        let expected = "| Rank | Company | Premiums |\n| --- | --- | --- |\n\
            | 1 | State Farm Group | 107,764,591 |\n| 2 | Berkshire Hathaway | 80,324,255 |";
        assert!(a.body.contains(expected), "{}", a.body);
        // The text goes on under the table's credit, which is neither text nor the outlet.
        assert_eq!(a.body.matches("Organisers expect").count(), 2, "{}", a.body);
        assert!(!a.body.contains("A.M. Best"), "{}", a.body);
        assert_eq!(a.site_name.as_deref(), Some("Beinsure"));
    }

    #[test]
    fn a_table_that_ends_the_article_is_kept() {
        let dump = format!("Menu\nThe largest insurers\n{STORY}Rank\tCompany\n1\tState Farm\n");
        let a = parse(&dump, None);
        assert!(
            a.body.trim_end().ends_with("| 1 | State Farm |"),
            "{}",
            a.body
        );
    }

    #[test]
    fn tab_separated_cells_make_a_row_and_a_column_of_prose_does_not() {
        assert!(is_table_row("1\tState Farm Group\t107,764,591\t16.4"));
        assert!(is_table_row("\tMonday\tTuesday"));
        assert!(!is_table_row("\tlet x = 1;"));
        assert!(!is_table_row("Plain line"));
        let column = "The story goes on here at length. ".repeat(12);
        assert!(!is_table_row(&format!("Home\t{column}")));
    }

    #[test]
    fn rows_become_a_pipe_table_with_empty_cells_in_place() {
        let lines = Line::read_all("\tMon\tTue\nWeek 1\tRest\tRun 3|4 km\n");
        let rows: Vec<&Line> = lines.iter().collect();
        assert_eq!(
            table_block(&rows),
            "|  | Mon | Tue |\n| --- | --- | --- |\n| Week 1 | Rest | Run 3\\|4 km |"
        );
    }
}
