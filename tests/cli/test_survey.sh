#!/usr/bin/env bash
# mpp survey import/list and mpp report skm (measures.md "Satisfaction survey"): every import
# rule with its exit code and message, the figures against a hand-worked example and against an
# independent counter over the raw CSV (skm_oracle.py), population and Krejcie–Morgan, formats.
source "$(dirname "$0")/lib.sh"
export MPP_NOW=2023-02-01T09:00:00+08:00
kupang_catalogue
H='Tanggal,Layanan,Instansi,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin,Usia'

# --- The IKM worked by hand: four responses about DUKCAPIL-KTP (u8 unanswered once).
#        u1 u2 u3 u4 u5 u6 u7 u8 u9
#   r1:  4  3  2  4  3  3  4  4  2
#   r2:  3  3  2  4  3  4  4  -  2     (letters c c b d c d d _ b in the file)
#   r3:  4  2  3  4  3  3  4  3  2
#   r4:  3  4  1  4  3  4  4  3  2
# NRR = sum / answers: u1 14/4 = 3.50, u2 12/4 = 3.00, u3 8/4 = 2.00, u4 4.00, u5 3.00,
# u6 14/4 = 3.50, u7 4.00, u8 10/3 = 3.333… → 3.33, u9 8/4 = 2.00.
# IKM = (3.5 + 3 + 2 + 4 + 3 + 3.5 + 4 + 10/3 + 2) / 9 = (28 + 1/3) / 9 = 3.148148… → 3.148;
# converted = 3.148148… × 25 = 78.7037… → 78.70 ≥ 76.61: grade B, Baik. Weakest: u3 and u9 tie at
# 2.00 → the lower number, u3. No applications or visits: population 0, sample_min 0, and
# sample_ok empty: with N unknown mpp cannot say the sample is enough (man mpp-report).
csv hand.csv "$H" \
  '24/10/2022,DUKCAPIL-KTP,,4,3,2,4,3,3,4,4,2,L,30' \
  '25/10/2022,DUKCAPIL-KTP,DUKCAPIL,c,C,b,d,c,D,d,,b,P,45' \
  '26/10/2022,DUKCAPIL-KTP,,4,2,3,4,3,3,4,3,2,,' \
  '27/10/2022,dukcapil-ktp,,3,4,1,4,3,4,4,3,2,perempuan,19'
run survey import hand.csv
expect_rc 0 "the hand-worked file imports"
run report skm --period 2022-Q4 --csv
want='3.50,3.00,2.00,4.00,3.00,3.50,4.00,3.33,2.00,3.148,78.70,B,Baik,u3,0,0,'
expect_out "service,DUKCAPIL,Dinas Kependudukan dan Pencatatan Sipil Kota Kupang,DUKCAPIL-KTP,\"Penerbitan KTP-el (baru, hilang, rusak)\",4,$want" "worked example: service row"
expect_out "total,,,,,4,$want" "worked example: MPP total"
expect_eq "$(head -1 <<<"$out" | tr -d '\r')" "level,agency_code,agency_name,service_code,service_name,respondents,nrr_u1,nrr_u2,nrr_u3,nrr_u4,nrr_u5,nrr_u6,nrr_u7,nrr_u8,nrr_u9,ikm,ikm_converted,grade,performance,weakest,population,sample_min,sample_ok" "CSV columns"
# The grade cut-offs are settings: with B from 80.00, 78.70 is C (Kurang Baik).
run db set skm.grade_b 80
run report skm --period 2022-Q4 --csv
expect_out "total,,,,,4,3.50,3.00,2.00,4.00,3.00,3.50,4.00,3.33,2.00,3.148,78.70,C,Kurang Baik,u3" "grade_b 80 makes 78.70 a C"
run db set skm.grade_b 76.61
run report skm --period 2022-Q4 --json
expect_eq "$(python3 -c 'import json,sys; t=json.load(sys.stdin)["rows"][-1]; print(t["sample_ok"], t["population"])' <<<"$out")" "None 0" "JSON: sample_ok null when the population is unknown"
# The raw sums under the monthly report's key and shape: u1 4+3+4+3 = 14 of 4, u8 4+3+3 = 10 of 3.
expect_eq "$(python3 -c 'import json,sys; s=json.load(sys.stdin)["rows"][-1]["survey_sums"]; print(s["respondents"], s["sum"], s["answers"])' <<<"$out")" "4 [14, 12, 8, 16, 12, 14, 16, 10, 8] [4, 4, 4, 4, 4, 4, 4, 3, 4]" "JSON survey_sums as in report monthly"
run report skm --period 2022-Q4
expect_out "Sampel cukup" "the sample column for people"
expect_out "IKM (1–4)" "the 1-4 IKM is labelled with its scale"
expect_out "Nilai IKM (25–100)" "the converted IKM is labelled with its scale"
expect_out "tidak diketahui" "an unknown population: the sample is not called enough"
expect_eq "$(grep -c ' ya ' <<<"$out")" "0" "no 'ya' for an unknown population"
run report skm --period 2022-Q4 --format markdown
expect_eq "$(grep -m1 '^|---' <<<"$out")" "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|---|" "markdown: text columns not right-aligned"

