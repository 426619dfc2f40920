//! Writes a definition JSON (as the generator publishes it, with `guide_urls`) in the compact
//! form a checklist page fetches, for one language's guide links, so a browser test can serve
//! the page an edited definition:
//! `cargo run -q --release -p checklist-core --example compact_definition -- <checklist.json> <lang>`.

use checklist_core::present::guide::guide_urls;
use checklist_core::Definition;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, lang] = args.as_slice() else {
        eprintln!("usage: compact_definition <checklist.json> <lang>");
        std::process::exit(2);
    };
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("`{path}`: {e}"));
    let def = Definition::from_json(&json).expect("the definition is valid json");
    print!("{}", def.to_compact(&guide_urls(&json, lang)));
}
