//! A bounded random-input robustness test that runs on stable in every `cargo test`: real
//! snippets are mutated (byte flips, deletions, duplications, insertions of HCL's trickiest
//! tokens) with a fixed-seed generator, and each result goes through the whole pipeline the
//! fuzz target exercises (parse, evaluate, module, symbols, YAML). Nothing may panic or hang.

use orbis_hcl::{eval_static, parse_bytes, Module, ModuleOptions, SymbolIndex};
use std::path::Path;
use std::time::{Duration, Instant};

const SEEDS: &[&str] = &[
    "resource \"aws_s3_bucket\" \"b\" {\n  count  = 2\n  bucket = \"x-${count.index}\"\n  tags   = merge(var.tags, { Name = \"n\" })\n}\n",
    "locals {\n  m = { for k, v in var.x : k => v if v != null }\n  l = [for s in local.m : upper(s)]\n  t = <<-EOT\n    a ${local.l[0]}\n    %{ for x in local.l ~}${x}%{ endfor }\n  EOT\n}\n",
    "variable \"v\" {\n  default = [1, 2, 3]\n}\noutput \"o\" {\n  value = var.v[*] == [1] ? try(var.v[9], 0) : cidrsubnet(\"10.0.0.0/16\", 8, 2)\n}\n",
    "module \"m\" {\n  source   = \"./x\"\n  for_each = toset([\"a\", \"b\"])\n  name     = each.key\n}\ndata \"d\" \"e\" {}\nresource \"r\" \"s\" {\n  dynamic \"ingress\" {\n    for_each = [1, 2]\n    content { port = ingress.value }\n  }\n}\n",
];

const TOKENS: &[&[u8]] = &[
    b"${",
    b"%{",
    b"}",
    b"{",
    b"[",
    b"]",
    b"(",
    b")",
    b"\"",
    b"<<EOT\n",
    b"<<-EOT\n",
    b"\nEOT\n",
    b"~",
    b"...",
    b"[*]",
    b".*",
    b"=>",
    b"?",
    b":",
    b"for x in ",
    b"if ",
    b"endfor",
    b"#",
    b"//",
    b"/*",
    b"*/",
    b"\\",
    b"\n",
    b"-",
    b"!",
    b"\xff",
    b"count.index",
    b"each.value",
    b"local.m",
    b"var.v",
    b"range(99999999)",
    b"0x",
    b"1e999",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let end = (at + rng.below(16)).min(v.len());
                v.drain(at.min(end)..end);
            }
            2 => {
                let tok = TOKENS[rng.below(TOKENS.len())];
                let bound = if rng.below(10) == 0 { 2000 } else { 3 };
                let times = 1 + rng.below(bound);
                for _ in 0..times {
                    v.splice(at..at, tok.iter().copied());
                }
            }
            3 if !v.is_empty() => {
                let end = (at + rng.below(64)).min(v.len());
                let chunk: Vec<u8> = v[at.min(end)..end].to_vec();
                v.splice(at..at, chunk);
            }
            _ => v.truncate(at),
        }
    }
    v
}

fn pipeline(data: &[u8]) {
    let file = parse_bytes(data, "/nonexistent/fuzz/main.tf");
    for a in &file.body.attributes {
        let _ = eval_static(&a.expr);
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
}

#[test]
fn mutated_inputs_never_panic_or_hang() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let started = Instant::now();
    let mut runs = 0;
    let mut slowest = Duration::ZERO;
    while runs < 3000 && started.elapsed() < Duration::from_secs(60) {
        let seed = SEEDS[rng.below(SEEDS.len())].as_bytes();
        let input = mutate(&mut rng, seed);
        let t = Instant::now();
        pipeline(&input);
        slowest = slowest.max(t.elapsed());
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "input took {:?}: {:?}",
            t.elapsed(),
            String::from_utf8_lossy(&input)
        );
        runs += 1;
    }
    println!(
        "random inputs: {runs} runs in {:?}, slowest {slowest:?}",
        started.elapsed()
    );
    assert!(runs >= 200, "only {runs} runs completed");
}
