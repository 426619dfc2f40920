//! libFuzzer entry of the `json` target; its properties are in `src/json.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::json::check(data);
});
