# The import plan and outcome (import.md "Applying"): --dry-run lists each change on stderr
# with -v, --format json prints one outcome object on stdout, for every import noun.
. "$(dirname "$0")/lib.sh"
fresh_db
"$MPP" agency import "$SRC/examples/kupang/agencies.csv"
"$MPP" service import "$SRC/examples/kupang/services.csv"
export MPP_NOW=2022-11-30T08:00:00+08:00

# json_get EXPR: evaluate a Python expression over the JSON object `j` parsed from all of stdout
# (so stdout must be exactly one JSON object).
json_get() { printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); print(($1))"; }

# --- the cumulative export: 1,000 stored applications, a new export changing 70 statuses and
# 30 phones (disjoint keys)
python3 - "$T" <<'EOF'
import csv, sys
t = sys.argv[1]
cols = ["reference", "service", "applicant_name", "nik", "phone", "submitted_at", "status",
        "status_at", "decided_at"]
def row(i):
    day = 1 + i % 20
    sub = "2022-10-%02dT08:%02d:00+08:00" % (day, i % 60)
    r = {"reference": "CX-%04d" % i, "service": "DUKCAPIL-KTP" if i % 3 else "DUKCAPIL-KK",
         "applicant_name": "Pemohon %d" % i, "nik": "537101410790%04d" % i,
         "phone": "0812%08d" % (10000000 + i), "submitted_at": sub,
         "status": "submitted" if i % 2 == 0 else "processing",
         "status_at": sub if i % 2 == 0 else "2022-10-%02dT10:00:00+08:00" % (day + 1),
         "decided_at": ""}
    return r
