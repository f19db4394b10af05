//! Cost models: one file per resource type (the "one rule per file" style), each mapping
//! the resource's attributes and usage to cost components. `model_for` finds the model of a
//! type; `free::is_free` knows the types that cost nothing by themselves; every other type is
//! reported as unsupported.

pub mod aws;
pub mod azure;
pub mod ctx;
pub mod free;
pub mod gcp;

use crate::model::CostComponent;
pub use ctx::{key, Ctx, Key};

/// What a model says about one resource.
pub enum Outcome {
    Priced(Vec<CostComponent>),
    /// Costs nothing in this configuration (e.g. an SSM parameter of the standard tier).
    Free,
    /// Cannot be priced (reason shown to the user).
    Unsupported(String),
}

pub type Model = fn(&Ctx) -> Outcome;

/// One line of a provider's model table: resource type, its model, its service (chargeback).
pub type Registration = (&'static str, Model, &'static str);

/// Every provider's table, with the provider name used in coverage listings. The providers'
/// modules only declare their `MODELS`; lookups live here once.
const PROVIDERS: [(&str, &[Registration]); 3] = [
    ("aws", aws::MODELS),
    ("azure", azure::MODELS),
    ("google", gcp::MODELS),
];

fn registration(resource_type: &str) -> Option<&'static Registration> {
    PROVIDERS
        .iter()
        .flat_map(|(_, models)| models.iter())
        .find(|m| m.0 == resource_type)
}

/// The cost model of a resource type.
pub fn model_for(resource_type: &str) -> Option<Model> {
    registration(resource_type).map(|m| m.1)
}

/// Every supported type (for docs and coverage counts), per provider.
pub fn supported_types() -> Vec<(&'static str, &'static str)> {
    PROVIDERS
        .iter()
        .flat_map(|(provider, models)| models.iter().map(move |m| (*provider, m.0)))
        .collect()
}

/// Service name for chargeback grouping (`aws_instance` → `ec2`).
pub fn service_of(resource_type: &str) -> &'static str {
    registration(resource_type).map(|m| m.2).unwrap_or("other")
}

/// Default region when the configuration does not say (the clouds' console defaults).
pub fn default_region(provider: &str) -> &'static str {
    match provider {
        "azure" => "eastus",
        "google" => "us-central1",
        _ => "us-east-1",
    }
}
