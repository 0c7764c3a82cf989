# examples/cron works as written: each crontab job and the systemd unit's ExecStart run with
# exactly the environment cron (or systemd) gives them, never the interactive shell's, for mpp
# installed by the package (/usr/bin/mpp) and by `cmake --install` (/usr/local/bin/mpp).
#
# The mapping to a scratch root R (the test cannot write /usr, /etc or /var):
# - "installed" means a link R/usr/bin/mpp or R/usr/local/bin/mpp to the built binary;
# - in every PATH (cron's own default /usr/bin:/bin, the crontab's, the unit's) the entries
#   /usr/bin and /usr/local/bin become R's copy followed by the real one, so date and sh are
#   the system's and mpp is found only where the line's PATH would find the installed one;
# - any other variable whose value is an absolute path (MPP_CONFIG, REPORTS) is moved under R.
# Nothing else is added, except libfaketime's own LD_PRELOAD and FAKETIME when faketime(1) is
# installed: the job then runs at 00:10 on 1 November 2022, as cron would on the 1st, and
# reports on the Kupang example's October; otherwise it runs now, on the real last month.
. "$(dirname "$0")/lib.sh"
for tool in python3 date env; do
  command -v "$tool" >/dev/null || skip_suite "$tool is not installed"
done
for f in /usr/bin/mpp /bin/mpp; do
  [ -e "$f" ] && skip_suite "$f exists: the test could not tell it from the scratch install"
done
CRON=$SRC/examples/cron
R=$T/root
FAKETIME=$(command -v faketime)
when="2022-11-01 00:10:00"

# The configuration of the examples' /etc/mpp/config.toml and the Kupang data.
mkdir -p "$R/etc/mpp" "$R/var/lib/mpp/reports" "$R/home/mpp"
sed "s|\"/var/lib/mpp/|\"$R/var/lib/mpp/|" "$SRC/examples/kupang/config.toml" >"$R/etc/mpp/config.toml"
(
  export MPP_CONFIG=$R/etc/mpp/config.toml
  unset MPP_DB MPP_NOW
  "$MPP" db init &&
    "$MPP" agency import "$SRC/examples/kupang/agencies.csv" &&
    "$MPP" service import "$SRC/examples/kupang/services.csv" &&
    "$MPP" application import "$SRC/examples/kupang/applications-2022-10.csv"
) >/dev/null 2>"$T/setup.err" || { cat "$T/setup.err"; echo "setup failed"; exit 1; }
[ -f "$R/var/lib/mpp/kupang.db" ] && pass || fail "the config's database.path is used"

# The Kupang applications, counted from the CSV: all of them, the open ones and their references.
python3 - "$SRC/examples/kupang/applications-2022-10.csv" >"$T/open" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=";"))
open_rows = [r for r in rows if r["Status"].strip().lower() not in ("selesai", "ditolak")]
print(len(rows), len(open_rows))
for r in open_rows:
    print(r["No. Registrasi"])
EOF
read -r all_count open_count <"$T/open"

# install LAYOUT: mpp "installed" in R/LAYOUT/bin only (usr or usr/local).
install_mpp() {
  rm -rf "$R/usr"
  mkdir -p "$R/$1/bin"
  ln -s "$MPP" "$R/$1/bin/mpp"
}
# map_path PATH: R's /usr/bin and /usr/local/bin before the real ones.
map_path() {
  local entry mapped=""
  local IFS=:
  for entry in $1; do
    case $entry in
    /usr/bin | /usr/local/bin) mapped+="${mapped:+:}$R$entry:$entry" ;;
    *) mapped+="${mapped:+:}$entry" ;;
    esac
  done
  printf '%s' "$mapped"
}
# launch ENV… -- ARGV…: run ARGV under `env -i ENV…` (at $when under faketime if installed);
# stdin from $T/stdin; sets rc, out, err.
launch() {
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  local -a timed=()
  [ -n "$FAKETIME" ] && timed=("$FAKETIME" "$when")
  month_before=$(date -d 'last month' +%Y-%m)
  env -i "${envs[@]}" "${timed[@]}" "$@" <"$T/stdin" >"$T/.out" 2>"$T/.err"
  rc=$?
  month_after=$(date -d 'last month' +%Y-%m)
  out=$(cat "$T/.out")
  err=$(cat "$T/.err")
}

