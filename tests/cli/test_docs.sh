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

# Every exit code of cli.md is in mpp(1).
for code in 64 65 66 69 70 73 74 75 77 78 130 143; do
  grep -qE "^\.BR? ($code|.* $code)( |\$)" "$MAN/mpp.1" && pass || fail "exit code $code in mpp(1)"
done
finish
