// The few ICU 72 services hantm uses, behind plain C types.
//
// This header must not include any ICU header: Foundation on Linux carries its own
// ICU, and clang rejects a module that sees both definitions of `UErrorCode`.
// Text is passed as UTF-16 code units, as ICU stores it.
#ifndef HANTM_ICU_H
#define HANTM_ICU_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A `ko` collator at primary strength with alternate=shifted. Read-only after
/// opening, so one instance may be shared by all threads.
typedef struct hantm_collator hantm_collator;

/// Opens the collator for `locale` (e.g. "ko"). On failure returns NULL and writes
/// ICU's error name into `error` (at most `error_capacity` bytes, NUL-terminated).
hantm_collator *hantm_collator_open(const char *locale, char *error, size_t error_capacity);
void hantm_collator_close(hantm_collator *collator);

/// "ICU <icu version>; collator <collator version>", the identity stored with every key.
void hantm_collator_version(const hantm_collator *collator, char *out, size_t capacity);

/// Writes the sort key of `text` into `key` and returns its length without the
/// trailing zero byte. When the result exceeds `capacity`, nothing useful is
/// written: call again with a buffer of the returned size.
int32_t hantm_collator_sort_key(const hantm_collator *collator,
                                const uint16_t *text, int32_t length,
                                uint8_t *key, int32_t capacity);

/// The primary weights of `text` in order, with variable elements (spaces,
/// punctuation, symbols) dropped as alternate=shifted drops them from the key, and
/// continuation elements joined to the weight they continue. `offsets[i]` is the
/// UTF-16 offset in `text` where the weight `primaries[i]` starts (`offsets` may be
/// NULL when they are not wanted). Returns the
/// number of weights; when it exceeds `capacity`, call again with a larger buffer.
/// Returns -1 on an ICU error.
int32_t hantm_collator_primaries(const hantm_collator *collator,
                                 const uint16_t *text, int32_t length,
                                 uint32_t *primaries, int32_t *offsets, int32_t capacity);

/// A sentence break iterator compiled once; each call to `hantm_sentence_breaks`
/// works on its own clone, so one instance may be shared by all threads.
typedef struct hantm_sentence_breaker hantm_sentence_breaker;

hantm_sentence_breaker *hantm_sentence_breaker_open(const char *locale, char *error, size_t error_capacity);
void hantm_sentence_breaker_close(hantm_sentence_breaker *breaker);

/// Writes the UTF-16 offsets of the sentence boundaries in `text`, excluding 0 and
/// including `length`. Returns their count (call again with a larger buffer when it
/// exceeds `capacity`), or -1 on an ICU error.
int32_t hantm_sentence_breaks(const hantm_sentence_breaker *breaker,
                              const uint16_t *text, int32_t length,
                              int32_t *boundaries, int32_t capacity);

/// An ICU transliterator such as "Hangul-Latin". Not thread-safe: guard it.
typedef struct hantm_transliterator hantm_transliterator;

hantm_transliterator *hantm_transliterator_open(const char *identifier, char *error, size_t error_capacity);
void hantm_transliterator_close(hantm_transliterator *transliterator);

/// Transliterates `text` (of `length` units, in a buffer of `capacity` units) in
/// place and returns the new length; when it exceeds `capacity`, call again with
/// a larger buffer holding the original text. Returns -1 on an ICU error.
int32_t hantm_transliterate(hantm_transliterator *transliterator,
                            uint16_t *text, int32_t length, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
