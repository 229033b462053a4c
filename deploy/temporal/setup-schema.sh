#!/bin/sh
# Creates Temporal's persistence and visibility databases on PostgreSQL and
# brings their schemas to the version the server expects, with the server's
# own sql tool and the schema embedded in it (tool and schema are one release).
# Used by docker-compose.yml (temporalio/admin-tools, before the server starts)
# and by `npm run cluster` (the sql tool built with Go). Safe on every start:
# `create-database` ignores an existing database, `setup-schema -v 0.0` keeps a
# newer recorded version, `update-schema` applies only the missing versions —
# which is also how a server upgrade's schema changes are applied.
# Connection: SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (SQL_PLUGIN postgres12).
set -eu

: "${SQL_HOST:?}" "${SQL_USER:?}" "${SQL_PASSWORD?}"
export SQL_PLUGIN="${SQL_PLUGIN:-postgres12}"
export SQL_PORT="${SQL_PORT:-5432}"
sql_tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"

setup() { # database, embedded schema name
    echo "Temporal schema: database $1 ($2)"
    "$sql_tool" --database "$1" create-database
    "$sql_tool" --database "$1" setup-schema --version 0.0
    "$sql_tool" --database "$1" update-schema --schema-name "$2"
}

setup "${DBNAME:-temporal}" postgresql/v12/temporal
setup "${VISIBILITY_DBNAME:-temporal_visibility}" postgresql/v12/visibility
echo "Temporal schema ready."
