#!/usr/bin/env bash
# Runs once, when the `postgres` service initialises its data directory (docker-entrypoint-initdb.d):
# lets the `postgres-replica` service stream from it. See docker-compose.yml.
set -euo pipefail
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "${PGDATA}/pg_hba.conf"
