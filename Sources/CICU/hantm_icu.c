#include "hantm_icu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/ucoleitr.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

struct hantm_collator {
    UCollator *collator;
    uint32_t variable_top;
};

struct hantm_sentence_breaker {
    UBreakIterator *prototype;
};

struct hantm_transliterator {
    UTransliterator *transliterator;
};

static void write_error(UErrorCode status, char *error, size_t capacity) {
    if (error != NULL && capacity > 0) {
        snprintf(error, capacity, "%s", u_errorName(status));
    }
}

hantm_collator *hantm_collator_open(const char *locale, char *error, size_t error_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &status);
    if (U_SUCCESS(status)) ucol_setStrength(collator, UCOL_PRIMARY);
    if (U_SUCCESS(status)) ucol_setAttribute(collator, UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &status);
    if (U_SUCCESS(status)) ucol_setAttribute(collator, UCOL_NORMALIZATION_MODE, UCOL_ON, &status);
    uint32_t variable_top = U_SUCCESS(status) ? ucol_getVariableTop(collator, &status) : 0;
    if (U_FAILURE(status)) {
        write_error(status, error, error_capacity);
        if (collator != NULL) ucol_close(collator);
        return NULL;
    }
    hantm_collator *result = malloc(sizeof *result);
    result->collator = collator;
    result->variable_top = variable_top;
    return result;
}

void hantm_collator_close(hantm_collator *collator) {
    if (collator == NULL) return;
    ucol_close(collator->collator);
    free(collator);
}

void hantm_collator_version(const hantm_collator *collator, char *out, size_t capacity) {
    UVersionInfo icu, coll;
    char icu_text[U_MAX_VERSION_STRING_LENGTH], coll_text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    ucol_getVersion(collator->collator, coll);
    u_versionToString(icu, icu_text);
    u_versionToString(coll, coll_text);
    snprintf(out, capacity, "ICU %s; collator %s", icu_text, coll_text);
}

int32_t hantm_collator_sort_key(const hantm_collator *collator,
                                const uint16_t *text, int32_t length,
                                uint8_t *key, int32_t capacity) {
    int32_t needed = ucol_getSortKey(collator->collator, (const UChar *)text, length, key, capacity);
    return needed > 0 ? needed - 1 : 0;
}

int32_t hantm_collator_primaries(const hantm_collator *collator,
                                 const uint16_t *text, int32_t length,
                                 uint32_t *primaries, int32_t *offsets, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UCollationElements *elements = ucol_openElements(collator->collator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    // A 32-bit primary arrives as a 16-bit element plus an optional continuation
    // element holding its low half, so each weight is held until the next element
    // shows whether it continues.
    // ICU moves its offset past a character with the first element of its
    // expansion (a Hangul syllable expands to its jamo), so an element read
    // without the offset moving belongs to the character of the element before.
    int32_t count = 0;
    uint32_t pending = 0;
    int32_t pending_offset = 0;
    int32_t character_start = 0;
    for (;;) {
        int32_t before = offsets != NULL ? ucol_getOffset(elements) : 0;
        int32_t element = ucol_next(elements, &status);
        if (U_FAILURE(status)) { count = -1; break; }
        if (offsets != NULL && ucol_getOffset(elements) != before) character_start = before;
        int32_t offset = character_start;
        uint32_t ce = (uint32_t)element;
        if (element != UCOL_NULLORDER && (ce & 0xC0) == 0xC0) {
            pending |= ce >> 16;
            continue;
        }
        // Weights at or below the variable top are what alternate=shifted ignores.
        if (pending > collator->variable_top) {
            if (count < capacity) {
                primaries[count] = pending;
                if (offsets != NULL) offsets[count] = pending_offset;
            }
            count++;
        }
        if (element == UCOL_NULLORDER) break;
        pending = ce & 0xFFFF0000u;
        pending_offset = offset;
    }
    ucol_closeElements(elements);
    return count;
}

hantm_sentence_breaker *hantm_sentence_breaker_open(const char *locale, char *error, size_t error_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *prototype = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        write_error(status, error, error_capacity);
        return NULL;
    }
    hantm_sentence_breaker *result = malloc(sizeof *result);
    result->prototype = prototype;
    return result;
}

void hantm_sentence_breaker_close(hantm_sentence_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->prototype);
    free(breaker);
}

int32_t hantm_sentence_breaks(const hantm_sentence_breaker *breaker,
                              const uint16_t *text, int32_t length,
                              int32_t *boundaries, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_clone(breaker->prototype, &status);
    if (U_SUCCESS(status)) ubrk_setText(iterator, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) {
        if (iterator != NULL) ubrk_close(iterator);
        return -1;
    }
    int32_t count = 0;
    for (int32_t boundary = ubrk_next(iterator); boundary != UBRK_DONE; boundary = ubrk_next(iterator)) {
        if (count < capacity) boundaries[count] = boundary;
        count++;
    }
    ubrk_close(iterator);
    return count;
}

hantm_transliterator *hantm_transliterator_open(const char *identifier, char *error, size_t error_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar id[128];
    u_charsToUChars(identifier, id, (int32_t)strlen(identifier) + 1);
    UTransliterator *transliterator = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
        write_error(status, error, error_capacity);
        return NULL;
    }
    hantm_transliterator *result = malloc(sizeof *result);
    result->transliterator = transliterator;
    return result;
}

void hantm_transliterator_close(hantm_transliterator *transliterator) {
    if (transliterator == NULL) return;
    utrans_close(transliterator->transliterator);
    free(transliterator);
}

int32_t hantm_transliterate(hantm_transliterator *transliterator,
                            uint16_t *text, int32_t length, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t text_length = length;
    int32_t limit = length;
    utrans_transUChars(transliterator->transliterator, (UChar *)text, &text_length, capacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return text_length > capacity ? text_length : capacity + 1;
    if (U_FAILURE(status)) return -1;
    return text_length;
}
