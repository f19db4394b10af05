//! Stack growth for the recursive walks (conversion, evaluation, visiting). Depth is bounded
//! everywhere, but a bounded depth times debug-build frame sizes can still exceed a small
//! thread stack (editor workers, test threads); `stacker` moves to a fresh heap-allocated
//! segment when little stack is left, so the bound, not the thread, decides.

/// Remaining stack below which a new segment is allocated.
const RED_ZONE: usize = 128 * 1024;
/// Size of each new segment.
const SEGMENT: usize = 2 * 1024 * 1024;

#[inline]
pub(crate) fn guard<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}
