//! Comparing texts in tests: a failure shows a unified diff, not two whole strings.

/// Panics with a unified diff from `expected` to `actual` (labelled with `what`) when they
/// differ.
#[track_caller]
pub fn assert_text_eq(expected: &str, actual: &str, what: &str) {
    if expected != actual {
        panic!(
            "{what}: the texts differ (- expected, + actual):\n{}",
            similar::TextDiff::from_lines(expected, actual)
                .unified_diff()
                .context_radius(3)
                .header("expected", "actual")
        );
    }
}
