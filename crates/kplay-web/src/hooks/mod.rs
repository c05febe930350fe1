//! Custom hooks.

pub mod use_form_state;
pub mod use_lessons;
pub mod use_simulation;