def write(name, rows):
    with open(f"{t}/{name}", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
stored = [row(i) for i in range(1, 1001)]
new = [dict(r) for r in stored]
for r in new[:70]:  # legal lifecycle moves: submitted -> processing, processing -> completed
    if r["status"] == "submitted":
        r["status"], r["status_at"] = "processing", "2022-11-01T10:00:00+08:00"
    else:
        r["status"] = "completed"
        r["status_at"] = r["decided_at"] = "2022-11-02T11:30:00+08:00"
for r in new[70:100]:
    r["phone"] = "0813%08d" % (20000000 + int(r["reference"][3:]))
write("stored.csv", stored)
write("new.csv", new)
EOF
run application import "$T/stored.csv"
expect_rc 0 "1,000 stored applications"
expect_eq "$(sql "select count(*) from application where reference like 'CX-%'")" "1000" "stored"

# The expected changes, by an independent comparison of the two CSV files (masked phones,
# empty cells as null): one line `KEY FIELD OLD NEW` per changed field, sorted.
python3 - "$T" >"$T/expected.txt" <<'EOF'
import csv, sys
t = sys.argv[1]
read = lambda n: {r["reference"]: r for r in csv.DictReader(open(f"{t}/{n}", newline=""))}
old, new = read("stored.csv"), read("new.csv")
mask = lambda p: p[:4] + "*" * (len(p) - 7) + p[-3:]
shown = lambda f, v: None if v == "" else (mask(v) if f == "phone" else v)
lines = [f"{k} {f} {shown(f, old[k][f])} {shown(f, new[k][f])}"
         for k in new for f in new[k] if new[k][f] != old[k][f]]
print("\n".join(sorted(lines)))
EOF
expect_eq "$(cut -d' ' -f1 "$T/expected.txt" | sort -u | wc -l)" "100" "the comparison finds 100 changed keys"
# plan_lines: the same lines from the `changes` of mpp's JSON on stdout.
plan_lines() {
  printf '%s' "$out" | python3 -c '
import json, sys
j = json.load(sys.stdin)
print("\n".join(sorted("%s %s %s %s" % (c["key"], f, v[0], v[1]) for c in j["changes"] for f, v in c["fields"].items())))'
}
fp=$(fingerprint)
run application import "$T/new.csv" --on-conflict update --dry-run --format json
expect_rc 0 "dry run of the new export"
plan_lines >"$T/plan.txt"; diff "$T/expected.txt" "$T/plan.txt" | head -5 >&2
expect_eq "$(plan_lines)" "$(cat "$T/expected.txt")" "the plan lists exactly the 100 keys with their changed fields, old and new"
expect_eq "$(json_get '[j[k] for k in ("batch", "inserted", "updated", "unchanged", "skipped", "invalid")]')" \
  "[None, 0, 100, 900, 0, 0]" "dry-run counts"
expect_eq "$(json_get 'sorted({c["action"] for c in j["changes"]}), len(j["changes"]), j["file"] == "'"$T/new.csv"'"')" \
  "(['update'], 100, True)" "100 updates, the file named"
expect_eq "$(json_get 'j["sha256"]')" "$(sha256sum "$T/new.csv" | cut -c1-64)" "the file's SHA-256"
expect_eq "$(json_get 'sorted(j)')" \
  "['batch', 'changes', 'error', 'file', 'inserted', 'invalid', 'previous_batch', 'seconds', 'sha256', 'skipped', 'unchanged', 'updated']" \
  "every key of the dry-run object"
expect_no_err "no plan on stderr without -v (not a terminal)"
expect_eq "$(fingerprint)" "$fp" "the dry run wrote nothing"
run application import "$T/new.csv" --on-conflict update --format json
expect_rc 0 "the real run"
expect_eq "$(json_get '[j[k] for k in ("inserted", "updated", "unchanged", "skipped", "invalid")]')" \
  "[0, 100, 900, 0, 0]" "the real run's counts match the plan"
batch=$(sql "select max(id) from batch")
expect_eq "$(json_get 'j["batch"], "changes" in j, j["previous_batch"]')" "($batch, False, None)" "the committed batch, no changes without --dry-run"
expect_eq "$(sql "select count(*) from application where reference like 'CX-%' and status = 'completed'")" "35" "35 completed"
expect_eq "$(sql "select count(*) from application where phone like '+62813%'")" "30" "30 phones changed"
run application import "$T/new.csv" --on-conflict update --dry-run --format json --force
expect_rc 0 "a second dry run"
expect_eq "$(json_get 'j["changes"], j["updated"], j["unchanged"]')" "([], 0, 1000)" "the second dry run shows no change"
run application import "$T/new.csv" --on-conflict update --format json
expect_rc 0 "the same file again: the re-import guard"
expect_eq "$(json_get '[j[k] for k in ("batch", "previous_batch", "inserted", "updated", "unchanged", "invalid")]')" \
  "[None, $batch, 0, 0, 0, 0]" "already imported: nothing written, the earlier batch named"
run application import "$T/new.csv" --on-conflict update --format json --dry-run
expect_eq "$(json_get 'j["changes"], j["previous_batch"]')" "([], $batch)" "a dry run of an imported file: the guard, no changes"

# --- each noun's plan in human form with -v
csv ag.csv 'code;name;kind;note' 'KPP-KUPANG;KPP Pratama Kota Kupang;vertical;' 'NEW-AG;Bank Baru;bank;' 'KUMHAM-NTT;Kantor Wilayah Kementerian Hukum dan HAM Nusa Tenggara Timur;vertical;Layanan kekayaan intelektual, fidusia, paspor (informasi)'
fp=$(fingerprint)
run agency import "$T/ag.csv" --on-conflict update --dry-run -v
expect_rc 0 "agency plan"
expect_err "~ KPP-KUPANG name KPP Pratama Kupang → KPP Pratama Kota Kupang; note NPWP dan konsultasi perpajakan → (empty)" "an agency update with an emptied note"
expect_err "+ NEW-AG new (Bank Baru, bank)" "a new agency"
[[ "$err" != *"KUMHAM-NTT"* ]] && pass || fail "an unchanged agency is not listed"
expect_err "dry run: would import 3 rows" "the summary line follows"
expect_eq "$(fingerprint)" "$fp" "the agency dry run wrote nothing"
run agency import "$T/ag.csv" --on-conflict update --dry-run
expect_rc 0 "agency dry run without -v"
expect_no_err "no plan when stderr is not a terminal and no -v"
run agency import "$T/ag.csv" --on-conflict update --dry-run -v -q
expect_no_err "never with -q"
run agency import "$T/ag.csv" --on-conflict update -v
expect_rc 0 "agency real run"
[[ "$err" != *"~ KPP-KUPANG"* ]] && pass || fail "the plan is for --dry-run"
expect_eq "$(sql "select name||'|'||ifnull(note,'-') from agency where code='KPP-KUPANG'")" "KPP Pratama Kota Kupang|-" "the real run did what the plan said"

csv svc.csv 'code;agency;name;category;sla_days' 'DUKCAPIL-KTP;DUKCAPIL;Penerbitan KTP-el (baru, hilang, rusak);civil_registry;2' 'NEW-SVC;NEW-AG;Layanan Baru;information;0'
run service import "$T/svc.csv" --on-conflict update --dry-run -v
expect_rc 0 "service plan"
expect_err "~ DUKCAPIL-KTP sla_days 1 → 2" "a service update lists only the changed field"
expect_err "+ NEW-SVC new (NEW-AG, Layanan Baru)" "a new service"

csv cal.csv 'date;kind;name' '2027-01-01;national;Tahun Baru 2027' '2022-12-25;national;Natal'
run calendar import "$T/cal.csv" --on-conflict update --dry-run -v
expect_rc 0 "calendar plan"
expect_err "+ 2027-01-01 new (national, Tahun Baru 2027)" "a new day"
expect_err "~ 2022-12-25 name " "a changed day name"
expect_err " → Natal" "its new name"

csv app.csv 'reference;service;applicant_name;nik;phone;submitted_at;status;status_at;decided_at' \
  'CX-0002;DUKCAPIL-KTP;Pemohon 2;5371014107900002;081399990002;2022-10-03T08:02:00+08:00;completed;;2022-11-03T09:00:00+08:00' \
  'CX-0004;DUKCAPIL-KTP;Pemohon 4;5371014107900004;081210000004;2022-10-05T08:04:00+08:00;processing;2022-11-01T10:00:00+08:00;' \
  'NEW-1;DUKCAPIL-KTP;Baru Sekali;5371014107900999;;2022-11-29T09:00:00+08:00;processing;2022-11-29T10:00:00+08:00;'
run application import "$T/app.csv" --on-conflict update --dry-run -v
expect_rc 0 "application plan"
expect_err "~ CX-0002 status processing → completed; status_at 2022-11-01T10:00:00+08:00 → 2022-11-03T09:00:00+08:00; decided_at (empty) → 2022-11-03T09:00:00+08:00; phone 0812*****002 → 0813*****002" \
  "a status change and a masked phone change"
expect_err "+ NEW-1 new (DUKCAPIL-KTP, processing)" "a new application"
[[ "$err" != *"CX-0004"* && "$err" != *"081399990002"* && "$err" != *"5371014107900999"* ]] && pass || fail "unchanged rows are not listed; NIK and phone never in full"
run application import "$T/app.csv" --on-conflict update --dry-run --format json
expect_eq "$(json_get '[c["fields"].get("nik") for c in j["changes"] if c["action"] == "insert"]')" "[[None, '5371**********99']]" "an insert lists its fields, NIK masked"

# --- JSON when rows are invalid
csv bad.csv 'code;name;kind' 'B1;One;nope' 'B2;Two;alsonope'
run agency import "$T/bad.csv" --format json --dry-run
expect_rc 65 "an all-invalid file: exit 65"
expect_eq "$(json_get '[j[k] for k in ("batch", "inserted", "updated", "invalid", "changes")]')" "[None, 0, 0, 2, []]" "all invalid: the object says nothing would be written"
expect_err "nothing would be imported" "the problems on stderr"
csv mixed.csv 'code;name;kind' 'M1;One;bank' 'M2;Two;nope' 'M3;Three;bank'
fp=$(fingerprint)
run agency import "$T/mixed.csv" --format json --dry-run -v
expect_rc 65 "invalid rows without --skip-invalid"
expect_eq "$(json_get '[j[k] for k in ("inserted", "invalid", "changes")]')" "[0, 1, []]" "inserted 0, no changes: nothing would be imported"
[[ "$err" != *"+ M1"* ]] && pass || fail "the plan lists nothing when nothing would be imported"
run agency import "$T/mixed.csv" --format json
expect_rc 65 "the real run with invalid rows"
expect_eq "$(json_get '[j[k] for k in ("batch", "inserted", "invalid")]')" "[None, 0, 1]" "nothing imported"
expect_eq "$(fingerprint)" "$fp" "and nothing written"
run agency import "$T/mixed.csv" --format json --dry-run --skip-invalid --rejects "$T/rej.csv" -v
expect_rc 65 "--skip-invalid dry run: exit 65"
expect_eq "$(json_get '[j[k] for k in ("batch", "inserted", "invalid")], [c["key"] for c in j["changes"]]')" "([None, 2, 1], ['M1', 'M3'])" "the valid rows are planned"
expect_err "+ M1 new (One, bank)" "and shown"
expect_err "mpp: dry run: would import 2 rows from $T/mixed.csv" "the summary line stays on stderr"
expect_err "a real run would write them to $T/rej.csv" "a dry run says where a real run would put the rejects"
[ ! -e "$T/rej.csv" ] && pass || fail "and writes no rejects file"
run agency import "$T/mixed.csv" --format json --skip-invalid --rejects "$T/rej.csv"
expect_rc 65 "--skip-invalid: exit 65"
expect_eq "$(json_get '[j[k] for k in ("inserted", "invalid")], j["batch"] == '"$(sql "select max(id) from batch")"'')" "([2, 1], True)" "committed with its batch"
# --- JSON when the file as a whole is refused before its first row: still one object, with the error
csv nocol.csv 'code;name' 'N1;One'
run agency import "$T/nocol.csv" --format json --dry-run
expect_rc 65 "a missing required column"
expect_eq "$(json_get '[j[k] for k in ("batch", "sha256", "inserted", "invalid", "changes")], "kind" in j["error"]')" \
  "([None, None, 0, 0, []], True)" "the object says nothing was imported, and why"
run application import "$T/does-not-exist.csv" --format json
expect_rc 66 "a missing file"
expect_eq "$(json_get 'j["inserted"], j["file"], j["error"] is not None')" "(0, '$T/does-not-exist.csv', True)" "still one object"
run agency import "$T/mixed.csv" --format json
expect_eq "$(json_get 'j["error"] is not None')" "True" "invalid rows: the error is in the object too"
before=$(sha256sum <"$T/mixed.csv")
run agency import "$T/mixed.csv" --format json -o "$T/mixed.csv"
expect_rc 73 "-o aimed at the file being imported is refused"
expect_eq "$(sha256sum <"$T/mixed.csv")" "$before" "and the input is untouched"
finish
