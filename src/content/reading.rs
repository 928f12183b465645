//! Reading time: characters of CJK text and words of other text, each at its
//! own reading speed.

/// Characters of CJK text and words of other text, for a reading time.
#[derive(Default)]
pub(crate) struct Reading {
    cjk: usize,
    words: usize,
}

impl Reading {
    const CJK_PER_MINUTE: usize = 400;
    const WORDS_PER_MINUTE: usize = 230;

    pub fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if c.is_ascii() {
                // Most characters of English text: no Unicode tables needed.
                if c.is_ascii_alphanumeric() {
                    self.words += usize::from(!in_word);
                    in_word = true;
                } else {
                    in_word = false;
                }
            } else if is_cjk(c) {
                self.cjk += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    self.words += 1;
                }
                in_word = true;
            } else {
                in_word = false;
            }
        }
    }

    pub fn minutes(&self) -> u32 {
        let minutes = self.cjk as f64 / Self::CJK_PER_MINUTE as f64 + self.words as f64 / Self::WORDS_PER_MINUTE as f64;
        minutes.ceil().max(1.0) as u32
    }
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3040..=0x30FF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}
