//! Table pieces shared by the describe and inspector tables.

use yew::prelude::*;

/// A `<thead>` row of column headers. One non-generic function instead of a `<th scope="col">` element per
/// column in each `html!`: every element written out expands into its own construction code.
pub fn head(cols: &[&str]) -> Html {
    html! {
        <thead><tr>{ for cols.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
    }
}

/// A `<thead>` row from one catalogue text whose column names are separated by `|` (one lookup per table).
pub fn head_of(i18n: &crate::i18n::I18n, key: &str) -> Html {
    head(&i18n.t(key).split('|').collect::<Vec<_>>())
}

/// An optional number as a table cell's text: `-` when absent.
pub fn or_dash(n: Option<u64>) -> String {
    n.map_or_else(|| "-".into(), |n| n.to_string())
}

/// The catalogue text of `key` as a text node. One non-generic function: converting a `String` into a node at
/// each `{ i18n.t(…) }` site would expand that conversion there.
pub fn tx(i18n: &crate::i18n::I18n, key: &str) -> Html {
    Html::from(i18n.t(key))
}
