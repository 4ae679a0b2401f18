#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests (as root, on a fresh Debian machine).
#
#   eval "$(.ci/postgres.sh)"        # exports OVOP_TEST_DATABASE_URL
#   .venv/bin/python -m pytest -q tests/test_store.py
#
# Idempotent: installs Debian's `postgresql` only when missing, creates the default cluster only
# when none exists, (re)starts it, and creates the role and database only when absent.
# Progress goes to stderr; the one line on stdout is the `export` to evaluate.
set -euo pipefail

PG_USER="${PG_USER:-ovop}"
PG_PASSWORD="${PG_PASSWORD:-ovop}"
PG_DB="${PG_DB:-ovop_test}"
PG_PORT="${PG_PORT:-5432}"

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing postgresql (Debian)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "${VERSION}/main"; then
    log "creating cluster ${VERSION}/main"
    pg_createcluster "${VERSION}" main --port "${PG_PORT}" >&2
fi

status="$(pg_lsclusters -h | awk -v v="${VERSION}" '$1==v && $2=="main" {print $4}')"
if [ "${status}" != "online" ]; then
    log "starting cluster ${VERSION}/main"
    # Containers often lack the runtime directory the init scripts would create.
    install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    pg_ctlcluster "${VERSION}" main start >&2
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="${VERSION}" '$1==v && $2=="main" {print $3}')"

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -p ${PG_PORT} $*"; }

for _ in $(seq 1 30); do
    psql_admin "-c 'select 1'" >/dev/null 2>&1 && break
    sleep 0.5
done

if [ "$(psql_admin "-c \"select 1 from pg_roles where rolname = '${PG_USER}'\"")" != "1" ]; then
    log "creating role ${PG_USER}"
    psql_admin "-c \"create role ${PG_USER} login password '${PG_PASSWORD}'\"" >&2
fi
if [ "$(psql_admin "-c \"select 1 from pg_database where datname = '${PG_DB}'\"")" != "1" ]; then
    log "creating database ${PG_DB}"
    psql_admin "-c \"create database ${PG_DB} owner ${PG_USER}\"" >&2
fi

echo "export OVOP_TEST_DATABASE_URL=postgresql+psycopg://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/${PG_DB}"
