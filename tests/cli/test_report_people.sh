# The monthly report for people (reports.md "For the people who read it"): channels, the
# headline box against the previous month and year, the twelve-month trend, the overdue list,
# --agency and the signature settings — every figure against an independent count of the
# generated rows (tests/cli/people_oracle.py), never against mpp's own output.
. "$(dirname "$0")/lib.sh"
ORACLE=$SRC/tests/cli/people_oracle.py
kupang_catalogue
python3 "$ORACLE" generate 4000 7 >"$T/apps.csv"
MPP_NOW=2023-03-01T08:00:00+08:00 run application import "$T/apps.csv"
expect_rc 0 "4,000 generated applications over two years"
export MPP_NOW=2023-03-01T08:00:00+08:00 SOURCE_DATE_EPOCH=1677628800
has_jsonschema=$(python3 -c 'import jsonschema' 2>/dev/null && echo yes)
validate() { # validate FILE: the JSON against schemas/report.schema.json
  [ -z "$has_jsonschema" ] && return 0
  python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
    "$1" "$SRC/schemas/report.schema.json"
}
# field JSON EXPR: a python expression over the document `d`.
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# Channels: per service, the generated rows of October 2022 by channel (Loket -> counter,
# Daring/online -> online, jemput_bola -> outreach); the three add up to received.
"$MPP" report monthly --month 2022-10 --csv >"$T/oct.csv"
python3 "$ORACLE" month "$T/apps.csv" 2022-10 >"$T/oct.want"
got=$(python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["level"] == "service" and int(r["received"]):
        print(r["service_code"], r["received_counter"], r["received_online"], r["received_outreach"])' "$T/oct.csv" | LC_ALL=C sort)
expect_eq "$got" "$(tail -n +2 "$T/oct.want" | LC_ALL=C sort)" "received by channel per service"
expect_eq "$(head -1 "$T/oct.csv" | tr -d '\r' | tr ',' '\n' | tail -3 | tr '\n' ' ')" "received_counter received_online received_outreach " \
  "the channel columns come last"
expect_eq "$(head -1 "$T/oct.csv" | cut -d, -f1-7)" "level,agency_code,agency_name,service_code,service_name,carried_in,received" \
  "the earlier columns keep their place"
want_total=$(tail -n +2 "$T/oct.want" | awk '{c += $2; o += $3; u += $4} END {print c, o, u}')
expect_eq "$(grep '^total,' "$T/oct.csv" | tr -d '\r' | awk -F, '{print $(NF-2), $(NF-1), $NF}')" "$want_total" "the MPP total by channel"
"$MPP" report monthly --month 2022-10 --format tsv | head -1 | grep -q "received_outreach" && pass || fail "tsv has the channel columns"
"$MPP" report monthly --month 2022-10 --format ndjson | tail -1 | grep -q '"received_online":' && pass || fail "ndjson has the channel columns"

# The JSON: the headline against September 2022 and October 2021, the trend, the overdue list.
"$MPP" report monthly --month 2022-10 --json >"$T/oct.json"
validate "$T/oct.json" && pass || fail "the monthly json validates against the schema"
read -r received decided open <<<"$(head -1 "$T/oct.want")"
expect_eq "$(field "$T/oct.json" '[d["headline"][k] for k in ("received", "decided", "open")]')" "[$received, $decided, $open]" \
  "headline: received, decided, open at the end of October"
read -r received decided open <<<"$(python3 "$ORACLE" month "$T/apps.csv" 2022-09 | head -1)"
expect_eq "$(field "$T/oct.json" '[d["headline"]["previous_month"][k] for k in ("received", "decided", "open")]')" "[$received, $decided, $open]" \
  "headline: the previous month is September 2022"
read -r received decided open <<<"$(python3 "$ORACLE" month "$T/apps.csv" 2021-10 | head -1)"
expect_eq "$(field "$T/oct.json" '[d["headline"]["previous_year"][k] for k in ("received", "decided", "open")]')" "[$received, $decided, $open]" \
  "headline: the previous year is October 2021"
expect_eq "$(field "$T/oct.json" 'd["headline"]["visits"], d["headline"]["ikm_converted"], d["headline"]["complaints_open"]')" "None None None" \
  "headline: measures never recorded are absent"
expect_eq "$(field "$T/oct.json" 'd["headline"]["overdue"] == d["totals"]["overdue_open"] and d["headline"]["on_time_pct"] == d["totals"]["on_time_pct"]')" "True" \
  "headline: overdue and on-time % are the total row's"
"$MPP" report monthly --month 2022-09 --json >"$T/sep.json"
expect_eq "$(field "$T/oct.json" 'd["headline"]["previous_month"]["on_time_pct"], d["headline"]["previous_month"]["overdue"]')" \
  "$(field "$T/sep.json" 'd["totals"]["on_time_pct"], d["totals"]["overdue_open"]')" "headline: September's on-time % and overdue as in its own report"
expect_eq "$(field "$T/oct.json" '"\n".join(" ".join(str(t[k]) for k in ("month", "received", "decided")) for t in d["trend"])')" \
  "$(python3 "$ORACLE" trend "$T/apps.csv" 2022-10)" "trend: twelve months ending with October 2022"
# February 2021, the first month: no data a month or a year before; the trend starts with zeros.
"$MPP" report monthly --month 2021-02 --json >"$T/feb.json"
validate "$T/feb.json" && pass || fail "february's json validates"
expect_eq "$(field "$T/feb.json" 'd["headline"]["previous_month"], d["headline"]["previous_year"]')" "None None" \
  "no data a month or a year earlier: null"
expect_eq "$(field "$T/feb.json" '"\n".join(" ".join(str(t[k]) for k in ("month", "received", "decided")) for t in d["trend"])')" \
  "$(python3 "$ORACLE" trend "$T/apps.csv" 2021-02)" "trend: zeros before any data, always 12"

# The overdue list on 31 October 2022: the 200 most overdue (working days past due, then the
# earlier submission), and how many more — together the total's overdue_open.
python3 "$ORACLE" overdue "$MPP_DB" 2022-10-31 >"$T/overdue.want"
all=$(wc -l <"$T/overdue.want")
[ "$all" -gt 200 ] && pass || fail "the generated data has more than 200 overdue ($all)"
expect_eq "$(field "$T/oct.json" 'len(d["overdue_list"]), d["overdue_more"], d["totals"]["overdue_open"]')" "200 $((all - 200)) $all" \
  "200 listed, the rest counted"
expect_eq "$(field "$T/oct.json" '"\n".join(o["reference"] + " " + str(o["days_overdue"]) for o in d["overdue_list"])')" \
  "$(head -200 "$T/overdue.want")" "the list: most overdue first, cut at 200"
! grep -q "Pemohon [0-9]" "$T/oct.json" && pass || fail "the json overdue list has no name"
expect_eq "$(field "$T/oct.json" 'all("*" in o["nik"] for o in d["overdue_list"])')" "True" "the NIK is masked"
# Years back: June 2021, fewer than 200.
"$MPP" report monthly --month 2021-06 --json >"$T/jun.json"
python3 "$ORACLE" overdue "$MPP_DB" 2021-06-30 >"$T/jun.want"
expect_eq "$(field "$T/jun.json" '"\n".join(o["reference"] + " " + str(o["days_overdue"]) for o in d["overdue_list"])')" \
  "$(head -200 "$T/jun.want")" "June 2021: the overdue list years back"
"$MPP" report monthly --month 2022-10 --json --no-overdue-list >"$T/nolist.json"
validate "$T/nolist.json" && pass || fail "--no-overdue-list validates"
expect_eq "$(field "$T/nolist.json" 'd["overdue_list"], d["overdue_more"], d["totals"]["overdue_open"]')" "None None $all" \
  "--no-overdue-list leaves the list out, not the figure"

# --agency: one agency's rows and subtotal, no MPP total; its own headline, trend and list.
run report monthly --month 2022-10 --agency dukcapil --csv
expect_rc 0 "--agency in any case"
expect_eq "$(printf '%s\n' "$out" | tail -n +2)" "$(grep -E '^(service|agency),DUKCAPIL,' "$T/oct.csv")" \
  "only DUKCAPIL's service rows and subtotal, as in the full report; no total"
"$MPP" report monthly --month 2022-10 --agency DUKCAPIL --json >"$T/dk.json"
validate "$T/dk.json" && pass || fail "the agency json validates"
dk_received=$(awk '$1 ~ /^DUKCAPIL-/ {n += $2 + $3 + $4} END {print n}' "$T/oct.want")
expect_eq "$(field "$T/dk.json" 'd["agency"], d["headline"]["received"], d["mpp_itself"]')" "DUKCAPIL $dk_received None" \
  "the agency's own headline"
dk_trend=$(python3 -c 'import csv,sys
from collections import Counter
c = Counter(r["submitted_at"][6:10] + "-" + r["submitted_at"][3:5] for r in csv.DictReader(open(sys.argv[1])) if r["service"].startswith("DUKCAPIL-"))
print(" ".join(str(c[f"{y}-{m:02d}"]) for y, m in [(2021, 11), (2021, 12)] + [(2022, k) for k in range(1, 11)]))' "$T/apps.csv")
expect_eq "$(field "$T/dk.json" '" ".join(str(t["received"]) for t in d["trend"])')" "$dk_trend" "the agency's own trend"
python3 "$ORACLE" overdue "$MPP_DB" 2022-10-31 DUKCAPIL >"$T/dk.want"
expect_eq "$(field "$T/dk.json" '"\n".join(o["reference"] for o in d["overdue_list"])')" "$(head -200 "$T/dk.want" | cut -d' ' -f1)" \
  "the agency's own overdue list"
run report monthly --month 2022-10 --agency NOPE
expect_rc 65 "an unknown agency"
expect_err "NOPE" "names the code"
run report summary --from 2022-10-01 --to 2022-12-31 --agency DUKCAPIL --csv
expect_eq "$(printf '%s\n' "$out" | grep -c '^total,')" "0" "summary --agency: no MPP total"

# Channel changes move the count: an import that changes a channel, a correction.
ref=$(awk -F, 'NR > 1 && $5 == "Loket" && $6 ~ /\/10\/2022/ {print $1; exit}' "$T/apps.csv")
svc=$(awk -F, -v r="$ref" '$1 == r {print $2}' "$T/apps.csv")
awk -F, -v OFS=, -v r="$ref" 'NR == 1 || $1 == r { if ($1 == r) $5 = "Daring"; print }' "$T/apps.csv" >"$T/change.csv"
channels() { "$MPP" report monthly --month 2022-10 --csv | tr -d '\r' | awk -F, -v s="$svc" '$4 == s {print $(NF-2), $(NF-1), $NF}'; }
before=$(channels)
run application import "$T/change.csv" --on-conflict update
expect_rc 0 "an import that changes a channel"
read -r c o u <<<"$before"
expect_eq "$(channels)" "$((c - 1)) $((o + 1)) $u" "the import moved one from counter to online"
run application correct "$ref" --channel jemput_bola --reason "petugas jemput bola"
expect_rc 0 "a channel correction"
expect_eq "$(channels)" "$((c - 1)) $o $((u + 1))" "the correction moved it from online to outreach"
run db check
expect_rc 0 "db check: the channel tallies agree after the changes"

# db check finds a channel tally edited behind mpp's back.
sqlite3 "$MPP_DB" "UPDATE report_day SET received_counter = received_counter + 1, received_online = received_online - 1
  WHERE (service_id, day) = (SELECT service_id, day FROM report_day WHERE received_online > 0 LIMIT 1)"
run db check
[ "$rc" -ne 0 ] && pass || fail "db check finds a wrong channel tally"
expect_err "report tallies: service" "and says so"
run db check --repair
run db check
expect_rc 0 "--repair rebuilds it"

# A schema-7 database gets the channel tallies on migrate, in one grouped pass.
"$MPP" report monthly --month 2022-10 --csv >"$T/before.csv"
"$MPP" db backup "$T/v7.db"
sqlite3 "$T/v7.db" "ALTER TABLE report_day DROP COLUMN received_counter; ALTER TABLE report_day DROP COLUMN received_online;
  ALTER TABLE report_day DROP COLUMN received_outreach; DELETE FROM setting WHERE key LIKE 'report.%'; PRAGMA user_version = 7;"
run --db "$T/v7.db" db migrate
expect_rc 0 "schema 7 migrates to 8"
run --db "$T/v7.db" report monthly --month 2022-10 --csv
expect_eq "$out" "$(cat "$T/before.csv")" "the migrated database counts the same channels"
run --db "$T/v7.db" db check
expect_rc 0 "and its channel tallies agree"

# The signature settings: free text, audited, empty unsets.
run db set report.signatory_name "Drs. Yohanes Bria, M.Si"
expect_rc 0 "db set report.signatory_name"
run db set report.place Kupang
run db info --json
expect_out '{"key":"report.signatory_name","value":"Drs. Yohanes Bria, M.Si"}' "db info shows it"
expect_out '{"key":"report.place","value":"Kupang"}' "and the place"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE key = 'report.signatory_name'")" "1" "the change is audited"
run db set report.signatory_name ""
expect_rc 0 "an empty value unsets it"
run db info --json
expect_out '{"key":"report.signatory_name","value":""}' "unset"
# The measures of the headline's earlier months: the Kupang example's October (visits, survey,
# complaints) seen from November is October's own total row.
export MPP_DB=$T/kupang.db MPP_NOW=2023-01-15T08:00:00+08:00
kupang_catalogue
"$MPP" application import "$SRC/examples/kupang/applications-2022-10.csv" >/dev/null 2>&1 || fail "import applications"
for f in visits-2022-10 visits-outreach-2022-10; do
  "$MPP" visit import "$SRC/examples/kupang/$f.csv" >/dev/null 2>&1 || fail "import $f"
done
"$MPP" survey import "$SRC/examples/kupang/survey-2022-q4.csv" >/dev/null 2>&1 || fail "import survey"
"$MPP" complaint import "$SRC/examples/kupang/complaints-2022.csv" >/dev/null 2>&1 || fail "import complaints"
"$MPP" report monthly --month 2022-10 --json >"$T/k10.json"
"$MPP" report monthly --month 2022-11 --json >"$T/k11.json"
expect_eq "$(field "$T/k11.json" '[d["headline"]["previous_month"][k] for k in ("visits", "ikm_converted", "complaints_open", "open", "overdue")]')" \
  "$(field "$T/k10.json" '[d["totals"][k] for k in ("visits", "ikm_converted", "complaints_open", "carried_out", "overdue_open")]')" \
  "the previous month's visits, IKM and open complaints as in its own report"
expect_eq "$(field "$T/k10.json" 'd["headline"]["visits"] > 0 and d["headline"]["complaints_open"] is not None')" "True" "Kupang's October has them"
"$MPP" report monthly --month 2022-11 --agency DUKCAPIL --json >"$T/k11d.json"
"$MPP" report monthly --month 2022-10 --agency DUKCAPIL --json >"$T/k10d.json"
expect_eq "$(field "$T/k11d.json" '[d["headline"]["previous_month"][k] for k in ("visits", "ikm_converted", "complaints_open")]')" \
  "$(field "$T/k10d.json" '[d["totals"][k] for k in ("visits", "ikm_converted", "complaints_open")]')" \
  "and one agency's"
finish
