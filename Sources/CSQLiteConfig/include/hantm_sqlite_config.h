#ifndef HANTM_SQLITE_CONFIG_H
#define HANTM_SQLITE_CONFIG_H

/// SQLite's memory statistics are turned off as the program loads, before any
/// connection starts SQLite (afterwards SQLite refuses the change).
///
/// With statistics on, every allocation SQLite makes takes one mutex shared by
/// every connection, and Debian builds SQLite without lookaside memory, so
/// every row a lookup reads and every statement it steps allocates. Lookups on
/// two threads, and a server's import beside them, queue on that mutex; an
/// import at idle priority that holds it stalls the lookups waiting for it.
/// `sqlite3_config` is variadic, which Swift cannot call, and must come first.
///
/// Whether the change was made: nonzero when it was.
int hantm_sqlite_memory_statistics_are_off(void);

#endif
