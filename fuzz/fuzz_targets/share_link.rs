//! What the web app does with its address: `?query` and `#fragment` parsed, a `#s=` link base64url-decoded,
//! its JSON read and validated, and the result resolved to a scenario (or the default with the reasons). The
//! input's first line is the query, the rest the fragment.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (query, hash) = text.split_once('\n').unwrap_or(("", text));
    let request = kplay_web::share::parse_location(query, hash);
    if let Some((s, _problems)) = kplay_web::share::resolve(request) {
        // Whatever opens must be a world the engine accepts.
        if let Err(e) = kplay_core::World::new(&s, s.seed) {
            panic!("a link resolved to an invalid scenario: {e:?}");
        }
    }
});
