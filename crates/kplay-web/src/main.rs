//! Entry point: loads the texts of the language the page starts in, then renders the app (everything else is in
//! the library, so tests reach it).

fn main() {
    // An embed's `lesson` option goes to the lesson router before it reads the hash.
    kplay_web::embed::route_lesson();
    // The page (not the component tests, which mount the app themselves) keeps the session in localStorage.
    kplay_web::autosave::enable();
    wasm_bindgen_futures::spawn_local(async {
        if let Err(reason) = kplay_web::i18n::start().await {
            // The app still renders; missing texts show their keys, and the console says why.
            let english = kplay_web::i18n::I18n::english();
            web_sys::console::error_1(&reason.text(&english).into());
        }
        yew::Renderer::<kplay_web::App>::new().render();
    });
}