# --- Import rules, each with its exit code and message.
fp=$(fingerprint)
csv scores.csv 'tanggal,layanan,u1,u2,u3' '24/10/2022,DUKCAPIL-KTP,4,0,3' '24/10/2022,DUKCAPIL-KTP,5,e,2.5'
run survey import scores.csv
expect_rc 65 "bad scores"
expect_err "scores.csv:2:4: u2: '0' is not a score: expected 1-4 or a-d" "score 0"
expect_err "scores.csv:3:3: u1: '5' is not a score" "score 5"
expect_err "scores.csv:3:4: u2: 'e' is not a score" "score e"
expect_err "scores.csv:3:5: u3: '2.5' is not a score" "score 2.5"
expect_err "2 invalid rows; nothing was imported" "all or nothing"
for col in NIK Nama 'No. HP' 'Nomor HP' Email 'Alamat Email'; do
  csv personal.csv "tanggal,layanan,u1,$col" "24/10/2022,DUKCAPIL-KTP,4,x"
  run survey import personal.csv --ignore-unknown
  expect_rc 65 "a '$col' column is refused even with --ignore-unknown"
  expect_err "personal.csv:1:4: column '$col': personal data" "'$col' refused with its place"
done
expect_err "drop it knowingly with --map 'alamat_email='" "the hint names the --map"
expect_eq "$(fingerprint)" "$fp" "nothing was imported"
csv personal.csv 'tanggal,layanan,u1,NIK,Nama,No HP' '24/10/2022,DUKCAPIL-KTP,4,5371000101010001,Ani,0812345678'
run survey import personal.csv --map nik= --map nama= --map no_hp=
expect_rc 0 "--map nik= drops the personal columns knowingly"
expect_eq "$(sql "SELECT count(*), sum(u1) FROM survey_response WHERE batch_id = (SELECT max(id) FROM batch)")" "1|4" "the row is stored, without them"
expect_eq "$(sqlite3 -readonly "$MPP_DB" .dump | grep -c 'Ani\|5371000101010001\|0812345678')" "0" "no personal value anywhere in the database"
csv agree.csv 'tanggal,layanan,instansi,u1' '24/10/2022,DUKCAPIL-KTP,PDAM-KUPANG,4'
run survey import agree.csv
expect_rc 65 "service and agency disagree"
expect_err "agree.csv:2:3: agency: 'PDAM-KUPANG' does not match the service: DUKCAPIL-KTP belongs to agency DUKCAPIL" "disagreement message"
csv none.csv 'tanggal,layanan,u1,u2,usia' '24/10/2022,DUKCAPIL-KTP,,,30'
run survey import none.csv
expect_rc 65 "no unsur answered"
expect_err "none.csv:2: no unsur answered: a response needs at least one of u1 … u9" "no-unsur message"
csv future.csv 'tanggal,instansi,u1' '02/02/2023,DUKCAPIL,4'
run survey import future.csv
expect_rc 65 "a survey date after today"
expect_err "future.csv:2:1: surveyed_on: 2023-02-02T00:00:00+08:00 is in the future (now is 2023-02-01T09:00:00+08:00)" "future message, the same as every noun's"
csv nogroup.csv 'tanggal,u1' '24/10/2022,4'
run survey import nogroup.csv
expect_rc 65 "neither service nor agency column"
expect_err "a survey file needs a service or an agency column" "no-group message"
# The re-import guard: the same file again writes nothing (exit 0, notice); --force is refused.
n=$(sql "SELECT count(*) FROM survey_response")
run -v survey import hand.csv
expect_rc 0 "the same file again"
expect_err "hand.csv already imported as batch" "re-import notice"
expect_err "nothing written (a survey file loads once, as responses have no key: put new or corrected responses in a file of their own)" "the notice says how to load a corrected file"
expect_eq "$(grep -c -- '--force' <<<"$err")" "0" "the notice does not suggest the refused --force"
expect_eq "$(sql "SELECT count(*) FROM survey_response")" "$n" "nothing written the second time"
run survey import hand.csv --force
expect_rc 64 "--force refused for keyless survey files"
expect_err "--force is refused for survey files" "--force message"
# --skip-invalid, rejects, dry-run and the JSON outcome.
csv mixed.csv 'tanggal,layanan,u1' '28/10/2022,DUKCAPIL-KK,a' '28/10/2022,DUKCAPIL-KK,9' '28/10/2022,DUKCAPIL-KK,D'
run survey import mixed.csv --dry-run --json
expect_rc 65 "dry run with an invalid row"
expect_out '"inserted":0' "dry run: nothing would be imported"
csv plan.csv 'stempel waktu,instansi,u1,u3,saran' '29/10/2022 10.15,bank-ntt,A,d,"cepat, ramah"'
run -v survey import plan.csv --dry-run
expect_rc 0 "a valid dry run"
expect_err "+ line 2 new (2022-10-29, BANK-NTT)" "the plan line of a dry run"
run survey import plan.csv --dry-run --json
expect_out '"changes":[{"line":2,"key":"line 2","action":"insert","fields":{"surveyed_on":[null,"2022-10-29"],"agency":[null,"BANK-NTT"],"u1":[null,"1"],"u3":[null,"4"],"suggestion":[null,"cepat, ramah"]}}]' "the JSON plan shows what is stored"
run survey import mixed.csv --skip-invalid --rejects rej.csv --json
expect_rc 65 "--skip-invalid exits 65 when a row was rejected"
expect_out '"inserted":2' "two valid rows committed"
expect_out '"invalid":1' "one rejected"
expect_eq "$(tail -1 rej.csv | tr -d '\r')" "28/10/2022,DUKCAPIL-KK,9,u1: '9' is not a score: expected 1-4 or a-d (empty: not answered)" "the rejects file"
expect_eq "$(sql "SELECT sum(u1), count(*) FROM survey_response WHERE surveyed_on = '2022-10-28'")" "5|2" "a = 1 and D = 4 stored"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'import' AND entity = 'survey'")" "3" "one audit row per committed batch (hand, personal, mixed)"

