//! libFuzzer entry of the `inflate` target; its properties are in `src/inflate.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::inflate::check(data);
});
