//! Secrets the user adds for runs (`TF_VAR_db_password`, API tokens…), kept in the OS keychain
//! through keyring: Keychain on macOS, Credential Manager on Windows, the Secret Service
//! (gnome-keyring, KeePassXC…) on Linux. Values live only there and, during a run, in the
//! child process's environment (`env_for_run` → the runner's `secret_env`, which redacts them
//! from every event). They are never written to SQLite, logs or files.
//!
//! When no keychain is available the store refuses with `cloud.no_keychain`; there is no
//! plain-text fallback.
//!
//! The list of names is kept in the keychain too, as one more item of the same service
//! (user `.index`, a JSON array of names): it works with every platform store (search
//! syntax differs between them), and keeps the secret store self-contained — nothing about
//! secrets, not even their names, goes to the app's settings.
//!
//! The keychain is opened once per process (keyring's default store): after starting or
//! installing a Secret Service, restart the app.

use crate::error::{CloudError, ErrorCode};
use secrecy::{ExposeSecret, SecretString};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;
use zeroize::Zeroizing;

/// The keychain service under which TerraOrbis keeps its items.
pub const SERVICE: &str = "terraorbis";

/// The item holding the list of names (not a valid variable name, so never a secret's).
const INDEX_USER: &str = ".index";

/// A keychain call blocked longer than this (an unlock prompt nobody answers) is given up.
const CALL_TIMEOUT: Duration = Duration::from_secs(20);

/// Serializes read-modify-write of the index within this process.
static INDEX_LOCK: Mutex<()> = Mutex::new(());

/// Run secrets in the OS keychain, by environment variable name.
#[derive(Debug, Clone)]
pub struct SecretStore {
    service: String,
}

impl SecretStore {
    /// The store of the app (`SERVICE`). Fails with `cloud.no_keychain` when the OS has no
    /// usable keychain.
    pub fn open() -> Result<Self, CloudError> {
        Self::open_service(SERVICE)
    }

    /// A store under another service name (tests, separate profiles of the app).
    pub fn open_service(service: &str) -> Result<Self, CloudError> {
        if service.is_empty() {
            return Err(CloudError::new(
                ErrorCode::SecretNameInvalid,
                "The keychain service name is empty.",
                "Use a non-empty service name.",
            ));
        }
        call(|| match keyring::Entry::store_status() {
            Ok(()) => Ok(()),
            Err(e) => Err(no_keychain(Some(e))),
        })??;
        Ok(Self {
            service: service.to_string(),
        })
    }

    /// Stores (or replaces) a secret.
    pub fn set(&self, name: &str, value: &SecretString) -> Result<(), CloudError> {
        check_name(name)?;
        let value = Zeroizing::new(value.expose_secret().to_string());
        let entry = self.entry(name)?;
        call(move || entry.set_password(&value))?.map_err(keychain_error)?;
        self.update_index(|names| {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        })
    }

    /// A secret's value; `cloud.secret_not_found` when there is none.
    pub fn get(&self, name: &str) -> Result<SecretString, CloudError> {
        check_name(name)?;
        let entry = self.entry(name)?;
        match call(move || entry.get_password().map(Zeroizing::new))? {
            Ok(value) => Ok(SecretString::from(value.as_str())),
            Err(keyring::Error::NoEntry) => Err(not_found(&[name])),
            Err(e) => Err(keychain_error(e)),
        }
    }

    /// Removes a secret; false when there was none.
    pub fn delete(&self, name: &str) -> Result<bool, CloudError> {
        check_name(name)?;
        let entry = self.entry(name)?;
        let existed = match call(move || entry.delete_credential())? {
            Ok(()) => true,
            Err(keyring::Error::NoEntry) => false,
            Err(e) => return Err(keychain_error(e)),
        };
        self.update_index(|names| names.retain(|n| n != name))?;
        Ok(existed)
    }

    /// The names of the stored secrets, sorted. Values are not read.
    pub fn list(&self) -> Result<Vec<String>, CloudError> {
        let mut names = self.read_index()?;
        names.sort();
        Ok(names)
    }

