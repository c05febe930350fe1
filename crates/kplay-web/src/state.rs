//! UI state as a reducer: [`State`] plus the [`Action`]s that change it.

use std::rc::Rc;
use yew::prelude::*;

/// Colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light background.
    Light,
    /// Dark background.
    Dark,
}

impl Theme {
    /// The value of the `data-theme` attribute.
    pub fn as_attr(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Everything the UI shows that is not the simulated world.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Current colour theme.
    pub theme: Theme,
}

impl Default for State {
    fn default() -> Self {
        State {
            theme: Theme::Light,
        }
    }
}

/// A change to [`State`].
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch between light and dark.
    ToggleTheme,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::ToggleTheme => {
                let theme = match self.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                };
                Rc::new(State { theme })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggle_theme_flips_and_flips_back() {
        let s = Rc::new(State::default());
        let dark = s.reduce(Action::ToggleTheme);
        assert_eq!(dark.theme, Theme::Dark);
        assert_eq!(dark.reduce(Action::ToggleTheme).theme, Theme::Light);
    }
}
