# Standar Pelayanan values as offices write them (data.md "Agency", "Service"): service numbers
# for agency phones, fees with variable fees kept as text, time limits in words; the hints of
# what cannot be read; variable-fee applications carrying their own fee into the reports.
. "$(dirname "$0")/lib.sh"
fresh_db

# --- agencies with the phone numbers offices publish
csv agencies.csv 'Kode;Nama Instansi;Jenis;No. Telp' \
  'BPJSKES;BPJS Kesehatan Cabang Kupang;Instansi Vertikal;1500-400' \
  'BRI;PT Bank Rakyat Indonesia;BUMN;14017' \
  'POLRESTA;Polresta Kupang Kota;Instansi Vertikal;112' \
  'DPMPTSP;DPMPTSP Kota Kupang;Perangkat Daerah;(0380) 821234' \
  'DUKCAPIL;Dinas Dukcapil Kota Kupang;Perangkat Daerah;0380-833036' \
  'KUMHAM;Kanwil Kemenkumham NTT;Instansi Vertikal;+62 380 833036' \
  'PLN;PT PLN UP3 Kupang;BUMN;0800-1-500-400' \
  'SAMSAT;UPT Samsat Kupang;Perangkat Daerah;0812-3456-7890'
run agency import "$T/agencies.csv" -v
expect_rc 0 "agencies with service numbers import"
expect_eq "$(sql "select group_concat(code || '=' || phone, ' ') from (select * from agency order by code)")" \
  "BPJSKES=1500400 BRI=14017 DPMPTSP=+62380821234 DUKCAPIL=+62380833036 KUMHAM=+62380833036 PLN=+628001500400 POLRESTA=112 SAMSAT=+6281234567890" \
  "service numbers as digits, the others in E.164"
run agency list
expect_out "1500400" "a service number is shown as its digits"
run agency export
expect_out "BPJSKES,BPJS Kesehatan Cabang Kupang,vertical,,,1500400," "exported as stored"
MPP_DB=$T/copy.db "$MPP" db init --office-code KPG --utc-offset +08:00
agency_export=$out
printf '%s\n' "$out" >"$T/agencies-export.csv"
MPP_DB=$T/copy.db run agency import "$T/agencies-export.csv"
expect_rc 0 "the agency export re-imports"
MPP_DB=$T/copy.db run agency export
expect_eq "$out" "$agency_export" "agencies round-trip with their service numbers"

csv badphones.csv 'code,name,kind,phone' 'A1,Satu,regional,380821234' 'A2,Dua,regional,821234' \
  'A3,Tiga,regional,15004001' 'A4,Empat,regional,11'
fp=$(fingerprint)
run agency import "$T/badphones.csv"
expect_rc 65 "unreadable phones"
expect_err "$T/badphones.csv:2:4: phone: '380821234' looks like 0380821234 with its leading 0 lost; Excel stored the column as a number: format it as Text" \
  "a landline that lost its 0: the hint, with its place"
expect_err "$T/badphones.csv:3:4: phone: '821234' has no area code; write it with its area code, e.g. (0380) 821234" \
  "a number without its area code"
expect_err "$T/badphones.csv:4:4: phone:" "8 digits beginning with 1 are no service number"
expect_err "$T/badphones.csv:5:4: phone:" "2 digits are no service number"
expect_eq "$(fingerprint)" "$fp" "nothing imported"
run agency update BRI --phone "1500-017"
expect_eq "$(sql "select phone from agency where code='BRI'")" "1500017" "agency update takes a service number"

