# Behaviour on a terminal: notices, progress, and tables that fit the screen.
. "$(dirname "$0")/lib.sh"
if ! command -v script >/dev/null; then
  skip_suite "script(1) is not installed"
fi
fresh_db
# on_tty COMMAND: run a shell command on a pseudo-terminal; sets out (stdout and stderr).
on_tty() {
  out=$(script -qec "$1" /dev/null </dev/null | tr -d '\r')
  rc=0
}
on_tty "'$MPP' agency add --code TTY --name 'Agency on a terminal' --kind bank"
expect_out "mpp: created agency TTY" "notices appear on a terminal"
on_tty "'$MPP' -q agency add --code TTQ --name 'Quiet' --kind bank"
[[ "$out" != *created* ]] && pass || fail "-q silences notices on a terminal"
run agency add --code NOTTY --name "No terminal" --kind bank
expect_no_err "no notice when stderr is not a terminal (cron)"

for i in $(seq 1 5); do
  "$MPP" agency add --code "LONG$i" --kind regional --counter "Loket $i" \
    --name "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Timor Tengah Selatan $i"
done
on_tty "stty cols 70; '$MPP' agency list"
widest=$(printf '%s\n' "$out" | sed 's/…/./g' | awk '{ n = length($0); if (n > m) m = n } END { print m }')
[ "$widest" -le 70 ] && pass || fail "the table fits a 70-column terminal (widest line: $widest)"
expect_out "…" "long names are cut with an ellipsis"
run agency list
[[ "$out" == *"Timor Tengah Selatan 1"* ]] && pass || fail "without a terminal nothing is cut"

awk 'BEGIN { print "code,name,kind"; for (i = 0; i < 400000; i++) printf "P%07d,Agency %d,bank\n", i, i }' >"$T/big.csv"
on_tty "'$MPP' agency import '$T/big.csv'"
expect_out "rows/s" "a progress line on a terminal"
expect_out "imported 400,000 rows from $T/big.csv" "and the summary line"
# The monthly report on a narrow terminal leaves out the implied figures first, and says so.
fresh_db
"$MPP" agency import "$SRC/examples/kupang/agencies.csv"
"$MPP" service import "$SRC/examples/kupang/services.csv"
MPP_NOW=2022-11-02T08:00:00+08:00 "$MPP" application import "$SRC/examples/kupang/applications-2022-10.csv"
on_tty "stty cols 100; '$MPP' report monthly --month 2022-10"
# characters, not bytes: names are cut with `…`
widest=$(printf '%s\n' "$out" | grep -v '^Tidak ditampilkan' | python3 -c 'import sys; print(max(len(l.rstrip("\r\n")) for l in sys.stdin))')
[ "$widest" -le 100 ] && pass || fail "the report fits a 100-column terminal (widest line: $widest)"
expect_out "Tidak ditampilkan agar muat di layar: Kode, Diputus, Terlambat" "and names what it left out (the code first: names before codes)"
expect_out "JUMLAH MPP                             309      172        9         128" "received, completed, rejected, carried out stay"
expect_out "Jumlah Dinas Kependudukan dan P…       143       92        7          44" "an agency by its name, cut to fit"
run report monthly --month 2022-10
expect_out "Diputus" "without a terminal every column is there (cron mail)"
[[ "$out" != *"Tidak ditampilkan"* ]] && pass || fail "and nothing is said about leaving any out"

# The application list for people fits 100 columns without cutting a 25-character name: dates
# without times, statuses by their labels, the least-read columns left out (and named).
MPP_NOW=2022-11-02T10:00:00+08:00 "$MPP" application submit --service DUKCAPIL-KK --name "Ikhsanudin Mooy Nubatonis" \
  --nik 5371010101900001 --at "2022-11-02 09:00" >/dev/null
now=MPP_NOW=2022-11-02T10:00:00+08:00
on_tty "stty cols 100; $now '$MPP' application list --service DUKCAPIL-KK"
widest=$(printf '%s\n' "$out" | grep -v '^mpp: ' | python3 -c 'import sys; print(max(len(l.rstrip("\r\n")) for l in sys.stdin))')
[ "$widest" -le 100 ] && pass || fail "application list fits a 100-column terminal (widest line: $widest)"
expect_out "KPG-202211-000001  DUKCAPIL-KK  Ikhsanudin Mooy Nubatonis  2022-11-02  Diterima        2022-11-03" \
  "reference, service, the whole name, submitted and due dates, the status label"
expect_out "KPG-202210-000001  DUKCAPIL-KK  Fransiskus Mooy            2022-10-24  Ditolak         2022-10-25" \
  "a Kupang row: a shorter name padded, the rejected label"
expect_out "NOMOR              LAYANAN      PEMOHON                    DITERIMA    STATUS          JATUH TEMPO" \
  "the headers"
expect_out "Berkas Lengkap" "statuses by their Indonesian labels"
[[ "$out" != *"T09:00"* && "$out" != *"…"* ]] && pass || fail "no times and no cut names at 100 columns"
expect_out "mpp: left out to fit the terminal: NIK, Tepat waktu, Hari kerja, Lewat tempo" "says what it left out"
on_tty "stty cols 92; $now '$MPP' application list --service DUKCAPIL-KK"
expect_out "KPG-202211-000001  DUKCAPIL-KK  Ikhsanudin Mooy Nu…  2022-11-02" "a truly narrower terminal cuts names"
on_tty "stty cols 100; $now '$MPP' application list --service DUKCAPIL-KK --format csv"
expect_out "KPG-202211-000001,DUKCAPIL-KK,Ikhsanudin Mooy Nubatonis,5371**********01,,counter,2022-11-02T09:00:00+08:00,submitted," \
  "machine formats keep codes and full times, whatever the terminal"
finish
