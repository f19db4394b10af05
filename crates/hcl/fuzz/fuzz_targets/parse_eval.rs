//! Any bytes: parse as HCL, build the model, evaluate every attribute, load the file as a
//! module (resources, count/for_each, locals), index symbols, and parse as YAML. Nothing
//! may panic, overflow the stack or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orbis_hcl::{eval_static, parse_bytes, Module, ModuleOptions, SymbolIndex};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = parse_bytes(data, "/nonexistent/fuzz/main.tf");
    for a in &file.body.attributes {
        let _ = eval_static(&a.expr);
        let _ = a.expr.references();
    }
    let module = Module::from_files(
        Path::new("/nonexistent/fuzz"),
        vec![file],
        &ModuleOptions::default(),
    );
    for r in module.all_resources() {
        for inst in r.instances().iter().take(4) {
            let _ = inst.config_value();
        }
    }
    let _ = module.outputs();
    let _ = SymbolIndex::build(&module);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = orbis_hcl::yaml::parse_yaml(text, "fuzz.yaml");
    }
});
