# mpp visit: every import rule (exit code and message), keys and --on-conflict, `visit add`,
# `visit list` figures against an independent counter over the raw CSV, db check and repair.
. "$(dirname "$0")/lib.sh"
kupang_catalogue
export MPP_NOW=2022-11-10T09:00:00+08:00
H=ticket,agency,service,taken_at,called_at,finished_at,outcome,channel

# --- each import rule: exit 65, nothing written, the place and the problem
fp=$(fingerprint)
csv bad.csv "$H" "A001,DUKCAPIL,DUKCAPIL-KTP,2022-10-24 09:10,2022-10-24 09:05,,,"
run visit import bad.csv
expect_rc 65 "called before taken"
expect_err "bad.csv:2:5: called_at: 2022-10-24T09:05:00+08:00 is before taken_at 2022-10-24T09:10:00+08:00" "says where and why"
csv bad.csv "$H" "A001,DUKCAPIL,,2022-10-24 09:10,2022-10-24 09:20,2022-10-24 09:15,,"
run visit import bad.csv
expect_rc 65 "finished before called"
expect_err "bad.csv:2:6: finished_at: 2022-10-24T09:15:00+08:00 is before called_at" "says so"
csv bad.csv "$H" "A001,DUKCAPIL,,2022-10-24 09:10,,2022-10-24 09:15,,"
run visit import bad.csv
expect_rc 65 "finished without called"
expect_err "bad.csv:2:6: finished_at: needs called_at" "says so"
csv bad.csv "$H" "A001,DUKCAPIL,,2022-10-24 15:10,2022-10-25 08:05,,," \
  "A002,DUKCAPIL,,2022-10-24 15:10,2022-10-24 15:20,2022-10-25 08:01,,"
run visit import bad.csv
expect_rc 65 "times on another date"
expect_err "bad.csv:2:5: called_at: 2022-10-25T08:05:00+08:00 is not on the day of taken_at (2022-10-24)" "called the next day"
expect_err "bad.csv:3:6: finished_at: 2022-10-25T08:01:00+08:00 is not on the day of taken_at" "finished the next day"
csv bad.csv "$H" "A001,DUKCAPIL,,2022-10-24 09:10,,,kabur," "A002,DUKCAPIL,,2022-10-24 09:10,,,,online"
run visit import bad.csv
expect_rc 65 "bad outcome and channel"
expect_err "bad.csv:2:7: outcome: 'kabur' is not one of: served, no_show" "outcome"
expect_err "bad.csv:3:8: channel: 'online' is not one of: counter, outreach" "channel"
csv bad.csv "$H" "A001,NOPE,,2022-10-24 09:10,,,," "A002,DUKCAPIL,KPP-NPWP-OP,2022-10-24 09:10,,,," \
  "A003,DUKCAPIL,NOPE-X,2022-10-24 09:10,,,,"
run visit import bad.csv
expect_rc 65 "unknown agency, service of another agency, unknown service"
expect_err "bad.csv:2:2: agency: agency 'NOPE' not found" "unknown agency"
expect_err "bad.csv:3:3: service: service 'KPP-NPWP-OP' belongs to agency 'KPP-KUPANG', not 'DUKCAPIL'" "another agency's service"
expect_err "bad.csv:4:3: service: service 'NOPE-X' not found" "unknown service"
csv bad.csv "$H" "A001,DUKCAPIL,,2022-11-10 11:00,,,,"
run visit import bad.csv
expect_rc 65 "a ticket in the future"
expect_err "bad.csv:2:4: taken_at: 2022-11-10T11:00:00+08:00 is in the future" "says so"
csv bad.csv "$H" "A001,DUKCAPIL,,2022-10-24 09:10,,,," "A001,DUKCAPIL,,2022-10-24 10:10,,,,"
run visit import bad.csv
expect_rc 65 "a ticket number twice on one day"
expect_err "bad.csv:3:1: ticket: 'DUKCAPIL 2022-10-24 #A001' appears twice in the file (first on line 2)" "says so"
csv bad.csv "date,agency,service,count" "2022-10-30,DUKCAPIL,,-3" "2022-10-30,BAPENDA,,2.5" "2022-10-30,BANK-NTT,," \
  "2022-10-30,POS-KUPANG,,1" "30/10/2022,POS-KUPANG,,2"
