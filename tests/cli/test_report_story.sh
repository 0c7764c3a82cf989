# The monthly report for people as people see it (reports.md "For the people who read it"):
# the Kupang example of October 2022 with visits, the survey and complaints, in table, markdown
# and html — headline box, trend, names, channels, overdue list, signature, one agency.
. "$(dirname "$0")/lib.sh"
K=$SRC/examples/kupang
kupang_catalogue
export MPP_NOW=2023-02-01T08:00:00+08:00
for file in applications-2022-10 visits-2022-10 visits-outreach-2022-10 survey-2022-q4; do
  "$MPP" "$(case $file in app*) echo application ;; vis*) echo visit ;; *) echo survey ;; esac)" import "$K/$file.csv" >/dev/null 2>&1 || fail "import $file"
done
"$MPP" complaint import "$K/complaints-2022.csv" >/dev/null 2>&1 || fail "import complaints"
export MPP_NOW=2022-11-01T00:05:00+08:00 SOURCE_DATE_EPOCH=1667232300 # 1 November, 00:05 WITA
# Independent counts of the example's CSV: received in October by channel, MPP and DUKCAPIL.
channels() {
  python3 - "$K/applications-2022-10.csv" "$1" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig'), delimiter=';')
        if r['Kode Layanan'].startswith(sys.argv[2])]
n = lambda k: sum(1 for r in rows if r['Kanal'].lower() == k)
print(n('loket'), n('daring'), n('jemput bola'), len(rows))
PY
}

run report monthly --month 2022-10
expect_rc 0 "the October report for people"
# The headline box opens the report; September 2022 and October 2021 have no data: no change.
first=$(printf '%s\n' "$out" | grep -n '^Ringkasan$' | cut -d: -f1)
table=$(printf '%s\n' "$out" | grep -n '^Kode  *Instansi / layanan' | cut -d: -f1)
[ -n "$first" ] && [ -n "$table" ] && [ "$first" -lt "$table" ] && pass || fail "the headline box comes before the table"
expect_eq "$(printf '%s\n' "$out" | grep -E '^Diterima +[0-9]' | tr -s ' ')" "Diterima $(channels '' | cut -d' ' -f4)" \
  "headline: received in October, nothing to compare with"
[[ "$out" != *"Permohonan diterima: "* ]] && pass || fail "the old previous-month sentence is gone"
expect_out "Kunjungan" "headline: visits are recorded"
expect_out "Nilai IKM" "headline: the IKM is recorded"
# The trend: twelve months ending with October 2022.
expect_eq "$(printf '%s\n' "$out" | grep -cE '^(Nov|Des) 2021 |^(Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt) 2022 ')" "12" "twelve months of trend"
expect_eq "$(printf '%s\n' "$out" | grep -E '^Okt 2022 ' | awk '{print $3}')" "$(channels '' | cut -d' ' -f4)" "the trend ends with October's received"
# Channels: the total and one agency against the CSV's own count.
read -r counter online outreach total <<<"$(channels '')"
expect_eq "$(printf '%s\n' "$out" | sed -n '/^Permohonan diterima menurut saluran/,/^$/p' | grep 'JUMLAH MPP' | awk '{print $3, $4, $5, $6}')" \
  "$counter $online $outreach $total" "channels of the MPP: Loket, Daring, Jemput bola, Jumlah"
read -r counter online outreach total <<<"$(channels 'DUKCAPIL-')"
expect_eq "$(printf '%s\n' "$out" | sed -n '/^Permohonan diterima menurut saluran/,/^$/p' | grep '^DUKCAPIL ' | awk '{print $(NF-3), $(NF-2), $(NF-1), $NF}')" \
  "$counter $online $outreach $total" "channels of Dinas Dukcapil"
