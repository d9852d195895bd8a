#!/usr/bin/env bash
# Expo CRM benchmark: builds (once) a scratch database with synthetic data and
# prints the table of jobs against Odoo's own way / plain SQL.
# Usage: tools/bench.sh [--partners 100000] [--editions 5] [--job NAME]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DB="${EXPO_BENCH_DB:-expo_bench}"
CONF="$STATE/bench.conf"
prepare
odoo_conf "$CONF"
if ! addons_installed "$DB"; then
    say "Installing the addons in the scratch database '$DB' (no demo data)"
    odoo -c "$CONF" -d "$DB" -i "$ADDONS" --without-demo=all --stop-after-init --log-level=warn
fi
exec "$VENV/bin/python" "$ROOT/tests/bench/run.py" --conf "$CONF" --db "$DB" "$@"
