# mpp db and the exit codes of cli.md: usage, database states, locks, permissions, I/O.
. "$(dirname "$0")/lib.sh"

# --- usage (64) and help (0)
run
expect_rc 64 "mpp alone is a usage error"
expect_err "Examples:" "mpp alone prints a short help with examples"
expect_no_out "mpp alone prints nothing on stdout"
run agency
expect_rc 64 "a noun alone is a usage error"
expect_err "add" "a noun alone lists its verbs"
run agnecy list
expect_rc 64 "unknown noun"
expect_err "unknown command 'agnecy' (did you mean 'agency'?)" "typo suggestion for a noun"
run agency lst
expect_err "did you mean 'list'?" "typo suggestion for a verb"
run agency list --limt 3
expect_rc 64 "unknown option"
expect_err "did you mean '--limit'?" "typo suggestion for an option"
run agency list --limit many
expect_rc 64 "bad option value"
run --help
expect_rc 0 "--help exits 0"
expect_out "Usage: mpp" "--help goes to stdout"
run agency add --help
expect_out "--upsert" "verb help lists its options"
run --version
expect_rc 0 "--version"
[[ "$out" =~ ^mpp\ [0-9]+\.[0-9]+\.[0-9]+\ \(SQLite\ 3\.[0-9.]+,\ schema\ [0-9]+\)$ ]] && pass || fail "version text"

# --- missing database (69), never created
run agency list
expect_rc 69 "a missing database is unusable"
expect_err "mpp db init" "the hint names db init"
[ ! -e "$MPP_DB" ] && pass || fail "no command but init creates the file"
run --db "$T/typo.db" agency add --code AA --name A --kind bank
expect_rc 69 "a mistyped --db is exit 69"
[ ! -e "$T/typo.db" ] && pass || fail "a mistyped --db creates nothing"

# --- init
run db init --office-name "MPP Kota Kupang" --office-code kpg --utc-offset +08:00
expect_rc 0 "db init"
expect_no_err "db init is silent when stderr is not a terminal"
expect_eq "$(stat -c %a "$MPP_DB")" "600" "database file mode 0600"
expect_eq "$(sql 'pragma application_id')" "1297109041" "application_id is MPP1"
expect_eq "$(sql "select value from setting where key='office.code'")" "KPG" "office code stored upper-case"
run db init
expect_rc 73 "db init refuses an existing path"
expect_err "already exists" "and says so"
run --db "$T/no/such/folder/x.db" db init
expect_rc 73 "db init in a missing folder"
run --db "$T/bad.db" db init --utc-offset WITA
expect_rc 65 "a bad --utc-offset is invalid data"
[ ! -e "$T/bad.db" ] && pass || fail "a failed init leaves no file"
run --db "$T/grp.db" db init --group "$(id -gn)"
expect_rc 0 "db init --group"
expect_eq "$(stat -c %a "$T/grp.db")" "660" "--group makes the file 0660"
run --db "$T/grp2.db" db init --group no-such-group-mpp
expect_rc 64 "db init --group with an unknown group"
[ ! -e "$T/grp2.db" ] && pass || fail "no file for an unknown group"
(umask 000 && "$MPP" --db "$T/umask.db" db init)
expect_eq "$(stat -c %a "$T/umask.db")" "600" "0600 regardless of umask"
run -v --db "$T/default-home.db" db init
expect_err "created" "-v shows the notice"
unset MPP_DB
run db init
expect_rc 0 "db init at the default XDG location creates its folder"
[ -f "$XDG_DATA_HOME/mpp/mpp.db" ] && pass || fail "default database path"
export MPP_DB=$T/test.db

# --- info
run db info --json
expect_rc 0 "db info"
expect_out '"key":"office.utc_offset","value":"+08:00"' "db info shows office settings"
schema=$("$MPP" --version | sed 's/.*schema \([0-9]*\).*/\1/')
expect_out "\"key\":\"schema\",\"value\":\"$schema\"" "db info shows the schema of this binary"

# --- foreign, empty, damaged and newer/older files (69)
printf 'hello, not sqlite at all %.0s' $(seq 1 300) >"$T/text.db"
run --db "$T/text.db" agency list
expect_rc 69 "a text file is not an mpp database"
expect_err "not an mpp database" "and says so"
: >"$T/empty.db"
run --db "$T/empty.db" agency list
expect_rc 69 "an empty file is not an mpp database"
sqlite3 "$T/other.db" 'create table t(x); insert into t values (1);'
run --db "$T/other.db" agency list
expect_rc 69 "another SQLite database is not an mpp database"
cp "$MPP_DB" "$T/newer.db"
sqlite3 "$T/newer.db" 'pragma user_version = 99'
run --db "$T/newer.db" agency list
expect_rc 69 "a newer schema is refused"
expect_err "newer than this mpp" "and says so"
sqlite3 "$T/older.db" 'pragma application_id = 1297109041; create table placeholder(x);'
run --db "$T/older.db" agency list
expect_rc 69 "an older schema is refused"
expect_err "mpp db migrate" "the hint names db migrate"
run --db "$T/older.db" db migrate -v
expect_rc 0 "db migrate"
expect_err "backup:" "migrate names its backup"
ls "$T"/older.db.schema0-*.bak >/dev/null 2>&1 && pass || fail "migrate made a backup first"
run --db "$T/older.db" agency list
expect_rc 0 "the migrated database opens"
run --db "$T/older.db" -v db migrate
expect_err "nothing to change" "migrating a current database changes nothing"

