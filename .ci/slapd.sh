#!/usr/bin/env bash
# Starts a real OpenLDAP (slapd) loaded with seed/demo.ldif, for the test in test/slapd/.
#
#   bash .ci/slapd.sh /tmp/slapd.env && source /tmp/slapd.env
#   PLEIN_SLAPD_URL=$PLEIN_SLAPD_URL npm run test:ldap-slapd
#   kill "$SLAPD_PID"; rm -rf "$SLAPD_DIR"
#
# $1 is the file this script writes (shell syntax, meant to be sourced):
#   export PLEIN_SLAPD_URL=ldap://127.0.0.1:PORT
#   export SLAPD_PID=...        slapd's own process id: kill it to stop the server
#   export SLAPD_DIR=...        its config, database and log: remove it afterwards
#
# Installs slapd and ldap-utils with apt-get when /usr/sbin/slapd is missing (Debian/Ubuntu, as root
# or with sudo). The Debian service is not used (it does not start in a container): slapd runs by
# hand from a slapd.conf in a temporary directory, on loopback, on a free port from 3899 up.
# Optional environment: SLAPD_PORT (first port to try), PLEIN_SLAPD_LDIF (the LDIF to load).
set -euo pipefail

ENV_FILE="${1:?usage: .ci/slapd.sh ENV_FILE}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LDIF="${PLEIN_SLAPD_LDIF:-$ROOT/seed/demo.ldif}"
SUFFIX="dc=plein,dc=local"
ROOT_DN="cn=admin,$SUFFIX"
ROOT_PW="plein-ldap-admin"
# The demo login the readiness check searches for, and binds as (password from seed/demo-org.ts).
PROBE_UID="demo.employee"
PROBE_PW="plein-demo"

log() { printf '[slapd.sh] %s\n' "$*" >&2; }

[ -r "$LDIF" ] || { log "cannot read $LDIF"; exit 1; }

# 1. Install OpenLDAP only when it is not there yet.
if [ ! -x /usr/sbin/slapd ] || ! command -v ldapsearch >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { log "slapd is not installed and we are not root (no sudo either)"; exit 1; }
    SUDO="sudo"
  fi
  log "installing slapd and ldap-utils"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slapd ldap-utils >/dev/null
fi
SCHEMA_DIR=/etc/ldap/schema
for s in core cosine inetorgperson; do
  [ -r "$SCHEMA_DIR/$s.schema" ] || { log "missing $SCHEMA_DIR/$s.schema"; exit 1; }
done

# 2. A private configuration and database.
DIR="$(mktemp -d -t plein-slapd-XXXXXX)"
chmod 0755 "$DIR"
mkdir -p "$DIR/data"
HASH="$(/usr/sbin/slappasswd -s "$ROOT_PW")"

# employeeNumber, employeeType, departmentNumber come from inetOrgPerson; title, l, mail, uid from
# core and cosine. Nothing in the demo LDIF needs nis.schema.
cat > "$DIR/slapd.conf" <<CONF
include   $SCHEMA_DIR/core.schema
include   $SCHEMA_DIR/cosine.schema
include   $SCHEMA_DIR/inetorgperson.schema

pidfile   $DIR/slapd.pid
argsfile  $DIR/slapd.args

modulepath /usr/lib/ldap
moduleload back_mdb

database  mdb
maxsize   104857600
suffix    "$SUFFIX"
rootdn    "$ROOT_DN"
rootpw    $HASH
directory $DIR/data

index objectClass eq
index uid         eq

access to attrs=userPassword
  by anonymous auth
  by self write
  by * none
access to *
  by * read
CONF

/usr/sbin/slaptest -f "$DIR/slapd.conf" -u >/dev/null 2>"$DIR/slaptest.log" || { cat "$DIR/slaptest.log" >&2; exit 1; }
# slapadd checks every entry against the schema; it fails on an unknown attribute or objectClass.
/usr/sbin/slapadd -q -f "$DIR/slapd.conf" -l "$LDIF" 2>"$DIR/slapadd.log" || { log "slapadd failed:"; cat "$DIR/slapadd.log" >&2; exit 1; }
ENTRIES="$(/usr/sbin/slapcat -f "$DIR/slapd.conf" | grep -c '^dn: ' || true)"
EXPECTED="$(grep -c '^dn: ' "$LDIF")"
[ "$ENTRIES" = "$EXPECTED" ] || { log "loaded $ENTRIES entries, the LDIF has $EXPECTED"; exit 1; }

# 3. A free port on loopback.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${SLAPD_PORT:-3899}"
while port_in_use "$PORT"; do
  PORT=$((PORT + 1))
  [ "$PORT" -lt 65535 ] || { log "no free port"; exit 1; }
done
URL="ldap://127.0.0.1:$PORT"

# 4. Start slapd in the foreground (-d 0), in the background of this shell. Its output goes to a
# file so that a caller capturing this script's output does not wait for slapd to exit.
/usr/sbin/slapd -f "$DIR/slapd.conf" -h "$URL/" -d 0 </dev/null >"$DIR/slapd.log" 2>&1 &
PID=$!

# 5. Wait until the service account can search and a demo person can bind with the demo password.
ready=""
for _ in $(seq 1 100); do
  if ! kill -0 "$PID" 2>/dev/null; then
    log "slapd exited:"; cat "$DIR/slapd.log" >&2; exit 1
  fi
  if ldapsearch -x -LLL -o nettimeout=2 -H "$URL" -D "$ROOT_DN" -w "$ROOT_PW" -b "$SUFFIX" "(uid=$PROBE_UID)" dn 2>/dev/null \
      | grep -q "^dn: uid=$PROBE_UID,"; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  log "slapd did not answer on $URL within 10 s:"; cat "$DIR/slapd.log" >&2
  kill "$PID" 2>/dev/null || true
  exit 1
fi
if ! ldapwhoami -x -o nettimeout=2 -H "$URL" -D "uid=$PROBE_UID,ou=people,$SUFFIX" -w "$PROBE_PW" >/dev/null 2>"$DIR/whoami.log"; then
  log "bind as $PROBE_UID failed:"; cat "$DIR/whoami.log" >&2
  kill "$PID" 2>/dev/null || true
  exit 1
fi

cat > "$ENV_FILE" <<ENV
export PLEIN_SLAPD_URL=$URL
export SLAPD_PID=$PID
export SLAPD_DIR=$DIR
ENV
log "slapd ready at $URL (pid $PID, $ENTRIES entries, files in $DIR)"
echo "PLEIN_SLAPD_URL=$URL"
