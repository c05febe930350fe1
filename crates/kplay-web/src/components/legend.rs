//! The legend under the picture: one line per mark the topology draws, each with a small sample drawn with the
//! picture's own CSS classes (so it follows the theme). It is one string of markup, parsed by the browser, which
//! costs fewer bundle bytes than building a few dozen elements in Rust, and an unchanged string is not touched again
//! when the app re-renders.

use crate::components::table::tx;
use crate::i18n::I18n;
use yew::prelude::*;

/// Every mark explained, by its `data-mark` name (the order of [`legend_html`]).
pub const MARKS: [&str; 18] = [
    "key",
    "key-pattern",
    "null-key",
    "tombstone",
    "commit",
    "processed",
    "lag",
    "older",
    "own",
    "busy",
    "idle",
    "waiting",
    "zombie",
    "down",
    "flight",
    "reprocessed",
    "rebalancing",
    "heat",
];

/// Each mark's text key and sample, in the order of [`MARKS`]: a 48×20 box; lanes, cells and markers use the
/// picture's sizes.
#[rustfmt::skip]
const SAMPLES: [(&str, &str); 18] = [
    ("legend.key", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell"><rect x="1" y="1" width="22" height="18" rx="3" class="k0"/><text x="12" y="14" class="cell-offset">7</text></g><g class="cell"><rect x="25" y="1" width="22" height="18" rx="3" class="k1"/><text x="36" y="14" class="cell-offset">8</text></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.key_pattern", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell"><rect x="1" y="1" width="22" height="18" rx="3" class="k0 kh"/></g><g class="cell"><rect x="25" y="1" width="22" height="18" rx="3" class="k0 kd"/></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.null_key", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell"><rect x="13" y="1" width="22" height="18" rx="3" class="knull"/></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.tombstone", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell tombstone"><rect x="13" y="1" width="22" height="18" rx="3" class="k0"/></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.commit", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><rect class="lane-bg" x="0" y="0" width="48" height="20" rx="4"/><path class="commit-marker g0" d="M24 14 l-4 5 h8 z"/></svg>"#), // i18n-ok: an SVG sample
    ("legend.processed", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><rect class="lane-bg" x="0" y="0" width="48" height="20" rx="4"/><path class="processed-marker g0" d="M24 6 l-4 -5 h8 z"/></svg>"#), // i18n-ok: an SVG sample
    ("legend.lag", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="cell"><rect x="9" y="1" width="18" height="18" rx="3" class="k0"/></g><g class="cell"><rect x="28" y="1" width="18" height="18" rx="3" class="k1"/></g><path class="commit-marker g0" d="M8 14 l-4 5 h8 z"/></svg>"#), // i18n-ok: an SVG sample
    ("legend.older", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><text class="lane-older" x="47" y="14">… 41</text></svg>"#), // i18n-ok: an SVG sample
    ("legend.own", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><path class="own g0" d="M2 4 C24 4 24 16 46 16"/></svg>"#), // i18n-ok: an SVG sample
    ("legend.busy", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread busy"><circle cx="24" cy="10" r="6"/></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.idle", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread idle"><circle cx="24" cy="10" r="6"/></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.waiting", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread waiting"><circle cx="24" cy="10" r="6"/></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.zombie", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread zombie"><circle cx="24" cy="10" r="6"/></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.down", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="thread down"><circle cx="8" cy="10" r="6"/></g><text class="instance-title down" x="17" y="14">✕ i1</text></svg>"#), // i18n-ok: an SVG sample
    ("legend.flight", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><circle class="flight k0" cx="24" cy="10" r="5"/></svg>"#), // i18n-ok: an SVG sample
    ("legend.reprocessed", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><circle class="flight dup k0" cx="24" cy="10" r="5"/></svg>"#), // i18n-ok: an SVG sample
    ("legend.rebalancing", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><g class="group-head g0 rebalancing"><rect class="group-chip" x="1" y="0" width="8" height="20" rx="2"/><g class="state-badge st-PreparingRebalance"><rect x="13" y="3" width="33" height="14" rx="7"/></g></g></svg>"#), // i18n-ok: an SVG sample
    ("legend.heat", r#"<svg viewBox="0 0 48 20" aria-hidden="true"><rect class="heat-cell h0" x="1" y="3" width="14" height="14" rx="2"/><rect class="heat-cell h3" x="17" y="3" width="14" height="14" rx="2"/><rect class="heat-cell hn" x="33" y="3" width="14" height="14" rx="2"/></svg>"#), // i18n-ok: an SVG sample
];

/// The legend's list in the language of `i18n`: each mark's sample and its `legend.*` text, one string of markup
/// (the catalogue's legend texts hold no markup characters; a test checks both languages).
pub fn legend_html(i18n: &I18n) -> String {
    let mut out = String::from(r#"<ul class="marks-list">"#);
    for (mark, (key, svg)) in MARKS.iter().zip(SAMPLES) {
        out.push_str(r#"<li data-mark=""#);
        out.push_str(mark);
        out.push_str(r#"">"#);
        out.push_str(svg);
        out.push_str("<span>");
        out.push_str(&i18n.t(key));
        out.push_str("</span></li>");
    }
    out.push_str("</ul>");
    out
}

/// The collapsible legend. A plain function rather than a component (each component type costs about 1 KB of
/// wasm): the app rebuilds it with each render, and yew leaves the DOM alone when the markup is the same string.
pub fn legend(i18n: &I18n) -> Html {
    html! {
        <details class="marks" data-testid="legend">
            <summary>{ tx(i18n, "legend.summary") }</summary>
            { Html::from_html_unchecked(AttrValue::from(legend_html(i18n))) }
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_has_one_entry_per_mark_in_order() {
        let legend = legend_html(&I18n::english());
        let names: Vec<&str> = legend
            .split(r#"data-mark=""#)
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(names, MARKS);
        assert_eq!(legend.matches("<li ").count(), MARKS.len());
        assert_eq!(
            legend.matches("<svg ").count(),
            MARKS.len(),
            "a sample each"
        );
        assert!(legend.contains("zombie") && legend.contains("max.poll.interval.ms"));
        assert!(legend.contains("<span>A record, coloured by its key"));
        crate::i18n::preload_korean(include_str!("../../i18n/ko.txt"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let ko = I18n::loaded(crate::i18n::Lang::Ko).unwrap_or_else(|| unreachable!());
        let ko = legend_html(&ko);
        assert_eq!(ko.matches("<li ").count(), MARKS.len());
        assert!(ko.contains("좀비"), "{ko}");
        for (key, _) in SAMPLES {
            for text in [
                I18n::english().t(key),
                I18n::loaded(crate::i18n::Lang::Ko)
                    .unwrap_or_else(I18n::english)
                    .t(key),
            ] {
                assert!(!text.contains(['<', '&']) && text != key, "{key}: {text}");
            }
        }
    }
}
