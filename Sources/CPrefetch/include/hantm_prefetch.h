#ifndef HANTM_PREFETCH_H
#define HANTM_PREFETCH_H

/// Asks the CPU to bring in the cache line of `address` before it is used.
/// The index's hot loops touch units at random across megabytes (counters,
/// weights): each touch is a cache miss the loop waits for, unless it is asked
/// for a few iterations ahead. Swift has no such hint of its own.
static inline void hantm_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// The same, for a line about to be written.
static inline void hantm_prefetch_for_write(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
