//! Drag to pan: pressing the mouse on the picture's background and moving scrolls the picture's box. Presses on
//! anything the user can click (a lane, a record, a heatmap cell, a thread, a button) are left alone, so those
//! stay clickable. While dragging the box carries `data-drag` (a grabbing cursor, no text selection); the pointer
//! is captured so the drag continues outside the box.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What a press on it does not start a drag from.
const CLICKABLE: &str =
    ".lane, .thread, .heat-grid, [role=button], [tabindex], button, a, input, select"; // i18n-ok: a selector

/// A drag under way: (pointer id, where it started, the scroll position then).
type Drag = Option<(i32, i32, i32, i32, i32)>;

/// The handlers a scrolling box needs for drag to pan.
pub struct DragPan {
    /// `onpointerdown`, `onpointermove`, `onpointerup` and `onpointercancel` (one handler: fewer closures in the
    /// bundle).
    pub pointer: Callback<PointerEvent>,
    /// `onmousedown`: keeps a background press from selecting text.
    pub mouse: Callback<MouseEvent>,
}

/// Whether a press on `target` may start a drag (it is not on something clickable).
fn background(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest(CLICKABLE).ok().flatten().is_none())
}

/// Drag-to-pan handlers for the scrolling box `node` refers to (Yew delegates events, so the event's
/// `currentTarget` is not that box).
#[hook]
pub fn use_drag_pan(node: NodeRef) -> DragPan {
    let drag: Rc<RefCell<Drag>> = use_mut_ref(|| None);
    let pointer = Callback::from(move |e: PointerEvent| {
        let Some(el) = node.cast::<web_sys::Element>() else {
            return;
        };
        let now = *drag.borrow();
        match (e.type_().as_str(), now) {
            ("pointerdown", _) => {
                if e.button() != 0 || e.pointer_type() == "touch" || !background(e.target()) {
                    return;
                }
                let _ = el.set_pointer_capture(e.pointer_id());
                let _ = el.set_attribute("data-drag", "");
                let (x, y) = (e.client_x(), e.client_y());
                *drag.borrow_mut() =
                    Some((e.pointer_id(), x, y, el.scroll_left(), el.scroll_top()));
            }
            ("pointermove", Some((id, x, y, left, top))) if id == e.pointer_id() => {
                el.set_scroll_left(left - (e.client_x() - x));
                el.set_scroll_top(top - (e.client_y() - y));
            }
            ("pointerup" | "pointercancel", Some(_)) => {
                *drag.borrow_mut() = None;
                let _ = el.remove_attribute("data-drag");
                let _ = el.release_pointer_capture(e.pointer_id());
            }
            _ => {}
        }
    });
    let mouse = Callback::from(move |e: MouseEvent| {
        if e.button() == 0 && background(e.target()) {
            e.prevent_default();
        }
    });
    DragPan { pointer, mouse }
}
