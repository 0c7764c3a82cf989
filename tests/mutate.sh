#!/usr/bin/env bash
# Mutation testing: apply each single-line mutation of tests/mutations/*.txt, one at a time, to a
# separate copy of the source, rebuild it incrementally, run the ctest tests named by the
# mutation and expect at least one of them to fail (the mutation is "killed").
#
# Usage: bash tests/mutate.sh [-f AREA_FILE]... [-n NAME_REGEX] [--no-baseline] [--keep-going]
#   -f FILE         only the mutations of FILE (repeatable; default tests/mutations/*.txt)
#   -n REGEX        only the mutations whose "FILE OLD" text matches REGEX (grep -E)
#   --no-baseline   skip the first run of every named test on the unmutated copy
#   --list          print the selected mutations and check that each applies; build nothing
# Environment: MPP_MUTATE_DIR (default ${TMPDIR:-/tmp}/mpp-mutate-$USER) holds the copy in src/
# and its build in build/, reused between runs so that each rebuild is incremental;
# MPP_MUTATE_JOBS (default 2) build jobs; MPP_MUTATE_TIMEOUT (default 600) seconds per test.
#
# Mutation list format: FILE<TAB>OLD<TAB>NEW<TAB>CTEST_REGEX, FILE relative to the repository
# root, OLD an exact substring found exactly once in FILE; `#` lines and blank lines are ignored.
# Results per mutation: KILLED, SURVIVED, NOT-APPLIED (OLD not found exactly once), BUILD-FAILED
# (the mutation does not compile: an error of the list), NO-TESTS (CTEST_REGEX selects nothing).
# Exit status 0 only when every selected mutation was killed.
# The whole script is one compound command, read before it runs: editing the file while a run
# is under way does not change that run.
{
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${MPP_MUTATE_DIR:-${TMPDIR:-/tmp}/mpp-mutate-${USER:-$(id -u)}}
jobs=${MPP_MUTATE_JOBS:-2}
timeout=${MPP_MUTATE_TIMEOUT:-600}
files=()
filter=""
baseline=1
list_only=0
while [ $# -gt 0 ]; do
  case $1 in
    -f) files+=("$2"); shift 2 ;;
    -n) filter=$2; shift 2 ;;
    --no-baseline) baseline=0; shift ;;
    --list) list_only=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "mutate: unknown argument '$1' (see --help)" >&2; exit 64 ;;
  esac
