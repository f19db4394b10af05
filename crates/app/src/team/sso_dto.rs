//! What the Team Server panel's "Sign in with SSO" sends and reads (compiled without the
//! `team` feature too, for the TypeScript bindings).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether a team server offers single sign-on (asked when its address is typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamSsoInfo {
    /// The server names an OpenID Connect provider.
    pub available: bool,
    /// The provider's issuer URL, to show whom the browser will ask.
    pub issuer: Option<String>,
}

/// Sign in through the server's OpenID Connect provider in the system browser
/// (authorization code + PKCE, redirect to a loopback port of this app).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamSsoRequest {
    /// `http(s)://host:port` of the `orbis-server`.
    pub server_url: String,
    /// The organization; may be empty when the identity has accounts in one only.
    pub org: Option<String>,
    /// The server workspace to sync with (name or id); the first one the account may see
    /// when empty.
    pub workspace: Option<String>,
}
