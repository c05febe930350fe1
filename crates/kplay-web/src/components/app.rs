//! The root component.

use crate::components::header::Header;
use crate::state::{Action, State, Theme};
use yew::prelude::*;

/// The whole playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let on_toggle_theme = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::ToggleTheme))
    };
    html! {
        <div class="app" data-theme={state.theme.as_attr()}>
            <Header dark={state.theme == Theme::Dark} {on_toggle_theme} />
            <main class="workspace" aria-label="Playground workspace">
                <p class="empty-hint">{ "Add a topic to start." }</p>
            </main>
        </div>
    }
}
