//! Mutated corpus plans (cut, flipped, spliced bytes) never panic: they load with an error,
//! or load and go through risk and every report.

mod common;

use orbis_plan::report::{render, Format};
use orbis_plan::{load_bytes, Review};

/// Small deterministic generator (xorshift) so failures are reproducible.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = bytes.to_vec();
    if b.is_empty() {
        return b;
    }
    match rng.below(4) {
        0 => b.truncate(rng.below(b.len())),
        1 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(b.len());
                const BYTES: &[u8] = b"{}[],:\"0a\\\x00\xff-";
                b[i] = BYTES[rng.below(BYTES.len())];
            }
        }
        2 => {
            let (from, to) = (rng.below(b.len()), rng.below(b.len()));
            let piece = b[from.min(to)..from.max(to)].to_vec();
            let at = rng.below(b.len());
            b.splice(at..at, piece);
        }
        _ => {
            // Swap two structural characters: valid JSON of the wrong shape is likely.
            let i = rng.below(b.len());
            let j = rng.below(b.len());
            b.swap(i, j);
        }
    }
    b
}

#[test]
fn mutated_plans_never_panic() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let (mut loaded, mut rejected) = (0, 0);
    for entry in common::plan_entries("plan").iter().step_by(5) {
        let path = entry["path"].as_str().unwrap();
        let original = common::read(path);
        for _ in 0..12 {
            let bytes = mutate(&original, &mut rng);
            match load_bytes(&bytes, path) {
                Ok(plan) => {
                    let review = Review::new(vec![plan]);
                    for f in [
                        Format::Json,
                        Format::Text,
                        Format::Markdown,
                        Format::Sarif,
                        Format::Html,
                    ] {
                        render(&review, f);
                    }
                    review.plans[0].redacted_json();
                    loaded += 1;
                }
                Err(e) => {
                    assert!(!e.hint.is_empty() && !e.message.is_empty(), "{path}: {e}");
                    rejected += 1;
                }
            }
        }
    }
    assert!(
        loaded > 0 && rejected > 0,
        "both outcomes exercised: {loaded} loaded, {rejected} rejected"
    );
}
