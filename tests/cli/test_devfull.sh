# Standard output that cannot take the data (/dev/full): exit 74 for every printing path,
# including --help and --version. Skipped (ctest SKIP_RETURN_CODE 77) where /dev/full is absent.
. "$(dirname "$0")/lib.sh"
if [ ! -c /dev/full ]; then
  echo "skip: no /dev/full on this system"
  exit 77
fi
fresh_db
# full ARGS…: run mpp with stdout on /dev/full; sets rc and err.
full() {
  "$MPP" "$@" >/dev/full 2>"$T/.err" </dev/null
  rc=$?
  out=""
  err=$(cat "$T/.err")
}
for args in "-V" "--version" "--help" "agency --help" "db init --help"; do
  full $args
  expect_rc 74 "mpp $args > /dev/full"
  expect_err "cannot write to standard output" "mpp $args > /dev/full says so"
done
full agency list --format json
expect_rc 74 "a listing > /dev/full"
full db info
expect_rc 74 "db info > /dev/full"
finish
