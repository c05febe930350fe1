//! One function component per file.

pub mod app;
pub mod header;
