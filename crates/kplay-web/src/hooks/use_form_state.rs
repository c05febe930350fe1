//! Form state hooks without a closure type per call site.
//!
//! `use_state(|| …)` is generic over its initialiser, so every call site with its own closure compiles its own
//! copy of Yew's reducer machinery. The forms hold about fifty fields; routing them through these three
//! non-generic hooks keeps one copy per value type (flags share `use_index`'s) in the bundle.

use crate::hooks::use_simulation::SimHandle;
use kplay_core::Command;
use yew::prelude::*;

/// A text field's state, starting at `initial` (used on the first render only).
#[hook]
pub fn use_text(initial: &str) -> UseStateHandle<String> {
    let initial = initial.to_string();
    use_state(move || initial)
}

/// A `<select>`'s option index, and a checkbox or any other flag as 0 or 1 (a `bool` state would compile its own
/// copy of Yew's state machinery).
#[hook]
pub fn use_index(initial: usize) -> UseStateHandle<usize> {
    use_state(move || initial)
}

/// A form's submit: applies the command it built, then shows why it could not be built, the engine's refusal,
/// or nothing. One copy for every form (each inlined copy cost its own code).
pub fn submit(sim: &SimHandle, error: &UseStateHandle<String>, command: Result<Command, String>) {
    error.set(match command.map(|c| sim.apply(c)) {
        Ok(Ok(())) => String::new(),
        Ok(Err(e)) => e.to_string(),
        Err(msg) => msg,
    });
}
