//! Callbacks that copy what a user typed, picked or ticked into component state, so forms don't each repeat the
//! DOM casts.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The value of the `<select>` that fired `e`.
pub fn picked(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// The value of the `<input>` that fired `e`.
pub fn typed(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Stores a [`field`](crate::components::field::field)'s new text.
pub fn set_text(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| state.set(v))
}

/// Stores a `<select>`'s value.
pub fn set_picked(state: &UseStateHandle<String>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| state.set(picked(&e)))
}

/// Stores a `<select>`'s option index (options carry their index as value; anything else picks the first).
pub fn set_picked_index(state: &UseStateHandle<usize>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| state.set(picked(&e).parse().unwrap_or(0)))
}

/// Stores a checkbox's state as 1 (checked) or 0, in a [`use_index`](crate::hooks::use_form_state::use_index).
pub fn set_checked(state: &UseStateHandle<usize>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        state.set(usize::from(
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        ))
    })
}

/// The text at `url` (relative to the page), or why it could not be read: lesson files and the catalogues are
/// static files fetched on demand.
pub async fn fetch_text(url: &str) -> Result<String, crate::i18n::Reason> {
    use crate::i18n::Reason;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let failed = |key| Reason::new(key, 0, 0).of(url);
    let window = web_sys::window().ok_or_else(|| failed("reason.fetch"))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
        .ok_or_else(|| failed("reason.fetch"))?;
    if !response.ok() {
        return Err(Reason::new("reason.http", response.status().into(), 0).of(url));
    }
    let text = response.text().map_err(|_| failed("reason.unreadable"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| failed("reason.unreadable"))
}

/// Calls `listener` on every `hashchange` of the window until the returned cleanup runs (a hook effect's
/// destructor): the share-link loader and the lesson router both follow the hash.
pub fn on_hash_change(listener: wasm_bindgen::closure::Closure<dyn FnMut()>) -> impl FnOnce() {
    use wasm_bindgen::JsCast;
    let window = web_sys::window();
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = &window {
            let _ = w.remove_event_listener_with_callback(
                "hashchange",
                listener.as_ref().unchecked_ref(),
            );
        }
    }
}

/// What a press on it does not start a drag from (see [`drag_pan`]).
const CLICKABLE: &str =
    ".lane, .thread, .heat-grid, [role=button], [tabindex], button, a, input, select"; // i18n-ok: a selector

/// A drag to pan under way: (pointer id, where it started, the scroll position then).
type Drag = Option<(i32, i32, i32, i32, i32)>;

thread_local! {
    static DRAG: std::cell::Cell<Drag> = const { std::cell::Cell::new(None) };
}

/// Drag to pan: pressing the primary button on the picture's background and moving scrolls the picture's box
/// (`.stage-scroll`, the press's closest). One handler for `onpointerdown`, `onpointermove` and
/// `onlostpointercapture` (which follows both pointerup and pointercancel). Presses on anything the user can click (a lane, a record, a heatmap cell, a thread, a
/// button) are left alone, so those stay clickable. While dragging the box carries `data-drag` (a grabbing
/// cursor); the pointer is captured so the drag continues outside the box (the browser releases it on
/// pointerup, and on the pointercancel of a touch press it pans natively). The box's CSS keeps a press from selecting text.
pub fn drag_pan() -> Callback<PointerEvent> {
    use wasm_bindgen::JsCast;
    Callback::from(move |e: PointerEvent| {
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let closest = |sel: &str| target.as_ref().and_then(|t| t.closest(sel).ok().flatten());
        let Some(el) = closest(".stage-scroll") else {
            return;
        };
        let id = e.pointer_id();
        match (e.type_().as_str(), DRAG.get()) {
            ("pointerdown", _) => {
                if e.button() != 0 || closest(CLICKABLE).is_some() {
                    return;
                }
                let _ = el.set_pointer_capture(id);
                let _ = el.set_attribute("data-drag", "");
                let start = (
                    id,
                    e.client_x(),
                    e.client_y(),
                    el.scroll_left(),
                    el.scroll_top(),
                );
                DRAG.set(Some(start));
            }
            ("pointermove", Some((at, x, y, left, top))) if at == id => {
                el.set_scroll_left(left - (e.client_x() - x));
                el.set_scroll_top(top - (e.client_y() - y));
            }
            ("lostpointercapture", Some(_)) => {
                DRAG.set(None);
                let _ = el.remove_attribute("data-drag");
            }
            _ => {}
        }
    })
}
