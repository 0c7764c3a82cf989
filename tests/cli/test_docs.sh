# The docs move with the code: man pages render cleanly, every option in --help is documented.
. "$(dirname "$0")/lib.sh"
MAN=$SRC/man
if ! command -v man >/dev/null; then
  skip_suite "man is not installed"
fi
for page in "$MAN"/*.[15]; do
  warnings=$(LC_ALL=C MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] && pass || { err=$warnings; fail "$(basename "$page") renders without warnings"; }
done

# documented PAGE COMMAND…: every long option in `mpp COMMAND --help` appears in PAGE.
documented() {
  local page=$1
  shift
  local help option escaped
  help=$("$MPP" "$@" --help)
  for option in $(printf '%s\n' "$help" | grep -E '^ +(-[a-zA-Z],)?--[a-z]' | awk '{print $1}' |
    grep -oE -- '--[a-z][a-z-]*' | grep -v -- '^--help$' | sort -u); do
    escaped=${option//-/\\-}
    if grep -qF -- "$escaped" "$MAN/$page" || grep -qF -- "$option" "$MAN/$page"; then
      pass
    else
      out=""; err=""; rc=0
      fail "mpp $* $option is documented in $page"
    fi
  done
}
documented mpp.1
for verb in init info check migrate backup set; do documented mpp-db.1 db "$verb"; done
documented mpp-config.5 config show
for verb in add update show list deactivate import export; do documented mpp-agency.1 agency "$verb"; done
for verb in add update show list retire import export; do documented mpp-service.1 service "$verb"; done
for verb in list add remove import workdays; do documented mpp-calendar.1 calendar "$verb"; done
for verb in submit show list set-status import export correct void unvoid history; do documented mpp-application.1 application "$verb"; done
for verb in monthly summary overdue skm; do documented mpp-report.1 report "$verb"; done
for verb in import list; do documented mpp-survey.1 survey "$verb"; done
for verb in add import list show set-status; do documented mpp-complaint.1 complaint "$verb"; done
documented mpp-audit.1 audit list
for verb in import add list; do documented mpp-visit.1 visit "$verb"; done

# Every help leads with examples: they come before the positionals, options and subcommands,
# and a verb shows its own (with their continuation lines).
leads_with_examples() {
  local help ex first
  help=$("$MPP" "$@" --help)
  ex=$(printf '%s\n' "$help" | grep -nE '^Examples?:$' | head -1 | cut -d: -f1)
  first=$(printf '%s\n' "$help" | grep -nE '^(Positionals|Options|Subcommands|Global options)' | head -1 | cut -d: -f1)
  if [ -n "$ex" ] && { [ -z "$first" ] || [ "$ex" -lt "$first" ]; }; then
    pass
  else
    out=$help; err=""; rc=0
    fail "mpp $* --help leads with examples (examples at line '$ex', options at '$first')"
  fi
  [ $# -lt 2 ] && return
  # The example lines (up to the first blank line) run this very verb.
  local lines
  lines=$(printf '%s\n' "$help" | sed -n "$((ex + 1)),/^\$/p" | grep -E '^  [^ ]' | grep -cvE "mpp $1 $2( |\$)")
  [ "$lines" -eq 0 ] && pass || { out=$help; fail "mpp $* --help shows only its own examples"; }
}
leads_with_examples
for noun in db config agency service calendar application report survey complaint audit visit; do leads_with_examples "$noun"; done
for verb in init info check migrate backup set; do leads_with_examples db "$verb"; done
leads_with_examples config show
for verb in add update show list deactivate import export; do leads_with_examples agency "$verb"; done
for verb in add update show list retire import export; do leads_with_examples service "$verb"; done
for verb in list add remove import workdays; do leads_with_examples calendar "$verb"; done
for verb in submit show list set-status import export correct void unvoid history; do leads_with_examples application "$verb"; done
for verb in monthly summary overdue skm; do leads_with_examples report "$verb"; done
for verb in import list; do leads_with_examples survey "$verb"; done
for verb in add import list show set-status; do leads_with_examples complaint "$verb"; done
leads_with_examples audit list
for verb in import add list; do leads_with_examples visit "$verb"; done
run application submit --help
expect_out "  ref=\$(mpp application submit --service DUKCAPIL-KTP --name \"Maria Lay\" \\
        --nik 5371014107900001 --phone 081234567890)" "a verb's example keeps its continuation line"
expect_out "Usage: mpp application submit --service TEXT --name TEXT --nik TEXT [OPTIONS]" "the usage line names the required options"

# Every exit code of cli.md is in mpp(1).
for code in 64 65 66 69 70 73 74 75 77 78 130 143; do
  grep -qE "^\.BR? ($code|.* $code)( |\$)" "$MAN/mpp.1" && pass || fail "exit code $code in mpp(1)"
done
finish
