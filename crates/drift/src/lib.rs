//! orbis-drift
