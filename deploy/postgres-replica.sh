#!/usr/bin/env bash
# The `postgres-replica` service (docker-compose.yml): a streaming read replica of `postgres`.
# On its first start it copies the primary with pg_basebackup (--write-recovery-conf writes
# standby.signal and primary_conninfo; a replication slot keeps the WAL it still needs), then runs
# PostgreSQL as a hot standby. The api nodes read feeds and searches from it (DATABASE_READ_URLS).
set -euo pipefail
PGDATA="${PGDATA:-/var/lib/postgresql/18/docker}"
if [ ! -s "${PGDATA}/PG_VERSION" ]; then
  mkdir -p "${PGDATA}"
  chmod 700 "${PGDATA}"
  create=--create-slot
  until pg_basebackup --host=postgres --username=plein --pgdata="${PGDATA}" --write-recovery-conf \
      --wal-method=stream ${create} --slot=plein_replica --checkpoint=fast; do
    echo "waiting for the primary to accept a base backup"
    rm -rf "${PGDATA:?}"/*
    # The slot may have been made by the failed attempt: alternate between making and reusing it.
    if [ -n "${create}" ]; then create=; else create=--create-slot; fi
    sleep 3
  done
fi
exec postgres -D "${PGDATA}"