# --- survey list: filters and formats (no personal data exists to mask).
run survey list --service DUKCAPIL-KTP --from 2022-10-25 --to 2022-10-26 --csv
expect_eq "$(wc -l <<<"$out")" "3" "list: header and the two KTP responses of 25-26 October"
expect_out "2022-10-25,DUKCAPIL,DUKCAPIL-KTP,3,3,2,4,3,4,4,,2,P,45" "list row with letters stored as numbers"
run survey list --agency DUKCAPIL --limit 1 --json
expect_rc 0 "list --json"
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["u1"])' <<<"$out")" "1 4" "list json: one row, numbers"
run survey list --agency NOPE
expect_rc 65 "an agency that names nothing"

# --- db check recomputes the survey tallies from the responses; --repair rebuilds them.
cp "$MPP_DB" broken.db
sqlite3 broken.db "UPDATE survey_tally SET n1 = n1 + 1 WHERE day = '2022-10-28'"
MPP_DB=$T/broken.db run db check
expect_rc 69 "db check finds a survey tally that disagrees"
expect_err "survey tallies: DUKCAPIL DUKCAPIL-KK on 2022-10-28 does not match its responses" "db check names the survey tally"
MPP_DB=$T/broken.db run db check --repair
expect_rc 0 "db check --repair rebuilds them"
MPP_DB=$T/broken.db run db check
expect_rc 0 "sound after the repair"
# A row with respondents 0 but answers counted (no response behind it) is wrong too: report skm
# would count its 10 answers of u3, so db check must name it (all-zero rows alone are harmless).
sqlite3 broken.db "INSERT INTO survey_tally (day, agency_id, service_id, respondents, s3, n3) SELECT '2022-10-03', id, 0, 0, 10, 10 FROM agency WHERE code = 'DUKCAPIL'; INSERT INTO survey_tally (day, agency_id, service_id, respondents) SELECT '2022-10-04', id, 0, 0 FROM agency WHERE code = 'DUKCAPIL'"
MPP_DB=$T/broken.db run db check
expect_rc 69 "db check finds a tally row with no respondents but answers"
expect_err "survey tallies: DUKCAPIL (no service) on 2022-10-03 counts responses that are not stored" "db check names the zero-respondent row"
expect_eq "$(grep -c '2022-10-04' <<<"$err")" "0" "an all-zero row is not reported"

