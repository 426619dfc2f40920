//! libFuzzer entry of the `share_link` target; its properties are in `src/share_link.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::share_link::check(data);
});
