# Registration scripts run in parallel: 8 loops of `agency add --upsert`, 200 calls in all.
. "$(dirname "$0")/lib.sh"
fresh_db
mkdir -p "$T/logs"
for loop in 1 2 3 4 5 6 7 8; do
  (
    for i in $(seq 1 25); do
      # Each loop registers 15 agencies of its own and re-registers 10 shared ones.
      if [ "$i" -le 15 ]; then
        code=$(printf 'L%d-A%02d' "$loop" "$i")
        name="Agency $loop/$i"
      else
        code=$(printf 'SHARED-%02d' $((i - 15)))
        name="Shared agency $((i - 15))"
      fi
      "$MPP" agency add --upsert --code "$code" --name "$name" --kind regional \
        --operator "loop$loop" >>"$T/logs/$loop.out" 2>>"$T/logs/$loop.err" || echo "exit $? for $code" >>"$T/logs/failures"
    done
  ) &
done
wait
[ ! -s "$T/logs/failures" ] && pass || { out=$(cat "$T/logs/failures"); fail "every upsert succeeded"; }
err=$(cat "$T"/logs/*.err)
[[ "$err" != *locked* ]] && pass || fail "no 'database is locked' failure"
expect_eq "$(sql 'select count(*) from agency')" "130" "8x15 own + 10 shared agencies"
expect_eq "$(sql "select count(*) from audit where entity='agency' and action='create'")" "130" "one create row per agency"
expect_eq "$(sql "select count(*) from audit where entity='agency' and action='update'")" "0" "re-registering the same values writes nothing"
expect_eq "$(sql "select count(distinct key) from audit where entity='agency'")" "130" "audit rows name each agency"
run db check
expect_rc 0 "database passes check after concurrent writes"

# 8 processes x 100 submits at once: 800 applications, 800 distinct references.
"$MPP" service add --code DUKCAPIL-KTP --agency SHARED-01 --name "KTP-el" --category civil_registry --sla-days 1
for p in 1 2 3 4 5 6 7 8; do
  (
    for i in $(seq 1 100); do
      "$MPP" application submit --service DUKCAPIL-KTP --name "Pemohon $p-$i" --nik 5371014107900001 \
        --operator "loket$p" >>"$T/logs/refs" 2>>"$T/logs/submit.err" || echo "exit $?" >>"$T/logs/submit-failures"
    done
  ) &
done
wait
[ ! -s "$T/logs/submit-failures" ] && pass || { out=$(cat "$T/logs/submit-failures" "$T/logs/submit.err" | head); fail "every submit succeeded"; }
expect_eq "$(wc -l <"$T/logs/refs")" "800" "800 references printed"
expect_eq "$(sort -u "$T/logs/refs" | wc -l)" "800" "800 distinct references"
expect_eq "$(sql 'select count(*) from application')" "800" "800 applications"
expect_eq "$(sql 'select count(distinct reference) from application')" "800" "no duplicate reference"
expect_eq "$(sql 'select max(reference) from application')" "KPG-202210-000800" "the sequence has no gaps"
finish
