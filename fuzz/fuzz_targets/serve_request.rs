//! libFuzzer entry of the `serve_request` target; its properties are in `src/serve_request.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::serve_request::check(data);
});
