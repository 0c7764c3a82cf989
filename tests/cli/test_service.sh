# mpp service: every verb, its error paths, the Standar Pelayanan view, export -> import.
. "$(dirname "$0")/lib.sh"
fresh_db
"$MPP" agency import "$SRC/examples/kupang/agencies.csv"

# --- add
run service add --code dukcapil-ktp --agency dukcapil --name "Penerbitan KTP-el" \
  --category "Administrasi Kependudukan" --sla-days "1 hari kerja" --fee Gratis --product KTP-el \
  --requirement "Fotokopi Kartu Keluarga" --requirement "Surat pengantar RT/RW"
expect_rc 0 "service add"
expect_no_out "add prints nothing on stdout"
expect_eq "$(sql "select code||'|'||category||'|'||sla_days||'|'||fee from service")" \
  "DUKCAPIL-KTP|civil_registry|1|0" "fields normalised"
expect_eq "$(sql "select group_concat(text, '/') from (select text from service_requirement order by position)")" \
  "Fotokopi Kartu Keluarga/Surat pengantar RT/RW" "requirements kept in order"
expect_eq "$(sql "select count(*) from audit where entity='service' and action='create'")" "1" "audited"
fp=$(fingerprint)
run service add --code PDAM-BARU --agency NOPE --name "Sambungan baru" --category non_permit --sla-days 14
expect_rc 65 "an unknown agency"
expect_err "agency 'NOPE' not found" "names the agency"
run service add --code DUKCAPIL-KTP --agency DUKCAPIL --name "Lagi" --category civil_registry --sla-days 1
expect_rc 65 "a duplicate code"
expect_err "service 'DUKCAPIL-KTP' already exists" "says so"
run service add --code PDAM-BARU --agency PDAM-KUPANG --name "Sambungan baru" --category permit --sla-days 14
expect_rc 65 "a bad category"
expect_err "category: 'permit' is not one of: business_permit" "lists the categories"
run service add --code PDAM-BARU --agency PDAM-KUPANG --name "Sambungan baru" --category non_permit --sla-days -2
expect_rc 65 "a negative SLA"
expect_err "sla_days: '-2' is negative" "says so"
run service add --code PDAM-BARU --agency PDAM-KUPANG --name "Sambungan baru" --category non_permit --sla-days 14 --fee "Rp -1"
expect_rc 65 "a negative fee"
run service add --code PDAM-BARU --agency PDAM-KUPANG --name "Sambungan baru" --category non_permit
expect_rc 64 "a missing --sla-days is a usage error"
expect_err "mpp: error: --sla-days is required" "names it"
run service add --code PDAM-BARU --agency PDAM-KUPANG --name "Sambungan baru" --category non_permit --sla-days ""
expect_rc 65 "an empty SLA"
expect_err "sla_days: is required" "names the field"
run service add --help
expect_eq "$(printf '%s\n' "$out" | grep -cE -- '^ +--(code|agency|name|category|sla-days) TEXT REQUIRED')" "5" "the help marks the five required options"
run service add --code "PDAM BARU" --agency PDAM-KUPANG --name x --category non_permit --sla-days 1
expect_rc 65 "a bad code"
expect_eq "$(fingerprint)" "$fp" "failed adds change nothing"
run service add --code PDAM-BARU --agency PDAM-KUPANG --name "Sambungan baru" --category non_permit \
  --sla-days 14 --fee "Rp 1.500.000" --dry-run -v
expect_err "dry run" "--dry-run says so"
expect_eq "$(fingerprint)" "$fp" "--dry-run writes nothing"
run service add --code PDAM-BARU --agency PDAM-KUPANG --name "Sambungan baru" --category non_permit \
  --sla-days 14 --fee "Rp 1.500.000"
expect_eq "$(sql "select fee from service where code='PDAM-BARU'")" "1500000" "Rupiah parsed"
run -v service add --upsert --code PDAM-BARU --agency PDAM-KUPANG --name "Sambungan baru" --category non_permit --sla-days 14
expect_err "nothing to change" "an upsert without change (fee kept)"

# --- update, show
run service update pdam-baru --requirement "KTP-el" --requirement "Denah lokasi"
expect_rc 0 "update requirements"
expect_eq "$(sql "select count(*) from service_requirement r join service s on s.id = r.service_id where s.code='PDAM-BARU'")" "2" "two requirements"
run service update PDAM-BARU --requirement ""
expect_eq "$(sql "select count(*) from service_requirement r join service s on s.id = r.service_id where s.code='PDAM-BARU'")" "0" "an empty --requirement clears the list"
run service update PDAM-BARU --agency NOPE
expect_rc 65 "update to an unknown agency"
run service update NOPE --name x
expect_rc 66 "update of an unknown service"
expect_err "service 'NOPE' not found" "names it"
run service show DUKCAPIL-KTP
expect_rc 0 "show"
expect_out "Standar Pelayanan: Penerbitan KTP-el (DUKCAPIL-KTP)" "the notice-board title"
expect_out "Persyaratan                    : 1. Fotokopi Kartu Keluarga" "numbered requirements"
expect_out "Biaya/tarif                    : Gratis" "fee 0 is Gratis"
expect_out "Dinas Kependudukan dan Pencatatan Sipil Kota Kupang (DUKCAPIL), Loket 9" "the agency and its counter"
run service show PDAM-BARU
expect_out "Biaya/tarif                    : Rp 1.500.000" "Rupiah formatted"
expect_out "Jangka waktu penyelesaian      : 14 hari kerja" "working days"
run service show PDAM-BARU --lang en
expect_out "Fee          : Rp 1,500,000" "English"
run service show DUKCAPIL-KTP --json
expect_out '"requirements":["Fotokopi Kartu Keluarga","Surat pengantar RT/RW"]' "json requirements array"
expect_out '"fee":0' "json fee is a number"
run service show NOPE
expect_rc 66 "show of an unknown service"

