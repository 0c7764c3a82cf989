# mpp complaint (measures.md "Complaints"): add, set-status and their rules, generated ids per
# month, masking of the complainant in every output, the import contract (rules, re-import
# guard, a cumulative LAPOR! export updated), and the figures of `list --by agency|channel`
# against an independent recount of the raw CSV with its own working-day count.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_suite "python3 is not installed"
kupang_catalogue
export MPP_NOW=2022-12-31T12:00:00+08:00
# A regional holiday on a Tuesday: it stops the complaint clock like any holiday.
"$MPP" calendar add 2022-11-15 --kind regional --name "Libur daerah (uji)" >/dev/null 2>&1

# --- add: generated ids per month of received_at (local), in any case ---------------------
run complaint add --channel kotak_saran --subject "Antrian terlalu lama" --received-at "2022-10-24 09:00" \
  --complainant "Maria Lay" --contact 081234567890
expect_rc 0 "add"
expect_eq "$out" "ADU-202210-0001" "the first id of October"
run complaint add --channel wa --subject "Loket tutup" --received-at "2022-10-31 23:30" --service PDAM-BALIK-NAMA
expect_eq "$out" "ADU-202210-0002" "23:30 WITA on 31 October is October's second"
run complaint add --channel langsung --subject "AC rusak" --received-at "2022-11-01 08:00"
expect_eq "$out" "ADU-202211-0001" "a new month starts at 0001"
expect_eq "$(sql "SELECT channel || ' ' || coalesce(agency_id, '-') FROM complaint WHERE code = 'ADU-202210-0002'")" \
  "whatsapp $(sql "SELECT id FROM agency WHERE code = 'PDAM-KUPANG'")" "wa is whatsapp; a service names its agency"

# --- add: every rule, exit 65 and the message -------------------------------------------
run complaint add --channel fax --subject x
expect_rc 65 "unknown channel"
expect_err "--channel: 'fax' is not one of: lapor, counter, box, phone, whatsapp, email, social" "unknown channel message"
run complaint add --channel box --subject ""
expect_rc 65 "empty subject"
expect_err "--subject:" "empty subject names the option"
run complaint add --channel box --subject "$(printf 'a%.0s' $(seq 501))"
expect_rc 65 "a subject of 501 characters"
expect_err "--subject: is longer than 500 characters" "subject too long message"
run complaint add --channel box --subject ok --agency DUKCAPIL --service PLN-PASANG-BARU
expect_rc 65 "a service of another agency"
expect_err "--service: 'PLN-PASANG-BARU' belongs to agency PLN-KUPANG, not DUKCAPIL" "service of another agency message"
run complaint add --channel box --subject ok --agency NOPE
expect_rc 65 "unknown agency"
expect_err "--agency: no agency 'NOPE'" "unknown agency message"
run complaint add --channel box --subject ok --received-at "2023-01-05 09:00"
expect_rc 65 "received in the future"
expect_err "is in the future" "future message"
expect_eq "$(sql "SELECT count(*) FROM complaint")" "3" "no refused complaint is stored"

