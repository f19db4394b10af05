use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use serde::{de::DeserializeOwned, Serialize};

impl Store {
    /// Reads a setting stored as JSON; `None` when never set.
    pub fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let raw: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()?;
        raw.map(|text| {
            serde_json::from_str(&text).map_err(|source| StoreError::BadSetting {
                key: key.to_string(),
                source,
            })
        })
        .transpose()
    }

    /// Stores a setting as JSON, replacing any previous value.
    pub fn set_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let text = serde_json::to_string(value).map_err(|source| StoreError::BadSetting {
            key: key.to_string(),
            source,
        })?;
        self.conn().execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, text],
        )?;
        Ok(())
    }

    /// Removes a setting; false when there was none.
    pub fn remove_setting(&self, key: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .execute("DELETE FROM settings WHERE key = ?1", params![key])?
            > 0)
    }
}
