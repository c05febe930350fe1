//! A chart as PNG (issue 13): the same standalone SVG as the SVG export (over its background rectangle), with the
//! PNG's size as its own ([`super::standalone_svg`] with `png`), loaded as an image from a Blob URL (the page's
//! policy allows `img-src blob:`), drawn onto a canvas and read back as a PNG data URL ([`render`]), which
//! [`super::save`] downloads.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// The PNG's size in pixels: the standalone SVG's view box (360 × 134, the chart and its title band) at twice
/// its size, so the text stays sharp on high-density screens.
pub const SIZE: (u32, u32) = (720, 268);

/// The PNG of `svg` (a standalone chart sized for the PNG) as a `data:image/png;base64,…` URL, or `None` when
/// the browser refuses: the image does not load or decode (a policy refusing `blob:` images), there is no 2D
/// canvas, or the canvas cannot be read back.
pub async fn render(svg: &str) -> Option<String> {
    let url = super::blob_url("image/svg+xml", svg)?;
    let document = web_sys::window()?.document()?;
    // Created here with these tag names: the casts cannot fail (and cost no `instanceof` check).
    let img: HtmlImageElement = document.create_element("img").ok()?.unchecked_into();
    img.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.ok()?;
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(SIZE.0);
    canvas.set_height(SIZE.1);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    // At the image's natural size: the SVG's width and height, SIZE.
    // It throws only for an image that did not load, and this one decoded.
    let _ = context.draw_image_with_html_image_element(&img, 0.0, 0.0);
    // With no type, the canvas gives PNG.
    canvas.to_data_url().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PNG's source is the SVG export's file with only the size added: the same chart, title band and
    /// background, at twice the view box.
    #[test]
    fn the_png_source_is_the_svg_file_at_twice_its_view_box() {
        let chart = "<svg viewBox=\"0 0 360 120\" role=\"img\"><polyline class=\"series g0\"></polyline></svg>";
        let svg = super::super::standalone_svg(chart, "--surface:#222;", "Lag", false);
        let png = super::super::standalone_svg(chart, "--surface:#222;", "Lag", true);
        assert!(png.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"268\" viewBox=\"0 -14 360 134\""
        ));
        assert_eq!(png.replacen(" width=\"720\" height=\"268\"", "", 1), svg);
        assert!(svg.contains("--surface:#222;") && svg.contains(".bg{fill:var(--surface,#fff)}"));
        assert!(svg.contains("<rect class=\"bg\" y=\"-14\" width=\"360\" height=\"134\"/>"));
        assert_eq!(SIZE, (2 * 360, 2 * 134));
    }
}