# --- set-status: moves, dates, case-insensitive ids --------------------------------------
run complaint set-status adu-202210-0001 in_progress --at "2022-10-23 09:00"
expect_rc 65 "a status_at before received_at"
expect_err "2022-10-23T09:00:00+08:00 is before its last change (2022-10-24T09:00:00+08:00)" "before received message"
run complaint set-status adu-202210-0001 diproses --at "2022-10-25 10:00" --note "diteruskan"
expect_rc 0 "received -> in_progress, id in lower case, Indonesian status"
run complaint set-status ADU-202210-0001 received
expect_rc 65 "in_progress -> received is illegal"
expect_err "complaint ADU-202210-0001 is in_progress: it cannot move to received" "illegal move message"
# a status word on the command line is a usage error (cli.md), in a file it is invalid data
run complaint set-status ADU-202210-0001 flying
expect_rc 64 "an unknown STATUS argument is a usage error"
expect_err "mpp: error: STATUS: 'flying' is not one of" "names the argument"
run complaint list --status flying
expect_rc 64 "an unknown --status is a usage error"
expect_err "mpp: error: --status: 'flying' is not one of" "names the option"
run complaint set-status ADU-202210-0001 resolved --at "2022-10-28"
expect_rc 0 "in_progress -> resolved with a date only"
run complaint set-status ADU-202210-0001 rejected
expect_rc 65 "resolved is final"
run complaint set-status ADU-202211-0001 selesai --at "2022-11-01 08:30"
expect_rc 0 "received -> resolved directly: settled on the spot"
run complaint set-status ADU-202210-0002 resolved --at "2023-01-02 08:00"
expect_rc 65 "a status_at in the future"
run complaint show NOPE
expect_rc 66 "an unknown id"
expect_eq "$(sql "SELECT group_concat(coalesce(from_status, '-') || '>' || to_status, ' ') FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id WHERE c.code = 'ADU-202210-0001'")" \
  "->received received>in_progress in_progress>resolved" "history of ADU-202210-0001"
expect_eq "$(sql "SELECT closed_on FROM complaint WHERE code = 'ADU-202210-0001'")" "2022-10-28" "closed_on is the local date"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE entity = 'complaint' AND action = 'status'")" "3" "one audit row per move"
sqlite3 "$MPP_DB" "DELETE FROM complaint_event" 2>/dev/null && fail "history is append-only" || pass

# --- masking: show, list, json; --unmasked with a reason is audited ---------------------
run complaint show ADU-202210-0001
expect_out "M**** L**" "show masks the name"
expect_out "0812*****890" "show masks the contact"
[[ "$out" != *"Maria Lay"* && "$out" != *"081234567890"* ]] && pass || fail "show never prints them whole"
expect_out "2022-10-31" "show gives the due date (5 working days after 24 Oct)"
run complaint show ADU-202210-0001 --format json
expect_out '"complainant":"M**** L**"' "show json masks"
expect_out '"history":[{' "show json carries the history"
expect_out '"on_time":true' "resolved on 28 Oct, due 31 Oct: on time"
run complaint list --format json
expect_out '"contact":"0812*****890"' "list json masks"
[[ "$out" != *"Maria Lay"* && "$out" != *"+6281234567890"* ]] && pass || fail "list never prints them whole"
expect_out '"id":"ADU-202210-0002","received_at":"2022-10-31T23:30:00+08:00"' "list json in order"
run complaint list --csv --delimiter ';'
expect_out 'id;received_at;channel' "list CSV with ;"
expect_out ';box;' "CSV keeps the channel code"
# the table names channels and statuses in the --lang language (measures.md's words)
row() { printf '%s\n' "$out" | grep "^$1 "; }
run complaint list
[[ "$(row ADU-202210-0001)" == *"  Kotak saran  "*"  Selesai  "* ]] && pass || fail "box: Kotak saran, resolved: Selesai ($(row ADU-202210-0001))"
[[ "$(row ADU-202210-0002)" == *"  WhatsApp  "*"  Diterima  "* ]] && pass || fail "received: Diterima ($(row ADU-202210-0002))"
[[ "$(row ADU-202211-0001)" == *"  Langsung  "* ]] && pass || fail "a complaint at the counter: Langsung, not the applications' Loket"
run complaint list --lang en
[[ "$(row ADU-202210-0001)" == *"  Suggestion box  "*"  Resolved  "* ]] && pass || fail "English labels ($(row ADU-202210-0001))"
run complaint show ADU-202210-0001
expect_out "diteruskan" "show"
[[ "$out" == *"Diproses"*"Selesai"* ]] && pass || fail "the history names the statuses"
run complaint show ADU-202210-0001 --unmasked --reason "permintaan pelapor"
expect_out "Maria Lay" "--unmasked shows the name"
expect_out "081234567890" "--unmasked shows the contact as entered, in its national form"
[[ "$out" != *"+6281234567890"* ]] && pass || fail "--unmasked does not print the E.164 form"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'unmasked_read' AND entity = 'complaint' AND key = 'ADU-202210-0001'")" "1" "the unmasked read is audited"
run complaint list --status received --format json
expect_out '"overdue":true' "ADU-202210-0002 is open past its due date"
# Received Wed 26 Oct: due Wed 2 Nov (26, 27, 28, 31 Oct, 1 and 2 Nov are 6 working days
# counting the start day), resolved Thu 3 Nov: late, yet no longer open past due.
late=$("$MPP" complaint add --channel box --subject "Diselesaikan terlambat" --received-at "2022-10-26 09:00")
"$MPP" complaint set-status "$late" resolved --at "2022-11-03 10:00" >/dev/null 2>&1
run complaint show "$late"
expect_out "2022-11-02" "due on 2 November"
[[ "$out" =~ Tepat\ waktu:?\ +tidak ]] && pass || fail "show: resolved late is not on time ($out)"
[[ "$out" != *"Terlambat"* && ! "$out" =~ Lewat\ tempo:?\ +tidak ]] && pass || fail "show: no 'not late' for a late complaint ($out)"
run complaint list --status resolved --format json
expect_out '"id":"'"$late"'"' "listed"
[[ "$out" == *'"due_on":"2022-11-02","overdue":null,"on_time":false'* ]] && pass || fail "list json: closed late is on_time false, overdue empty ($out)"
run complaint list --status open --format csv
expect_out "ADU-202210-0002" "--status open lists a received complaint"
[[ "$out" != *"$late"* && "$out" != *"ADU-202210-0001"* ]] && pass || fail "--status open leaves out closed ones"
run complaint list --overdue --format csv
expect_rc 0 "--overdue"
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1)" "ADU-202210-0002" "--overdue on 31 Dec: only the open one past its due date"
MPP_NOW=2022-11-02T12:00:00+08:00 run complaint list --overdue --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | grep -c .)" "0" "--overdue on 2 Nov: ADU-202210-0002 is due on 7 Nov"
run complaint list --overdue --status resolved
expect_rc 64 "--overdue with another status"

