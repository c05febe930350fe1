//! One consumer thread (a group member): busy, idle, waiting for a rebalance, kicked out but still finishing its
//! batch (a zombie), or down with its instance.

use crate::components::markup::{raw, wrap};
use crate::format::f1;
use crate::i18n::I18n;
use crate::layout::THREAD_X;
use yew::prelude::*;

/// A thread slot in the consumer column, drawn by [`ThreadDot::view`].
pub struct ThreadDot {
    /// Instance id.
    pub instance: String,
    /// Thread number.
    pub thread: u32,
    /// Vertical centre.
    pub y: f64,
    /// Owned partitions as `topic-p`.
    pub owned: Vec<String>,
    /// Running (its instance is up or slow).
    pub running: bool,
    /// Owns nothing while the group is Stable.
    pub idle: bool,
    /// Records fetched but not processed yet.
    pub in_flight: u32,
    /// Left the group after `max.poll.interval.ms` without a poll, still finishing its batch (a zombie).
    pub zombie: bool,
}

impl ThreadDot {
    /// The slot's markup, keyed by instance and thread. A plain function, not a component (each component type
    /// costs about 1 KB of wasm): the picture redraws every frame only for small scenarios, and busy ones at the
    /// slow tick.
    pub fn view(&self, i18n: &I18n) -> Html {
        let props = self;
        // (CSS class, the words' key); a busy thread shows its partitions instead of words.
        let (class, key) = if !props.running {
            ("thread down", "picture.thread_down") // i18n-ok: CSS class
        } else if props.zombie {
            ("thread zombie", "picture.thread_zombie") // i18n-ok: CSS class
        } else if props.idle {
            ("thread idle", "picture.thread_idle") // i18n-ok: CSS class
        } else if props.owned.is_empty() {
            ("thread waiting", "picture.thread_waiting") // i18n-ok: CSS class
        } else {
            ("thread busy", "") // i18n-ok: CSS class
        };
        let text = if key.is_empty() {
            props.owned.join(", ")
        } else {
            i18n.t(key)
        };
        let args: [(&str, &dyn std::fmt::Display); 4] = [
            ("thread", &props.thread),
            ("text", &text),
            ("count", &props.in_flight),
            ("instance", &props.instance),
        ];
        let visible = if props.in_flight > 0 {
            i18n.tf("picture.thread_short_hand", &args)
        } else {
            i18n.tf("picture.thread_short", &args)
        };
        let label = i18n.tf("picture.thread_label", &args);
        // The `<g>` stays an element of its own (lessons mark it); what it holds only reads, as escaped markup.
        let mut inner = String::new();
        wrap(&mut inner, "<title>", &label, "</title><circle cx=\"");
        wrap(&mut inner, "", &f1(THREAD_X), "\" cy=\"");
        wrap(&mut inner, "", &f1(props.y), "\" r=\"6\"/><text x=\"");
        wrap(&mut inner, "", &f1(THREAD_X + 12.0), "\" y=\"");
        wrap(
            &mut inner,
            "",
            &f1(props.y + 4.0),
            "\" class=\"thread-label\">",
        );
        wrap(&mut inner, "", &short(&visible), "</text>");
        html! {
            <g key={format!("{}-{}", props.instance, props.thread)} class={class} data-testid="thread" data-instance={props.instance.clone()}
               data-thread={props.thread.to_string()} aria-label={label} role="img">
                { raw(inner) }
            </g>
        }
    }
}

/// Characters of a thread label that fit beside the dot (the drawing's right edge; 11 px text).
const LABEL_CHARS: usize = 40;

/// A thread label cut to [`LABEL_CHARS`] with "…"; the full text is the thread's tooltip.
fn short(s: &str) -> String {
    match s.char_indices().nth(LABEL_CHARS - 1) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis_short_ones_kept() {
        assert_eq!(short("t0 · orders-0"), "t0 · orders-0");
        let long = format!("t0 · {}", ["orders-10"; 8].join(", "));
        let cut = short(&long);
        assert_eq!(cut.chars().count(), LABEL_CHARS);
        assert!(cut.ends_with('…') && long.starts_with(cut.trim_end_matches('…')));
    }
}
