//! How tangled HTML is, told in one pass before it is sanitized. The HTML
//! parser behind the sanitizer looks down the stack of open elements at every
//! tag, and looks along an element's children to move content a tag left in
//! the wrong place: ten thousand nested elements, or ten thousand misplaced
//! ones, cost it a hundred million steps. HTML more tangled than a writer
//! would ever mean is not handed to it.

/// Elements that are never open.
const VOID: [&str; 16] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr", "frame"];

/// Elements that a start tag of the same name closes (`<li>a<li>b`).
const CLOSED_BY_SIBLING: [&str; 10] = ["p", "li", "dt", "dd", "option", "tr", "td", "th", "rt", "rp"];

/// Elements a browser opens again after an end tag closed them unseen
/// (`<p><b>a</p><p>b` puts the second paragraph in bold too).
const FORMATTING: [&str; 14] = ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];

/// Elements whose end tag closes whatever is left open inside them. (Not
/// `p`: the start of a block closes it first, unseen.)
const BLOCKS: [&str; 36] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "li",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// Table parts that hold no text or elements of their own: what is written
/// straight inside them is moved before the table.
const ROWS: [&str; 5] = ["table", "tbody", "thead", "tfoot", "tr"];

/// Table parts, whose end tags close what is open inside them within one table.
const TABLE: [&str; 9] = ["table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup"];

/// Elements that an end tag of an element around them may not reach past.
const BOUNDARIES: [&str; 12] = ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button", "ol", "ul"];

/// Does `html` open more than `limit` elements inside each other, or leave
/// more than `limit` things where a browser must move them (text or tags
/// straight inside a table, formatting closed out of order)? Tags are counted
/// as a browser nests them, or deeper, never shallower: an end tag closes
/// what is open inside its element only where a browser surely does, and is
/// otherwise taken to close nothing.
pub(crate) fn tangled(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut moved = 0;
    let mut at = 0;
    loop {
        let next = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i);
        let text = &bytes[at..next.unwrap_or(bytes.len())];
        if open.last().is_some_and(|top| is(&ROWS, top)) && !text.iter().all(u8::is_ascii_whitespace) {
            moved += 1;
        }
        let Some(found) = next else { break };
        let closing = bytes.get(found + 1) == Some(&b'/');
        let start = found + 1 + usize::from(closing);
        let named = bytes.get(start).is_some_and(u8::is_ascii_alphabetic);
        let len = if named { bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count() } else { 0 };
        if len == 0 {
            at = found + 1;
            continue;
        }
        let name = &html[start..start + len];
        at = memchr::memchr(b'>', &bytes[start + len..]).map_or(bytes.len(), |i| start + len + i + 1);
        if closing {
            // Any heading's end tag closes the nearest heading.
            let heading = is(&HEADINGS, name);
            if let Some(k) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name) || heading && is(&HEADINGS, n)) {
                if closes_to(name, &open[..k], &open[k + 1..]) {
                    open.truncate(k);
                } else if is(&FORMATTING, name) {
                    moved += 1;
                }
            }
        } else if !is(&VOID, name) {
            if is(&CLOSED_BY_SIBLING, name) && open.last().is_some_and(|top| top.eq_ignore_ascii_case(name)) {
                open.pop();
            }
            if open.last().is_some_and(|top| is(&ROWS, top)) && !is(&TABLE, name) {
                moved += 1;
            }
            open.push(name);
        }
        if open.len() > limit || moved > limit {
            return true;
        }
    }
    false
}

fn is(names: &[&str], name: &str) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Does the end tag of `name` surely close it and the elements `inside` it,
/// with the elements `around` it open?
fn closes_to(name: &str, around: &[&str], inside: &[&str]) -> bool {
    if inside.is_empty() {
        return true;
    }
    if is(&FORMATTING, name) || inside.iter().any(|n| is(&FORMATTING, n)) {
        return false;
    }
    if is(&TABLE, name) {
        // A table part outside a table is no element at all: its end tag closes nothing.
        let in_table = name.eq_ignore_ascii_case("table") || around.iter().any(|n| n.eq_ignore_ascii_case("table"));
        // Table parts close each other unseen: only the table's own end
        // closes them surely; a part's end surely closes only what is in a cell.
        let parts: &[&str] = if name.eq_ignore_ascii_case("table") { &["table"] } else { &TABLE };
        return in_table && !inside.iter().any(|n| is(parts, n) || n.eq_ignore_ascii_case("template"));
    }
    is(&BLOCKS, name) && !inside.iter().any(|n| is(&BOUNDARIES, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_open_elements() {
        assert!(!tangled("<div><p>a</p><img src=x><br></div>", 2));
        assert!(tangled("<div><p><b>a</b></p></div>", 2));
        assert!(!tangled(&"<div>x</div>".repeat(10_000), 1));
        assert!(tangled(&"<div>".repeat(129), 128));
        assert!(!tangled(&"<div>".repeat(128), 128));
    }

    #[test]
    fn siblings_close_each_other_and_stray_end_tags_close_nothing() {
        assert!(!tangled(&format!("<ul>{}</ul>", "<li>item".repeat(1000)), 3));
        assert!(!tangled(&"<div><p>unclosed</div>".repeat(1000), 2));
        assert!(!tangled(&"<table><tr><td>a<td>b</table>".repeat(1000), 3));
        assert!(tangled(&"<div></span>".repeat(200), 128));
        assert!(!tangled("<!-- comment --> a < b <3", 0));
    }

    /// End tags that a browser does not take to close what is inside them,
    /// and content it must move.
    #[test]
    fn misnested_tags_count_as_deep_as_a_browser_nests_them() {
        for pattern in [
            "<b><div></b>",
            "<span><div></span>",
            "<p><b id=x></p>",
            "<a><p></a>",
            "<div><b></div>",
            "<form><div></form>",
            "<caption><div></caption>",
            "<p><div></p>",
            "<table><td><tr><div></td>",
            "<h1><div><h2></h1>",
            "<table><div></table>",
            "<table>x</table>",
            "<b><i></b></i>",
        ] {
            assert!(tangled(&pattern.repeat(200), 128), "{pattern}");
        }
    }
}