# --- import: the rules, each at FILE:LINE:COL -------------------------------------------
csv bad.csv "No Laporan;Tanggal Diterima;Kanal;Perihal;Status;Tanggal Status;Instansi;Layanan;Pelapor;Kontak" \
  "LAP-1;1/11/2022 9.00;lapor;Listrik padam;selesai;31/10/2022 9.00;;;;" \
  "LAP-2;1/11/2022 9.00;fax;Air keruh;diterima;;;;;" \
  "LAP-3;1/11/2022 9.00;lapor;;diterima;;;;;" \
  "LAP-4;1/11/2022 9.00;lapor;Air keruh;diproses;;;;;" \
  "LAP-5;1/11/2022 9.00;lapor;Air keruh;diterima;;DUKCAPIL;PLN-PASANG-BARU;;" \
  "LAP-6;1/11/2022 9.00;lapor;Air keruh;diterima;;;;;" \
  "lap-6;1/11/2022 9.00;lapor;Air keruh;diterima;;;;;" \
  "LAP-7;1/11/2022 9.00;lapor;Air keruh;diterima;;;;;12345"
run complaint import bad.csv
expect_rc 65 "invalid rows"
expect_err "bad.csv:2:6: status_at: is before received_at" "status_at before received_at"
expect_err "bad.csv:3:3: channel: 'fax' is not one of" "unknown channel in a file"
expect_err "bad.csv:4:4: subject: is required" "empty subject in a file"
expect_err "bad.csv:5:6: status_at: is required when the status is in_progress" "status_at required"
expect_err "bad.csv:6:8: service: 'PLN-PASANG-BARU' belongs to agency PLN-KUPANG, not DUKCAPIL" "service of another agency in a file"
expect_err "bad.csv:9:10: contact: is not an Indonesian telephone number (5 digits)" "a bad contact"
expect_err "bad.csv:8:1: id: 'lap-6' appears twice in the file (first on line 7)" "an id twice, in any case"
expect_eq "$(sql "SELECT count(*) FROM complaint WHERE code LIKE 'LAP%'")" "0" "all or nothing"