# --- check
run db check
expect_rc 0 "db check on a sound database"
for i in $(seq 1 300); do "$MPP" agency add --code "A$i" --name "Agency number $i with a long name" --kind bank; done
cp "$MPP_DB" "$T/damaged.db"
"$MPP" --db "$T/damaged.db" db check || fail "copy is sound before damage"
dd if=/dev/urandom of="$T/damaged.db" bs=4096 seek=3 count=4 conv=notrunc 2>/dev/null
run --db "$T/damaged.db" db check
expect_rc 69 "db check fails on a damaged database"

# --- backup
run db backup "$T/backup.db"
expect_rc 0 "db backup"
expect_eq "$(stat -c %a "$T/backup.db")" "600" "backup mode 0600"
expect_eq "$(sqlite3 "$T/backup.db" 'select count(*) from agency')" "300" "backup holds the data"
run db backup "$T/backup.db"
expect_rc 73 "backup refuses an existing file"
run db backup "$T/no/such/dir/b.db"
expect_rc 73 "backup into a missing folder"

# --- set (audited)
before=$(sql "select count(*) from audit where action='setting'")
run db set office.name "Mal Pelayanan Publik Kota Kupang"
expect_rc 0 "db set"
expect_eq "$(sql "select value from setting where key='office.name'")" "Mal Pelayanan Publik Kota Kupang" "setting stored"
expect_eq "$(sql "select count(*) from audit where action='setting'")" "$((before + 1))" "db set is audited"
run -v db set office.name "Mal Pelayanan Publik Kota Kupang"
expect_err "nothing to change" "the same value changes nothing"
expect_eq "$(sql "select count(*) from audit where action='setting'")" "$((before + 1))" "no audit row without a change"
run db set office.nmae x
expect_rc 64 "unknown setting"
expect_err "did you mean 'office.name'?" "suggests the key"
run db set reference.template "{office}-{yyyy}"
expect_rc 65 "a template without {seq:N} is refused"
run db set calendar.workweek "mon,tue,wed,thu,fri,sat"
expect_rc 0 "workweek with Saturday"

# --- busy (75): another process holds the write lock past the busy timeout
printf '[database]\nbusy_timeout_ms = 200\n' >"$T/short.toml"
fp=$(fingerprint)
( echo "BEGIN IMMEDIATE;"; sleep 2; echo "COMMIT;" ) | sqlite3 "$MPP_DB" &
locker=$!
sleep 0.5
run --config "$T/short.toml" agency add --code LOCKED --name Locked --kind bank
expect_rc 75 "a locked database is a temporary failure"
expect_err "locked" "and says so"
wait $locker
expect_eq "$(fingerprint)" "$fp" "nothing written while locked"
run --config "$T/short.toml" agency add --code LOCKED --name Locked --kind bank
expect_rc 0 "works once the lock is released"

# --- permissions (77), as an unprivileged user
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$MPP" "$@" >"$T/.out" 2>"$T/.err" </dev/null; rc=$?; out=$(cat "$T/.out"); err=$(cat "$T/.err"); }
  chmod 755 "$T"
  as_nobody agency list
  expect_rc 77 "a database the user cannot read"
  mkdir "$T/ro" && cp "$MPP_DB" "$T/ro/ro.db" && chmod 644 "$T/ro/ro.db" && chmod 755 "$T/ro"
  as_nobody --db "$T/ro/ro.db" agency add --code NOPE --name Nope --kind bank
  expect_rc 77 "a write to a read-only database"
  as_nobody --db "$T/ro/ro.db" agency list
  [ "$rc" -eq 0 ] || [ "$rc" -eq 77 ] && pass || fail "a read of a read-only database works or is 77"
  chmod 700 "$T"
else
  skip "permission checks need root and setpriv"
fi

# --- I/O error (74): stdout full
if [ -w /dev/full ]; then
  "$MPP" agency list >/dev/full 2>"$T/.err"
  rc=$?
  err=$(cat "$T/.err")
  expect_rc 74 "a full stdout is an I/O error"
else
  skip "/dev/full is not available"
fi

# --- -o FILE (atomic, 0600) and 73
run agency list --csv -o "$T/list.csv"
expect_rc 0 "-o FILE"
expect_no_out "-o leaves stdout empty"
expect_eq "$(stat -c %a "$T/list.csv")" "600" "output file mode 0600"
expect_eq "$(head -c 5 "$T/list.csv")" "code," "output file content"
run agency list -o "$T/missing/dir/x.csv"
expect_rc 73 "-o into a missing folder"
ls "$T"/.mpp-out-* >/dev/null 2>&1 && fail "no temporary file is left" || pass
finish
