//! The broker side of a consumer group: the group coordinator of the classic protocol (membership, join
//! rounds, generations, committed offsets and their expiry), what it knows of each member, and the current
//! generation's assignment. The client side (instances, threads, the group at run time) is in `consumer`.

pub(crate) mod assignment_table;
pub(crate) mod coordinator;
mod expiry;
#[cfg(feature = "brokers")]
pub(crate) mod home;
pub(crate) mod member;