# A cumulative LAPOR! export: the first week, then the same export a week later.
csv lapor-1.csv "nomor_tiket,waktu,saluran,judul,status,tgl_status,instansi,nama_pelapor,no_hp" \
  "1234567,2022-11-01 09:00,sp4n-lapor,Air tidak mengalir,diterima,,PDAM-KUPANG,Yakob Tefa,081311112222" \
  "1234568,2022-11-02 10:00,sp4n-lapor,Antrean KTP,diproses,2022-11-03 10:00,DUKCAPIL,,"
run complaint import lapor-1.csv --format json
expect_rc 0 "the first export"
expect_out '"inserted":2' "two inserted"
run complaint import lapor-1.csv -v
expect_rc 0 "the same file again"
expect_err "already imported as batch" "the re-import guard"
csv lapor-2.csv "nomor_tiket,waktu,saluran,judul,status,tgl_status,instansi,nama_pelapor,no_hp" \
  "1234567,2022-11-01 09:00,sp4n-lapor,Air tidak mengalir,selesai,2022-11-10 14:00,PDAM-KUPANG,Yakob Tefa,081311112222" \
  "1234568,2022-11-02 10:00,sp4n-lapor,Antrean KTP,diterima,2022-11-04 10:00,DUKCAPIL,," \
  "1234569,2022-11-08 10:00,sp4n-lapor,Parkir,diterima,,,,"
run complaint import lapor-2.csv --on-conflict update
expect_rc 65 "in_progress -> received in an export"
expect_err "lapor-2.csv:3:5: status: complaint 1234568 is in_progress: it cannot move to received" "illegal move as a row error"
expect_err "(an export older than the stored status? fix the row, or --skip-invalid to load the other rows)" "the hint of a stale row"
sed -i 's/Antrean KTP,diterima,2022-11-04/Antrean KTP,diproses,2022-11-03/' lapor-2.csv
run complaint import lapor-2.csv --on-conflict update --dry-run --format json
expect_out '"inserted":1,"updated":1,"unchanged":1' "the plan of the update"
expect_out '"status":["received","resolved"]' "the plan names the move"
run complaint import lapor-2.csv --on-conflict update --format json
expect_out '"inserted":1,"updated":1,"unchanged":1' "a cumulative export: updated and unchanged"
expect_eq "$(sql "SELECT status || ' ' || closed_on FROM complaint WHERE code = '1234567'")" "resolved 2022-11-10" "the status moved"
expect_eq "$(sql "SELECT count(*) FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id WHERE c.code = '1234567'")" "2" "one event appended"
# The same status at another time: the history is not silently kept nor rewritten.
csv lapor-4.csv "nomor_tiket,waktu,saluran,judul,status,tgl_status" "1234567,2022-11-01 09:00,sp4n-lapor,Air tidak mengalir,selesai,2022-11-09 09:00"
run complaint import lapor-4.csv --on-conflict update
expect_rc 65 "a resolved complaint with another resolution time"
expect_err "lapor-4.csv:2:6: status_at: 2022-11-09T09:00:00+08:00 differs from the stored time of this status (2022-11-10T14:00:00+08:00)" "names both times"
expect_eq "$(sql "SELECT closed_on FROM complaint WHERE code = '1234567'")" "2022-11-10" "the stored time stays"
csv lapor-3.csv "nomor_tiket,waktu,saluran,judul,status" "1234569,2022-11-09 10:00,sp4n-lapor,Parkir,diterima"
run complaint import lapor-3.csv --on-conflict update
expect_rc 65 "a changed received_at"
expect_err "lapor-3.csv:2:2: received_at: differs from the stored one" "a changed received_at needs a person"
run complaint import lapor-1.csv --force
expect_rc 65 "--force of an older export: 1234567 already exists"
csv box.csv "tanggal,kanal,isi,status" "3/12/2022 10.00,kotak saran,Toilet kotor,diterima"
run complaint import box.csv --force
expect_rc 64 "--force without ids"
run complaint import box.csv
expect_rc 0 "rows without id"
expect_eq "$(sql "SELECT code FROM complaint WHERE subject = 'Toilet kotor'")" "ADU-202212-0001" "a generated id of December"

