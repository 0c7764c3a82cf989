# Output files (cli.md "Output files"): -o, --rejects and db backup refuse the database, its
# WAL, the input, devices, FIFOs and folders (73) before anything is written; files are written
# aside and moved into place whole; a closed pipe ends a read quietly; limits of the readers.
. "$(dirname "$0")/lib.sh"
fresh_db
"$MPP" agency import "$SRC/examples/kupang/agencies.csv"
"$MPP" service import "$SRC/examples/kupang/services.csv"
"$MPP" application import "$SRC/examples/kupang/applications-2022-10.csv"
digest() { sha256sum "$1" | cut -c1-16; }
# no_leftovers WHAT: no temporary file or staging folder is left next to the database.
no_leftovers() {
  local left
  left=$(ls -A "$T" | grep '^\.mpp-')
  [ -z "$left" ] && pass || fail "$1: leftovers: $left"
}
# intact WHAT: the database is byte-for-byte as before and passes db check.
intact() {
  expect_eq "$(digest "$MPP_DB")" "$db_sum" "$1: the database file is untouched"
  "$MPP" db check >/dev/null 2>&1 && pass || fail "$1: db check passes"
  no_leftovers "$1"
}
"$MPP" db check >/dev/null 2>&1   # checkpoint: the file is complete on its own
db_sum=$(digest "$MPP_DB")

# --- -o naming the database by any name, its companions, a device, a FIFO, a folder
ln -s "$MPP_DB" "$T/link.db"
ln "$MPP_DB" "$T/hard.db"
mkfifo "$T/fifo"
mkdir "$T/folder"
# A device reached through a link of our own: should a bug rename over it, only the link goes.
ln -s /dev/null "$T/device"
for target in "$MPP_DB" "$T/link.db" "$T/hard.db" "$T/./test.db" "$MPP_DB-wal" "$MPP_DB-shm" \
  "$T/device" "$T/fifo" "$T/folder"; do
  run application export -o "$target"
  expect_rc 73 "export -o $target is refused"
  expect_err "refusing to write" "export -o $target says why"
  intact "export -o $target"
done
[ -p "$T/fifo" ] && [ -d "$T/folder" ] && [ -c "$T/device" ] && [ ! -e "$MPP_DB-wal" ] && pass || fail "the FIFO, the folder, the device stay; no -wal made"
run application list -o "$T/link.db"
expect_rc 73 "list -o a symlink to the database"
run report monthly --month 2022-10 -o "$MPP_DB"
expect_rc 73 "report -o the database"
intact "report -o the database"

# --- --rejects naming the database or the input (by a hard link, or as stdin)
csv bad.csv "code,name,kind" "OK1,Good,bank" "BAD,Bad,nonsense"
ln "$T/bad.csv" "$T/bad-link.csv"
in_sum=$(digest "$T/bad.csv")
for target in "$MPP_DB" "$MPP_DB-wal" "$T/bad.csv" "$T/bad-link.csv" "$T/fifo"; do
  run agency import "$T/bad.csv" --skip-invalid --rejects "$target"
  expect_rc 73 "--rejects $target is refused"
  expect_eq "$(digest "$T/bad.csv")" "$in_sum" "--rejects $target: the input is untouched"
  intact "--rejects $target"
done
run_in "$T/bad.csv" agency import - --skip-invalid --rejects "$T/bad-link.csv"
expect_rc 73 "--rejects naming the file on stdin is refused"
expect_eq "$(digest "$T/bad.csv")" "$in_sum" "stdin input untouched"
run agency import "$T/bad.csv" --rejects "$T/rejects.csv"
expect_rc 64 "--rejects without --skip-invalid is a usage error"
expect_err "--rejects needs --skip-invalid" "and says so"
[ ! -e "$T/rejects.csv" ] && pass || fail "no rejects file without --skip-invalid"
run agency import "$T/bad.csv" --skip-invalid --rejects "$T/rejects.csv"
expect_rc 65 "a valid --rejects target works"
expect_eq "$(stat -c %a "$T/rejects.csv")" "600" "rejects file mode 0600"
expect_eq "$(sed -n 2p "$T/rejects.csv" | cut -d, -f1)" "BAD" "the rejected row is in it"
"$MPP" db check >/dev/null 2>&1
db_sum=$(digest "$MPP_DB")

# --- db backup onto the database, its companions, a device, a FIFO, a folder
for target in "$MPP_DB" "$T/hard.db" "$MPP_DB-wal" "$MPP_DB-shm" "$T/device" "$T/fifo" "$T/folder"; do
  run db backup "$target"
  expect_rc 73 "db backup $target is refused"
  intact "db backup $target"
done
# A -wal that does not exist before the command is still the database's: a backup there would
# be read by SQLite as the database's journal.
"$MPP" --db "$T/solo.db" db init >/dev/null 2>&1
[ ! -e "$T/solo.db-wal" ] && pass || fail "no -wal is left once mpp has closed the database"
run --db "$T/solo.db" db backup "$T/solo.db-wal"
expect_rc 73 "db backup onto a -wal that does not exist yet is refused"
[ ! -e "$T/solo.db-wal" ] && pass || fail "and nothing is written there"
run db backup "$T/copy.db"
expect_rc 0 "db backup to a new file"
expect_eq "$(stat -c %a "$T/copy.db")" "600" "the backup is mode 0600"
expect_eq "$(fingerprint "$T/copy.db")" "$(fingerprint)" "the backup holds the same data"
no_leftovers "db backup"
run db backup "$T/copy.db"
expect_rc 73 "db backup never overwrites a file"

