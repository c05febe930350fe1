//! Custom hooks.

pub mod use_drag_pan;
pub mod use_form_state;
pub mod use_simulation;
