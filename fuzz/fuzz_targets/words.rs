//! libFuzzer entry of the `words` target; its properties are in `src/words.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::words::check(data);
});
