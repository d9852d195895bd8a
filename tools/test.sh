#!/usr/bin/env bash
# Expo CRM: the test command. Lints the addons, installs them in a fresh
# database (the install must log no warning), then runs every test with
# pytest + pytest-odoo (HttpCase tours included, in headless Chromium).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB="${EXPO_TEST_DB:-expo_test}"
CONF="$STATE/test.conf"
prepare
lint_env
odoo_conf "$CONF"
# The tours' server gets its own port: a demo server may be running on 8069.
echo "http_port = ${EXPO_TEST_HTTP_PORT:-8169}" >> "$CONF"
cd "$ROOT"
read -r -a addon_dirs <<< "${ADDONS//,/ }"

lint() {
    say "Lint: ruff"
    "$LINT_VENV/bin/ruff" check --quiet "${addon_dirs[@]}" tests tools
    say "Lint: pylint-odoo (manifests, Python, translations)"
    set +e
    "$LINT_VENV/bin/pylint" --rcfile=setup.cfg --disable=prefer-env-translation "${addon_dirs[@]}"
    rc=$?
    set -e
    # pylint's exit status is a bit mask: 1 fatal, 2 error (4 warning, 8 refactor,
    # 16 convention are reported but do not fail the run).
    [ $(( rc & 3 )) -eq 0 ] || die "pylint-odoo found errors."
    say "Lint: OCA checks of XML, CSV and .po files"
    "$LINT_VENV/bin/oca-checks-odoo-module" --no-verbose "${addon_dirs[@]}"
    "$LINT_VENV/bin/oca-checks-po" --no-verbose $(for a in "${addon_dirs[@]}"; do ls "$a"/i18n/*.po* 2>/dev/null; done)
}
# EXPO_SKIP_LINT=1 skips the linters (while iterating on a test).
[ -n "${EXPO_SKIP_LINT:-}" ] || lint

say "Installing the addons in a fresh database '$DB'"
PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$DB"
log="$STATE/test-install.log"
odoo -c "$CONF" -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn > "$log" 2>&1 \
    || { tail -60 "$log"; die "Install failed (log: $log)"; }
if grep -E ' (WARNING|ERROR|CRITICAL) ' "$log"; then
    die "The install logged the warnings above."
fi

say "Running the tests"
export EXPO_ODOO_CONF="$CONF" EXPO_TEST_DB="$DB"
set +e
"$VENV/bin/pytest" --odoo-config="$CONF" --odoo-database="$DB" --odoo-http \
    "${addon_dirs[@]}" tests "$@"
rc=$?
set -e
[ $rc -eq 0 ] || exit $rc

# The exhibitor's flow once more, on a database without demo data and with
# no setting touched (only when the whole suite ran, not with extra arguments).
if [ $# -eq 0 ]; then
    NODEMO="${DB}_nodemo"
    say "Installing the addons without demo data in '$NODEMO'"
    PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$NODEMO"
    odoo -c "$CONF" -d "$NODEMO" -i "$ADDONS" --without-demo=all --stop-after-init --log-level=warn \
        > "$STATE/test-install-nodemo.log" 2>&1 || { tail -60 "$STATE/test-install-nodemo.log"; die "Install without demo data failed."; }
    say "Running the fresh-database flow on '$NODEMO'"
    "$VENV/bin/pytest" --odoo-config="$CONF" --odoo-database="$NODEMO" -p no:cacheprovider \
        tests/test_fresh_database.py

    # An upgrade from the previous version keeps every stage and history row:
    # install that version (tests/upgrade/PREVIOUS_VERSION) with its demo data,
    # save what it knows (snapshot.sql), upgrade with this version, compare.
    PREV=$(cat "$ROOT/tests/upgrade/PREVIOUS_VERSION")
    if git -C "$ROOT" cat-file -e "$PREV^{commit}" 2>/dev/null; then
        UDB="${DB}_upgrade"
        PREV_DIR="$STATE/previous-version"
        rm -rf "$PREV_DIR" && mkdir -p "$PREV_DIR"
        prev_addons=()
        for a in "${addon_dirs[@]}"; do
            git -C "$ROOT" cat-file -e "$PREV:$a/__manifest__.py" 2>/dev/null && prev_addons+=("$a")
        done
        git -C "$ROOT" archive "$PREV" "${prev_addons[@]}" | tar -x -C "$PREV_DIR"
        PREV_CONF="$STATE/test-previous.conf"
        sed "s|^addons_path = .*|addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PREV_DIR|" "$CONF" > "$PREV_CONF"
        prev_list=$(IFS=,; echo "${prev_addons[*]}")
        say "Installing the previous version ($(git -C "$ROOT" log -1 --format=%h "$PREV")) with demo data in '$UDB'"
        PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$UDB"
        odoo -c "$PREV_CONF" -d "$UDB" -i "$prev_list" --stop-after-init --log-level=warn \
            > "$STATE/test-install-previous.log" 2>&1 || { tail -40 "$STATE/test-install-previous.log"; die "Installing the previous version failed."; }
        psql -d "$UDB" -tA -f "$ROOT/tests/upgrade/snapshot.sql" > "$STATE/upgrade-snapshot.json"
        say "Upgrading '$UDB' to this version"
        ulog="$STATE/test-upgrade.log"
        odoo -c "$CONF" -d "$UDB" -u "$prev_list" --stop-after-init --log-level=warn > "$ulog" 2>&1 \
            || { tail -60 "$ulog"; die "The upgrade failed (log: $ulog)"; }
        ! grep -E ' (WARNING|ERROR|CRITICAL) ' "$ulog" || die "The upgrade logged the warnings above."
        EXPO_UPGRADE_SNAPSHOT="$STATE/upgrade-snapshot.json" "$VENV/bin/pytest" \
            --odoo-config="$CONF" --odoo-database="$UDB" -p no:cacheprovider \
            tests/upgrade/test_upgrade_keeps_relationships.py
        PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$UDB"
    else
        say "WARNING: the previous version ($PREV) is not in this clone's history: upgrade check not run."
    fi

    # Each bridge installs by itself, with no warning, when its two sides are
    # installed (and only then).
    declare -A SIDES=(
        [expo_crm_crm]="expo_crm_followup,crm"
        [expo_crm_survey]="expo_crm_loyalty,survey"
        [expo_crm_event]="expo_crm,event,event_booth"
    )
    for bridge in "${!SIDES[@]}"; do
        grep -qw "$bridge" <<< "${ADDONS//,/ }" || continue
        BDB="${DB}_${bridge#expo_crm_}"
        say "Installing ${SIDES[$bridge]} alone in '$BDB': $bridge must follow by itself"
        PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$BDB"
        blog="$STATE/test-install-$bridge.log"
        odoo -c "$CONF" -d "$BDB" -i "${SIDES[$bridge]}" --without-demo=all --stop-after-init \
            --log-level=warn > "$blog" 2>&1 || { tail -40 "$blog"; die "Installing ${SIDES[$bridge]} failed."; }
        ! grep -E ' (WARNING|ERROR|CRITICAL) ' "$blog" || die "Installing ${SIDES[$bridge]} logged the warnings above."
        got=$(psql -d "$BDB" -tAc "select string_agg(name, ',' order by name) from ir_module_module
                                   where state = 'installed' and name like 'expo_crm_%'")
        grep -qw "$bridge" <<< "${got//,/ }" || die "$bridge was not installed with ${SIDES[$bridge]} (got: $got)."
        for other in "${!SIDES[@]}"; do
            [ "$other" = "$bridge" ] || ! grep -qw "$other" <<< "${got//,/ }" \
                || die "$other was installed with ${SIDES[$bridge]} alone (got: $got)."
        done
        say "$bridge: installed by itself ($got)"
        PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$BDB"
    done
fi