    /// The values of the named secrets, for the runner to put in the child's environment
    /// only. Every missing name is reported at once (`cloud.secret_not_found`).
    pub fn env_for_run<S: AsRef<str>>(
        &self,
        names: &[S],
    ) -> Result<Vec<(String, SecretString)>, CloudError> {
        let mut out = Vec::with_capacity(names.len());
        let mut missing = Vec::new();
        for name in names {
            let name = name.as_ref();
            match self.get(name) {
                Ok(v) => out.push((name.to_string(), v)),
                Err(e) if e.code == ErrorCode::SecretNotFound => missing.push(name),
                Err(e) => return Err(e),
            }
        }
        if !missing.is_empty() {
            return Err(not_found(&missing));
        }
        Ok(out)
    }

    fn entry(&self, user: &str) -> Result<keyring::Entry, CloudError> {
        keyring::Entry::new(&self.service, user).map_err(|e| match e {
            keyring::Error::NoDefaultStore => {
                no_keychain(keyring::Entry::store_status().as_ref().err())
            }
            other => keychain_error(other),
        })
    }

    fn read_index(&self) -> Result<Vec<String>, CloudError> {
        let entry = self.entry(INDEX_USER)?;
        match call(move || entry.get_password().map(Zeroizing::new))? {
            // The index holds names only, but it is read like any item.
            Ok(text) => Ok(serde_json::from_str::<Vec<String>>(&text)
                .unwrap_or_default()
                .into_iter()
                .filter(|n| check_name(n).is_ok())
                .collect()),
            Err(keyring::Error::NoEntry) => Ok(Vec::new()),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn update_index(&self, change: impl FnOnce(&mut Vec<String>)) -> Result<(), CloudError> {
        let _guard = INDEX_LOCK.lock().unwrap_or_else(|p| p.into_inner());
        let mut names = self.read_index()?;
        let before = names.clone();
        change(&mut names);
        if names == before {
            return Ok(());
        }
        let entry = self.entry(INDEX_USER)?;
        if names.is_empty() {
            return match call(move || entry.delete_credential())? {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(keychain_error(e)),
            };
        }
        let text = serde_json::to_string(&names).unwrap_or_else(|_| "[]".into());
        call(move || entry.set_password(&text))?.map_err(keychain_error)
    }
}

/// Hands the values to the runner (`RunRequest::secret_env`), at the last moment.
pub fn expose_for_child(env: &[(String, SecretString)]) -> Vec<(String, String)> {
    env.iter()
        .map(|(k, v)| (k.clone(), v.expose_secret().to_string()))
        .collect()
}

/// A secret's name is the environment variable it becomes.
pub fn check_name(name: &str) -> Result<(), CloudError> {
    let mut chars = name.chars();
    let valid = name.len() <= 128
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(CloudError::new(
            ErrorCode::SecretNameInvalid,
            format!("\"{}\" is not a valid environment variable name.", name.escape_debug()),
            "Use letters, digits and underscores, not starting with a digit (e.g. TF_VAR_db_password).",
        ))
    }
}

/// Runs a keychain call on its own thread, bounded: an unlock prompt nobody answers must not
/// hang the app or the CLI.
fn call<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, CloudError> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("keychain".into())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|_| {
            CloudError::new(
                ErrorCode::KeychainFailed,
                "Could not start the keychain call.",
                "Try again.",
            )
        })?;
    rx.recv_timeout(CALL_TIMEOUT).map_err(|_| {
        CloudError::new(
            ErrorCode::KeychainFailed,
            format!(
                "The OS keychain did not answer within {} s.",
                CALL_TIMEOUT.as_secs()
            ),
            "Unlock your keyring if it is waiting for a password, then try again.",
        )
    })
}

/// No Secret Service (Linux) or keychain: said in plain words with what to do; what the
/// keyring library said (a D-Bus "zbus error …") goes only into `detail`, for the log.
fn no_keychain(cause: Option<&keyring::Error>) -> CloudError {
    let (message, hint) = if cfg!(any(target_os = "macos", target_os = "windows")) {
        (
            "No OS keychain is available to keep run secrets in.",
            "Secrets are never stored in plain text, so they cannot be kept without a keychain. Check that you are signed in to your desktop session, then restart TerraOrbis. Technical details are in the log (Help → Open Log Folder).",
        )
    } else {
        (
            "No keyring (Secret Service) is running, so run secrets cannot be kept.",
            "Secrets are never stored in plain text, so they cannot be kept without one. Install and start a keyring — GNOME Keyring (gnome-keyring) or KWallet, or turn on KeePassXC's Secret Service — then restart TerraOrbis. Technical details are in the log (Help → Open Log Folder).",
        )
    };
    let err = CloudError::new(ErrorCode::NoKeychain, message, hint);
    match cause {
        Some(e) => err.with_detail(e.to_string()),
        None => err,
    }
}

