//! `cargo bench -p mentorbro-matching`: the solver on the sizes from the issue, plus the
//! pilot cohort scored from profiles. Scores are uniform integers in 0..=100_000, as in
//! bench/matching (which also compares with scipy).

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentorbro_matching::{Candidate, Instance, Scores, Weights, instance, solve};

#[path = "../src/bin/mentorbro-match/pilot.rs"]
#[allow(dead_code)]
mod pilot;

const HIGH: u64 = 100_000;

/// xorshift64: reproducible instances without extra dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn score(&mut self) -> i64 {
        (self.next() % (HIGH + 1)) as i64
    }
}

fn dense(n: usize, m: usize, capacity: u32, seed: u64) -> Instance {
    let mut rng = Rng(seed);
    let mut inst = Instance::dense(n, m, (0..n * m).map(|_| rng.score()).collect());
    inst.capacities = vec![capacity; m];
    inst
}

fn sparse(n: usize, m: usize, capacity: u32, percent: u64, seed: u64) -> Instance {
    let mut rng = Rng(seed);
    let mut list = Vec::new();
    for mentee in 0..n {
        for mentor in 0..m {
            if rng.next() % 100 < percent {
                list.push(Candidate {
                    mentee,
                    mentor,
                    score: rng.score(),
                });
            }
        }
    }
    Instance {
        scores: Scores::Sparse(list),
        capacities: vec![capacity; m],
        ..Instance::dense(n, m, Vec::new())
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("assignment");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for n in [100usize, 1000] {
        let inst = dense(n, n, 1, 7);
        group.bench_with_input(BenchmarkId::new("dense", n), &inst, |b, i| {
            b.iter(|| solve(i))
        });
    }
    let inst = dense(1000, 400, 3, 11);
    group.bench_function("capacitated 1000x400x3", |b| b.iter(|| solve(&inst)));
    let (mentees, mentors) = pilot::cohort(1, 40, 30);
    let weights = Weights::default();
    group.bench_function("pilot 40x30 scoring + solve", |b| {
        b.iter(|| solve(&instance(&mentees, &mentors, &weights)))
    });
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    let inst = sparse(5000, 2000, 3, 10, 13);
    group.bench_function("sparse 5000x2000x3 10%", |b| b.iter(|| solve(&inst)));
    for n in [3000usize, 5000] {
        let inst = dense(n, n, 1, 7);
        group.bench_with_input(BenchmarkId::new("dense", n), &inst, |b, i| {
            b.iter(|| solve(i))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
