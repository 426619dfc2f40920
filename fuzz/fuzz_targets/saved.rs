//! libFuzzer entry of the `saved` target; its properties are in `src/saved.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::saved::check(data);
});