# check_products WHAT: the files and output the job left (a monthly report or the overdue list).
check_products() {
  local what=$1 m=2022-10 html csv
  if [ -z "$FAKETIME" ]; then
    m=$month_after
    [ -e "$R/var/lib/mpp/reports/laporan-$m.html" ] || m=$month_before
  fi
  html=$R/var/lib/mpp/reports/laporan-$m.html
  csv=$R/var/lib/mpp/reports/laporan-$m.csv
  if [[ $2 == *"report monthly"* ]]; then
    [ -s "$html" ] && grep -q '</html>' "$html" && pass || fail "$what: $html written"
    [ -s "$csv" ] && pass || fail "$what: $csv written"
    expect_eq "$(ls "$R/var/lib/mpp/reports" | tr '\n' ' ')" "laporan-$m.csv laporan-$m.html " "$what: no other file"
    # The total row: carried_out is the open applications, received (in October) all of them.
    local total
    total=$(grep '^total,' "$csv" 2>/dev/null)
    expect_eq "$(cut -d, -f11 <<<"$total")" "$open_count" "$what: carried out at the end of $m"
    [ -z "$FAKETIME" ] || expect_eq "$(cut -d, -f7 <<<"$total")" "$all_count" "$what: received in $m"
  fi
  if [[ $2 == *"report overdue"* ]]; then
    local refs ref
    refs=$(grep -oE 'KPG-[0-9]{6}-[0-9]{6}' <<<"$out")
    [ -n "$refs" ] && pass || fail "$what: the overdue list names applications"
    for ref in $refs; do
      grep -qx "$ref" "$T/open" || fail "$what: $ref is overdue but not open in the CSV"
    done
  fi
  rm -f "$R"/var/lib/mpp/reports/*
}

# cron_split COMMAND: cron's % rule; sets job (the command, \% made %) and $T/stdin (the text
# after the first unescaped %, each further % a newline).
cron_split() {
  local s=$1 c i input=0 text=""
  job=""
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    if [ "$c" = '\' ] && [ "${s:i+1:1}" = % ]; then
      c=%
      i=$((i + 1))
    elif [ "$c" = % ]; then
      [ $input -eq 1 ] && c=$'\n' || { input=1; continue; }
    fi
    [ $input -eq 1 ] && text+=$c || job+=$c
  done
  [ $input -eq 1 ] && printf '%s' "$text" >"$T/stdin" || : >"$T/stdin"
}

# run_crontab FILE LAYOUT: every job of FILE as cron runs it, mpp installed in LAYOUT.
run_crontab() {
  local file=$1 layout=$2 line name value f1 f2 f3 f4 f5 command jobs=0
  # cron's environment: PATH, SHELL, HOME and LOGNAME, then the crontab's assignments.
  local -A vars=([PATH]=/usr/bin:/bin [SHELL]=/bin/sh [HOME]=$R/home/mpp [LOGNAME]=mpp)
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*[^[:space:]])?[[:space:]]*$ ]]; then
      name=${BASH_REMATCH[1]}
      value=${BASH_REMATCH[2]}
      [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]] && value=${BASH_REMATCH[1]}
      [ "$name" = LOGNAME ] && continue # cron does not let a crontab change it
      [[ $name != PATH && $name != SHELL && $value == /* ]] && value=$R$value
      vars[$name]=$value
      continue
    fi
    if [[ $line =~ ^[[:space:]]*@ ]]; then
      read -r f1 command <<<"$line"
    else
      read -r f1 f2 f3 f4 f5 command <<<"$line"
    fi
    jobs=$((jobs + 1))
    cron_split "$command"
    local envs=()
    for name in "${!vars[@]}"; do
      [ "$name" = PATH ] && envs+=("PATH=$(map_path "${vars[PATH]}")") || envs+=("$name=${vars[$name]}")
    done
    launch "${envs[@]}" -- "${vars[SHELL]}" -c "$job"
    expect_rc 0 "crontab job $jobs, mpp in /$layout/bin"
    expect_no_err "crontab job $jobs, mpp in /$layout/bin: nothing on stderr"
    check_products "crontab job $jobs, mpp in /$layout/bin" "$job"
  done <"$file"
  [ "$jobs" -ge 2 ] && pass || fail "$file has its jobs ($jobs found)"
}

# run_unit FILE LAYOUT: the unit's ExecStart with its Environment= (see systemd_exec.py).
run_unit() {
  local file=$1 layout=$2 fields envs=() i
  mapfile -d '' fields < <(python3 "$SRC/tests/cli/systemd_exec.py" "$file" "$R")
  for ((i = 0; i < ${#fields[@]}; i++)); do
    [ -z "${fields[i]}" ] && break
    envs+=("${fields[i]}")
  done
  # systemd sets these for User=mpp.
  envs+=("HOME=$R/home/mpp" USER=mpp LOGNAME=mpp SHELL=/bin/sh)
  : >"$T/stdin"
  launch "${envs[@]}" -- "${fields[@]:i+1}"
  expect_rc 0 "systemd ExecStart, mpp in /$layout/bin"
  expect_no_err "systemd ExecStart, mpp in /$layout/bin: nothing on stderr"
  check_products "systemd ExecStart, mpp in /$layout/bin" "${fields[*]:i+1}"
}

for layout in usr usr/local; do
  install_mpp "$layout"
  run_crontab "$CRON/crontab" "$layout"
  run_unit "$CRON/mpp-report.service" "$layout"
done

# The premise, so the mapping proves something: the /usr/local install is not on cron's
# default PATH (a crontab without its PATH line fails there with "mpp: not found").
: >"$T/stdin"
launch "PATH=$(map_path /usr/bin:/bin)" -- /bin/sh -c 'mpp --version'
expect_rc 127 "without a PATH line cron's /usr/bin:/bin does not find /usr/local/bin/mpp"
expect_err "not found" "mpp: not found"
finish
