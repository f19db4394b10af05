//! The approval gate (engine part). An apply only ever runs a saved plan, and only the exact
//! plan a person approved: the caller passes the sha256 it showed for approval, and we hash
//! the file again right before running. Production environments also need their name typed.

use crate::error::RunError;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// Lowercase hex sha256 of a file (plan files can be large: streamed, not read whole).
pub fn sha256_file(path: &Path) -> Result<String, RunError> {
    let io = |source| RunError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Refuses unless the plan file's current hash is the approved one.
pub fn check_approved_plan(plan: &Path, approved_sha256: &str) -> Result<String, RunError> {
    let actual = sha256_file(plan)?;
    let wanted = approved_sha256.trim().to_ascii_lowercase();
    if wanted.is_empty() || actual != wanted {
        return Err(RunError::NotApproved {
            plan: plan.to_path_buf(),
            actual,
            approved: wanted,
        });
    }
    Ok(actual)
}

/// For production environments the person must type the environment's name exactly
/// (surrounding spaces forgiven, case not: "prod" is not "Prod"). Non-production: always ok.
pub fn confirm_environment(name: &str, production: bool, typed: &str) -> Result<(), RunError> {
    if !production || typed.trim() == name {
        return Ok(());
    }
    Err(RunError::ConfirmationMismatch {
        environment: name.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_needs_the_exact_name() {
        assert!(confirm_environment("prod", true, " prod ").is_ok());
        assert!(confirm_environment("prod", true, "Prod").is_err());
        assert!(confirm_environment("prod", true, "").is_err());
        assert!(confirm_environment("dev", false, "").is_ok());
    }

    #[test]
    fn only_the_approved_hash_passes() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("tfplan");
        std::fs::write(&plan, b"abc").unwrap();
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(sha256_file(&plan).unwrap(), abc);
        assert!(check_approved_plan(&plan, &abc.to_uppercase()).is_ok());
        let err = check_approved_plan(&plan, "00").unwrap_err();
        assert!(err.hint().contains("plan"), "{}", err.hint());
        assert!(check_approved_plan(&plan, "").is_err());
        std::fs::write(&plan, b"abd").unwrap();
        assert!(
            check_approved_plan(&plan, abc).is_err(),
            "a changed plan is refused"
        );
    }
}
