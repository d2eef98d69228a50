#include "hantm_sqlite_config.h"
#include <sqlite3.h>

static int memory_statistics_result = SQLITE_ERROR;

__attribute__((constructor)) static void hantm_sqlite_configure(void) {
    memory_statistics_result = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int hantm_sqlite_memory_statistics_are_off(void) {
    return memory_statistics_result == SQLITE_OK;
}
