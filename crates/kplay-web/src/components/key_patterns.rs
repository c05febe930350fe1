//! The SVG patterns for keys past the 12th: the same 12 colours again, hatched (keys 13–24) or dotted (25–36), so
//! key 13 does not look like key 1 (`format::key_class_at`). Each pattern's background is the key colour's own
//! class, so the theme switch recolours them too. Defined once in the picture; `fill: url(#khN)` in
//! www/style.css finds them from the lanes, the flights layer and the legend. The markup is one string the browser
//! parses (fewer bundle bytes than building 72 elements in Rust).

use crate::format::KEY_COLOURS;
use std::fmt::Write;
use yew::prelude::*;

/// The hatch (`kh0`…`kh11`) and dot (`kd0`…`kd11`) patterns, as SVG markup.
pub fn key_patterns() -> String {
    let mut s = String::new();
    for i in 0..KEY_COLOURS {
        let _ = write!(
            s,
            r#"<pattern id="kh{i}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="k{i}" width="5" height="5"/><path class="kp" d="M0 0V5"/></pattern><pattern id="kd{i}" width="5" height="5" patternUnits="userSpaceOnUse"><rect class="k{i}" width="5" height="5"/><circle class="kp kp-dot" cx="2.5" cy="2.5" r="1.1"/></pattern>"#
        );
    }
    s
}

thread_local! {
    /// [`key_patterns`], built once: the picture re-renders every frame.
    static PATTERNS: AttrValue = AttrValue::from(key_patterns());
}

/// `<defs>` with [`key_patterns`]. A plain function, not a component (each component type costs about 1 KB of
/// wasm): the markup is built once and shared, and yew leaves the DOM alone when the string is the same.
pub fn key_pattern_defs() -> Html {
    let patterns = PATTERNS.with(AttrValue::clone);
    html! { <defs>{ Html::from_html_unchecked(patterns) }</defs> }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_hatch_and_one_dot_pattern_per_key_colour() {
        let s = super::key_patterns();
        for i in 0..super::KEY_COLOURS {
            assert!(s.contains(&format!(r#"id="kh{i}""#)) && s.contains(&format!(r#"id="kd{i}""#)));
            assert_eq!(
                s.matches(&format!(r#"class="k{i}""#)).count(),
                2,
                "both on colour {i}"
            );
        }
        assert_eq!(s.matches("<pattern ").count(), 24);
    }
}
