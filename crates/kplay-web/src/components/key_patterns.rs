//! The SVG patterns for keys past the 12th: the same 12 colours again, hatched (keys 13–24) or dotted (25–36), so
//! key 13 does not look like key 1 (`format::key_class_at`). Each pattern's background is the key colour's own
//! class, so the theme switch recolours them too. Defined once in the picture; `fill: url(#khN)` in
//! www/style.css finds them from the lanes, the flights layer and the legend. No props, so it renders once.

use crate::format::KEY_COLOURS;
use yew::prelude::*;

/// `<defs>` with the hatch (`kh0`…`kh11`) and dot (`kd0`…`kd11`) patterns.
#[component]
pub fn KeyPatterns() -> Html {
    let patterns = (0..KEY_COLOURS).map(|i| {
        let class = format!("k{i}");
        html! { <>
            <pattern id={format!("kh{i}")} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect class={class.clone()} width="5" height="5" /><path class="kp" d="M0 0V5" />
            </pattern>
            <pattern id={format!("kd{i}")} width="5" height="5" patternUnits="userSpaceOnUse">
                <rect {class} width="5" height="5" /><circle class="kp kp-dot" cx="2.5" cy="2.5" r="1.1" />
            </pattern>
        </> }
    });
    html! { <defs>{ for patterns }</defs> }
}
