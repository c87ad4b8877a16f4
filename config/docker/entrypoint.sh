#!/usr/bin/env bash
# M-Office container entrypoint: starts the same way every time.
#
#   serve    (default) wait for PostgreSQL; on the first start (no database,
#            or M-Office not installed in it) install M-Office, then serve
#            it; later starts just serve. A node with MOFFICE_INSTALL=0
#            never installs: it waits until another node has installed.
#   upgrade  update every M-Office addon (and install those added since),
#            then stop: `docker compose run --rm odoo upgrade`.
#   state    print absent / empty / installed (the database's state).
#   anything else is run as is (e.g. `odoo shell`, `bash`).
#
# Every secret comes from the environment and goes to a runtime configuration
# readable by this user only (never to the image, nor to the command line):
#   DB_PASSWORD (default POSTGRES_PASSWORD)  the PostgreSQL password
#   MOFFICE_ADMIN_PASSWD                     Odoo's master password (admin_passwd; random if unset)
# Other settings:
#   DB_HOST (db), DB_PORT (5432), DB_USER (POSTGRES_USER, else odoo)
#   MOFFICE_DB_NAME (moffice)       the department's database
#   MOFFICE_DEMO (0)                1: install with the demo department
#   MOFFICE_MODULES                 the addons to install (default: every addon of MOFFICE_ADDONS_DIR)
#   MOFFICE_INSTALL (1)             0: never install (every node but the first)
#   MOFFICE_CRON_THREADS            max_cron_threads of this node (default: config/odoo.conf's)
#   MOFFICE_DB_WAIT (120)           seconds to wait for PostgreSQL, and for the first node's installation
#   MOFFICE_BASE_CONF (/etc/odoo/odoo.conf), MOFFICE_ADDONS_DIR (/mnt/extra-addons)
set -euo pipefail

DB_HOST=${DB_HOST:-db}
DB_PORT=${DB_PORT:-5432}
DB_USER=${DB_USER:-${POSTGRES_USER:-odoo}}
DB_PASSWORD=${DB_PASSWORD:-${POSTGRES_PASSWORD:-}}
DB_NAME=${MOFFICE_DB_NAME:-moffice}
BASE_CONF=${MOFFICE_BASE_CONF:-/etc/odoo/odoo.conf}
ADDONS_DIR=${MOFFICE_ADDONS_DIR:-/mnt/extra-addons}
WAIT=${MOFFICE_DB_WAIT:-120}
export PGPASSWORD=$DB_PASSWORD

log() { echo "moffice-entrypoint: $*" >&2; }

modules() {
    if [ -n "${MOFFICE_MODULES:-}" ]; then
        echo "$MOFFICE_MODULES"
        return
    fi
    local names=()
    for manifest in "$ADDONS_DIR"/*/__manifest__.py; do
        names+=("$(basename "$(dirname "$manifest")")")
    done
    (IFS=,; echo "${names[*]}")
}

sql() {
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"
}

wait_for_postgres() {
    local waited=0
    until sql postgres "SELECT 1" >/dev/null 2>&1; do
        if [ "$waited" -ge "$WAIT" ]; then
            log "PostgreSQL at $DB_HOST:$DB_PORT (user $DB_USER) not reachable after $WAIT s"
            sql postgres "SELECT 1" >/dev/null  # shows PostgreSQL's reason
            exit 1
        fi
        sleep 2
        waited=$((waited + 2))
    done
}

# absent: no database; empty: a database without M-Office; installed.
state() {
    local found
    found=$(sql postgres "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")
    if [ "$found" != 1 ]; then
        echo absent
        return
    fi
    found=$(sql "$DB_NAME" "SELECT to_regclass('ir_module_module') IS NOT NULL")
    if [ "$found" = t ]; then
        found=$(sql "$DB_NAME" "SELECT 1 FROM ir_module_module WHERE name = 'moffice_documents' AND state = 'installed'")
    fi
    if [ "$found" = 1 ]; then echo installed; else echo empty; fi
}

# The runtime configuration: the shipped one plus the secrets, mode 600;
# the previous start's copy (a restarted container) is removed.
runtime_conf() {
    local conf
    rm -f "${TMPDIR:-/tmp}"/moffice-odoo.*
    conf=$(umask 077 && mktemp "${TMPDIR:-/tmp}/moffice-odoo.XXXXXX")
    {
        cat "$BASE_CONF"
        echo
        echo "; written by the entrypoint from the environment"
        echo "db_host = $DB_HOST"
        echo "db_port = $DB_PORT"
        echo "db_user = $DB_USER"
        if [ -n "$DB_PASSWORD" ]; then
            echo "db_password = $DB_PASSWORD"
        fi
        # Without one, a random master password: Odoo's default is "admin".
        echo "admin_passwd = ${MOFFICE_ADMIN_PASSWD:-$(head -c 32 /dev/urandom | base64 | tr -d '\n')}"
    } >"$conf"
    echo "$conf"
}

command=${1:-serve}
case "$command" in
serve | upgrade | state) shift || true ;;
*) exec "$@" ;;
esac

wait_for_postgres
if [ "$command" = state ]; then
    state
    exit 0
fi

CONF=$(runtime_conf)
ODOO=(odoo -c "$CONF" -d "$DB_NAME" "--db-filter=^${DB_NAME}\$")

if [ "$command" = upgrade ]; then
    if [ "$(state)" != installed ]; then
        log "M-Office is not installed in $DB_NAME: nothing to upgrade (start the server to install it)"
        exit 1
    fi
    log "updating $(modules) in $DB_NAME"
    exec "${ODOO[@]}" -i "$(modules)" -u "$(modules)" --workers=0 --max-cron-threads=0 --no-http --stop-after-init "$@"
fi

current=$(state)
if [ "$current" != installed ] && [ "${MOFFICE_INSTALL:-1}" = 0 ]; then
    log "waiting for the first node to install M-Office in $DB_NAME"
    waited=0
    while [ "$(state)" != installed ]; do
        if [ "$waited" -ge "$WAIT" ]; then
            log "M-Office still not installed in $DB_NAME after $WAIT s"
            exit 1
        fi
        sleep 5
        waited=$((waited + 5))
    done
elif [ "$current" != installed ]; then
    demo=(--without-demo=all)
    if [ "${MOFFICE_DEMO:-0}" = 1 ]; then
        demo=()
    fi
    log "first start: installing $(modules) in $DB_NAME (${current} database, demo data: ${MOFFICE_DEMO:-0})"
    "${ODOO[@]}" -i "$(modules)" "${demo[@]}" --workers=0 --max-cron-threads=0 --no-http --stop-after-init
fi

cron=()
if [ -n "${MOFFICE_CRON_THREADS:-}" ]; then
    cron=("--max-cron-threads=$MOFFICE_CRON_THREADS")
fi
log "serving $DB_NAME"
exec "${ODOO[@]}" "${cron[@]}" "$@"
