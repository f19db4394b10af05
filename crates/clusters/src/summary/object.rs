use k8s_openapi::api::core::v1::Event;
use serde::Serialize;

/// Kinds whose table shows a name and little else (namespaces, services, ingresses,
/// ConfigMaps, Secrets, PVCs). `keys`: the data keys of ConfigMaps and Secrets — never values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectSummary {
    pub namespace: Option<String>,
    pub name: String,
    /// One short fact: a Service's type, an Ingress's hosts, a PVC's phase, a Secret's type.
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventSummary {
    pub namespace: String,
    pub name: String,
    /// `Normal` or `Warning`. Not `type`: the summary's own tag is `type` (`"type": "event"`).
    pub event_type: String,
    pub reason: Option<String>,
    pub message: Option<String>,
    /// `Kind/name` of the object the event is about.
    pub object: String,
    pub count: i32,
    pub last_seen: Option<String>,
}

pub fn summarize_event(e: &Event) -> EventSummary {
    let io = &e.involved_object;
    EventSummary {
        namespace: e.metadata.namespace.clone().unwrap_or_default(),
        name: e.metadata.name.clone().unwrap_or_default(),
        event_type: e.type_.clone().unwrap_or_else(|| "Normal".into()),
        reason: e.reason.clone(),
        message: e.message.as_deref().map(|m| m.trim().to_string()),
        object: format!(
            "{}/{}",
            io.kind.as_deref().unwrap_or(""),
            io.name.as_deref().unwrap_or("")
        ),
        count: e.count.unwrap_or(1),
        last_seen: e
            .last_timestamp
            .as_ref()
            .map(|t| t.0.to_string())
            .or_else(|| e.event_time.as_ref().map(|t| t.0.to_string())),
    }
}
