//! libFuzzer entry of the `import` target; its properties are in `src/import.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::import::check(data);
});
