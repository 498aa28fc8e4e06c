//! A job queue over every core, for the independent steps of a run (rendering files, writing
//! them).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item of `items` on every core (this thread too), the results in the
/// order of `items`. Each worker takes the next item of a shared queue until none is left, so
/// a costly item does not hold up a fixed share of the rest, and nothing depends on which
/// worker ran what. A panic in `f` is resumed on this thread.
pub(crate) fn map<I: Sync, T: Send>(items: &[I], f: impl Fn(&I) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, f(item)));
        }
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let finished = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut finished = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => finished.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        finished
    });
    let mut results: Vec<Option<T>> = (0..items.len()).map(|_| None).collect();
    for (index, result) in finished {
        results[index] = Some(result);
    }
    results
        .into_iter()
        .map(|result| result.expect("every index is taken by exactly one worker"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = super::map(&items, |n| {
            // Uneven work, so workers finish items out of order.
            if n % 7 == 0 {
                std::thread::yield_now();
            }
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }
}
