// 64-bit FNV-1a, shared by the build script (through `include!`) and `fingerprint`: fast,
// stable across Rust versions and platforms (unlike `DefaultHasher`), and enough to notice a
// changed file (nothing here is adversarial). Kept free of attributes and docs so that
// `include!` accepts it.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a(state: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(state, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}
