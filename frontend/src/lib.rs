//! The browser entry point: hydrates the server-rendered page, once the code
//! of a page split out of the main WebAssembly has loaded.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