# --- a service catalogue as an office writes its Standar Pelayanan
csv services.csv 'Kode Layanan;Kode Instansi;Nama Layanan;Kategori;Jangka Waktu;Biaya' \
  'DUKCAPIL-KTP;DUKCAPIL;Penerbitan KTP-el;Administrasi Kependudukan;1 hari kerja;Gratis' \
  'DUKCAPIL-KK;DUKCAPIL;Penerbitan Kartu Keluarga;Administrasi Kependudukan;Selesai di tempat;Rp 0,- (gratis)' \
  'DUKCAPIL-AKTA;DUKCAPIL;Akta Kelahiran;Administrasi Kependudukan;3 (tiga) hari kerja;gratis' \
  'DPMPTSP-PBG;DPMPTSP;Persetujuan Bangunan Gedung;Perizinan Non-Berusaha;14 hari kerja;Sesuai Perda No. 5 Tahun 2021' \
  'DPMPTSP-REKLAME;DPMPTSP;Izin Reklame;Perizinan Berusaha;Paling lama 5 (lima) hari kerja;Bervariasi menurut ukuran dan lokasi' \
  'DPMPTSP-SIP;DPMPTSP;Surat Izin Praktik;Perizinan Non-Berusaha;14 hari;Rp. 0' \
  'KUMHAM-PASPOR;KUMHAM;Penerbitan Paspor;Non-Perizinan;4 (empat) hari kerja;Rp 350.000,-' \
  'KUMHAM-FIDUSIA;KUMHAM;Pendaftaran Jaminan Fidusia;Non-Perizinan;1 hari;Sesuai ketentuan PNBP' \
  'BPJSKES-DAFTAR;BPJSKES;Pendaftaran Peserta;Non-Perizinan;0;Rp 0,-' \
  'PLN-PASANG;PLN;Pasang Baru;Pembayaran;7 hari kerja;Rp 1.500.000,00'
run service import "$T/services.csv" -v
expect_rc 0 "the catalogue imports"
expect_err "inserted 10" "all ten rows"
expect_eq "$(sql "select group_concat(code || ':' || sla_days || ':' || fee || ':' || coalesce(fee_text, '-'), ' | ') from (select * from service order by code)")" \
  "BPJSKES-DAFTAR:0:0:- | DPMPTSP-PBG:14:0:Sesuai Perda No. 5 Tahun 2021 | DPMPTSP-REKLAME:5:0:Bervariasi menurut ukuran dan lokasi | DPMPTSP-SIP:14:0:- | DUKCAPIL-AKTA:3:0:- | DUKCAPIL-KK:0:0:- | DUKCAPIL-KTP:1:0:- | KUMHAM-FIDUSIA:1:0:Sesuai ketentuan PNBP | KUMHAM-PASPOR:4:350000:- | PLN-PASANG:7:1500000:-" \
  "time limits in working days, amounts in Rupiah, variable fees as written"
run service list
expect_out "Sesuai Perda No. 5 Tahun 2021" "list shows a variable fee as written"
expect_out "Gratis" "and fee 0 as Gratis"
expect_out "Rp 1.500.000" "and an amount as Rupiah"
run service show DPMPTSP-PBG
expect_out "Biaya/tarif                    : Sesuai Perda No. 5 Tahun 2021" "the card shows it as written"
expect_out "Jangka waktu penyelesaian      : 14 hari kerja" "and the time limit"
run service show DPMPTSP-PBG --format json
expect_out '"fee":"Sesuai Perda No. 5 Tahun 2021"' "json: a variable fee is a string"
run service show PLN-PASANG --format json
expect_out '"fee":1500000' "json: an amount is a number"

# --- export -> import unchanged
run service export -o "$T/services-export.csv"
expect_rc 0 "export"
expect_eq "$(grep -c 'Sesuai Perda No. 5 Tahun 2021' "$T/services-export.csv")" "1" "export writes the variable fee back"
run service import "$T/services-export.csv" --on-conflict update -v
expect_rc 0 "the export re-imports"
expect_err "unchanged 10" "into the same database: nothing changes"
sqlite3 "$T/copy.db" "VACUUM INTO '$T/copy-agencies.db'"
MPP_DB=$T/copy.db run service import "$T/services-export.csv"
expect_rc 0 "the export imports into another database"
MPP_DB=$T/copy.db run service export
expect_eq "$out" "$(cat "$T/services-export.csv")" "export -> import -> export is unchanged"

# --- the same with Excel's ';' and a BOM: a variable fee is text, never a decimal number
run service export --delimiter ';' --bom -o "$T/services-semicolon.csv"
expect_rc 0 "export for Excel in an Indonesian locale"
expect_eq "$(grep -c 'Sesuai Perda No. 5 Tahun 2021' "$T/services-semicolon.csv")" "1" \
  "the variable fee keeps its full stop under ';' (as the office wrote it)"
cp "$T/copy-agencies.db" "$T/copy-semicolon.db"
MPP_DB=$T/copy-semicolon.db run service import "$T/services-semicolon.csv"
expect_rc 0 "the ';' export imports into another database"
expect_eq "$(sqlite3 "$T/copy-semicolon.db" "select fee_text from service where code='DPMPTSP-PBG'")" \
  "Sesuai Perda No. 5 Tahun 2021" "and stores the fee exactly as the catalogue wrote it"