# The overdue list: as `report overdue` lists 31 October, most overdue first, masked.
"$MPP" report overdue --as-of 2022-10-31 --format csv >"$T/overdue.csv"
overdue=$(($(wc -l <"$T/overdue.csv") - 1))
expect_out "Lewat tempo per 31 Oktober 2022: $overdue" "the overdue list's title and count"
listed=$(printf '%s\n' "$out" | sed -n '/^Lewat tempo per/,/^$/p' | grep -c '^KPG-')
expect_eq "$listed" "$overdue" "every overdue application is listed (fewer than 200)"
days=$(printf '%s\n' "$out" | sed -n '/^Lewat tempo per/,/^$/p' | grep '^KPG-' | awk '{print $NF}')
expect_eq "$days" "$(printf '%s\n' "$days" | sort -rn)" "most overdue first"
[[ "$out" != *"5371050304733223"* && "$out" == *"5371**********"* ]] && pass || fail "NIK masked in the list"
[[ "$out" != *"lainnya: mpp report overdue"* ]] && pass || fail "no 'and N more' when the list is whole"
[[ "$out" != *"NIP "* ]] && pass || fail "no signature block while report.signatory_name is unset"

# The month after: every change against October (309 received in October, none in November).
run report monthly --month 2022-11
expect_eq "$(printf '%s\n' "$out" | grep -E '^Diterima +0 ' | tr -s ' ')" "Diterima 0 ▼ 309 (-100,0 %)" "November against October: ▼ 309 (-100,0 %)"
run report monthly --month 2022-11 --lang en
expect_eq "$(printf '%s\n' "$out" | grep -E '^Received +0 ' | tr -s ' ')" "Received 0 ▼ 309 (-100.0%)" "in English"

# The signature block, dated the day the report is made (SOURCE_DATE_EPOCH: 1 November 2022).
"$MPP" db set report.place Kupang >/dev/null
"$MPP" db set report.signatory_title "Kepala Dinas Penanaman Modal dan PTSP" >/dev/null
"$MPP" db set report.signatory_name "Drs. Yoseph Manafe" >/dev/null
"$MPP" db set report.signatory_nip "19700101 199001 1 001" >/dev/null
run report monthly --month 2022-10
expect_eq "$(printf '%s\n' "$out" | tail -7)" "$(printf 'Kupang, 1 November 2022\nKepala Dinas Penanaman Modal dan PTSP\n\n\n\nDrs. Yoseph Manafe\nNIP 19700101 199001 1 001')" \
  "the signature block closes the report"
run report monthly --month 2022-10 --format html -o "$T/oct.html"
html=$(cat "$T/oct.html")
[[ "$html" == *'<div class="signature">'*'Drs. Yoseph Manafe'* ]] && pass || fail "html: the signature block"
[[ "$html" == *'<section class="headline"'* ]] && pass || fail "html: the headline box"
expect_eq "$(grep -o '<g class="month">' "$T/oct.html" | wc -l)" "12" "html: twelve months in the trend chart"
[[ "$html" == *'>Penerbitan KTP-el (baru, hilang, rusak)<'* ]] && pass || fail "html: a service by its name"

# --no-overdue-list and --agency.
run report monthly --month 2022-10 --no-overdue-list --format markdown
[[ "$out" != *"Lewat tempo per"* && "$out" != *"| KPG-"* ]] && pass || fail "--no-overdue-list leaves the list out"
expect_out "| DUKCAPIL-KTP | Penerbitan KTP-el (baru, hilang, rusak) |" "markdown: the code in its column, then the name"
run report monthly --month 2022-10 --agency dukcapil
expect_rc 0 "one agency's report"
expect_eq "$(printf '%s\n' "$out" | head -1)" \
  "Laporan bulanan pelayanan — Dinas Kependudukan dan Pencatatan Sipil Kota Kupang (DUKCAPIL) · Mal Pelayanan Publik (KPG)" \
  "its title names the agency"
[[ "$out" != *"JUMLAH MPP"* ]] && pass || fail "no MPP total row in one agency's report"
expect_eq "$(printf '%s\n' "$out" | grep -E '^Diterima +[0-9]' | awk '{print $2}')" "$total" "its headline counts its own applications"
finish