# --- A Google Forms export: questions headed by their unsur code, labelled choices, the form's
# timestamp. 11:30 PM at GMT+7 is 23:30+07:00 = 00:30+08:00 on the 25th in Kupang (WITA).
csv gform.csv 'Timestamp,Layanan,"U1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",U2 Kemudahan prosedur,U3) Kecepatan waktu,Unsur 4 - Biaya,u5: Produk,U6,U7,U8,U9' \
  '2022/10/24 10:01:02 AM GMT+8,DUKCAPIL-KK,d. Sangat sesuai,4 - Sangat baik,D (Sangat Baik),c,3,,,,' \
  '2022/10/24 11:30:00 PM GMT+7,DUKCAPIL-KK,a. Tidak sesuai,2,b,B (Kurang),1,,,,' \
  '2022/10/24 12:05:00 AM GMT+8,DUKCAPIL-KK,b,,,,,,,,'
run survey import gform.csv
expect_rc 0 "a Google Forms export imports as it is"
expect_eq "$(sql "SELECT group_concat(surveyed_on || ':' || u1 || u2 || u3 || u4 || u5, ' ') FROM (SELECT * FROM survey_response WHERE batch_id = (SELECT max(id) FROM batch) ORDER BY id)")" "2022-10-24:44433 2022-10-25:12221" "unsur by header code, leading letter/number of a labelled answer, the form's date in WITA"
expect_eq "$(sql "SELECT surveyed_on, u1 FROM survey_response WHERE u2 IS NULL AND batch_id = (SELECT max(id) FROM batch)")" "2022-10-24|2" "12:05 AM is just after midnight"
csv gform10.csv 'Timestamp,Layanan,U1,U10 Tambahan' '2022/10/24 10:01:02 AM GMT+8,DUKCAPIL-KK,3,4'
run survey import gform10.csv
expect_rc 65 "u10 is not u1"
expect_err "gform10.csv:1:4: unknown column 'U10 Tambahan'" "u10 is an unknown column"
csv labels.csv 'tanggal,layanan,u1,u2' '24/10/2022,DUKCAPIL-KK,2.5 baik,e. Lain'
run survey import labels.csv
expect_rc 65 "a label does not make a bad score good"
expect_err "labels.csv:2:3: u1: '2.5 baik' is not a score" "2.5 with a label"
expect_err "labels.csv:2:4: u2: 'e. Lain' is not a score" "e with a label"
# Every stray column in one message: personal ones with their reasons, then unknown ones.
csv stray.csv 'tanggal,Keterangan,layanan,Catatan,u1,Email,Nama,Kesan' '24/10/2022,x,DUKCAPIL-KK,y,4,a@b.c,Ani,z'
run survey import stray.csv
expect_rc 65 "stray columns"
expect_err "stray.csv:1:6: columns 'Email' (6), 'Nama' (7): personal data (email) has no place in a survey: responses are anonymous; personal data (name)" "both personal columns in one message"
expect_err "also unknown columns 'Keterangan' (2), 'Catatan' (4), 'Kesan' (8)" "all three unknown columns in the same message"
expect_err "drop them knowingly with --map 'email=' --map 'nama='" "the hint drops both"
expect_err "use --map SOURCE=FIELD, --map SOURCE= to drop, or --ignore-unknown" "the unknown-column hint"
run survey import stray.csv --map email= --map nama=
expect_rc 65 "only unknown columns left"
expect_err "stray.csv:1:2: unknown columns 'Keterangan' (2), 'Catatan' (4), 'Kesan' (8)" "the unknown columns alone"

