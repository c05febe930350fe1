//! Entry point: only renders the app, so tests can reach everything through the library.

fn main() {
    yew::Renderer::<kplay_web::App>::new().render();
}