run visit import bad.csv
expect_rc 65 "bad counts"
expect_err "bad.csv:2:4: count: -3 is out of range (0 to 1000000000)" "negative"
expect_err "bad.csv:3:4: count: '2.5' is not a whole number" "not whole"
expect_err "bad.csv:4:4: count: is required" "missing"
expect_err "bad.csv:6:4: count: '2022-10-30 POS-KUPANG - counter' appears twice in the file (first on line 5)" "the same key twice"
csv bad.csv "taken_at,agency,count" "2022-10-24 09:10,DUKCAPIL,3"
run visit import bad.csv
expect_rc 65 "both shapes' columns"
expect_err "the file has both taken_at (one row per queue ticket) and count (a tally sheet's daily count)" "names the two columns"
csv bad.csv "ticket,agency" "A001,DUKCAPIL"
run visit import bad.csv
expect_rc 65 "neither shape"
expect_err "the columns fit neither visit file: queue tickets need taken_at and agency, a tally sheet needs date, agency and count; found: ticket, agency" "says what each needs"
csv bad.csv "date,agency,count,outcome" "2022-10-30,DUKCAPIL,3,served"
run visit import bad.csv
expect_rc 65 "a ticket column in a tally sheet"
expect_err "column outcome belongs to queue-ticket files" "says so"
expect_eq "$(fingerprint)" "$fp" "no failed import wrote anything"

# --- tickets: Indonesian headers, keys, re-import guard, conflicts
csv antri.csv "No. Antrian;Kode Instansi;Kode Layanan;Waktu Ambil;Waktu Panggil;Waktu Selesai;Status" \
  "A001;DUKCAPIL;DUKCAPIL-KTP;24/10/2022 08:00:10;24/10/2022 08:10:09;24/10/2022 08:20:00;Selesai" \
  "A002;DUKCAPIL;;24/10/2022 08:01:00;24/10/2022 08:30:59;;Tidak Hadir" \
  ";DUKCAPIL;DUKCAPIL-KK;24/10/2022 08:02:00;;;batal"
run visit import antri.csv --format json
expect_rc 0 "a ticket file with Indonesian headers"
expect_out '"inserted":3' "three tickets"
expect_eq "$(sql "select key||'|'||day||'|'||outcome from visit order by id" | head -2 | tr '\n' ' ')" \
  "DUKCAPIL 2022-10-24 #A001|2022-10-24|served DUKCAPIL 2022-10-24 #A002|2022-10-24|no_show " "keyed by agency, day, ticket"
run -v visit import antri.csv
expect_rc 0 "the same file again"
expect_err "already imported as batch" "the re-import guard"
expect_eq "$(sql "select count(*) from visit")" "3" "nothing imported twice"
csv antri2.csv "ticket,agency,taken_at,called_at,outcome" \
  "A001,DUKCAPIL,2022-10-24 08:00:10,2022-10-24 08:12:00,served" ",DUKCAPIL,2022-10-24 08:02:00,,no_show"
run visit import antri2.csv
expect_rc 65 "a ticket number already stored"
expect_err "antri2.csv:2:1: ticket: visit 'DUKCAPIL 2022-10-24 #A001' already exists" "names the key"
run visit import antri2.csv --on-conflict update --format json
expect_rc 0 "--on-conflict update"
expect_out '"inserted":1,"updated":1' "A001 updated; the ticket without number is another row (its service differs)"
expect_eq "$(sql "select called_at||'|'||coalesce(finished_at,'')||'|'||(coalesce(service_id,0)>0) from visit where ticket='A001'")" \
  "2022-10-24T00:12:00Z|2022-10-24T00:20:00Z|1" "called_at updated; finished_at and service kept (not in the file)"
csv antri3.csv "agency,service,taken_at,outcome" "DUKCAPIL,DUKCAPIL-KK,2022-10-24 08:02:00,batal"
run visit import antri3.csv
expect_rc 65 "a ticket without number equal to a stored one"
expect_err "already exists" "keyed by the whole row"
run visit import antri3.csv --on-conflict skip --format json
expect_out '"skipped":1' "skipped"
run db check
expect_rc 0 "db check clean after ticket imports and updates"