# A personal column under another name is still refused, even with --ignore-unknown, and it
# can only be dropped: mapped to a field (a free-text one) it would store the NIK.
for col in 'N I K' 'N.I.K.' 'NIK Pemohon' 'No. WhatsApp' 'Email Address' 'Alamat Rumah'; do
  csv disguised.csv "tanggal,layanan,u1,$col" '24/10/2022,DUKCAPIL-KK,4,5371050304733223'
  run survey import disguised.csv --ignore-unknown
  expect_rc 65 "a column '$col' is refused as personal data"
  expect_err "column '$col': personal data" "and says why ('$col')"
done
csv named.csv 'tanggal,layanan,u1,Nama Layanan' '24/10/2022,DUKCAPIL-KK,4,KTP'
run survey import named.csv --ignore-unknown --dry-run
expect_rc 0 "'Nama Layanan' names a service, not a person"
csv mapped.csv 'tanggal,layanan,u1,NIK' '24/10/2022,DUKCAPIL-KK,4,5371050304733223'
run survey import mapped.csv --map nik=suggestion
expect_rc 65 "a NIK column mapped to a field is refused"
[ "$(sql "SELECT count(*) FROM survey_response WHERE suggestion LIKE '%5371050304733223%'")" = 0 ] && pass || fail "and the NIK is stored nowhere"

# --- report skm against an independent counter over a generated raw CSV (with letters, blanks,
# agency-only rows, and responses outside the period).
python3 - <<'PY' >gen.csv
import random
random.seed(11)
services = ["DUKCAPIL-KTP", "DUKCAPIL-KK", "PDAM-SAMBUNGAN-BARU", "PLN-PASANG-BARU", "BAPENDA-SPPT"]
print("Tanggal,Layanan,Instansi,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin,Usia")
for i in range(300):
    month = random.choice([9, 10, 10, 11, 12, 12, 1])
    year = 2023 if month == 1 else 2022
    day = random.randint(1, 28)
    svc, ag = random.choice(services), ""
    if random.random() < 0.1:
        svc, ag = "", random.choice(["DUKCAPIL", "POS-KUPANG"])
    cells = []
    for u in range(9):
        v = random.choice([1, 2, 3, 3, 3, 4, 4]) if u != 2 else random.choice([1, 2, 2, 3, 4])
        r = random.random()
        cells.append("" if r < 0.06 else "abcd"[v - 1] if r < 0.3 else "ABCD"[v - 1] if r < 0.35 else str(v))
    if not any(cells):
        cells[0] = "3"
    print(",".join([f"{day}/{month}/{year}", svc, ag] + cells + [random.choice(["L", "P", ""]), str(random.randint(17, 70))]))
PY
kupang_catalogue
run survey import gen.csv
expect_rc 0 "the generated file imports"
python3 "$SRC/tests/cli/skm_oracle.py" gen.csv "$SRC/examples/kupang/services.csv" 2022-10-01 2022-12-31 >want.csv
run report skm --period 2022-Q4 --csv
python3 - "$out" >got.csv <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
keys = ["level", "agency_code", "service_code", "respondents"] + ["nrr_u%d" % u for u in range(1, 10)] + ["ikm", "ikm_converted", "grade", "performance", "weakest"]
for r in rows:
    print(",".join(r[k] for k in keys))
