//! UI state as a reducer: [`State`] plus the [`Action`]s that change it. The simulated world is not here: it lives
//! in the animation hook (`hooks::use_simulation`) because it is too big to clone per action.

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

    /// The theme an attribute value (or an embed's `theme` option) names.
    pub fn from_attr(v: &str) -> Option<Theme> {
        [Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.as_attr() == v)
    }
}

/// What the user clicked to inspect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Nothing selected.
    None,
    /// A partition's log.
    Partition {
        /// Topic name.
        topic: String,
        /// Partition number.
        partition: u32,
    },
    /// One record's lifecycle.
    Record {
        /// Topic name.
        topic: String,
        /// Partition number.
        partition: u32,
        /// Offset.
        offset: u64,
    },
}

/// The side panel tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// The lessons list.
    Learn,
    /// Editing forms.
    Build,
    /// `kafka-consumer-groups --describe` tables.
    Groups,
    /// The selected partition or record.
    Inspect,
    /// The event log.
    Events,
    /// Scenario import, export and share link.
    Scenario,
}

impl Tab {
    /// Every tab in display order.
    pub const ALL: [Tab; 6] = [
        Tab::Learn,
        Tab::Build,
        Tab::Groups,
        Tab::Inspect,
        Tab::Events,
        Tab::Scenario,
    ];

    /// The catalogue key of the tab's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Tab::Learn => "tab.learn",
            Tab::Build => "tab.build",
            Tab::Groups => "tab.groups",
            Tab::Inspect => "tab.inspect",
            Tab::Events => "tab.events",
            Tab::Scenario => "tab.scenario",
        }
    }

    /// The tab's name in an embed's `tab` option (`groups`, `build` …).
    pub fn key(self) -> &'static str {
        &self.label_key()[4..]
    }

    /// The tab an embed's `tab` option names.
    pub fn from_key(key: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// Allowed simulation speeds (virtual ms per real ms), the steps of the +/− keys.
pub const SPEEDS: [f64; 10] = [0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 50.0];

/// Labels of [`SPEEDS`], written out so the wasm needs no float formatter.
pub const SPEED_LABELS: [&str; 10] = [
    "0.1×", "0.25×", "0.5×", "1×", "2×", "5×", "10×", "20×", "30×", "50×",
];

/// Everything the UI shows that is not the simulated world.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Current colour theme.
    pub theme: Theme,
    /// Index into [`SPEEDS`].
    pub speed_index: usize,
    /// Whether virtual time stands still.
    pub paused: bool,
    /// What the inspect tab shows.
    pub selection: Selection,
    /// The open side-panel tab.
    pub tab: Tab,
    /// Whether the keyboard help dialog is open.
    pub help_open: bool,
    /// Event kind shown in the event log (`None`: all).
    pub event_filter: Option<String>,
}

impl Default for State {
    fn default() -> Self {
        State {
            theme: Theme::Light,
            speed_index: 3,
            paused: false,
            selection: Selection::None,
            tab: Tab::Groups,
            help_open: false,
            event_filter: None,
        }
    }
}

impl State {
    /// The first state: the default with an embed's options (theme, speed, `autoplay=0`, tab) applied.
    pub fn initial() -> State {
        let mut s = State::default();
        if let Some(e) = crate::embed::current() {
            s.theme = e.theme.unwrap_or(s.theme);
            s.speed_index = e.speed_index.unwrap_or(s.speed_index);
            s.paused = e.autoplay == Some(false);
            s.tab = e.tab.unwrap_or(s.tab);
        }
        s
    }

    /// The current speed factor.
    pub fn speed(&self) -> f64 {
        SPEEDS[self.speed_index.min(SPEEDS.len() - 1)]
    }
}

/// A change to [`State`].
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch between light and dark.
    ToggleTheme,
    /// Set the theme explicitly (from `prefers-color-scheme`).
    SetTheme(Theme),
    /// Play or pause.
    TogglePause,
    /// Pause (e.g. while stepping).
    Pause,
    /// One speed step faster.
    Faster,
    /// One speed step slower.
    Slower,
    /// Jump to a speed index.
    SetSpeedIndex(usize),
    /// Inspect something (opens the inspect tab).
    Select(Selection),
    /// Open a tab.
    SetTab(Tab),
    /// Open or close the help dialog.
    SetHelp(bool),
    /// Filter the event log by kind.
    SetEventFilter(Option<String>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ToggleTheme => {
                s.theme = match s.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                }
            }
            Action::SetTheme(t) => s.theme = t,
            Action::TogglePause => s.paused = !s.paused,
            Action::Pause => s.paused = true,
            Action::Faster => s.speed_index = (s.speed_index + 1).min(SPEEDS.len() - 1),
            Action::Slower => s.speed_index = s.speed_index.saturating_sub(1),
            Action::SetSpeedIndex(i) => s.speed_index = i.min(SPEEDS.len() - 1),
            Action::Select(sel) => {
                if sel != Selection::None {
                    s.tab = Tab::Inspect;
                }
                s.selection = sel;
            }
            Action::SetTab(t) => s.tab = t,
            Action::SetHelp(open) => s.help_open = open,
            Action::SetEventFilter(f) => s.event_filter = f,
        }
        Rc::new(s)
    }
}

/// The reducer handle shared through context, so deep components dispatch without prop drilling.
pub type AppContext = UseReducerHandle<State>;

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

    #[test]
    fn speed_is_clamped_at_both_ends() {
        let mut s = Rc::new(State::default());
        assert_eq!(s.speed(), 1.0);
        for _ in 0..20 {
            s = s.reduce(Action::Faster);
        }
        assert_eq!(s.speed(), 50.0);
        for _ in 0..20 {
            s = s.reduce(Action::Slower);
        }
        assert_eq!(s.speed(), 0.1);
    }

    #[test]
    fn selecting_opens_inspect_and_pause_toggles() {
        let s = Rc::new(State::default());
        let s = s.reduce(Action::Select(Selection::Partition {
            topic: "t".into(),
            partition: 1,
        }));
        assert_eq!(s.tab, Tab::Inspect);
        assert!(!s.paused);
        assert!(s.clone().reduce(Action::TogglePause).paused);
        let s = s.reduce(Action::Select(Selection::None));
        assert_eq!(s.tab, Tab::Inspect, "clearing keeps the tab");
    }
}