# --- tally sheets: --on-conflict update replaces a corrected count
csv cfd.csv "Tanggal;Instansi;Layanan;Kanal;Jumlah" "30/10/2022;DUKCAPIL;DUKCAPIL-KTP;Jemput Bola;10" \
  "30/10/2022;BANK-NTT;;gerai;4"
run visit import cfd.csv
expect_rc 0 "a tally sheet"
csv cfd2.csv "Tanggal;Instansi;Layanan;Kanal;Jumlah" "30/10/2022;DUKCAPIL;DUKCAPIL-KTP;Jemput Bola;12"
run visit import cfd2.csv
expect_rc 65 "a corrected sheet conflicts"
expect_err "cfd2.csv:2:5: count: visit '2022-10-30 DUKCAPIL DUKCAPIL-KTP outreach' already exists" "names the key"
run visit import cfd2.csv --on-conflict update --dry-run --format json
expect_out '"fields":{"count":["10","12"]}' "the plan shows the count replaced"
run visit import cfd2.csv --on-conflict update
expect_rc 0 "replaced"
expect_eq "$(sql "select count from visit where kind='count' and service_id is not null")" "12" "the count replaced, not added"
expect_eq "$(sql "select visits||'|'||served from visit_tally where day='2022-10-30' and service_id > 0")" "12|12" "the tally follows"
run db check
expect_rc 0 "db check clean after the update"

# --- visit add: a hand count adds to the day's count
fp=$(fingerprint)
run visit add --agency DUKCAPIL --dry-run
expect_eq "$(fingerprint)" "$fp" "add --dry-run writes nothing"
MPP_NOW=2022-10-25T10:00:00+08:00 "$MPP" visit add --agency dukcapil --service DUKCAPIL-KTP 2>/dev/null
MPP_NOW=2022-10-25T11:00:00+08:00 "$MPP" visit add --agency DUKCAPIL --service DUKCAPIL-KTP --count 3 2>/dev/null
expect_eq "$(sql "select count||'|'||channel from visit where day='2022-10-25'")" "4|counter" "a second add adds to the day's count"
expect_eq "$(sql "select count(*) from audit where entity='visit' and action in ('create','update')")" "2" "each add is audited"
run visit add --agency DUKCAPIL --service KPP-NPWP-OP
expect_rc 65 "add: a service of another agency"
expect_err "belongs to agency 'KPP-KUPANG'" "says so"
run visit add --agency DUKCAPIL --count -1
expect_rc 65 "add: a negative count"
run visit add --service DUKCAPIL-KTP
expect_rc 64 "add: no --agency is a usage error"
expect_err "mpp: error: --agency is required" "says so"

# --- list per day
run visit list --from 2022-10-24 --to 2022-10-24 --format csv
expect_rc 0 "list"
expect_eq "$(echo "$out" | tr -d '\r' | head -1)" "day,agency_code,service_code,visits,served,no_show,wait_median_min,wait_p90_min,service_median_min" "the columns"
# A001 waited 08:00:10 -> 08:12:00 = 11 min 50 s -> 11 (truncated), served 8 min; A002 (no
# service) waited 29 min 59 s -> 29, and the numberless no-show of antri2.csv has no service.
expect_out "2022-10-24,DUKCAPIL,,2,0,2,29.0,29," "the agency's visits without a service"
expect_out "2022-10-24,DUKCAPIL,DUKCAPIL-KTP,1,1,0,11.0,11,8.0" "truncated minutes"
run visit list --agency NOPE
expect_rc 65 "an unknown agency filter"
run visit list --by day
expect_rc 64 "a bad --by"
run visit list --by agency --from 2022-10-24
expect_rc 64 "--by without --to"
expect_err "--by needs the period: --from and --to" "says so"
expect_err "e.g. mpp visit list --by agency --from 2022-10-01 --to 2022-10-31" "with an example"
run visit list --by mpp
expect_rc 64 "--by without a period"

