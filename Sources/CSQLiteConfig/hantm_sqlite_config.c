#include "hantm_sqlite_config.h"
#include <sqlite3.h>

static int memory_statistics_result = SQLITE_ERROR;

__attribute__((constructor)) static void hantm_sqlite_configure(void) {
    memory_statistics_result = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // URIs, for `immutable=1`: a memory in a folder that cannot be written is
    // read without the shared-memory file WAL needs (TranslationMemory.readingName).
    sqlite3_config(SQLITE_CONFIG_URI, 1);
}

int hantm_sqlite_memory_statistics_are_off(void) {
    return memory_statistics_result == SQLITE_OK;
}
