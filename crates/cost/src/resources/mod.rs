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

/// The cost model of a resource type.
pub fn model_for(resource_type: &str) -> Option<Model> {
    aws::model_for(resource_type)
        .or_else(|| azure::model_for(resource_type))
        .or_else(|| gcp::model_for(resource_type))
}

/// Every supported type (for docs and coverage counts), per provider.
pub fn supported_types() -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&str, &str)> = aws::TYPES.iter().map(|t| ("aws", *t)).collect();
    v.extend(azure::TYPES.iter().map(|t| ("azure", *t)));
    v.extend(gcp::TYPES.iter().map(|t| ("google", *t)));
    v
}

/// Service name for chargeback grouping (`aws_instance` → `ec2`).
pub fn service_of(resource_type: &str) -> &'static str {
    aws::service_of(resource_type)
        .or_else(|| azure::service_of(resource_type))
        .or_else(|| gcp::service_of(resource_type))
        .unwrap_or("other")
}

/// Default region when the configuration does not say (the clouds' console defaults).
pub fn default_region(provider: &str) -> &'static str {
    match provider {
        "azure" => "eastus",
        "google" => "us-central1",
        _ => "us-east-1",
    }
}
