//! libFuzzer entry of the `page` target; its properties are in `src/page.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::page::check(data);
});