# --- service add/update accept the same forms
run service add --code DUKCAPIL-PINDAH --agency DUKCAPIL --name "Surat Pindah" --category civil_registry \
  --sla-days "paling lama 2 (dua) hari kerja" --fee "Rp 0,- (gratis)"
expect_rc 0 "add with the written forms"
expect_eq "$(sql "select sla_days || ':' || fee || ':' || coalesce(fee_text, '-') from service where code='DUKCAPIL-PINDAH'")" "2:0:-" "read as 2 days, free"
run service update DUKCAPIL-PINDAH --fee "Berdasarkan Perda No. 2 Tahun 2020" --sla-days "saat itu juga"
expect_eq "$(sql "select sla_days || ':' || fee || ':' || coalesce(fee_text, '-') from service where code='DUKCAPIL-PINDAH'")" \
  "0:0:Berdasarkan Perda No. 2 Tahun 2020" "update to a variable fee, done the same day"
run service update DUKCAPIL-PINDAH --fee "Rp50.000"
expect_eq "$(sql "select fee || ':' || coalesce(fee_text, '-') from service where code='DUKCAPIL-PINDAH'")" "50000:-" \
  "an amount again clears the text"
fp=$(fingerprint)
run service update DUKCAPIL-PINDAH --fee "Rp 50.00O"
expect_rc 65 "a mistyped amount"
expect_err "fee: 'Rp 50.00O' is not an amount of Rupiah; write an amount (150000, Rp 150.000,-, Gratis) or a variable fee beginning with Sesuai, Berdasarkan, Bervariasi or Tergantung" \
  "a mistyped amount is never taken for a variable fee: the hint says both forms"
run service update DUKCAPIL-PINDAH --sla-days "1 bulan"
expect_rc 65 "a time limit in months"
expect_err "sla_days: '1 bulan' is not in working days; the time limit counts working days" "the hint"
expect_eq "$(fingerprint)" "$fp" "nothing changed"

csv bad.csv 'code;agency;name;category;sla_days;fee' \
  'A1;DUKCAPIL;Satu;non_permit;3 minggu;Rp 50.00O' \
  'A2;DUKCAPIL;Dua;non_permit;2 jam;Rp 5.000 (gratis)' \
  'A3;DUKCAPIL;Tiga;non_permit;3 (empat) hari kerja;Sesuaikan' \
  'A4;DUKCAPIL;Empat;non_permit;14 hari kalender;-'
run service import "$T/bad.csv"
expect_rc 65 "unreadable values"
expect_err "$T/bad.csv:2:5: sla_days: '3 minggu' is not in working days; the time limit counts working days: write them out, e.g. 15 hari kerja" "weeks"
expect_err "$T/bad.csv:2:6: fee: 'Rp 50.00O' is not an amount of Rupiah; write an amount" "a mistyped amount"
expect_err "$T/bad.csv:3:5: sla_days: '2 jam' is less than a working day; a time limit within the working day is 0 (the same working day)" "hours"
expect_err "$T/bad.csv:3:6: fee: 'Rp 5.000 (gratis)': the words in parentheses do not say 5000; write the amount alone" "an amount that says it is free"
expect_err "$T/bad.csv:4:5: sla_days: '3 (empat) hari kerja': the number in words does not say 3" "digits and words that disagree"
expect_err "$T/bad.csv:4:6: fee: 'Sesuaikan' is not an amount of Rupiah" "a word that only begins like Sesuai"
expect_err "$T/bad.csv:5:5: sla_days: '14 hari kalender' counts calendar days; the time limit counts working days (hari kerja)" "calendar days"
expect_eq "$(fingerprint)" "$fp" "nothing imported"

# --- a variable-fee service's applications carry their own fee
NIK1=5371010107900001
NIK2=5371014107900002
run -v application submit --service dpmptsp-pbg --name "Yohanes Bria" --nik $NIK1 --fee "Rp 1.250.000,-"
expect_rc 0 "submit with its own fee"
expect_no_err "no notice when the fee is given"
run -v application submit --service dpmptsp-pbg --name "Maria Lay" --nik $NIK2
expect_rc 0 "submit without a fee"
expect_err "service DPMPTSP-PBG has a variable fee (Sesuai Perda No. 5 Tahun 2021): the application's fee is 0; give its own with --fee" \
  "the operator is told the fee is 0"
