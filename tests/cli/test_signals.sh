# SIGINT and SIGTERM during a long import roll back and exit 130 / 143.
. "$(dirname "$0")/lib.sh"
fresh_db
# The files below carry October 2022; they are imported after it.
export MPP_NOW=2022-11-01T08:00:00+08:00
awk 'BEGIN { print "code,name,kind"; for (i = 0; i < 1500000; i++) printf "A%07d,Agency number %d,bank\n", i, i }' >"$T/big.csv"
fp=$(fingerprint)
for sig in INT TERM; do
  "$MPP" agency import "$T/big.csv" >/dev/null 2>"$T/.err" &
  pid=$!
  sleep 1
  kill -s "$sig" "$pid"
  wait "$pid"
  rc=$?
  err=$(cat "$T/.err")
  [ "$sig" = INT ] && expect_rc 130 "SIGINT" || expect_rc 143 "SIGTERM"
  expect_err "interrupted" "SIG$sig: says so"
  expect_eq "$(fingerprint)" "$fp" "SIG$sig: nothing written"
done
run db check
expect_rc 0 "the database passes db check"

# Ctrl-C while waiting for another writer's lock ends the wait at once.
( echo "BEGIN IMMEDIATE;"; sleep 4; echo "COMMIT;" ) | sqlite3 "$MPP_DB" &
locker=$!
sleep 0.5
start=$(date +%s%N)
"$MPP" agency add --code WAITING --name Waiting --kind bank 2>"$T/.err" &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"
rc=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
err=$(cat "$T/.err")
expect_rc 130 "SIGINT during a lock wait"
[ "$elapsed_ms" -lt 2500 ] && pass || fail "the lock wait ends promptly (took ${elapsed_ms} ms)"
wait "$locker"
expect_eq "$(sql "select count(*) from agency where code='WAITING'")" "0" "nothing written"

# kill_during_import NOUN FILE TABLE ROWS: kill -9 an import part-way, then check that the
# database is whole with none of its rows, and that the re-run loads every row.
kill_during_import() {
  local noun=$1 file=$2 table=$3 rows=$4
  "$MPP" "$noun" import "$file" >/dev/null 2>&1 &
  local pid=$!
  sleep 1
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  run db check
  expect_rc 0 "after kill -9 of a $noun import the database passes db check"
  expect_eq "$(sql "select count(*) from $table")" "0" "after kill -9 none of its rows is present"
  expect_eq "$(sql "select count(*) from batch where noun='$noun'")" "0" "and no batch"
  run "$noun" import "$file"
  expect_rc 0 "the re-run of the $noun import succeeds"
  expect_eq "$(sql "select count(*) from $table")" "$rows" "with every row"
}

# kill -9: the journal keeps the database whole.
kill_during_import agency "$T/big.csv" agency 1500000

# kill -9 during an application import of a few hundred thousand rows.
"$MPP" agency add --code DUKCAPIL --name Dukcapil --kind regional
"$MPP" service add --code DUKCAPIL-KTP --agency DUKCAPIL --name "KTP-el" --category civil_registry --sla-days 1
awk 'BEGIN { print "reference;service;applicant_name;nik;submitted_at;status;decided_at";
  for (i = 1; i <= 300000; i++) { d = 1 + (i % 28);
    printf "SC-%07d;DUKCAPIL-KTP;Pemohon %d;53710%d%02d10%02d%04d;%02d/10/2022 09:%02d;selesai;%02d/10/2022 15:00\n",
      i, i, (i % 9) + 1, d, 50 + (i % 40), 1 + (i % 9998), d, i % 60, d } }' >"$T/apps.csv"
kill_during_import application "$T/apps.csv" application 300000

# SIGTERM while writing -o FILE leaves neither the file nor its temporary.
for delay in 0.3 0.8 1.5; do
  "$MPP" application list --csv -o "$T/list.csv" 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"
  rc=$?
  [ "$rc" -eq 143 ] || [ "$rc" -eq 0 ] && pass || fail "SIGTERM during -o ($delay s): exit 143 (or 0 when done)"
  ls "$T"/.mpp-out-* >/dev/null 2>&1 && fail "no temporary file left after SIGTERM ($delay s)" || pass
  [ "$rc" -eq 0 ] || [ ! -e "$T/list.csv" ] && pass || fail "no half-written output ($delay s)"
  rm -f "$T/list.csv"
done

# no_stage WHAT: no staging folder or temporary file is left in $T.
no_stage() { ls -A "$T" | grep -q '^\.mpp-' && fail "$1: a temporary is left: $(ls -A "$T" | grep '^\.mpp-')" || pass; }

# SIGINT / SIGTERM during db backup leave no copy, partial or whole, and no temporary.
for delay in 0.1 0.4 1; do
  for sig in INT TERM; do
    rm -f "$T/backup.db"
    "$MPP" db backup "$T/backup.db" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid"
    rc=$?
    [ "$rc" -eq 0 ] || [ "$rc" -eq $((128 + $(kill -l "$sig"))) ] && pass || fail "SIG$sig during db backup ($delay s): exit $rc"
    [ "$rc" -eq 0 ] || [ ! -e "$T/backup.db" ] && pass || fail "SIG$sig during db backup ($delay s) leaves no copy"
    no_stage "SIG$sig during db backup ($delay s)"
  done
done
run db check
expect_rc 0 "the database passes db check after interrupted backups"

# Ctrl-C during db init: the database appears complete or not at all.
for delay in 0.01 0.03 0.06 0.1 0.2; do
  rm -f "$T/new.db"
  "$MPP" --db "$T/new.db" db init --office-code KPG 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -INT "$pid" 2>/dev/null
  wait "$pid"
  rc=$?
  [ "$rc" -eq 0 ] || [ "$rc" -eq 130 ] && pass || fail "SIGINT during db init ($delay s): exit $rc"
  # Complete or not at all (the signal may land after the file was linked into place).
  if [ -e "$T/new.db" ]; then
    "$MPP" --db "$T/new.db" db check >/dev/null 2>&1 && pass || fail "db init ($delay s) left a half-made database"
  else
    expect_rc 130 "SIGINT during db init ($delay s): no file, so it was interrupted"
  fi
  no_stage "SIGINT during db init ($delay s)"
done

# An input truncated, grown or replaced while it is imported: exit 66, nothing written.
fp=$(fingerprint)
for change in truncate grow replace; do
  cp "$T/big.csv" "$T/moving.csv"
  sed -i 's/^A/B/' "$T/moving.csv"
  "$MPP" agency import "$T/moving.csv" >/dev/null 2>"$T/.err" &
  pid=$!
  sleep 0.5
  case $change in
    truncate) truncate -s 2000000 "$T/moving.csv" ;;
    grow) printf 'Z0000001,Late,bank\n' >>"$T/moving.csv" ;;
    replace) head -c 3000000 "$T/big.csv" >"$T/other.csv" && mv "$T/other.csv" "$T/moving.csv" ;;
  esac
  wait "$pid"
  rc=$?
  err=$(cat "$T/.err")
  expect_rc 66 "an input $change-d while it is imported"
  expect_err "changed while it was read" "$change: says so"
  expect_eq "$(fingerprint)" "$fp" "$change: nothing written"
done
finish