# --- figures: list --by agency and --by channel against an independent recount ----------
fresh_db
"$MPP" agency import "$SRC/examples/kupang/agencies.csv" 2>/dev/null
"$MPP" service import "$SRC/examples/kupang/services.csv" 2>/dev/null
"$MPP" calendar add 2022-11-15 --kind regional --name "Libur daerah (uji)" >/dev/null 2>&1
python3 - "$T/gen.csv" <<'EOF'
import csv, random, sys, datetime as dt
random.seed(11)
places = [("", ""), ("DUKCAPIL", ""), ("DUKCAPIL", "DUKCAPIL-KTP"), ("PDAM-KUPANG", "PDAM-BALIK-NAMA"), ("PLN-KUPANG", "")]
channels = ["lapor", "counter", "box", "phone", "whatsapp", "email", "social"]
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "received_at", "channel", "agency", "service", "subject", "status", "status_at"])
    for i in range(90):
        got = dt.datetime(2022, 10, 1, 8) + dt.timedelta(days=random.randrange(80), hours=random.randrange(10))
        agency, service = random.choice(places)
        status = random.choice(["received", "in_progress", "resolved", "resolved", "resolved", "rejected"])
        at = got + dt.timedelta(days=random.randrange(15), hours=random.randrange(8)) if status != "received" else None
        if at and at > dt.datetime(2022, 12, 30, 17):
            at = dt.datetime(2022, 12, 30, 17)
        w.writerow([f"G{i:03}" if i % 2 else "", got.strftime("%Y-%m-%d %H:%M"), random.choice(channels),
                    agency, service, f"keluhan {i}", status, at.strftime("%Y-%m-%d %H:%M") if at else ""])