done
if [ ${#files[@]} -eq 0 ]; then
  files=("$repo"/tests/mutations/*.txt)
fi

# Read the selected mutations into parallel arrays.
m_file=(); m_old=(); m_new=(); m_regex=(); m_where=()
for list in "${files[@]}"; do
  [ -f "$list" ] || { echo "mutate: no such list: $list" >&2; exit 66; }
  n=0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    [[ -z "${line//[[:space:]]/}" || "$line" == \#* ]] && continue
    # Split at tabs without collapsing them (NEW may be empty).
    IFS=$'\x1f' read -r f old new regex extra <<<"${line//$'\t'/$'\x1f'}"
    if [ -z "$f" ] || [ -z "$old" ] || [ -z "$regex" ] || [ -n "${extra:-}" ]; then
      echo "mutate: $list:$n: expected FILE<TAB>OLD<TAB>NEW<TAB>CTEST_REGEX" >&2
      exit 65
    fi
    if [ -n "$filter" ] && ! printf '%s %s\n' "$f" "$old" | grep -Eq -- "$filter"; then
      continue
    fi
    m_file+=("$f"); m_old+=("$old"); m_new+=("$new"); m_regex+=("$regex")
    m_where+=("$(basename "$list"):$n")
  done <"$list"
done
total=${#m_file[@]}
[ "$total" -gt 0 ] || { echo "mutate: no mutations selected" >&2; exit 65; }

# count_in FILE OLD: how many times OLD occurs in FILE (overlaps not counted).
count_in() { OLD=$2 python3 -c 'import os,sys; print(open(sys.argv[1]).read().count(os.environ["OLD"]))' "$1"; }
# replace_in FILE OLD NEW: replace the single occurrence (writes the file, so its mtime is new).
replace_in() {
  OLD=$2 NEW=$3 python3 -c 'import os,sys
p = sys.argv[1]; s = open(p).read()
open(p, "w").write(s.replace(os.environ["OLD"], os.environ["NEW"], 1))' "$1"
}

if [ "$list_only" -eq 1 ]; then
  bad=0
  for ((i = 0; i < total; i++)); do
    c=$(count_in "$repo/${m_file[i]}" "${m_old[i]}" 2>/dev/null || echo 0)
    [ "$c" = 1 ] && s=ok || { s="NOT-APPLIED (found $c times)"; bad=$((bad + 1)); }
    printf '%-14s %s  %s: %s\n' "${m_where[i]}" "$s" "${m_file[i]}" "${m_old[i]}"
  done
  echo "mutate: $total mutations, $bad do not apply"
  [ "$bad" -eq 0 ]
  exit
fi

src=$work/src
build=$work/build
mkdir -p "$src" "$build"
exec 9>"$work/lock"
flock -n 9 || { echo "mutate: another run uses $work (set MPP_MUTATE_DIR)" >&2; exit 75; }
# An interrupted run leaves a mutated file in the copy: the next run's copy step restores it.
# The copy: the working tree as it is, without builds or git metadata. Only files whose content
# differs are written (with a new mtime), so an unchanged tree rebuilds nothing.
python3 - "$repo" "$src" <<'PY' || { echo "mutate: cannot copy the source" >&2; exit 74; }
import os, shutil, sys
repo, dest = sys.argv[1], sys.argv[2]
skip = lambda rel: rel.split(os.sep)[0].startswith(("build", ".git", "cmake-build"))
seen = set()
for root, dirs, files in os.walk(repo):
    rel_root = os.path.relpath(root, repo)
    dirs[:] = [d for d in dirs if not skip(os.path.normpath(os.path.join(rel_root, d)))]
    for name in files:
        rel = os.path.normpath(os.path.join(rel_root, name))
        seen.add(rel)
        a, b = os.path.join(repo, rel), os.path.join(dest, rel)
        data = open(a, "rb").read()
        if not os.path.exists(b) or open(b, "rb").read() != data:
            os.makedirs(os.path.dirname(b), exist_ok=True)
            open(b, "wb").write(data)
            shutil.copymode(a, b)
for root, dirs, files in os.walk(dest):
    for name in files:
        rel = os.path.normpath(os.path.relpath(os.path.join(root, name), dest))
        if rel not in seen:
            os.remove(os.path.join(dest, rel))
PY

build_copy() { cmake --build "$build" -j"$jobs" >"$work/build.log" 2>&1; }
# run_tests REGEX: 0 when every selected test passes.
run_tests() {
  (cd "$build" && ctest -R "$1" --stop-on-failure --timeout "$timeout" >"$work/ctest.log" 2>&1)
}
tests_named() { (cd "$build" && ctest -N -R "$1" | sed -n 's/^Total Tests: //p'); }

echo "mutate: copy in $src, build in $build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMPP_WERROR=ON >"$work/cmake.log" 2>&1 \
  || { echo "mutate: cmake failed, see $work/cmake.log" >&2; exit 70; }
build_copy || { echo "mutate: the unmutated copy does not build, see $work/build.log" >&2; exit 70; }
if [ "$baseline" -eq 1 ]; then
  union=$(printf '%s\n' "${m_regex[@]}" | sort -u | paste -sd'|')
  if ! run_tests "$union"; then
    echo "mutate: the unmutated copy fails its tests ($union), see $work/ctest.log" >&2
    exit 70
  fi
fi

killed=0; survived=0; errors=0
for ((i = 0; i < total; i++)); do
  f=$src/${m_file[i]}
  label="${m_where[i]} ${m_file[i]}: '${m_old[i]}' -> '${m_new[i]}'"
  c=$(count_in "$f" "${m_old[i]}" 2>/dev/null || echo 0)
  if [ "$c" != 1 ]; then
    echo "NOT-APPLIED  $label (OLD found $c times)"
    errors=$((errors + 1))
    continue
  fi
  if [ "$(tests_named "${m_regex[i]}")" = 0 ]; then
    echo "NO-TESTS     $label (no test matches '${m_regex[i]}')"
    errors=$((errors + 1))
    continue
  fi
  cp "$f" "$work/original"
  replace_in "$f" "${m_old[i]}" "${m_new[i]}"
  start=$SECONDS
  if ! build_copy; then
    result=BUILD-FAILED
    errors=$((errors + 1))
    cp "$work/build.log" "$work/build-failed-$i.log"
  elif run_tests "${m_regex[i]}"; then
    result=SURVIVED
    survived=$((survived + 1))
  else
    result=KILLED
    killed=$((killed + 1))
  fi
  # Restore with a fresh mtime, so that the next build recompiles the file.
  cat "$work/original" >"$f"
  printf '%-12s %s (%ss)\n' "$result" "$label" "$((SECONDS - start))"
done
build_copy >/dev/null 2>&1 || true
echo "mutate: $total mutations, $killed killed, $survived survived, $errors errors (not applied, not compiling or no tests)"
[ "$survived" -eq 0 ] && [ "$errors" -eq 0 ]
exit
}
