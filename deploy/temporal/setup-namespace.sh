#!/bin/sh
# Registers the namespace and the custom search attributes the escalation
# workflows use. Runs in temporalio/admin-tools once the server is up; safe to
# re-run: existing ones are left alone.
set -eu

address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-168h}"
attributes="IncidentStatus IncidentSeverity ContractId IncidentRung" # all Keyword

retry() { # tries, command...: bounded so a broken server fails the job visibly
    n=$1; shift
    until "$@"; do
        n=$((n - 1))
        [ "$n" -gt 0 ] || return 1
        sleep 2
    done
}

serving() { temporal operator cluster health --address "$address" 2>/dev/null | grep -q SERVING; }
echo "Waiting for Temporal at $address..."
retry 90 serving || { echo "Temporal at $address is not SERVING" >&2; exit 1; }

if temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1; then
    echo "Namespace $namespace exists."
else
    temporal operator namespace create --namespace "$namespace" --retention "$retention" --address "$address"
fi

# A new namespace is only usable once the server's namespace cache refreshes.
list_attributes() {
    sa_list=$(temporal operator search-attribute list --namespace "$namespace" --address "$address" 2>&1)
}
retry 30 list_attributes || { echo "$sa_list" >&2; exit 1; }

listed() { printf '%s\n' "$sa_list" | grep -Eq "(^|[^A-Za-z0-9_])$1([^A-Za-z0-9_]|\$)"; }

created=0
for name in $attributes; do
    if listed "$name"; then
        echo "Search attribute $name exists."
        continue
    fi
    if out=$(temporal operator search-attribute create --namespace "$namespace" --address "$address" \
            --name "$name" --type Keyword 2>&1); then
        echo "Search attribute $name created."
        created=1
    elif printf '%s\n' "$out" | grep -qi 'already exists'; then
        echo "Search attribute $name exists."
    else
        echo "$out" >&2
        exit 1
    fi
done

# Leave only once every attribute is visible, so workflows started right after
# this job do not hit "search attribute not defined".
all_listed() {
    list_attributes || return 1
    for name in $attributes; do listed "$name" || return 1; done
}
retry 30 all_listed || { echo "Search attributes not visible: $sa_list" >&2; exit 1; }
# Other server services see new aliases on their next namespace-cache refresh
# (about every 10s by default).
[ "$created" -eq 0 ] || sleep 10
echo "Namespace $namespace and search attributes ready."
