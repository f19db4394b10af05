//! Errors that reach a person: a stable code (for tests, docs and the UI to branch on), a
//! message that says what happened, and a hint that says what to do next
//! (Architecture Invariant: every user-facing error carries code, message and hint).

use serde::Serialize;
use ts_rs::TS;

/// Stable error codes. Renaming one is a breaking change for the UI and for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The folder to open does not exist or is not a folder.
    WorkspaceNotFound,
    /// No workspace is open yet.
    NoWorkspace,
    /// A path tried to leave the opened workspace (`..`, absolute paths, symlinks out).
    OutsideWorkspace,
    /// A file or folder inside the workspace could not be found.
    NotFound,
    /// The operating system refused a read or write.
    Io,
    /// The file is too large to open in the editor.
    TooLarge,
    /// The local database could not be used.
    Store,
    /// The request itself was malformed (a bug in the caller).
    InvalidRequest,
    /// A file opened in Plan Review is not a readable plan (truncated, invalid JSON, binary
    /// plan file…); the message carries the engine's code and position.
    PlanInvalid,
    /// A Plan Review operation was asked for while no plan is open.
    NoPlan,
    /// A file opened in the State Explorer is not a readable state (truncated, a plan,
    /// encrypted without a passphrase…); the message carries the engine's code.
    StateInvalid,
    /// A State Explorer operation was asked for while no state is open.
    NoState,
    /// An edit was based on another version of the document than the one held in Rust (the
    /// UI then sends the whole text with `set_document_text`).
    DocumentOutOfSync,
    /// An editor operation named a document that is not open.
    DocumentNotOpen,
    /// A rename's new name is not valid or clashes with an existing symbol.
    RenameInvalid,
    /// No symbol at the position (definition, references, rename).
    NoSymbol,
    /// The file has syntax errors, so it cannot be formatted.
    FormatSyntaxError,
    /// A search's regular expression is invalid.
    SearchInvalid,
    /// No terraform/tofu binary could be started for a run.
    RunnerMissing,
    /// An apply of a plan that was not confirmed in Plan Review (or changed since).
    RunNotApproved,
    /// A production apply without the environment's name typed exactly.
    RunConfirmation,
    /// A run could not be started or its plan not read (the message says why).
    RunFailed,
    /// A run is still going (of this or another workspace): one terraform at a time.
    RunBusy,
    /// The module catalog folder (`modules/`) is missing or a module in it cannot be read.
    CatalogMissing,
    /// A module id that is not in the catalog.
    CatalogModuleUnknown,
    /// A New Project request has a bad field (the message names it and what is allowed).
    NewProjectInvalid,
    /// The New Project folder is not empty and overwriting was not confirmed.
    NewProjectNotEmpty,
    /// Create was asked for before a folder was chosen.
    NewProjectNoFolder,
    /// Inventory & Drift inputs are unreadable (state, snapshot, `.driftignore`); the message
    /// carries the drift engine's code.
    DriftInvalid,
    /// A drift remediation view was asked for before any scan.
    NoDriftScan,
    /// A live cloud scan could not run (expired sign-in, unknown profile, unreachable
    /// endpoint); the hint is the fix command.
    CloudScanFailed,
    /// A live cloud scan was asked of a build without the `cloud` feature.
    CloudNotBuilt,
    /// A cost estimate, chart or usage file could not be made or read (the message says why).
    CostFailed,
    /// This build has no Kubernetes support (built without the `clusters` feature).
    ClustersUnavailable,
    /// Finding managed clusters in a cloud account, or adding one's context to a kubeconfig,
    /// failed (the message says which cluster or file, the hint what to do).
    ClusterDiscovery,
    /// Connecting to a kubeconfig context failed (the message and hint come from the engine).
    ClusterConnect,
    /// A cluster operation was asked for while no cluster is connected.
    NoCluster,
    /// This build has no cloud support (orbis-app without its `cloud` feature).
    CloudUnavailable,
    /// No usable OS keychain (none, locked, or not answering): run secrets are refused,
    /// never kept in plain text.
    KeychainUnavailable,
    /// A run secret's name is not an environment variable name, or its value is empty.
    SecretInvalid,
    /// A live credential check could not be made (the message says why).
    CredentialCheckFailed,
    /// The workspace has no remote backend this build can read (local state, incomplete
    /// settings, or a backend type not supported yet); the message says which.
    NoRemoteBackend,
    /// A remote state could not be read (credentials, permissions, missing object, network);
    /// the message carries orbis-cloud's code and the hint its fix command.
    RemoteStateFailed,
    /// This build cannot connect to a team server (orbis-app without its `team` feature).
    TeamUnavailable,
    /// A team operation was asked for while not connected to a team server.
    TeamNotConnected,
    /// The team server cannot be reached, or is failing (records wait in the outbox).
    TeamUnreachable,
    /// The sign-in was refused, or the session expired or was revoked: sign in again.
    TeamSignInNeeded,
    /// The team server refused a request (role, workspace; the message says why).
    TeamRefused,
    /// A Team server field is not valid (address, empty account, empty comment).
    TeamInvalid,
    /// Single sign-on through the browser did not finish: declined at the provider, timed
    /// out, a redirect that does not belong to this sign-in, or the code exchange refused.
    TeamSsoFailed,
    /// The person cancelled the single sign-on in TerraOrbis.
    TeamSsoCancelled,
    /// A cluster action does not apply, or would change nothing (scale to the current count,
    /// cordon a cordoned node).
    ClusterActionInvalid,
    /// A cluster action without a confirmation from its preview, or whose object changed
    /// since the preview: nothing was sent to the cluster.
    ClusterActionNotConfirmed,
    /// The cluster refused or failed a confirmed action (403, 404, 409…; the message says
    /// which, the hint what to do).
    ClusterActionFailed,
    /// An operation failed unexpectedly (a bug in TerraOrbis; details are in the log).
    Internal,
}

/// The error value every operation returns to a front end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub hint: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// For an operation that failed unexpectedly (a panic caught by the front end).
    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "The operation failed unexpectedly",
            "This is a bug in TerraOrbis; please report it with Help → Open Log Folder.",
        )
    }

    pub(crate) fn io(what: &str, path: &std::path::Path, err: &std::io::Error) -> Self {
        let (code, hint) = match err.kind() {
            std::io::ErrorKind::NotFound => (
                ErrorCode::NotFound,
                "It may have been moved or deleted; refresh the file tree.",
            ),
            std::io::ErrorKind::PermissionDenied => {
                (ErrorCode::Io, "Check the file's permissions.")
            }
            _ => (
                ErrorCode::Io,
                "Check that the disk is available and try again.",
            ),
        };
        Self::new(
            code,
            format!("Cannot {what} {}: {err}", path.display()),
            hint,
        )
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.hint)
    }
}

impl std::error::Error for AppError {}

impl From<orbis_store::StoreError> for AppError {
    fn from(err: orbis_store::StoreError) -> Self {
        AppError::new(ErrorCode::Store, err.to_string(), err.hint())
    }
}
