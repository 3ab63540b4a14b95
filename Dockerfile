# syntax=docker/dockerfile:1
#
# Plein's images, built by docker-compose.yml:
#   (default, last stage)  the api and the worker: `node dist/apps/api/apps/api/src/main.js`,
#                          or `node dist/apps/worker/apps/worker/src/main.js` for the worker
#   --target openldap      the demo OpenLDAP directory (slapd from Debian, seeded from an LDIF)
#
#   docker build -t plein .

# ---------------------------------------------------------------------------------------------
# The demo directory. Debian's own slapd, configured the same way as the real-OpenLDAP check in CI
# (.ci/slapd.sh), so what CI tests is what compose runs. On the first start (empty /var/lib/ldap)
# it loads $LDAP_SEED_LDIF (compose mounts seed/demo.ldif there); the admin is cn=admin,$LDAP_SUFFIX
# with the password $LDAP_ADMIN_PASSWORD.
FROM debian:bookworm-slim AS openldap
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slapd ldap-utils \
 && rm -rf /var/lib/apt/lists/* /var/lib/ldap/* /etc/ldap/slapd.d \
 && mkdir -p /var/lib/ldap /run/slapd
COPY --chmod=0755 <<'SCRIPT' /usr/local/bin/plein-slapd
#!/bin/bash
set -euo pipefail
SUFFIX="${LDAP_SUFFIX:-dc=plein,dc=local}"
ADMIN_PASSWORD="${LDAP_ADMIN_PASSWORD:?set LDAP_ADMIN_PASSWORD}"
SEED="${LDAP_SEED_LDIF:-/seed/demo.ldif}"
CONF=/run/slapd/slapd.conf
mkdir -p /run/slapd
cat > "$CONF" <<CONF
include   /etc/ldap/schema/core.schema
include   /etc/ldap/schema/cosine.schema
include   /etc/ldap/schema/inetorgperson.schema
pidfile   /run/slapd/slapd.pid
argsfile  /run/slapd/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
database  mdb
maxsize   1073741824
suffix    "$SUFFIX"
rootdn    "cn=admin,$SUFFIX"
rootpw    $(slappasswd -s "$ADMIN_PASSWORD")
directory /var/lib/ldap
index objectClass eq
index uid         eq
access to attrs=userPassword
  by anonymous auth
  by self write
  by * none
access to *
  by * read
CONF
chown root:openldap "$CONF"
chmod 0640 "$CONF"
slaptest -f "$CONF" -u
if [ -z "$(ls -A /var/lib/ldap)" ]; then
  echo "plein-slapd: empty directory, loading $SEED"
  slapadd -q -f "$CONF" -l "$SEED"
fi
chown -R openldap:openldap /var/lib/ldap /run/slapd
# Foreground (-d), as PID 1: SIGTERM from `docker stop` shuts slapd down cleanly.
exec slapd -f "$CONF" -h "ldap:///" -u openldap -g openldap -d "${LDAP_LOG_LEVEL:-0}"
SCRIPT
VOLUME /var/lib/ldap
EXPOSE 389
CMD ["/usr/local/bin/plein-slapd"]

# ---------------------------------------------------------------------------------------------
# Build: all dependencies, compile both apps, then drop the dev dependencies.
FROM node:24 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
# Runtime: compiled code and production dependencies only, as the unprivileged `node` user.
FROM node:24-slim AS app
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# The api by default; the worker service overrides the command.
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