PY
expect_eq "$(diff want.csv got.csv && echo same)" "same" "report skm = the independent counter (per service, agency, MPP)"
expect_eq "$(wc -l <want.csv)" "11" "five services, five agencies (POS-KUPANG with agency-only rows) and the total"
python3 "$SRC/tests/cli/skm_oracle.py" gen.csv "$SRC/examples/kupang/services.csv" 2022-07-01 2022-12-31 >want.csv
run report skm --period 2022-S2 --csv
python3 - "$out" >got.csv <<'PY'
import csv, io, sys
keys = ["level", "agency_code", "service_code", "respondents"] + ["nrr_u%d" % u for u in range(1, 10)] + ["ikm", "ikm_converted", "grade", "performance", "weakest"]
for r in csv.DictReader(io.StringIO(sys.argv[1])):
    print(",".join(r[k] for k in keys))
PY
expect_eq "$(diff want.csv got.csv && echo same)" "same" "the semester includes September"
run report skm --from 2022-10-01 --to 2022-12-31 --json
q4=$(python3 "$SRC/tests/cli/skm_oracle.py" gen.csv "$SRC/examples/kupang/services.csv" 2022-10-01 2022-12-31 | tail -1 | cut -d, -f15)
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["rows"][-1]; print(t["level"], "%.2f" % t["ikm_converted"], len(t["survey_sums"]["sum"]), d["period"]["to"])' <<<"$out")" "total $q4 9 2022-12-31" "--from/--to: JSON total and raw sums"

# --- population: applications received (the Kupang October file), else visits (visit_tally).
run application import "$SRC/examples/kupang/applications-2022-10.csv"
expect_rc 0 "the October applications import"
# 120 + 30 = 150 visits of a service with no application: its population.
run visit add --agency BAPENDA --service BAPENDA-PBB-LOKET --count 120 --date 2022-10-12
expect_rc 0 "120 visits counted by hand"
run visit add --agency BAPENDA --service BAPENDA-PBB-LOKET --count 30 --date 2022-10-13
expect_rc 0 "30 more the next day"
csv pbb.csv 'tanggal,layanan,u1' '12/10/2022,BAPENDA-PBB-LOKET,4'
run survey import pbb.csv
run report skm --period 2022-10 --csv
python3 - "$out" "$SRC/examples/kupang/applications-2022-10.csv" "$SRC/examples/kupang/services.csv" <<'PY' >pop.txt
import csv, io, sys
apps = {}
with open(sys.argv[2], encoding="utf-8-sig") as f:
    for r in csv.DictReader(f, delimiter=";"):
        if r["Tanggal Permohonan"].split(" ")[0].endswith("/10/2022"):
            apps[r["Kode Layanan"]] = apps.get(r["Kode Layanan"], 0) + 1
with open(sys.argv[3], encoding="utf-8-sig") as f:
    agency_of = {r[0]: r[1] for r in csv.reader(f, delimiter=";")}
def km(n):  # Krejcie & Morgan (1970), rounded half up
    return 0 if n == 0 else int(3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25) + 0.5)
bad = []
checked = 0
for r in csv.DictReader(io.StringIO(sys.argv[1])):
    checked += 1
    if r["level"] == "service":
        n = apps.get(r["service_code"]) or (150 if r["service_code"] == "BAPENDA-PBB-LOKET" else 0)
    else:  # an agency's services, or every service (all have applications this month)
        n = sum(c for s, c in apps.items() if r["level"] == "total" or agency_of[s] == r["agency_code"])
    ok = "" if n == 0 else "true" if int(r["respondents"]) >= km(n) else "false"
    if (r["population"], r["sample_min"], r["sample_ok"]) != (str(n), str(km(n)), ok):
        bad.append(r["service_code"])
