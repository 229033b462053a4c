#!/bin/sh
# Starts temporal-server in the temporalio/server image from this repository's
# config template (deploy/temporal/config/server.yaml, rendered by the server
# itself from the environment) instead of the image's own template. The same
# template runs `npm run cluster`. SERVICES picks the services of this
# container (default: all four; e.g. SERVICES=history for a history-only one).
set -eu

# Other services reach this one on the container's address, not 0.0.0.0.
if [ -z "${TEMPORAL_BROADCAST_ADDRESS:-}" ]; then
    TEMPORAL_BROADCAST_ADDRESS=$(getent hosts "$(hostname)" | awk '{ print $1; exit }')
    export TEMPORAL_BROADCAST_ADDRESS
fi

set --
for service in $(echo "${SERVICES:-frontend history matching worker}" | tr ',:' '  '); do
    set -- "$@" --service "$service"
done
exec temporal-server --root / --config /deploy/temporal/config --env server --allow-no-auth start "$@"
