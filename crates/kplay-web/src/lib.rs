//! The kplay playground UI: a Yew app over `kplay-core`.

pub mod autosave;
pub mod compare;
pub mod components;
pub mod dom;
pub mod edit;
pub mod embed;
pub mod export;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod layout;
pub mod lesson;
pub mod parse;
pub mod pick;
pub mod presets;
pub mod share;
pub mod sim;
pub mod spring;
pub mod state;
pub mod trace;

pub use components::app::App;
