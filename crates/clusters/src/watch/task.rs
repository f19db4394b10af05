//! One kind's watcher loop: kube-rs watcher (list + watch, re-list after 410) with managed
//! fields stripped, into a reflector store, with exponential backoff between failed attempts;
//! each event becomes deltas against the summaries the UI already has.

use super::backoff::Doubling;
use super::{Delta, Kind, KindStatus, WatchOptions};
use crate::connect::Connection;
use crate::error::ErrorCode;
use crate::summary::Summary;
use futures::StreamExt;
use kube::runtime::watcher::{self, watcher, Event};
use kube::runtime::{reflector, WatchStreamExt};
use kube::{Api, Resource, ResourceExt};
use serde::de::DeserializeOwned;
use std::any::Any;
use std::collections::HashMap;
use std::fmt::Debug;
use std::hash::Hash;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

pub(super) fn spawn_kind<K>(
    kind: Kind,
    api: Api<K>,
    conn: &Connection,
    options: &WatchOptions,
    tx: UnboundedSender<Vec<Delta>>,
    summarize: fn(&K) -> Summary,
    strip: fn(&mut K),
) -> (JoinHandle<()>, Arc<dyn Any + Send + Sync>)
where
    K: Resource + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
    K::DynamicType: Default + Eq + Hash + Clone + Send + Sync,
{
    let (reader, writer) = reflector::store::<K>();
    let backoff = Doubling::new(options.backoff_min, options.backoff_max);
    let stream = reflector(
        writer,
        watcher(api, watcher::Config::default()).modify(strip),
    )
    .backoff(backoff);
    let conn = conn.clone();
    let handle = tokio::spawn(async move {
        let mut sink = KindSink {
            kind,
            tx,
            known: HashMap::new(),
            init: None,
            status: None,
        };
        sink.status(KindStatus::Loading);
        let mut stream = std::pin::pin!(stream);
        while let Some(item) = stream.next().await {
            let keep_going = match item {
                Ok(event) => sink.event(event, summarize),
                Err(e) => sink.error(&conn, &e),
            };
            if !keep_going {
                break;
            }
        }
    });
    (handle, Arc::new(reader))
}

struct KindSink {
    kind: Kind,
    tx: UnboundedSender<Vec<Delta>>,
    /// What the UI has: key → summary.
    known: HashMap<String, Summary>,
    /// The list in progress (between `Init` and `InitDone`).
    init: Option<HashMap<String, Summary>>,
    status: Option<KindStatus>,
}

fn key_of<K: ResourceExt>(o: &K) -> String {
    match o.namespace() {
        Some(ns) => format!("{ns}/{}", o.name_any()),
        None => o.name_any(),
    }
}

impl KindSink {
    /// Returns false when the UI side is gone (the receiver was dropped).
    fn send(&self, batch: Vec<Delta>) -> bool {
        batch.is_empty() || self.tx.send(batch).is_ok()
    }

    fn status(&mut self, status: KindStatus) -> bool {
        if self.status.as_ref() == Some(&status) {
            return true;
        }
        self.status = Some(status.clone());
        self.send(vec![Delta::Status {
            kind: self.kind,
            status,
        }])
    }

    fn event<K: ResourceExt>(&mut self, event: Event<K>, summarize: fn(&K) -> Summary) -> bool {
        let kind = self.kind;
        match event {
            Event::Init => {
                self.init = Some(HashMap::new());
                true
            }
            Event::InitApply(o) => {
                self.init
                    .get_or_insert_with(HashMap::new)
                    .insert(key_of(&o), summarize(&o));
                true
            }
            Event::InitDone => {
                let fresh = self.init.take().unwrap_or_default();
                let mut batch: Vec<Delta> = Vec::new();
                let mut gone: Vec<&String> = self
                    .known
                    .keys()
                    .filter(|k| !fresh.contains_key(*k))
                    .collect();
                gone.sort();
                batch.extend(gone.into_iter().map(|key| Delta::Deleted {
                    kind,
                    key: key.clone(),
                }));
                let mut changed: Vec<(&String, &Summary, bool)> = fresh
                    .iter()
                    .filter_map(|(k, s)| match self.known.get(k) {
                        None => Some((k, s, true)),
                        Some(old) if old != s => Some((k, s, false)),
                        Some(_) => None,
                    })
                    .collect();
                // Warnings first, then by key: stable and readable for the UI and tests.
                changed.sort_by(|a, b| (!a.1.is_warning(), a.0).cmp(&(!b.1.is_warning(), b.0)));
                batch.extend(changed.into_iter().map(|(key, summary, added)| {
                    let (key, summary) = (key.clone(), summary.clone());
                    if added {
                        Delta::Added { kind, key, summary }
                    } else {
                        Delta::Modified { kind, key, summary }
                    }
                }));
                let count = fresh.len();
                self.known = fresh;
                self.status = Some(KindStatus::Ready { count });
                batch.push(Delta::Status {
                    kind,
                    status: KindStatus::Ready { count },
                });
                self.send(batch)
            }
            Event::Apply(o) => {
                let key = key_of(&o);
                let summary = summarize(&o);
                let delta = match self.known.get(&key) {
                    Some(old) if *old == summary => None,
                    Some(_) => Some(Delta::Modified {
                        kind,
                        key: key.clone(),
                        summary: summary.clone(),
                    }),
                    None => Some(Delta::Added {
                        kind,
                        key: key.clone(),
                        summary: summary.clone(),
                    }),
                };
                self.known.insert(key, summary);
                let count = self.known.len();
                // A watch event after an error means the watch is back.
                if !self.status(KindStatus::Ready { count }) {
                    return false;
                }
                self.send(delta.into_iter().collect())
            }
            Event::Delete(o) => {
                let key = key_of(&o);
                if self.known.remove(&key).is_some() {
                    let count = self.known.len();
                    self.status = Some(KindStatus::Ready { count });
                    return self.send(vec![Delta::Deleted { kind, key }]);
                }
                true
            }
        }
    }

    fn error(&mut self, conn: &Connection, e: &watcher::Error) -> bool {
        let api_error = match e {
            watcher::Error::InitialListFailed(e)
            | watcher::Error::WatchStartFailed(e)
            | watcher::Error::WatchFailed(e) => Some(conn.error(e)),
            watcher::Error::WatchError(status) => {
                Some(conn.error(&kube::Error::Api(status.clone())))
            }
            watcher::Error::NoResourceVersion => None,
        };
        let not_found = matches!(e,
            watcher::Error::InitialListFailed(kube::Error::Api(s)) if s.code == 404);
        let status = match api_error {
            Some(_) if not_found => KindStatus::NotServed {
                message: format!(
                    "The cluster does not serve {}s (404).",
                    self.kind.as_str().replace('_', " ")
                ),
            },
            Some(err) if err.code == ErrorCode::Forbidden => KindStatus::NoAccess {
                message: err.message,
            },
            Some(err)
                if matches!(
                    err.code,
                    ErrorCode::Unauthorized
                        | ErrorCode::ExecPluginMissing
                        | ErrorCode::ExecPluginFailed
                        | ErrorCode::CredentialsInvalid
                ) =>
            {
                KindStatus::Failed {
                    message: err.message,
                    hint: err.hint,
                }
            }
            Some(err) => KindStatus::Recovering {
                message: err.message,
            },
            None => KindStatus::Recovering {
                message: "The server sent no resourceVersion; listing again.".into(),
            },
        };
        self.status(status)
    }
}
