//! The member order of Kafka's `RangeAssignor` and `RoundRobinAssignor`, and Java's `String.compareTo`.
//!
//! Kafka's `AbstractPartitionAssignor.MemberInfo` sorts static members (those with a `group.instance.id`) first,
//! by instance id, then dynamic members by member id. Java compares strings by UTF-16 code units, which differs
//! from Rust's byte (code point) order only when a character outside the Basic Multilingual Plane meets one in
//! `U+E000..=U+FFFF`.
//!
//! ```
//! use core::cmp::Ordering;
//! use kplay_core::assignor::member_order::java_string_cmp;
//!
//! assert_eq!(java_string_cmp("c1", "c10"), Ordering::Less);
//! // U+1F600 is a surrogate pair (0xD83D ...) in UTF-16, so Java sorts it before U+FF01.
//! assert_eq!(java_string_cmp("\u{1F600}", "\u{FF01}"), Ordering::Less);
//! assert_eq!("\u{1F600}".cmp("\u{FF01}"), Ordering::Greater);
//! ```

use super::MemberSubscription;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// Java's `String.compareTo`: lexicographic over UTF-16 code units.
///
/// ```
/// use core::cmp::Ordering;
/// assert_eq!(kplay_core::assignor::member_order::java_string_cmp("b", "a"), Ordering::Greater);
/// ```
pub fn java_string_cmp(a: &str, b: &str) -> Ordering {
    // Equal UTF-8 prefixes are equal UTF-16 prefixes, so skip them byte-wise; only the first differing
    // characters need the UTF-16 view.
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // Back up to a character boundary so both tails start with whole characters.
    let mut start = common;
    while !a.is_char_boundary(start) {
        start -= 1;
    }
    let (mut ca, mut cb) = (a[start..].chars(), b[start..].chars());
    match (ca.next(), cb.next()) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => {
            let (mut bx, mut by) = ([0u16; 2], [0u16; 2]);
            let ux: &[u16] = x.encode_utf16(&mut bx);
            let uy: &[u16] = y.encode_utf16(&mut by);
            // Characters that differ can still share a high surrogate; then the low surrogate decides.
            ux.cmp(uy)
        }
    }
}

/// Kafka's `MemberInfo.compareTo`: static members first ordered by `group.instance.id`, then dynamic members
/// ordered by member id, all with Java string order.
///
/// ```
/// use core::cmp::Ordering;
/// use kplay_core::assignor::{member_order::compare_members, MemberSubscription};
///
/// let dynamic = MemberSubscription::new("a", ["t"]);
/// let mut fixed = MemberSubscription::new("z", ["t"]);
/// fixed.instance_id = Some("i1".into());
/// assert_eq!(compare_members(&fixed, &dynamic), Ordering::Less);
/// ```
pub fn compare_members(a: &MemberSubscription, b: &MemberSubscription) -> Ordering {
    match (&a.instance_id, &b.instance_id) {
        (Some(x), Some(y)) => java_string_cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => java_string_cmp(&a.member_id, &b.member_id),
    }
}

/// Indices of `members` in Kafka's sorted member order. The sort is stable, so two static members with the same
/// instance id (which a real coordinator never lets happen) keep their arrival order.
///
/// ```
/// use kplay_core::assignor::{member_order::sorted_member_indices, MemberSubscription};
///
/// let members = [MemberSubscription::new("c2", ["t"]), MemberSubscription::new("c1", ["t"])];
/// assert_eq!(sorted_member_indices(&members), vec![1, 0]);
/// ```
pub fn sorted_member_indices(members: &[MemberSubscription]) -> Vec<usize> {
    let mut order: Vec<u32> = (0..members.len() as u32).collect();
    crate::sort::sort_ids_by(&mut order, &mut |x, y| {
        compare_members(&members[x as usize], &members[y as usize])
    });
    order.into_iter().map(|i| i as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_order_matches_utf16_code_units() {
        let samples = [
            "",
            "a",
            "ab",
            "b",
            "\u{e9}",
            "\u{ff01}",
            "\u{1F600}",
            "\u{1F601}",
            "a\u{1F600}",
            "a\u{ffff}",
            "\u{10000}",
            "\u{d7ff}",
            "\u{e000}",
        ];
        for x in samples {
            for y in samples {
                let expected = x.encode_utf16().cmp(y.encode_utf16());
                assert_eq!(java_string_cmp(x, y), expected, "{x:?} vs {y:?}");
            }
        }
    }

    #[test]
    fn static_members_sort_first_by_instance_id_then_dynamic_by_member_id() {
        let mut members = alloc::vec![
            MemberSubscription::new("a-dynamic", ["t"]),
            MemberSubscription::new("z-static", ["t"]),
            MemberSubscription::new("b-static", ["t"]),
            MemberSubscription::new("0-dynamic", ["t"]),
        ];
        members[1].instance_id = Some("i1".into());
        members[2].instance_id = Some("i2".into());
        assert_eq!(sorted_member_indices(&members), alloc::vec![1, 2, 3, 0]);
    }
}
