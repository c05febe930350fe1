//! `Records` against `VecDeque`, and the sharing between copies.

use super::*;
use alloc::collections::VecDeque;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Push(u16),
    PopFront,
    PopBack,
    Copy,
    Retain(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (1u16..600).prop_map(Op::Push),
        2 => Just(Op::PopFront),
        2 => Just(Op::PopBack),
        1 => Just(Op::Copy),
        1 => (2u8..5).prop_map(Op::Retain),
    ]
}

proptest! {
    /// Against `VecDeque`, the type it replaces, under any mix of operations, with copies taken along the way
    /// and changed apart from the original: every copy keeps exactly its own records.
    #[test]
    fn behaves_as_a_vecdeque_and_copies_stay_apart(ops in proptest::collection::vec(op(), 1..60)) {
        let mut next = 0u64;
        let mut logs = vec![(Records::default(), VecDeque::<Record>::new())];
        for (i, op) in ops.into_iter().enumerate() {
            let k = i % logs.len();
            if let Op::Copy = op {
                let copy = logs[k].clone();
                logs.push(copy);
                continue;
            }
            let (ours, model) = &mut logs[k];
            match op {
                Op::Push(n) => {
                    for _ in 0..n {
                        ours.push_back(record(next));
                        model.push_back(record(next));
                        next += 1;
                    }
                }
                Op::PopFront => prop_assert_eq!(ours.pop_front(), model.pop_front()),
                Op::PopBack => prop_assert_eq!(ours.pop_back(), model.pop_back()),
                Op::Copy => {}
                Op::Retain(m) => {
                    ours.retain(|r| r.offset % u64::from(m) != 0);
                    model.retain(|r| r.offset % u64::from(m) != 0);
                }
            }
            for (ours, model) in &logs {
                prop_assert_eq!(ours.len(), model.len());
                prop_assert!(ours.iter().eq(model.iter()));
                prop_assert!(ours.iter().rev().eq(model.iter().rev()));
                prop_assert_eq!(ours.front(), model.front());
                prop_assert_eq!(ours.back(), model.back());
                let cut = next / 2;
                prop_assert_eq!(
                    ours.partition_point(|r| r.offset < cut),
                    model.partition_point(|r| r.offset < cut)
                );
                for probe in [0, cut, next, next + 5] {
                    prop_assert_eq!(ours.index_of(probe), model.partition_point(|r| r.offset < probe));
                }
                let from = model.len() / 3;
                prop_assert!(ours.range(from..).eq(model.range(from..)));
                // Both ends at once, in an uneven rhythm: the forward run must stop where the back has got to.
                let (mut a, mut b) = (ours.range(from..), model.range(from..));
                for step in 0.. {
                    let (x, y) = if step % 3 == 2 { (a.next_back(), b.next_back()) } else { (a.next(), b.next()) };
                    prop_assert_eq!(x, y);
                    prop_assert_eq!(a.len(), b.len());
                    if x.is_none() {
                        break;
                    }
                }
            }
        }
    }
}

fn record(offset: u64) -> Record {
    Record {
        offset,
        timestamp_ms: offset * 2,
        key: 0,
        size: 1,
        sequence: 0,
        producer: 0,
        flags: 0,
    }
}

fn offsets(r: &Records) -> Vec<u64> {
    r.iter().map(|r| r.offset).collect()
}

#[test]
fn a_copy_shares_the_sealed_chunks_and_changes_apart() {
    let mut a = Records::default();
    for o in 0..(3 * CHUNK as u64 + 5) {
        a.push_back(record(o));
    }
    let mut b = a.clone();
    assert!(Rc::ptr_eq(&a.chunks[0], &b.chunks[0]));
    // Popping into a shared chunk copies it; the other log keeps its records.
    for _ in 0..10 {
        b.pop_back();
    }
    b.pop_front();
    assert_eq!(a.len(), 3 * CHUNK + 5);
    assert_eq!(b.len(), 3 * CHUNK + 5 - 11);
    assert_eq!(a.back().map(|r| r.offset), Some(3 * CHUNK as u64 + 4));
    assert_eq!(b.back().map(|r| r.offset), Some(3 * CHUNK as u64 - 6));
    assert_eq!(a.front().map(|r| r.offset), Some(0));
    assert_eq!(b.front().map(|r| r.offset), Some(1));
    assert!(Rc::ptr_eq(&a.chunks[1], &b.chunks[1]));
    // Past a batch of gone chunks, the list is cut and the rest still reads in order.
    for o in 3 * CHUNK as u64 + 5..100 * CHUNK as u64 {
        a.push_back(record(o));
    }
    for _ in 0..60 * CHUNK {
        a.pop_front();
    }
    assert_eq!(
        (a.head, a.chunks.len()),
        (10, 50),
        "cut once, at 50 gone of 100"
    );
    assert_eq!(a.front().map(|r| r.offset), Some(60 * CHUNK as u64));
    assert_eq!(a.len(), 40 * CHUNK);
}

#[test]
fn popping_every_record_from_either_end_gives_them_back_in_order() {
    let mut r = Records::default();
    for o in 0..1000 {
        r.push_back(record(o));
    }
    let mut front = Vec::new();
    while let Some(x) = r.pop_front() {
        front.push(x.offset);
        if let Some(y) = r.pop_back() {
            front.push(1_000_000 + y.offset);
        }
    }
    assert_eq!(front.len(), 1000);
    assert_eq!(r.len(), 0);
    assert_eq!((r.chunks.len() - r.head, r.skip, r.tail.len()), (0, 0, 0));
    assert_eq!(front[0], 0);
    assert_eq!(front[1], 1_000_999);
}

#[test]
fn retain_and_partition_point_keep_order() {
    let mut r = Records::default();
    for o in 0..700 {
        r.push_back(record(o));
    }
    r.pop_front();
    r.retain(|x| x.offset % 3 != 0);
    assert_eq!(r.len(), 466);
    assert!(offsets(&r).windows(2).all(|w| w[0] < w[1]));
    assert_eq!(r.partition_point(|x| x.offset < 350), 233);
    assert_eq!(r.range(460..).count(), 6);
    assert_eq!(r.range(900..).count(), 0);
}