# --- modes: personal data 0600 whatever the umask, aggregate reports follow it
(umask 000; "$MPP" application list --csv -o "$T/list.csv")
expect_eq "$(stat -c %a "$T/list.csv")" "600" "a listing is 0600 under umask 000"
(umask 022; "$MPP" report monthly --month 2022-10 --format markdown -o "$T/report.md")
expect_eq "$(stat -c %a "$T/report.md")" "644" "an aggregate report follows umask 022"
(umask 027; "$MPP" report monthly --month 2022-10 --format markdown -o "$T/report2.md")
expect_eq "$(stat -c %a "$T/report2.md")" "640" "an aggregate report follows umask 027"
group=$(id -gn)
"$MPP" --db "$T/shared.db" db init --office-code KPG --group "$group" >/dev/null 2>&1
expect_eq "$(stat -c %a "$T/shared.db")" "660" "a --group database is 0660"
"$MPP" --db "$T/shared.db" agency list --csv -o "$T/shared-list.csv"
expect_eq "$(stat -c '%a %G' "$T/shared-list.csv")" "660 $group" "a listing of a --group database is 0660, its group"
"$MPP" --db "$T/shared.db" db backup "$T/shared-copy.db"
expect_eq "$(stat -c '%a %G' "$T/shared-copy.db")" "660 $group" "so is its backup"

# --- a reader that closes the pipe early ends a read-only command quietly
# (20,000 agencies: far more than a pipe's buffer, so mpp is still writing when head leaves)
awk 'BEGIN { print "code,name,kind"; for (i = 0; i < 20000; i++) printf "P%06d,Agency number %d,bank\n", i, i }' >"$T/many.csv"
"$MPP" --db "$T/pipe.db" db init >/dev/null 2>&1
"$MPP" --db "$T/pipe.db" agency import "$T/many.csv" >/dev/null 2>&1
for fmt in json csv table; do
  "$MPP" --db "$T/pipe.db" agency list --format "$fmt" 2>"$T/.err" | head -c 100 >/dev/null
  rc=${PIPESTATUS[0]}
  err=$(cat "$T/.err")
  out=""
  expect_rc 0 "list --format $fmt | head ends quietly"
  expect_no_err "list --format $fmt | head prints no error"
done

# --- db init: never over an existing path, nothing left on a full disk
run --db "$T/hard.db" db init --office-code KPG
expect_rc 73 "db init on an existing path"
(ulimit -f 40; "$MPP" --db "$T/full.db" db init --office-code KPG >"$T/.out" 2>"$T/.err")
rc=$?
err=$(cat "$T/.err")
expect_rc 74 "db init on a full disk (file-size limit) is an I/O error"
[ ! -e "$T/full.db" ] && pass || fail "db init on a full disk leaves no file"
no_leftovers "db init on a full disk"

# --- config files: a folder, a device, a huge file
run --config "$T/folder" db info
expect_rc 78 "--config a folder"
expect_err "not a regular file" "says why"
run --config /dev/zero db info
expect_rc 78 "--config /dev/zero is refused, not read forever"
expect_err "not a regular file" "says why"
head -c 2000000 /dev/zero | tr '\0' '#' >"$T/huge.toml"
run --config "$T/huge.toml" db info
expect_rc 78 "--config larger than 1 MiB"
expect_err "larger than 1 MiB" "says the limit"

# --- a line of 40 MB of delimiters is refused within the record limit, memory flat
{ echo "code,name,kind"; head -c 40000000 /dev/zero | tr '\0' ','; echo; } >"$T/commas.csv"
fp=$(fingerprint)
(ulimit -v 400000; "$MPP" agency import "$T/commas.csv" >"$T/.out" 2>"$T/.err")
rc=$?
err=$(cat "$T/.err")
expect_rc 65 "40 MB of commas is invalid data (within 400 MB of memory)"
expect_err "record is longer than 1024 KiB" "names the record limit"
expect_eq "$(fingerprint)" "$fp" "nothing written"

# --- option values out of range say the range in words (64)
run application list --limit -1
expect_rc 64 "--limit -1"
expect_err "--limit: must be 0 or more" "says the range"
run application list --limit abc
expect_rc 64 "--limit abc"
expect_err "--limit: 'abc' is not a whole number" "says it is not a number"
run application list --limit 99999999999999999999
expect_rc 64 "--limit beyond a 64-bit number"
expect_err "--limit: '99999999999999999999' is too large" "says it is too large"
run application list --limit 12x
expect_rc 64 "--limit 12x"
expect_err "--limit: '12x' is not a whole number" "trailing characters"
run calendar list --year 99999999999999999999
expect_rc 64 "--year beyond a 64-bit number"
expect_err "--year: '99999999999999999999' is too large" "every whole-number option"
run calendar list --year abc
expect_rc 64 "--year abc"
expect_err "--year: 'abc' is not a whole number" "says what a year is"
run agency import "$T/bad.csv" --max-errors -1
expect_rc 64 "--max-errors -1"
expect_err "--max-errors: must be 0 or more" "says the range"
run agency import "$T/bad.csv" --delimiter ''
expect_rc 64 "--delimiter ''"
expect_err "--delimiter: expected , ; tab or |" "names the delimiters"

# --- a problem with the database is reported first, even with a date option to read (69)
for args in "report summary --from x --to y" "report overdue --as-of 2022-02-30" \
  "application submit --service X --name A --nik 5371014107900001 --at 2022-13-01" \
  "calendar workdays 2022-01-01 x" "agency deactivate X --at q" "application list --from q"; do
  run --db "$T/missing.db" $args
  expect_rc 69 "$args on a missing database"
done
finish