run -v application submit --service KUMHAM-PASPOR --name "Ana Dethan" --nik $NIK2 --fee "Rp 175.000"
expect_rc 0 "a fixed-fee service takes another fee"
expect_err "fee Rp 175.000 differs from the standard fee of service KUMHAM-PASPOR (Rp 350.000)" "and says so"
expect_eq "$(sql "select group_concat(reference || '=' || fee, ' ') from (select * from application order by reference)")" \
  "KPG-202210-000001=1250000 KPG-202210-000002=0 KPG-202210-000003=175000" "each application's fee"
run application submit --service KUMHAM-PASPOR --name "Ana Dethan" --nik $NIK2 --fee "Sesuai Perda"
expect_rc 65 "an application's fee is an amount, never text"

csv apps.csv 'No. Registrasi;Kode Layanan;Nama Pemohon;NIK;No. HP;Tanggal Permohonan;Status;Tanggal Selesai;Biaya' \
  "KPG-202210-000004;KUMHAM-FIDUSIA;Fransiskus Mooy;$NIK1;0852-7900-0912;24/10/2022 08:34;selesai;24/10/2022 10:00;Rp 100.000,-" \
  "KPG-202210-000005;KUMHAM-FIDUSIA;Anastasia Dethan;$NIK2;;24/10/2022 08:48;selesai;24/10/2022 09:30;"
run application import "$T/apps.csv"
expect_rc 0 "applications of a variable-fee service import"
expect_eq "$(sql "select group_concat(fee, ' ') from (select fee from application where reference in ('KPG-202210-000004', 'KPG-202210-000005') order by reference)")" \
  "100000 0" "with their fee, 0 when none is given"
run application set-status KPG-202210-000001 completed --at 2022-10-24T10:00
run report monthly --month 2022-10 --format csv
expect_out "service,DPMPTSP,DPMPTSP Kota Kupang,DPMPTSP-PBG,Persetujuan Bangunan Gedung,0,2,1,0,0,1,1,1,0,100.0,0.0,0.0,0,0,1250000" \
  "the report counts a variable-fee application's own fee"
expect_out "KUMHAM-FIDUSIA,Pendaftaran Jaminan Fidusia,0,2,2,0,0,0,2,2,0,100.0,0.0,0.0,0,0,100000" "imported fees too"

# --- a mobile number that lost its leading 0 (Excel stored the column as a number)
csv lost.csv 'No. Registrasi;Kode Layanan;Nama Pemohon;NIK;No. HP;Tanggal Permohonan;Status' \
  "KPG-202210-000006;DUKCAPIL-KTP;Yakobus Ndun;$NIK1;82296444129;24/10/2022 08:34;diterima" \
  "KPG-202210-000007;DUKCAPIL-KTP;Yuliana Ndun;$NIK2;8.2296444129E10;24/10/2022 08:40;diterima" \
  "KPG-202210-000008;DUKCAPIL-KTP;Yuliana Ndun;$NIK2;8.22964E+10;24/10/2022 08:40;diterima"
fp=$(fingerprint)
run application import "$T/lost.csv"
expect_rc 65 "numbers Excel changed are refused, never guessed"
expect_err "$T/lost.csv:2:5: phone: looks like 0822*****129 with its leading 0 lost; Excel stored the column as a number: format it as Text" \
  "the lost 0, masked, with the hint and its place"
expect_err "$T/lost.csv:3:5: phone: looks like 0822*****129 with its leading 0 lost" "scientific notation written out"
expect_err "$T/lost.csv:4:5: phone: is a number in scientific notation; Excel stored the column as a number" "rounded"
expect_eq "$(printf '%s' "$err" | grep -c 82296444129)" "0" "the full number is never shown"
expect_eq "$(fingerprint)" "$fp" "nothing imported"
run application submit --service DUKCAPIL-KTP --name X --nik $NIK1 --phone 82296444129
expect_rc 65 "submit too"
expect_err "mpp: hint: Excel stored the column as a number: format it as Text" "with the hint"

run db check
expect_rc 0 "db check is clean"
finish
