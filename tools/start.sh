#!/usr/bin/env bash
# Expo CRM: the main job. Prepares everything, creates (once) the demo database
# with the three addons and their demo data, and serves Odoo on
# http://localhost:8069 in the background.  --stop stops it, --foreground keeps
# it attached to the terminal.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB="${EXPO_DEMO_DB:-expo_demo}"
PORT="${EXPO_HTTP_PORT:-8069}"
CONF="$STATE/demo.conf"
PIDFILE="$STATE/odoo-$PORT.pid"
LOG="$STATE/odoo-$PORT.log"
MODE=background
case "${1:-}" in
    --stop)
        if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
            kill "$(cat "$PIDFILE")"; rm -f "$PIDFILE"; say "Odoo stopped."
        else
            say "Odoo is not running."
        fi
        exit 0 ;;
    --foreground) MODE=foreground ;;
    "") ;;
    *) die "usage: $0 [--foreground|--stop]" ;;
esac

prepare
odoo_conf "$CONF"

# Fingerprint of the addons' code: an existing demo database is upgraded
# (odoo -u) when the code it was built with has changed.
code_stamp=$(cd "$ROOT" && find ${ADDONS//,/ } -type f ! -name '*.pyc' -print0 | sort -z \
    | xargs -0 sha1sum | sha1sum | cut -c1-16)
stamp_file="$STATE/$DB.code-stamp"
if addons_installed "$DB"; then
    if [ "$(cat "$stamp_file" 2>/dev/null)" != "$code_stamp" ]; then
        if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
            kill "$(cat "$PIDFILE")"; rm -f "$PIDFILE"; sleep 2
        fi
        say "Upgrading the addons in '$DB' to the current code"
        odoo -c "$CONF" -d "$DB" -u "$ADDONS" --i18n-overwrite --stop-after-init --log-level=warn \
            > "$STATE/demo-upgrade.log" 2>&1 \
            || { tail -50 "$STATE/demo-upgrade.log"; die "Upgrading the addons failed (log: $STATE/demo-upgrade.log)"; }
    fi
    say "Demo database '$DB' is ready."
elif db_exists "$DB" && [ -n "$(missing_addons "$DB")" ] && [ "$(missing_addons "$DB")" != "$ADDONS" ]; then
    # An existing demo database without an addon added since: install it
    # there (its data is kept), then upgrade the others.
    missing=$(missing_addons "$DB")
    if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
        kill "$(cat "$PIDFILE")"; rm -f "$PIDFILE"; sleep 2
    fi
    say "Installing $missing in '$DB' and upgrading the other addons"
    odoo -c "$CONF" -d "$DB" -i "$missing" -u "$ADDONS" --i18n-overwrite --stop-after-init --log-level=warn \
        > "$STATE/demo-upgrade.log" 2>&1 \
        || { tail -50 "$STATE/demo-upgrade.log"; die "Installing $missing failed (log: $STATE/demo-upgrade.log)"; }
    say "Demo database '$DB' is ready."
else
    db_exists "$DB" && { say "Dropping the incomplete database '$DB'"; dropdb "$DB"; }
    say "Creating the demo database '$DB' (three addons with demo data; a few minutes)"
    odoo -c "$CONF" -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn \
        --load-language=en_US,zh_CN,zh_TW > "$STATE/demo-install.log" 2>&1 \
        || { tail -50 "$STATE/demo-install.log"; die "Installing the addons failed (log: $STATE/demo-install.log)"; }
fi
echo "$code_stamp" > "$stamp_file"

url="http://localhost:$PORT"
if [ "$MODE" = foreground ]; then
    say "Serving $url (login admin / admin). Ctrl-C stops it."
    exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT"
fi
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "Odoo is already running: $url (login admin / admin)."
    exit 0
fi
nohup "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^$DB\$" \
    --http-port="$PORT" --logfile="$LOG" >/dev/null 2>&1 &
echo $! > "$PIDFILE"
for _ in $(seq 1 90); do
    if curl -fsS -o /dev/null "$url/web/login" 2>/dev/null; then
        say "Expo CRM is running: $url  (login admin / password admin; log $LOG; stop: $0 --stop)"
        exit 0
    fi
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { tail -30 "$LOG"; die "Odoo did not start (log: $LOG)"; }
    sleep 1
done
die "Odoo did not answer on $url within 90 s (log: $LOG)"
