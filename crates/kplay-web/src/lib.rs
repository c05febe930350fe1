//! The kplay playground UI.

pub mod components;
pub mod state;

pub use components::app::App;
