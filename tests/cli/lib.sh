# Shared helpers of the CLI suites: a temporary home, the real binary, assertions.
# Each suite sources this file, runs checks, and ends with `finish`.
set -u
MPP=${MPP_BIN:?MPP_BIN must name the mpp binary}
SRC=${MPP_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/mpp-cli-XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 1
export HOME=$T/home XDG_CONFIG_HOME=$T/home/.config XDG_DATA_HOME=$T/home/.local/share
export MPP_DB=$T/test.db MPP_OPERATOR=tester MPP_NOW=2022-10-24T09:00:00+08:00
unset MPP_CONFIG MPP_FORMAT MPP_LANG NO_COLOR
mkdir -p "$HOME"
passes=0
fails=0
rc=0
out=""
err=""

# run ARGS…: run mpp; sets rc, out, err.
run() {
  "$MPP" "$@" >"$T/.out" 2>"$T/.err" </dev/null
  rc=$?
  out=$(cat "$T/.out")
  err=$(cat "$T/.err")
}
# run_in FILE ARGS…: run mpp with FILE on stdin.
run_in() {
  local input=$1
  shift
  "$MPP" "$@" >"$T/.out" 2>"$T/.err" <"$input"
  rc=$?
  out=$(cat "$T/.out")
  err=$(cat "$T/.err")
}
pass() { passes=$((passes + 1)); }
fail() {
  fails=$((fails + 1))
  printf 'FAIL: %s\n  exit: %s\n  stdout: %.600s\n  stderr: %.600s\n' "$1" "$rc" "$out" "$err"
}
expect_rc() { [ "$rc" -eq "$1" ] && pass || fail "$2 (expected exit $1)"; }
expect_out() { [[ "$out" == *"$1"* ]] && pass || fail "$2 (stdout lacks: $1)"; }
expect_err() { [[ "$err" == *"$1"* ]] && pass || fail "$2 (stderr lacks: $1)"; }
expect_no_out() { [ -z "$out" ] && pass || fail "$1 (stdout not empty)"; }
expect_no_err() { [ -z "$err" ] && pass || fail "$1 (stderr not empty)"; }
expect_eq() { [ "$1" == "$2" ] && pass || fail "$3 (expected '$2', got '$1')"; }
# sql QUERY: ask the database directly (read-only).
sql() { sqlite3 -readonly "$MPP_DB" "$1"; }
# fingerprint: a digest of the whole database content, to prove nothing changed.
fingerprint() { sqlite3 -readonly "${1:-$MPP_DB}" .dump | sha256sum | cut -c1-16; }
# fresh_db [ARGS]: a new database for the Kupang office.
fresh_db() {
  rm -f "$MPP_DB" "$MPP_DB-wal" "$MPP_DB-shm"
  "$MPP" db init --office-code KPG --utc-offset +08:00 "$@" >/dev/null 2>&1 || { echo "db init failed"; exit 1; }
}
# kupang_catalogue: a fresh database holding the Kupang example's agencies and services.
kupang_catalogue() {
  fresh_db
  "$MPP" agency import "$SRC/examples/kupang/agencies.csv" 2>/dev/null || { echo "agency import failed"; exit 1; }
  "$MPP" service import "$SRC/examples/kupang/services.csv" 2>/dev/null || { echo "service import failed"; exit 1; }
}
# csv NAME LINE…: write a CSV file with CRLF line ends.
csv() {
  local name=$1
  shift
  printf '%s\r\n' "$@" >"$T/$name"
}
# skip REASON: a part of the suite cannot run here; the suite then ends as skipped (unless a
# check failed), never as passed. skip_suite REASON: nothing can run; end now as skipped.
SKIP_CODE=77 # ctest's SKIP_RETURN_CODE (tests/CMakeLists.txt)
skipped=""
skip() {
  echo "skip: $1"
  skipped="$skipped${skipped:+; }$1"
}
skip_suite() {
  echo "skip: $1"
  exit "$SKIP_CODE"
}
finish() {
  echo "$passes passed, $fails failed${skipped:+, skipped: $skipped}"
  [ "$fails" -eq 0 ] || exit 1
  [ -z "$skipped" ] || exit "$SKIP_CODE"
  exit 0
}
