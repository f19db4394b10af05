//! `cargo xtask schemas compact <schemas.json>... -o <out.schema>`: turns
//! `terraform providers schema -json` output into orbis-lang's compact schema format (the
//! format of the bundled set, `crates/lang/schemas/`). Run it on a release machine with
//! network after `terraform init` of a configuration requiring the providers to bundle.

use anyhow::Context;
use orbis_lang::schema::compact::WriteOptions;
use orbis_lang::ProviderSchemas;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct CompactArgs {
    /// `providers schema -json` documents; later ones win for types present in several.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Keep descriptions' first sentence up to this many characters (0 drops them).
    #[arg(long, default_value_t = 160)]
    description_chars: usize,
    /// Only these providers (local names, e.g. `aws`); all by default.
    #[arg(long = "provider")]
    providers: Vec<String>,
    /// Comment lines written at the top (provenance: tool version, provider versions).
    #[arg(long)]
    comment: Vec<String>,
}

pub fn compact(args: CompactArgs) -> anyhow::Result<()> {
    let mut all = ProviderSchemas::default();
    for p in &args.inputs {
        let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
        let s = ProviderSchemas::from_terraform_json(&bytes)
            .with_context(|| format!("parsing {}", p.display()))?;
        all.merge(s);
    }
    if !args.providers.is_empty() {
        all.providers
            .retain(|name, _| args.providers.contains(name));
    }
    let text = all.to_compact(&WriteOptions {
        description_chars: args.description_chars,
        comment: args.comment.clone(),
    });
    // The output must read back to the same schemas (descriptions aside).
    let back = ProviderSchemas::from_compact(&text).context("re-reading the output")?;
    anyhow::ensure!(
        back.resource_count() == all.resource_count()
            && back.data_source_count() == all.data_source_count(),
        "the compact output does not read back to the same types"
    );
    for p in all.providers.values() {
        eprintln!(
            "{} ({}): {} resources, {} data sources",
            p.name,
            p.source,
            p.resources.len(),
            p.data_sources.len()
        );
    }
    match &args.output {
        Some(o) => {
            std::fs::write(o, &text).with_context(|| format!("writing {}", o.display()))?;
            eprintln!("wrote {} ({} bytes)", o.display(), text.len());
        }
        None => print!("{text}"),
    }
    Ok(())
}
