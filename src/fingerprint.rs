//! Hashes that stay the same from one run of wenda to the next (the build
//! cache compares them across builds), fast enough for a whole site's text.

use std::hash::Hasher;
use std::io;

/// A hash of everything fed to it, the same from one run to the next.
#[derive(Default)]
pub(crate) struct Fingerprint {
    hash: xxhash_rust::xxh3::Xxh3,
}

impl Fingerprint {
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        self.hash.write_u64(bytes.len() as u64);
        self.hash.write(bytes);
        self
    }

    pub fn finish(&self) -> u64 {
        self.hash.finish()
    }
}

impl io::Write for Fingerprint {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.hash.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The hash of bytes.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