# --- figures against an independent counter over a generated file
kupang_catalogue
"$MPP" calendar add 2022-10-27 --kind regional --name "Libur daerah" 2>/dev/null
python3 - "$T" <<'EOF'
import random, sys
random.seed(7)
svc = {'DUKCAPIL': ['DUKCAPIL-KTP', 'DUKCAPIL-KK', ''], 'BANK-NTT': ['BANKNTT-PAJAK-DAERAH', ''],
       'PDAM-KUPANG': ['PDAM-BALIK-NAMA']}
with open(sys.argv[1] + '/gen.csv', 'w') as f:
    f.write('ticket;agency;service;taken_at;called_at;finished_at;outcome\n')
    for d in (24, 25, 26, 27, 28, 31):
        for ag, ss in svc.items():
            for k in range(random.randint(3, 25)):
                t = 8 * 3600 + random.randint(0, 6 * 3600)
                w = random.randint(0, 3600); s = random.randint(30, 1500)
                hm = lambda x: '2022-10-%02d %02d:%02d:%02d' % (d, x // 3600, x % 3600 // 60, x % 60)
                r = random.random()
                called = hm(t + w) if r > 0.1 else ''
                fin = hm(t + w + s) if r > 0.25 else ''
                out = 'tidak_hadir' if 0.1 < r <= 0.25 else ('' if r > 0.6 else 'served')
                f.write('%s%d;%s;%s;%s;%s;%s;%s\n' % (ag[0], k, ag, random.choice(ss), hm(t), called, fin, out))
with open(sys.argv[1] + '/gen-counts.csv', 'w') as f:
    f.write('date,agency,service,count,channel\n2022-10-30,DUKCAPIL,DUKCAPIL-KTP,17,outreach\n'
            '2022-10-30,BANK-NTT,,9,outreach\n2022-10-29,PDAM-KUPANG,PDAM-BALIK-NAMA,0,outreach\n')
EOF
run visit import gen.csv
expect_rc 0 "the generated tickets"
run visit import gen-counts.csv
expect_rc 0 "the generated tally sheet"
run visit list --by service --from 2022-10-24 --to 2022-10-31 --format csv
expect_rc 0 "list --by service"
echo "$out" | tr -d '\r' >got.csv
python3 - "$T" <<'EOF' >want.csv
# An independent counter over the raw CSV files: visits, served, no_show, per working day,
# busiest day (earliest on a tie), wait median/p90 and service median in whole minutes.
import csv, sys, datetime as dt
from decimal import Decimal, ROUND_HALF_UP
T = sys.argv[1]
def r1(x): return str(Decimal(str(x)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP))
def mins(a, b):
    f = '%Y-%m-%d %H:%M:%S'
    return int((dt.datetime.strptime(b, f) - dt.datetime.strptime(a, f)).total_seconds()) // 60
groups = {}
def g(key):
    return groups.setdefault(key, {'v': 0, 's': 0, 'n': 0, 'day': {}, 'w': [], 'x': []})
def add(keys, day, v, s, n, w, x):
    for k in keys:
        e = g(k); e['v'] += v; e['s'] += s; e['n'] += n
        e['day'][day] = e['day'].get(day, 0) + v
        e['w'] += w; e['x'] += x
def keys(ag, sv):
    return ([('service', ag, sv)] if sv else []) + [('agency', ag, ''), ('total', '', '')]
for r in csv.DictReader(open(T + '/gen.csv'), delimiter=';'):
    noshow = r['outcome'] == 'tidak_hadir'
    w = [mins(r['taken_at'], r['called_at'])] if r['called_at'] else []
    x = [mins(r['called_at'], r['finished_at'])] if r['finished_at'] else []
    add(keys(r['agency'], r['service']), r['taken_at'][:10], 1, 0 if noshow else 1, 1 if noshow else 0, w, x)
for r in csv.DictReader(open(T + '/gen-counts.csv')):
    c = int(r['count'])
    add(keys(r['agency'], r['service']), r['date'], c, c, 0, [], [])
# Working days 24..31 Oct 2022: Mon-Fri 24-28 and Mon 31, less the regional holiday on the 27th.
wd = 5
def median(xs):
    xs = sorted(xs); n = len(xs)
    return '' if n == 0 else r1((xs[(n - 1) // 2] + xs[n // 2]) / 2)
def p90(xs):
    xs = sorted(xs); n = len(xs)
    return '' if n == 0 else str(xs[-(-9 * n // 10) - 1])
def busiest(days):
    best = max(days.values())
    return min(d for d, v in days.items() if v == best) if best > 0 else ''
order = {'service': 0, 'agency': 1}
print('level,agency_code,service_code,visits,served,no_show,visits_per_working_day,busiest_day,'
      'wait_median_min,wait_p90_min,service_median_min')
for k in sorted(groups, key=lambda k: (k[0] == 'total', k[1], order.get(k[0], 2), k[2])):
    e = groups[k]
    print(','.join([k[0], k[1], k[2], str(e['v']), str(e['s']), str(e['n']), r1(e['v'] / wd),
                    busiest(e['day']), median(e['w']), p90(e['w']), median(e['x'])]))
EOF
expect_eq "$(diff got.csv want.csv && echo same)" "same" "--by service equals the independent counter"
expect_eq "$(wc -l <want.csv)" "9" "four services, three agencies, the MPP and the header"
run visit list --by agency --from 2022-10-24 --to 2022-10-31 --format csv
expect_eq "$(echo "$out" | tr -d '\r' | sed 1d)" "$(grep -v '^service,' want.csv | sed 1d)" "--by agency: the same agency and MPP rows"
run visit list --by mpp --from 2022-10-24 --to 2022-10-31 --format csv --delimiter ';'
expect_eq "$(echo "$out" | tr -d '\r' | sed 1d)" "$(grep '^total,' want.csv | tr ',' ';' | sed 's/;\([0-9]*\)\.\([0-9]\)/;\1,\2/g')" "--by mpp with --delimiter ';' (decimal comma)"
run db check
expect_rc 0 "db check clean"

# --- busiest day: the earliest on a tie (hand count: two visits on the 24th and on the 25th)
kupang_catalogue
csv tie.csv "date,agency,count" "2022-10-25,POS-KUPANG,2" "2022-10-24,POS-KUPANG,2" "2022-10-26,POS-KUPANG,1"
"$MPP" visit import tie.csv 2>/dev/null
run visit list --by mpp --from 2022-10-24 --to 2022-10-28 --format csv
# 5 visits over the 5 working days 24-28 Oct: 1.0 per working day.
expect_out "total,,,5,5,0,1.0,2022-10-24,,," "the earliest of the tied days (the grand total is labelled total)"

# --- db check catches a tampered tally; --repair rebuilds it
sqlite3 "$MPP_DB" "update visit_tally set visits = visits + 1 where day = '2022-10-25'"
run db check
expect_rc 69 "a tampered visit tally"
expect_err "visit tallies: 2022-10-25" "names the day"
run db check --repair
expect_rc 0 "repaired"
expect_eq "$(sql "select visits from visit_tally where day='2022-10-25'")" "2" "rebuilt from the rows"
"$MPP" visit import "$SRC/examples/templates/visit-tickets.csv" 2>/dev/null
sqlite3 "$MPP_DB" "delete from visit_minutes"
run db check
expect_rc 69 "missing minutes"
expect_err "minutes waited or served differ" "says so"

# --- the offset moves the local day of a ticket, and its tallies
kupang_catalogue
csv late.csv "ticket,agency,taken_at" "A1,DUKCAPIL,2022-10-24T16:30:00Z"
"$MPP" visit import late.csv 2>/dev/null
expect_eq "$(sql "select day from visit")" "2022-10-25" "00:30 WITA is the 25th"
"$MPP" db set office.utc_offset +07:00 2>/dev/null
expect_eq "$(sql "select day||'|'||key from visit")" "2022-10-24|DUKCAPIL 2022-10-24 #A1" "at +07:00 it is the 24th"
expect_eq "$(sql "select day from visit_tally")" "2022-10-24" "the tally follows"
run db check
expect_rc 0 "db check clean after the offset change"

# --- a queue export with a date column and bare times (H.MM, H:MM, H:MM:SS) on that date
kupang_catalogue
csv jam.csv "Tanggal;No. Antrian;Instansi;Layanan;Jam Ambil;Jam Panggil;Jam Selesai;Status" \
  "24/10/2022;A001;DUKCAPIL;DUKCAPIL-KTP;08.02;08.13;08.32;Selesai" \
  "25/10/2022;A001;DUKCAPIL;;8:05;08:10:30;;Tidak Hadir"
run -v visit import jam.csv --dry-run
expect_rc 0 "dry run of a ticket file with a date column"
expect_err "+ DUKCAPIL 2022-10-24 #A001 new (DUKCAPIL-KTP, served, counter)" "the plan shows service, outcome, channel"
run visit import jam.csv --format json
expect_rc 0 "a ticket file with a date column and bare times"
expect_out '"inserted":2' "two tickets"
# 08.02 WITA (+08:00) on 24 Oct is 00:02 UTC; 8:05 and 08:10:30 on 25 Oct are 00:05 and 00:10:30 UTC.
expect_eq "$(sql "select day||'|'||taken_at||'|'||called_at||'|'||coalesce(finished_at,'') from visit order by day" | tr '\n' ' ')" \
  "2022-10-24|2022-10-24T00:02:00Z|2022-10-24T00:13:00Z|2022-10-24T00:32:00Z 2022-10-25|2022-10-25T00:05:00Z|2022-10-25T00:10:30Z| " \
  "the times on the row's date"
csv jam2.csv "No. Antrian;Instansi;Jam Ambil" "A009;DUKCAPIL;08.02"
run visit import jam2.csv
expect_rc 65 "a bare time without a date column"
expect_err "jam2.csv:2:3: taken_at: '08.02' is a time without a date; add the date column (date, tanggal)" "says so, with a hint"
csv jam3.csv "Tanggal;Instansi;Jam Ambil;Jam Panggil" "24/10/2022;DUKCAPIL;08.62;" "24/10/2022;DUKCAPIL;9:10;9:05"
run visit import jam3.csv
expect_rc 65 "a bad bare time, and a bare call before the take"
expect_err "jam3.csv:2:3: taken_at:" "08.62 is no time"
expect_err "jam3.csv:3:4: called_at: 2022-10-24T09:05:00+08:00 is before taken_at 2022-10-24T09:10:00+08:00" "the order rule on bare times"

# --- two identical rows without ticket numbers: the whole-row key, said plainly
csv dup.csv "Tanggal;Instansi;Layanan;Jam Ambil;Status" "03/11/2022;DUKCAPIL;DUKCAPIL-KTP;09.00;Selesai" \
  "03/11/2022;DUKCAPIL;DUKCAPIL-KTP;09.00;Selesai"
run visit import dup.csv
expect_rc 65 "the same row twice"
expect_err "dup.csv:3: the same as line 2: a file without ticket numbers is keyed by the whole row; export the queue number (ticket) so two visitors in the same minute stay apart" "says why and what to do"
run -v visit import jam.csv --force --on-conflict skip
expect_rc 0 "the same tickets again, skipped"
expect_err "(skipped 2)" "counted as skipped, worded as for every noun (agency import --on-conflict skip)"

# --- visit add: the other nouns' not-found hint; a future date shown as a date
run visit add --agency XYZ
expect_rc 65 "add: an unknown agency"
expect_err "agency 'XYZ' not found (see: mpp agency list --all)" "with the hint the other nouns give"
run visit add --agency DUKCAPIL --service NOPE-X
expect_err "service 'NOPE-X' not found (see: mpp service list --all)" "an unknown service, with the hint"
run visit add --agency DUKCAPIL --date 2027-01-01
expect_rc 65 "add: a date in the future"
expect_err "2027-01-01 is in the future (today is 2022-11-10)" "shown as dates"
[[ "$err" == *T00:00:00* ]] && fail "a date-only error shows a time" || pass

# Hand counts add up to at most what one tally-sheet count may hold.
run visit add --agency DUKCAPIL --count 1000000000 --date 2022-11-07
expect_rc 0 "a count at the limit"
run visit add --agency DUKCAPIL --count 1 --date 2022-11-07
expect_rc 65 "one more would pass the limit"
expect_err "the day's count would be 1000000001, more than 1000000000" "and says so"
finish
