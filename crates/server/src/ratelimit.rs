//! Per-token rate limit: a token bucket refilled at `per_minute / 60` requests per second with
//! a burst of `per_minute / 4` (at least 1). Buckets live in this instance's memory: behind a
//! load balancer of N instances a token gets at most N times the limit, which is the usual
//! trade for not putting a database write on every request.

use crate::error::ApiError;
use axum::http::StatusCode;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_second: per_minute as f64 / 60.0,
            burst: (per_minute as f64 / 4.0).max(1.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    pub fn check(&self, token_id: &str) -> Result<(), ApiError> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() > 100_000 {
            // Bound memory: forget buckets that are full again anyway.
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, (level, at)| *level + at.elapsed().as_secs_f64() * rate < burst);
        }
        let (level, at) = buckets
            .entry(token_id.to_string())
            .or_insert((self.burst, now));
        *level = (*level + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *level >= 1.0 {
            *level -= 1.0;
            return Ok(());
        }
        let wait = ((1.0 - *level) / self.per_second).ceil().max(1.0) as u64;
        let mut err = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many requests with this token",
            format!("retry in {wait} s; batch records into fewer pushes"),
        );
        err.retry_after = Some(wait);
        Err(err)
    }
}
