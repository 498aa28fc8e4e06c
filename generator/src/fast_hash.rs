//! The hash maps and sets the generator builds its model with.
//!
//! Resolving, checking and sharing a service look names up: tens of thousands of short strings
//! for a few hundred operations. SipHash, std's default, resists collision attacks at a cost
//! that made hashing 5% of a generation run; the keys here come from the user's own spec
//! files, so foldhash (seeded per process, hashbrown's default hasher) is used instead.

/// A `HashMap` with foldhash.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with foldhash.
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
