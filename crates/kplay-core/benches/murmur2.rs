//! murmur2 throughput on 16-byte and 1-KB keys.
//!
//! `cargo bench -p kplay-core --bench murmur2`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kplay_core::hash::murmur2;
use std::hint::black_box;

fn keys(len: usize, count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|i| (0..len).map(|j| (i * 31 + j * 7) as u8).collect())
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("murmur2");
    for (name, len) in [("16B", 16usize), ("1KB", 1024)] {
        let data = keys(len, 1024);
        group.throughput(Throughput::Bytes((len * data.len()) as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut acc = 0i32;
                for key in &data {
                    acc ^= murmur2(black_box(key));
                }
                acc
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
