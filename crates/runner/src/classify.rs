//! Recognises the errors people hit most when running with their own credentials and says
//! what to do. Matching is on the message texts of Terraform/OpenTofu and the major
//! providers; an unrecognised error simply has no class.

use crate::event::{Diagnostic, ErrorClass, Severity};

/// Fills `class` and `hint` of an error diagnostic when it is recognised.
pub fn classify(diag: &mut Diagnostic) {
    if diag.severity != Severity::Error {
        return;
    }
    let text = format!("{}\n{}", diag.summary, diag.detail);
    let Some((class, hint)) = class_of(&text, diag.range.is_some()) else {
        return;
    };
    diag.class = Some(class);
    diag.hint = Some(hint.to_string());
}

fn class_of(text: &str, has_range: bool) -> Option<(ErrorClass, &'static str)> {
    use ErrorClass::*;
    let has = |needle: &str| text.contains(needle);
    if has(crate::lock::LOCK_SUMMARY) {
        return Some((StateLocked, "Someone else is running against this state. Wait for them to finish; only if you are sure the holder is gone, run the force-unlock command shown."));
    }
    if has("SSO token") || has("SSO OIDC") || has("sso session") {
        return Some((
            AwsSsoTokenExpired,
            "Your AWS SSO session expired: run `aws sso login --profile <profile>` and retry.",
        ));
    }
    if has("No valid credential sources found") || has("no EC2 IMDS role found") {
        return Some((AwsNoCredentials, "No AWS credentials found: set AWS_PROFILE to a configured profile (or run `aws configure` / `aws sso login`) and retry."));
    }
    if has("az login") {
        return Some((
            AzureCliLoginRequired,
            "Run `az login` (and `az account set --subscription <id>`) and retry.",
        ));
    }
    if has("application-default login") || has("could not find default credentials") {
        return Some((
            GcpAdcMissing,
            "Run `gcloud auth application-default login` and retry.",
        ));
    }
    if has("Inconsistent dependency lock file")
        || has("Required plugins are not installed")
        || has("Module not installed")
        || has("Backend initialization required")
    {
        return Some((
            InitRequired,
            "Run init for this workspace (and environment), then retry.",
        ));
    }
    if has("No value for required variable") {
        return Some((MissingVariable, "Set the variable in the environment's var file, or as TF_VAR_<name> in the workspace's environment."));
    }
    if has("execution halted") || has("operation canceled") || has("context canceled") {
        return Some((
            Interrupted,
            "The run was interrupted; review the state before running again.",
        ));
    }
    let syntax = has("Invalid expression")
        || has("Unsupported block type")
        || has("Unsupported argument")
        || has("Argument or block definition required")
        || has("Invalid block definition")
        || has("Unclosed configuration block")
        || has("Missing newline after argument");
    if syntax && has_range {
        return Some((
            ConfigSyntax,
            "Fix the configuration at the marked location.",
        ));
    }
    None
}