EOF
run complaint import gen.csv
expect_rc 0 "the generated complaints"
recount() { # BY: the figures of November 2022 recounted from gen.csv, as JSON lines
  python3 - "$T/gen.csv" "$1" <<'EOF'
import csv, sys, datetime as dt, json
from decimal import Decimal, ROUND_HALF_UP
F, L = dt.date(2022, 11, 1), dt.date(2022, 11, 30)
holidays = {dt.date(2022, 12, 25), dt.date(2022, 10, 8), dt.date(2022, 11, 15)}
work = lambda d: d.weekday() < 5 and d not in holidays
def start(d):
    while not work(d): d += dt.timedelta(days=1)
    return d
def plus(d, n):
    while n > 0:
        d += dt.timedelta(days=1); n -= work(d)
    return d
def between(a, b):  # working days d with a < d <= b
    return sum(work(a + dt.timedelta(days=k)) for k in range(1, (b - a).days + 1))
groups = {}
for r in csv.DictReader(open(sys.argv[1])):
    key = r["channel"] if sys.argv[2] == "channel" else (r["agency"] or "(mpp)")
    g = groups.setdefault(key, dict(rec=0, res=0, rej=0, open=0, on=0, days=[]))
    got = dt.datetime.strptime(r["received_at"], "%Y-%m-%d %H:%M").date()
    closed = dt.datetime.strptime(r["status_at"], "%Y-%m-%d %H:%M").date() if r["status"] in ("resolved", "rejected") else None
    g["rec"] += F <= got <= L
    g["open"] += got <= L and (closed is None or closed > L)
    if closed and F <= closed <= L:
        if r["status"] == "rejected":
            g["rej"] += 1
        else:
            s = start(got); g["res"] += 1; g["on"] += closed <= plus(s, 5); g["days"].append(between(s, closed))
def one(x): return str(Decimal(x).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
def median(v):
    v = sorted(v); n = len(v)
    return None if n == 0 else one(Decimal(v[n // 2]) if n % 2 else (Decimal(v[n // 2 - 1]) + v[n // 2]) / 2)
total = dict(rec=0, res=0, rej=0, open=0, on=0, days=[])
for k in sorted(groups):
    g = groups[k]
    for f in total: total[f] += g[f]
for k, g in sorted(groups.items()) + [("total", total)]:
    if k != "total" and not (g["rec"] or g["res"] or g["rej"] or g["open"]): continue
    pct = one(Decimal(100 * g["on"]) / g["res"]) if g["res"] else None
    print(k, g["rec"], g["res"], g["rej"], g["open"], pct, median(g["days"]))
EOF
}
figures() { # BY: mpp's figures of November 2022 in the recount's shape
  "$MPP" complaint list --by "$1" --from 2022-11-01 --to 2022-11-30 --format json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
out = []
for r in rows:
    k = r.get("channel") or ("total" if r.get("level") == "total" else r.get("agency_code") or "(mpp)")
    out.append((k, r["complaints_received"], r["complaints_resolved"], r["complaints_rejected"], r["complaints_open"],
                None if r["complaints_on_time_pct"] is None else "%.1f" % r["complaints_on_time_pct"],
                None if r["complaints_resolution_median"] is None else "%.1f" % r["complaints_resolution_median"]))
tot = [o for o in out if o[0] == "total"]
for o in sorted(o for o in out if o[0] != "total") + tot: print(*o)'
}
for by in agency channel; do
  expected=$(recount "$by")
  got=$(figures "$by")
  expect_eq "$got" "$expected" "November 2022 by $by equals the recount"
done
# The recount is not trivial: some were open at November's end and closed after it.
expect_eq "$(sql "SELECT count(*) > 0 FROM complaint WHERE received_on <= '2022-11-30' AND closed_on > '2022-11-30'")" "1" "some closed after the period"
expect_eq "$(sql "SELECT count(*) > 0 FROM complaint WHERE received_on <= '2022-11-30' AND closed_on IS NULL")" "1" "some still open"
run complaint list --by agency --from 2022-11-01 --to 2022-11-30
[[ "$out" == *$'\nInstansi  '* && "$(printf '%s\n' "$out" | tail -1)" == "Jumlah  "* ]] && pass ||
  fail "the table names the levels: Instansi rows, a Jumlah row last"
run complaint list --by agency --from 2022-11-01 --to 2022-11-30 --lang en
[[ "$(printf '%s\n' "$out" | tail -1)" == "Total  "* ]] && pass || fail "English: Total"
run complaint list --by agency --format json
expect_rc 64 "--by without a period"
for opt in "--agency DUKCAPIL" "--service DUKCAPIL-KTP" "--status resolved" "--channel box" "--overdue" "--limit 3"; do
  run complaint list --by agency --from 2022-11-01 --to 2022-11-30 $opt
  expect_rc 64 "--by with $opt"
  expect_err "--by gives the figures of every agency and channel" "--by with $opt is refused, not ignored"
done

# --- the offset changes: received_on and closed_on follow -------------------------------
code=$("$MPP" complaint add --channel phone --subject "Tengah malam" --received-at "2022-12-01 00:30")
"$MPP" complaint set-status "$code" resolved --at "2022-12-02 00:30" >/dev/null 2>&1
expect_eq "$(sql "SELECT received_on || ' ' || closed_on FROM complaint WHERE code = '$code'")" "2022-12-01 2022-12-02" "local dates at +08:00"
"$MPP" db set office.utc_offset +07:00 >/dev/null 2>&1
expect_eq "$(sql "SELECT received_on || ' ' || closed_on FROM complaint WHERE code = '$code'")" "2022-11-30 2022-12-01" "local dates follow the offset (00:30 WITA is 23:30 WIB)"
# --- a cumulative export without ids, imported again: the same complaints, not new ones -----
kupang_catalogue
ex="$SRC/examples/kupang/complaints-2022.csv"
received() { # the total received over the example's months
  "$MPP" complaint list --by channel --from 2022-10-01 --to 2022-12-31 --format json |
    python3 -c 'import json,sys; print(sum(r["complaints_received"] for r in json.load(sys.stdin) if r.get("channel") in ("lapor", "counter", "box", "phone", "whatsapp", "email", "social")))'
}
run complaint import "$ex" --format json
expect_out '"inserted":30' "the example: 30 complaints, 22 of them without an id"
expect_eq "$(received)" "30" "30 received"
# The same export a week later: the PLN survey complaint (received 28/10 16.40) moved on.
sed 's/tidak datang;diterima;;/tidak datang;ditindaklanjuti;1\/11\/2022 9.00;/' "$ex" >"$T/again.csv"
expect_eq "$(diff "$ex" "$T/again.csv" | grep -c '^>')" "1" "exactly one row changed"
run complaint import "$T/again.csv" --on-conflict update --format json
expect_rc 0 "the later export"
expect_out '"inserted":0,"updated":1,"unchanged":29' "22 rows without an id found by received_at, channel and subject"
expect_eq "$(received)" "30" "still 30 received"
expect_eq "$(sql "SELECT status FROM complaint WHERE subject = 'Survei lokasi pasang baru tidak datang' AND received_on = '2022-10-28'")" "in_progress" "the status moved"
sed 's/tidak datang;ditindaklanjuti;1\/11\/2022 9.00;/tidak datang;selesai;2\/11\/2022 9.00;/' "$T/again.csv" >"$T/third.csv"
run complaint import "$T/third.csv"
expect_rc 65 "the same complaint without an id, on-conflict fail"
expect_err "received_at: the same complaint (received_at, channel and subject) is already stored as 'ADU-202210-" "names the stored complaint"
csv twice.csv "tanggal,kanal,isi,status" "3/12/2022 10.00,kotak saran,Toilet kotor,diterima" \
  "3/12/2022 10.00,kotak_saran,Toilet kotor,diterima" "3/12/2022 10.00,wa,Toilet kotor,diterima"
run complaint import twice.csv
expect_rc 65 "the same complaint twice in one file"
expect_err "twice.csv:3:1: received_at: the same complaint (received_at, channel and subject) appears twice in the file (first on line 2)" "a duplicate natural key"
[[ "$err" != *"twice.csv:4:"* ]] && pass || fail "another channel is another complaint ($err)"
# A mistyped contact is personal data too: the error names the problem, never the value.
run complaint add --channel phone --subject "Antrean" --contact 5371050304733223
expect_rc 65 "a NIK typed as a contact is refused"
[[ "$err" != *5371050304733223* ]] && pass || fail "and the error does not echo it ($err)"
csv badcontact.csv 'received_at,channel,subject,status,contact' '01/11/2022 10:00,lapor,x,received,08123456789012345' '01/11/2022 11:00,lapor,y,received,budi@'
run complaint import badcontact.csv
expect_rc 65 "bad contacts in a file"
expect_err "badcontact.csv:2:5: contact: is not an Indonesian telephone number (17 digits)" "the row error counts the digits"
[[ "$err" != *08123456789012345* && "$err" != *budi@* ]] && pass || fail "without the values ($err)"
finish