print("checked", checked, "bad", bad)
PY
expect_out "BAPENDA-PBB-LOKET,Pembayaran PBB-P2" "the visit-only service is listed"
expect_eq "$(cat pop.txt)" "checked 12 bad []" "population and sample per service, agency and MPP = applications, else visits"
expect_out "service,DUKCAPIL,Dinas Kependudukan dan Pencatatan Sipil Kota Kupang,DUKCAPIL-KTP,\"Penerbitan KTP-el (baru, hilang, rusak)\"" "KTP row present"
# DUKCAPIL-KTP received 67 in October: Krejcie–Morgan 67 → 3.841·67·0.25/(0.0025·66+0.96025) = 64.335/1.12525 = 57.17 → 57.
expect_eq "$(grep '^service,DUKCAPIL,.*,DUKCAPIL-KTP,' <<<"$out" | tr -d '\r' | awk -F, '{print $(NF-2), $(NF-1), $NF}')" "67 57 false" "KTP: N = 67, sample 57, not met"

# --- formats and languages.
run report skm --period 2022-Q4 --format tsv
expect_eq "$(head -1 <<<"$out" | cut -f1-3)" "$(printf 'level\tagency_code\tagency_name')" "tsv header"
run report skm --period 2022-Q4 --csv
rows=$(($(wc -l <<<"$out") - 1))
ikm=$(tail -1 <<<"$out" | cut -d, -f16)
run report skm --period 2022-Q4 --format ndjson
expect_eq "$(python3 -c 'import json,sys; print(sum(1 for l in sys.stdin if json.loads(l)["level"]))' <<<"$out")" "$rows" "ndjson: one object per row"
run report skm --period 2022-Q4 --csv --delimiter ';'
expect_out "total;;;;;" "semicolon CSV"
expect_eq "$(tail -1 <<<"$out" | cut -d';' -f16)" "${ikm/./,}" "decimals with a comma under ';'"
SOURCE_DATE_EPOCH=1672531200 run report skm --period 2022-Q4 --format markdown
expect_out "# Survei Kepuasan Masyarakat (SKM) — Mal Pelayanan Publik (KPG)" "markdown title with the office"
expect_out "- Periode: 2022-10-01 s.d. 2022-12-31" "markdown period"
expect_out "| JUMLAH MPP | " "markdown total"
expect_out "## Profil responden" "markdown profile"
expect_out "- Usia: <20 " "age bands"
expect_out "- Dibuat: 2023-01-01T08:00:00+08:00" "SOURCE_DATE_EPOCH timestamp"
run report skm --period 2022-Q4 --lang en
expect_out "Public satisfaction survey (SKM)" "English title"
expect_out "Gender: " "English profile"
expect_out "TOTAL MPP" "English total"
run report skm --period 2022-Q4 --format html -o skm.html
expect_rc 0 "html to a file"
expect_eq "$(grep -c '<svg' skm.html) $(grep -o '<rect' skm.html | wc -l)" "1 9" "html: one chart of nine NRR bars"
expect_eq "$(grep -c '@page{size:A4' skm.html)" "1" "html printable on A4"
expect_eq "$(grep -c 'Profil responden' skm.html)" "1" "html profile"
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$BROWSER" ]; then
  timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/chromium" --window-size=1400,1100 --screenshot="$T/shot.png" \
    "file://$T/skm.html" >"$T/chromium.log" 2>&1
  # The NRR bars (blue) and the weakest one (orange) are drawn in a real browser.
  out=$(python3 "$SRC/tests/cli/png_check.py" "$T/shot.png" 3b6fb6 d08b26)
  rc=$?
  expect_rc 0 "chromium draws the NRR chart"
else
  skip "chromium is not installed: the HTML is not drawn"
fi

# --- bad periods (64, with a hint).
for p in 2022-Q5 2022-S3 2022-13 22 2022-Q4x; do
  run report skm --period "$p"
  expect_rc 64 "period $p"
  expect_err "hint: give a year (2025), a semester (2025-S1, 2025-S2)" "period $p hint"
done
run report skm --period 2022 --from 2022-01-01 --to 2022-02-01
expect_rc 64 "--period with --from/--to"
run report skm --from 2022-01-01
expect_rc 64 "--from without --to"
finish
