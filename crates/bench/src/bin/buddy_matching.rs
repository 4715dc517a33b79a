//! `cargo xtask bench`: matching 1,000 carers asking for a buddy with 2,000 volunteers,
//! natively, and how much better the exact proposal is than pairing the best-looking pair first
//! (greedy). Target: under a second natively.

use std::time::Instant;

fn main() {
    let start = Instant::now();
    for (seekers, volunteers) in portal_bench::COHORTS {
        println!(
            "{}",
            portal_bench::run(seekers, volunteers, || start.elapsed().as_secs_f64()
                * 1000.0)
        );
    }
}
