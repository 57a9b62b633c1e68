#!/usr/bin/env bash
# Creates one database and one owner role per service, and Keycloak's (when KEYCLOAK_DB_PASSWORD is
# set). Run once by the postgres image (docker-entrypoint-initdb.d) on an empty data volume; safe to
# run again by hand, e.g. to add Keycloak's database to an existing volume.
set -euo pipefail
: "${POSTGRES_USER:=postgres}"
databases="personnel consultation survey reporting"
if [ -n "${KEYCLOAK_DB_PASSWORD:-}" ]; then databases="$databases keycloak"; fi
for service in $databases; do
  var="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!var:?$var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       --set=svc="$service" --set=pw="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'svc', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'svc') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'svc', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'svc', :'svc')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'svc') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'svc') \gexec
SQL
done