fn keychain_error(e: keyring::Error) -> CloudError {
    match e {
        keyring::Error::NoDefaultStore => no_keychain(None),
        keyring::Error::NoStorageAccess(_) => CloudError::new(
            ErrorCode::KeychainLocked,
            "The OS keychain is locked, or access to it was refused.",
            "Unlock your keyring (for example by signing in to the desktop session, or in Passwords and Keys), then try again.",
        ),
        keyring::Error::TooLong(what, max) => CloudError::new(
            ErrorCode::KeychainFailed,
            format!("The {what} is too long for the OS keychain (at most {max})."),
            "Use a shorter value.",
        ),
        keyring::Error::BadEncoding(_) => CloudError::new(
            ErrorCode::KeychainFailed,
            "A stored secret is not valid text.",
            "Set the secret again.",
        ),
        keyring::Error::Ambiguous(_) => CloudError::new(
            ErrorCode::KeychainFailed,
            "The OS keychain holds several items for this secret.",
            "Remove the duplicates in your keychain manager (service \"terraorbis\"), then set the secret again.",
        ),
        other => CloudError::new(
            ErrorCode::KeychainFailed,
            "The OS keychain did not do what was asked.",
            "Check that your keyring (GNOME Keyring, KWallet) is running and unlocked, then try again. Technical details are in the log (Help → Open Log Folder).",
        )
        .with_detail(other.to_string()),
    }
}

fn not_found(names: &[&str]) -> CloudError {
    CloudError::new(
        ErrorCode::SecretNotFound,
        if names.len() == 1 {
            format!("No secret named {} is stored in the OS keychain.", names[0])
        } else {
            format!(
                "These secrets are not stored in the OS keychain: {}.",
                names.join(", ")
            )
        },
        "Add them again, or remove them from the workspace's run secrets.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_keychain_says_what_to_do_in_plain_words_and_keeps_the_dbus_error_for_the_log() {
        let cause = keyring::Error::PlatformFailure(
            "zbus error: org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files".into(),
        );
        let e = no_keychain(Some(&cause));
        assert_eq!(e.code, ErrorCode::NoKeychain);
        for text in [&e.message, &e.hint] {
            for technical in ["zbus", "DBus", "org.freedesktop", "error:"] {
                assert!(!text.contains(technical), "{technical} in {text:?}");
            }
        }
        if cfg!(target_os = "linux") {
            assert_eq!(
                e.message,
                "No keyring (Secret Service) is running, so run secrets cannot be kept."
            );
            assert!(
                e.hint.contains("GNOME Keyring (gnome-keyring) or KWallet"),
                "{e:?}"
            );
        }
        assert!(e.hint.contains("never stored in plain text"), "{e:?}");
        assert!(e.hint.contains("details are in the log"), "{e:?}");
        assert!(
            e.detail
                .as_deref()
                .is_some_and(|d| d.contains("zbus error")),
            "{e:?}"
        );
        // The same for any other platform failure.
        let e = keychain_error(keyring::Error::PlatformFailure("zbus error: boom".into()));
        assert!(
            !e.message.contains("zbus") && !e.hint.contains("zbus"),
            "{e:?}"
        );
        assert!(
            e.detail
                .as_deref()
                .is_some_and(|d| d.contains("zbus error: boom")),
            "{e:?}"
        );
    }

    #[test]
    fn names_are_environment_variable_names() {
        for ok in ["TF_VAR_db_password", "_X", "a1", "GITHUB_TOKEN"] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "1X", "A-B", ".index", "A B", "É", &"x".repeat(129)] {
            let e = check_name(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::SecretNameInvalid, "{bad}");
        }
    }

    #[test]
    fn exposing_for_the_child_keeps_pairs() {
        let env = vec![("A".to_string(), SecretString::from("v"))];
        assert_eq!(expose_for_child(&env), vec![("A".into(), "v".into())]);
        // Debug output never shows a value.
        assert!(!format!("{env:?}").contains("\"v\""));
    }
}
