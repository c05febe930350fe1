//! Custom hooks.

pub mod use_simulation;
