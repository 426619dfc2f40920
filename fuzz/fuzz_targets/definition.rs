//! libFuzzer entry of the `definition` target; its properties are in `src/definition.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::definition::check(data);
});
