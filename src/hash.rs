//! Fast non-cryptographic hashing for the build's own data: FNV-1a, for maps keyed by paths and
//! words the site itself produced (flooding-resistant SipHash buys nothing there), and the keys
//! that tell whether a page's inputs changed between two preview rebuilds.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x100_0000_01b3;

/// FNV-1a over bytes.
pub fn fnv(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes
        .into_iter()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// FNV-1a as a [`Hasher`], for maps.
#[derive(Default)]
pub struct Fnv(Option<u64>);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0.unwrap_or(OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        let start = self.0.unwrap_or(OFFSET);
        self.0 = Some(
            bytes
                .iter()
                .fold(start, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME)),
        );
    }
}

/// A map with FNV-hashed keys.
pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Output path → the key of what it was made from.
pub type Keys = FnvMap<String, u64>;

/// The key of a value: equal inputs, equal keys (within one process, all that keys need).
pub fn key_of(value: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_published_vectors() {
        // FNV-1a 64-bit test vectors.
        assert_eq!(fnv(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(*b"a"), 0xaf63_dc4c_8601_ec8c);
        let mut h = Fnv::default();
        h.write(b"a");
        assert_eq!(h.finish(), fnv(*b"a"));
    }
}
