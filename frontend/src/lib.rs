//! The browser entry point: hydrates the server-rendered page, once the code
//! of a page split out of the main WebAssembly has loaded.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // What `leptos::mount::hydrate_lazy` does, then the mark that tests and
    // the bench wait for: set only once the page's own view has hydrated,
    // which for a split-out page is after its code has loaded.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
