//! libFuzzer entry of the `site_config` target; its properties are in `src/site_config.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz::site_config::check(data);
});