# --- list, retire
run service list --format csv
expect_out $'code,agency,name,category,sla_days,fee,product,requirements,procedure,legal_basis,complaint_channel,retired_on,active\r' "csv header"
expect_out "DUKCAPIL-KTP,DUKCAPIL,Penerbitan KTP-el,civil_registry,1,0,KTP-el,Fotokopi Kartu Keluarga | Surat pengantar RT/RW,,,,,true" "requirements joined in csv"
row() { printf '%s\n' "$out" | grep "^$1 "; }
run service list
[[ "$(row DUKCAPIL-KTP)" == *"  Administrasi kependudukan  "* && "$(row PDAM-BARU)" == *"  Non-perizinan  "* ]] &&
  pass || fail "the table names the category ($(row DUKCAPIL-KTP))"
run service list --lang en
[[ "$(row DUKCAPIL-KTP)" == *"  Civil registry  "* ]] && pass || fail "English category label"
run service list --agency dukcapil --format ndjson
expect_eq "$(printf '%s\n' "$out" | wc -l)" "1" "--agency filters"
run service list --agency NOPE
expect_rc 65 "--agency with an unknown code"
expect_err "agency 'NOPE' not found" "names it"
run service retire PDAM-BARU --at 2022-10-24
expect_rc 0 "retire"
expect_no_err "no warning when nothing is open"
run -v service retire PDAM-BARU
expect_err "already retired" "retiring twice changes nothing"
run service list --format csv
[[ "$out" != *PDAM-BARU* ]] && pass || fail "a retired service is not listed"
run service list --all --format csv
expect_out "PDAM-BARU" "--all lists it"
expect_out ",2022-10-24,false" "retired from today: inactive"
run service show PDAM-BARU
expect_out "dihentikan sejak 2022-10-24" "show says it is retired"
run service update PDAM-BARU --retired-on ""
expect_eq "$(sql "select retired_on is null from service where code='PDAM-BARU'")" "1" "a service can be offered again"

# --- retiring a service that still has open applications warns, and still retires it
nik=5371010101900001
"$MPP" service add --code PDAM-UJI-WARN --agency PDAM-KUPANG --name "Balik nama" --category non_permit --sla-days 5
r1=$("$MPP" application submit --service PDAM-BARU --name "Yohanes Lado" --nik $nik)
"$MPP" application submit --service PDAM-UJI-WARN --name "Ester Pah" --nik $nik >/dev/null
"$MPP" application submit --service PDAM-BARU --name "Maria Bano" --nik $nik >/dev/null
"$MPP" application submit --service DUKCAPIL-KTP --name "Agustinus Tefa" --nik $nik >/dev/null
run service retire PDAM-BARU --at 2022-10-25 --dry-run
expect_err "mpp: warning: service PDAM-BARU still has 2 open applications (they stay open; decide or cancel them)" \
  "--dry-run warns, counting only this service's applications (not its agency's other services)"
run service retire PDAM-BARU --at 2022-10-25
expect_rc 0 "retire with open applications"
expect_err "mpp: warning: service PDAM-BARU still has 2 open applications" "warns without a terminal"
expect_eq "$(sql "select retired_on from service where code='PDAM-BARU'")" "2022-10-25" "retired despite the warning"
run service update PDAM-BARU --retired-on ""
"$MPP" application set-status "$r1" completed
run service retire PDAM-BARU --at 2022-10-25
expect_err "service PDAM-BARU still has 1 open application (" "a decided application no longer counts"
run service update PDAM-BARU --retired-on ""
run service retire NOPE
expect_rc 66 "retire of an unknown service"

# --- export -> import round trip, then the Kupang catalogue
run service export --all -o "$T/services.csv"
expect_rc 0 "export"
MPP_DB=$T/copy.db "$MPP" db init --office-code KPG --utc-offset +08:00
MPP_DB=$T/copy.db "$MPP" agency import "$SRC/examples/kupang/agencies.csv"
MPP_DB=$T/copy.db run service import "$T/services.csv"
expect_rc 0 "import of an export"
MPP_DB=$T/copy.db run service export --all
expect_eq "$out" "$(cat "$T/services.csv")" "export → import round-trips"

csv bad.csv 'code;agency;name;category;sla_days' 'A1;NOPE;Satu;non_permit;3' 'A2;DUKCAPIL;Dua;permit;3' 'A3;DUKCAPIL;Tiga;non_permit;-1'
fp=$(fingerprint)
run service import "$T/bad.csv"
expect_rc 65 "a bad services file"
expect_err "$T/bad.csv:2:2: agency: agency 'NOPE' not found" "unknown agency with its place"
expect_err "$T/bad.csv:3:4: category:" "bad category with its place"
expect_err "$T/bad.csv:4:5: sla_days:" "negative SLA with its place"
expect_eq "$(fingerprint)" "$fp" "nothing imported"
run service import "$SRC/examples/kupang/services.csv" -v --on-conflict skip
expect_rc 0 "the Kupang catalogue imports"
expect_err "inserted 27, skipped 1" "28 services, one already there"
MPP_NOW=2024-06-03T09:00:00+08:00 run service list --format csv
expect_eq "$(printf '%s\n' "$out" | grep -c BAPENDA-PBB-LOKET)" "0" "the service retired in 2024 is not offered"
expect_eq "$(sql "select count(*) from service_requirement r join service s on s.id = r.service_id where s.code='BPJSTK-JHT'")" "5" "requirements from a multi-line Excel cell"
finish
