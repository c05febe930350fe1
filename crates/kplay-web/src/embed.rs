//! Embed mode (issues 13 and 18): `?embed=1` shows the picture with compact controls sized to the iframe, and an
//! "open in kplay" link to the full app with the same scenario. Options (query): `lesson`, `step`, `autoplay`
//! (0/1), `lang` (read by `i18n::initial_lang`), `theme` (light/dark), `controls=0`, `speed` (a factor: 0.1 … 50),
//! `tab` (a side panel tab to show next to the picture). In embed mode nothing is read from or written to
//! localStorage, so several embeds on one page (and the full app) do not interfere.

use crate::state::{Tab, Theme, SPEED_LABELS};

/// The options of an embedded playground.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Embed {
    /// Whether the control bar shows (`controls=0` hides it).
    pub controls: bool,
    /// `autoplay=1` plays, `autoplay=0` starts paused; absent: as the full app (plays).
    pub autoplay: Option<bool>,
    /// The theme asked for (absent: the system's).
    pub theme: Option<Theme>,
    /// Index into `SPEEDS` of the speed asked for.
    pub speed_index: Option<usize>,
    /// A side panel tab to show next to the picture.
    pub tab: Option<Tab>,
    /// The lesson route asked for (`lesson=N&step=K`, as the hash of the full app).
    pub lesson: Option<String>,
}

/// The embed options of a query string (`?embed=1&…`); `None` when it does not ask for embed mode. Unknown or
/// bad values are ignored (the defaults apply): an embed always shows something.
///
/// ```
/// let e = kplay_web::embed::parse("?embed=1&controls=0&speed=2&theme=dark").unwrap();
/// assert_eq!((e.controls, e.speed_index), (false, Some(4)));
/// assert!(kplay_web::embed::parse("?lang=ko").is_none());
/// ```
pub fn parse(search: &str) -> Option<Embed> {
    let mut e = Embed {
        controls: true,
        ..Embed::default()
    };
    let (mut embed, mut lesson, mut step) = (false, None, None);
    for pair in search.trim_start_matches('?').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "embed" => embed = v == "1",
            "controls" => e.controls = v != "0",
            "autoplay" => e.autoplay = Some(v != "0"),
            "theme" => e.theme = Theme::from_attr(v),
            "speed" => {
                e.speed_index = SPEED_LABELS
                    .iter()
                    .position(|l| l.trim_end_matches('×') == v)
            }
            "tab" => e.tab = Tab::from_key(v),
            "lesson" => lesson = v.parse::<usize>().ok().filter(|n| *n >= 1),
            "step" => step = v.parse::<usize>().ok().filter(|n| *n >= 1),
            _ => {}
        }
    }
    e.lesson = lesson.map(|l| format!("lesson={l}&step={}", step.unwrap_or(1)));
    embed.then_some(e)
}

thread_local! {
    /// The page's embed options, read once.
    static CURRENT: Option<Embed> = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| parse(&q));
}

/// This page's embed options (`None`: the full app).
pub fn current() -> Option<Embed> {
    CURRENT.with(Clone::clone)
}

/// Sends an embed's `lesson` option to the lesson router (which reads the hash), unless the page already has a
/// hash. Called once before the first render.
pub fn route_lesson() {
    let Some(route) = current().and_then(|e| e.lesson) else {
        return;
    };
    if let Some(loc) = web_sys::window().map(|w| w.location()) {
        if loc.hash().unwrap_or_default().len() <= 1 {
            let _ = loc.set_hash(&route);
        }
    }
}

/// localStorage, except in embed mode (embeds share no keys with each other or the full app).
pub fn storage() -> Option<web_sys::Storage> {
    if current().is_some() {
        return None;
    }
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The full app's address for `href` (this page's address without its query and hash) with `fragment`.
///
/// ```
/// let url = kplay_web::embed::full_app_url("https://x/docs/kplay/?embed=1&theme=dark#lesson=1", "s=abc");
/// assert_eq!(url, "https://x/docs/kplay/#s=abc");
/// ```
pub fn full_app_url(href: &str, fragment: &str) -> String {
    let page = href.split(['?', '#']).next().unwrap_or("./");
    format!("{page}#{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_and_bad_values_ignored() {
        let e =
            parse("?embed=1&lesson=3&step=2&autoplay=0&theme=light&tab=groups&speed=0.25&lang=ko");
        assert_eq!(
            e,
            Some(Embed {
                controls: true,
                autoplay: Some(false),
                theme: Some(Theme::Light),
                speed_index: Some(1),
                tab: Some(Tab::Groups),
                lesson: Some("lesson=3&step=2".into()),
            })
        );
        let bad = parse("embed=1&theme=pink&speed=7&tab=nope&lesson=0&step=x&controls");
        assert_eq!(
            bad,
            Some(Embed {
                controls: true,
                ..Embed::default()
            })
        );
        assert_eq!(parse("?embed=0&controls=0"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn every_speed_label_and_tab_key_is_an_option() {
        for (i, label) in SPEED_LABELS.iter().enumerate() {
            let q = format!("?embed=1&speed={}", label.trim_end_matches('×'));
            assert_eq!(parse(&q).and_then(|e| e.speed_index), Some(i), "{q}");
        }
        for tab in Tab::ALL {
            let q = format!("?embed=1&tab={}", tab.key());
            assert_eq!(parse(&q).and_then(|e| e.tab), Some(tab), "{q}");
        }
    }
}
