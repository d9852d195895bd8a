# Shared by tools/start.sh and tools/test.sh: find Odoo, install what is
# needed (system packages, virtual environment, PostgreSQL role), idempotently.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo/18.0}"
VENV="${EXPO_VENV:-$ROOT/.venv}"
LINT_VENV="${EXPO_LINT_VENV:-$ROOT/.venv-lint}"
STATE="${EXPO_STATE:-$ROOT/.state}"
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-odoo}"
export PGPASSWORD="${PGPASSWORD:-}"
ADDONS="${EXPO_ADDONS:-expo_crm,expo_crm_followup,expo_crm_loyalty,expo_crm_crm,expo_crm_survey,expo_crm_event,expo_crm_capture}"

say() { printf '\033[1m[expo]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[expo] %s\033[0m\n' "$*" >&2; exit 1; }

check_odoo() {
    if [ ! -f "$ODOO_SRC/odoo-bin" ] || [ ! -d "$ODOO_SRC/addons/mail" ]; then
        die "No Odoo 18.0 source tree at '$ODOO_SRC'.
  Get one (for example: git clone --depth 1 --branch 18.0 <Odoo's repository> /opt/odoo/18.0)
  or point ODOO_SRC at an existing tree:  ODOO_SRC=/path/to/odoo $0"
    fi
    local ver
    ver=$(sed -n "s/^version_info = (\([0-9]*\), \([0-9]*\).*/\1.\2/p" "$ODOO_SRC/odoo/release.py")
    [ "$ver" = "18.0" ] || die "$ODOO_SRC is Odoo $ver; Expo CRM needs Odoo 18.0."
}

SYSTEM_PACKAGES="libldap2-dev libsasl2-dev libpq-dev chromium fonts-noto-cjk wkhtmltopdf"

system_packages() {
    local missing=()
    for p in $SYSTEM_PACKAGES; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || die "Missing system packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
    say "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_env() {
    local stamp="$VENV/.expo-stamp" want
    link_odoo_src
    want=$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements.txt" "$ROOT/requirements-nodeps.txt" | sha1sum | cut -c1-16)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    say "Preparing the Python environment in $VENV"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade 'pip<25' wheel 'setuptools<70' 2>&1 | grep -v "^WARNING: Location" || true
    # cbor2 5.4.2 only builds with an old setuptools in its isolated build env.
    local cons="$VENV/build-constraints.txt"
    echo 'setuptools<70' > "$cons"
    # psycopg2 is replaced by the binary wheel (no compiler or libpq needed).
    grep -v -i '^psycopg2' "$ODOO_SRC/requirements.txt" > "$VENV/odoo-requirements.txt"
    PIP_CONSTRAINT="$cons" "$VENV/bin/pip" install -q -r "$VENV/odoo-requirements.txt" -r "$ROOT/requirements.txt" \
        2>&1 | grep -v "^WARNING: Location" || true
    "$VENV/bin/pip" install -q --no-deps -r "$ROOT/requirements-nodeps.txt" 2>&1 | grep -v "^WARNING: Location" || true
    link_odoo_src
    "$VENV/bin/python" -c "import psycopg2, lxml, werkzeug, odoo, pytest_odoo, rapidocr_onnxruntime" || die "Installing the Python packages failed."
    link_odoo_src
    echo "$want" > "$stamp"
}

link_odoo_src() {
    # Make "import odoo" work in the venv (pytest-odoo needs it).
    [ -x "$VENV/bin/python" ] || return 0
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    [ "$(cat "$site/odoo-src.pth" 2>/dev/null)" = "$ODOO_SRC" ] || echo "$ODOO_SRC" > "$site/odoo-src.pth"
}

lint_env() {
    local stamp="$LINT_VENV/.expo-stamp" want
    want=$(sha1sum < "$ROOT/requirements-lint.txt" | cut -c1-16)
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
    say "Preparing the linters' environment in $LINT_VENV"
    [ -x "$LINT_VENV/bin/python" ] || python3 -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install -q -r "$ROOT/requirements-lint.txt" 2>&1 | grep -v "^WARNING: Location" || true
    "$LINT_VENV/bin/ruff" --version >/dev/null || die "Installing the linters failed."
    echo "$want" > "$stamp"
}

pg_role() {
    psql -d postgres -U "$PGUSER" -tAc 'select 1' >/dev/null 2>&1 && return 0
    say "Creating PostgreSQL role '$PGUSER'"
    [ "$PGUSER" != postgres ] || die "Odoo refuses the database user 'postgres': set PGUSER to another role."
    psql -d postgres -U postgres -v ON_ERROR_STOP=1 -qc "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB" \
        || die "Cannot create role '$PGUSER' (PostgreSQL at $PGHOST:$PGPORT). Create it yourself: createuser -d $PGUSER"
}

odoo_conf() {
    # $1 = path of the config file to (re)write
    mkdir -p "$(dirname "$1")"
    cat > "$1" <<CONF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$ROOT
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = ${PGPASSWORD:-False}
data_dir = $STATE/filestore
CONF
}

odoo() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "$@"; }

addons_installed() {
    # true when database $1 exists with every addon of $ADDONS installed
    db_exists "$1" || return 1
    local n want
    want=$(tr ',' '\n' <<< "$ADDONS" | wc -l)
    n=$(psql -d "$1" -tAc "select count(*) from ir_module_module where state='installed' and name in ('${ADDONS//,/\',\'}')" 2>/dev/null || echo 0)
    [ "$n" = "$want" ]
}

missing_addons() {
    # the addons of $ADDONS not installed in database $1, comma-separated
    local installed a out=()
    installed=$(psql -d "$1" -tAc "select name from ir_module_module where state='installed'" 2>/dev/null || true)
    for a in ${ADDONS//,/ }; do
        grep -qx "$a" <<< "$installed" || out+=("$a")
    done
    (IFS=,; echo "${out[*]}")
}

db_exists() { psql -d postgres -tAc "select 1 from pg_database where datname='$1'" | grep -q 1; }

prepare() {
    check_odoo
    system_packages
    python_env
    pg_role
    mkdir -p "$STATE"
}
