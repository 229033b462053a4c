#!/bin/sh
# Creates Temporal's persistence and visibility databases on the shared
# PostgreSQL and applies/upgrades their schemas. Runs in temporalio/admin-tools
# before the server starts (that image's schema files must match the server's
# version). Safe on every start: `create` ignores an existing database,
# `setup-schema -v 0.0` keeps a newer recorded version, `update-schema` applies
# only the missing versions.
# Connection comes from SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD.
set -eu

: "${SQL_HOST:?}" "${SQL_USER:?}" "${SQL_PASSWORD:?}"
export SQL_PLUGIN="${SQL_PLUGIN:-postgres12}"
export SQL_PORT="${SQL_PORT:-5432}"
schema_root=/etc/temporal/schema/postgresql/v12

setup() { # database, schema directory under $schema_root
    echo "Temporal schema: database $1 ($2)"
    temporal-sql-tool --db "$1" create
    temporal-sql-tool --db "$1" setup-schema -v 0.0
    temporal-sql-tool --db "$1" update-schema -d "$schema_root/$2/versioned"
}

setup "${DBNAME:-temporal}" temporal
setup "${VISIBILITY_DBNAME:-temporal_visibility}" visibility
echo "Temporal schema ready."
