// The system SQLite (Debian: libsqlite3-dev), imported into Swift as the CSQLite module.
#include <sqlite3.h>
