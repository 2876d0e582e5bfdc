//! Tables written as HTML text. A table the page only reads out (no control inside it but buttons that
//! a delegated listener handles) is far cheaper as one string set with `inner_html` than as a tree of
//! reactive elements: each element of a `view!` is code in the module, and the module has a size budget.

use std::fmt::Write;

/// `text` safe between tags and inside double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A table: a caption, column headings, and rows whose first cell heads the row. Cells are text, escaped
/// here; `raw_last` lets the last cell of each row carry markup the caller built (a button).
pub fn table(testid: &str, caption: &str, head: &[&str], rows: &[Vec<String>], raw_last: bool) -> String {
    let mut s = format!("<table data-testid=\"{}\"><caption>{}</caption><thead><tr>", escape(testid), escape(caption));
    for h in head {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(h));
    }
    s.push_str("</tr></thead><tbody>");
    for row in rows {
        s.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let text = if raw_last && i + 1 == row.len() { cell.clone() } else { escape(cell) };
            if i == 0 {
                let _ = write!(s, "<th scope=\"row\">{text}</th>");
            } else {
                let _ = write!(s, "<td>{text}</td>");
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}
