//! Entry point: loads the texts of the language the page starts in, then renders the app (everything else is in
//! the library, so tests reach it).

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(reason) = kplay_web::i18n::start().await {
            // The app still renders; missing texts show their keys, and the console says why.
            web_sys::console::error_1(&reason.into());
        }
        yew::Renderer::<kplay_web::App>::new().render();
    });
}
