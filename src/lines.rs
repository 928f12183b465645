//! Line and column of many byte offsets in one text, each found in time that
//! does not grow with the text: a file with a hundred thousand links or
//! warnings is located in one pass over it, not one pass per place.

use std::cell::OnceCell;

/// Bytes between two saved character counts.
const STRIDE: usize = 1024;

/// The places of one text, indexed on first use.
pub(crate) struct Lines<'t> {
    text: &'t str,
    index: OnceCell<Index>,
}

struct Index {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// Characters before byte `k * STRIDE`, for each k.
    chars: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        Lines { text, index: OnceCell::new() }
    }

    /// Line and column (1-based, the column counted in characters) of a byte
    /// offset; an offset past the end is the end, one inside a character is
    /// that character.
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let index = self.index.get_or_init(|| Index::of(self.text));
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = index.starts.partition_point(|&start| start <= offset);
        let start = index.starts[line - 1];
        (line, self.chars_before(index, offset) - self.chars_before(index, start) + 1)
    }

    /// Characters that start before byte `offset`.
    fn chars_before(&self, index: &Index, offset: usize) -> usize {
        let block = offset / STRIDE;
        index.chars[block] + count_chars(&self.text.as_bytes()[block * STRIDE..offset])
    }
}

impl Index {
    fn of(text: &str) -> Index {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut total = 0;
        chars.push(0);
        for block in text.as_bytes().chunks(STRIDE) {
            total += count_chars(block);
            chars.push(total);
        }
        Index { starts, chars }
    }
}

/// Characters that start in `bytes` (a byte that does not continue one starts one).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::line_col;

    #[test]
    fn agrees_with_counting_from_the_start() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(&format!("问:第{i}个问题 [{i}] and more words\n"));
            if i % 7 == 0 {
                text.push_str(&"长".repeat(i % 900));
            }
        }
        let lines = Lines::new(&text);
        let offsets = (0..text.len() + 10).step_by(37).chain([0, text.len(), text.len() + 5]).chain((0..text.len()).rev().step_by(997));
        for offset in offsets {
            assert_eq!(lines.locate(offset), line_col(&text, offset), "offset {offset}");
        }
    }

    #[test]
    fn an_offset_inside_a_character_is_that_character() {
        let lines = Lines::new("ab\n问:x");
        assert_eq!(lines.locate(6), (2, 2));
        assert_eq!(lines.locate(4), (2, 1));
        assert_eq!(Lines::new("").locate(3), (1, 1));
    }
}
