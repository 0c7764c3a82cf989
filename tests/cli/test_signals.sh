# SIGINT and SIGTERM during a long import roll back and exit 130 / 143.
. "$(dirname "$0")/lib.sh"
fresh_db
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

# kill -9: the journal keeps the database whole.
"$MPP" agency import "$T/big.csv" >/dev/null 2>&1 &
pid=$!
sleep 1
kill -9 "$pid"
wait "$pid" 2>/dev/null
run db check
expect_rc 0 "after kill -9 the database passes db check"
expect_eq "$(sql 'select count(*) from agency')" "0" "after kill -9 none of the rows is present"
run agency import "$T/big.csv"
expect_rc 0 "the re-run succeeds"
expect_eq "$(sql 'select count(*) from agency')" "1500000" "with every row"

# kill -9 during an application import of a few hundred thousand rows.
"$MPP" agency add --code DUKCAPIL --name Dukcapil --kind regional
"$MPP" service add --code DUKCAPIL-KTP --agency DUKCAPIL --name "KTP-el" --category civil_registry --sla-days 1
awk 'BEGIN { print "reference;service;applicant_name;nik;submitted_at;status;decided_at";
  for (i = 1; i <= 300000; i++) { d = 1 + (i % 28);
    printf "SC-%07d;DUKCAPIL-KTP;Pemohon %d;53710%d%02d10%02d%04d;%02d/10/2022 09:%02d;selesai;%02d/10/2022 15:00\n",
      i, i, (i % 9) + 1, d, 50 + (i % 40), 1 + (i % 9998), d, i % 60, d } }' >"$T/apps.csv"
"$MPP" application import "$T/apps.csv" >/dev/null 2>&1 &
pid=$!
sleep 1.5
kill -9 "$pid"
wait "$pid" 2>/dev/null
run db check
expect_rc 0 "after kill -9 of an application import the database passes db check"
expect_eq "$(sql 'select count(*) from application')" "0" "none of its rows is present"
expect_eq "$(sql "select count(*) from batch where noun='application'")" "0" "and no batch"
run application import "$T/apps.csv"
expect_rc 0 "the re-run succeeds"
expect_eq "$(sql 'select count(*) from application')" "300000" "with every row"

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
finish
