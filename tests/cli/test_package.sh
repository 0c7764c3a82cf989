# The Debian package: `cpack -G DEB` of the build folder gives mpp_<version>_<arch>.deb with a
# stripped /usr/bin/mpp, every man page (renders without warnings), the bash completion that
# answers, the examples, and a Depends computed from what the binary links dynamically.
. "$(dirname "$0")/lib.sh"
BUILD=${MPP_BUILD_DIR:-$(cd "$(dirname "$MPP")/.." && pwd)}
for tool in cpack dpkg-deb dpkg-shlibdeps dpkg readelf ldd man gzip; do
  command -v "$tool" >/dev/null || skip_suite "$tool is not installed (.ci/packages)"
done
[ -f "$BUILD/CPackConfig.cmake" ] || { fail "$BUILD has a CPackConfig.cmake (include(CPack))"; finish; }

# The expected name, from the project() line and dpkg, not from mpp.
version=$(sed -nE 's/^project\(mpp VERSION ([0-9.]+) .*/\1/p' "$SRC/CMakeLists.txt")
arch=$(dpkg --print-architecture)
deb=$T/out/mpp_${version}_${arch}.deb
cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$T/out" >"$T/cpack.log" 2>&1
rc=$?
out=$(tail -5 "$T/cpack.log")
err=""
expect_rc 0 "cpack -G DEB"
[ -f "$deb" ] || { fail "cpack wrote $(basename "$deb") (it wrote: $(ls "$T/out"))"; finish; }
pass

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
expect_eq "$(field Package)" mpp "Package"
expect_eq "$(field Version)" "$version" "Version"
expect_eq "$(field Architecture)" "$arch" "Architecture"
expect_eq "$(field Section)" admin "Section"
expect_eq "$(field Priority)" optional "Priority"
expect_eq "$(field Homepage)" "" "no Homepage"
[[ $(field Maintainer) =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] && pass || fail "Maintainer is 'Name <email>': $(field Maintainer)"
description=$(field Description)
[[ $(head -1 <<<"$description") == *"Mal Pelayanan Publik"* ]] && pass || fail "Description summary: $description"
[ "$(wc -l <<<"$description")" -ge 5 ] && pass || fail "Description has a long part: $description"

# Files, modes and owners.
dpkg-deb -c "$deb" >"$T/contents"
out=$(cat "$T/contents")
grep -qE '^-rwxr-xr-x root/root +[0-9]+ .* \./usr/bin/mpp$' "$T/contents" && pass || fail "/usr/bin/mpp 0755 root/root"
grep -qE '^-rw-r--r-- root/root .* \./usr/share/bash-completion/completions/mpp$' "$T/contents" && pass ||
  fail "completion at /usr/share/bash-completion/completions/mpp"
for page in "$SRC"/man/*.[15]; do
  name=$(basename "$page")
  grep -qE "^-rw-r--r-- root/root .* \./usr/share/man/man${name##*.}/$name\.gz\$" "$T/contents" && pass ||
    fail "man page $name installed gzipped in man${name##*.}"
done
for example in kupang/agencies.csv kupang/config.toml cron/crontab cron/mpp-report.service \
  cron/mpp-report.timer templates/complaints.csv; do
  grep -qE "^-rw-r--r-- root/root .* \./usr/share/doc/mpp/examples/$example\$" "$T/contents" && pass ||
    fail "example $example in /usr/share/doc/mpp/examples"
done
grep -qE ' \./usr/(local|share/doc/mpp/examples/kupang/quickstart\.sh)' "$T/contents" &&
  fail "nothing in /usr/local, no quickstart.sh (it builds from a checkout)" || pass
awk '$2 != "root/root"' "$T/contents" | grep -q . && fail "every entry owned by root/root" || pass
awk '$1 ~ /^d/ && $1 != "drwxr-xr-x"' "$T/contents" | grep -q . && fail "every directory 0755" || pass
awk '$1 ~ /^-/ && $1 != "-rw-r--r--" && $NF != "./usr/bin/mpp"' "$T/contents" | grep -q . &&
  fail "every other file 0644" || pass

# Unpacked into a scratch root: stripped, a sane size, Depends covers every NEEDED library.
root=$T/root
dpkg -x "$deb" "$root" || { fail "dpkg -x"; finish; }
bin=$root/usr/bin/mpp
for example in $(cd "$SRC/examples" && find . -type f ! -name quickstart.sh | sort); do
  cmp -s "$SRC/examples/$example" "$root/usr/share/doc/mpp/examples/$example" && pass ||
    fail "examples/${example#./} is in /usr/share/doc/mpp/examples as is"
done
readelf -S "$bin" | grep -qE '\.(debug_info|symtab)' && fail "binary stripped (no .debug_info, .symtab)" || pass
size=$(stat -c %s "$bin")
[ "$size" -gt 500000 ] && [ "$size" -lt 20000000 ] && pass || fail "binary size sane: $size bytes"
depends=$(field Depends)
[[ $depends =~ (^|, )libc6\ \(\>=\ [0-9.]+\) ]] && pass || fail "Depends has a versioned libc6: $depends"
for lib in $(readelf -d "$bin" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p'); do
  path=$(ldd "$bin" | awk -v l="$lib" '$1 == l && $3 ~ /^\// { print $3; exit }
    { n = split($1, p, "/") } n > 1 && p[n] == l { print $1; exit }')
  owner=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(realpath "$path")" 2>/dev/null)
  owner=${owner%%:*}
  [ -n "$owner" ] && [[ ", $depends" == *", $owner "* || ", $depends," == *", $owner,"* ]] && pass ||
    fail "Depends ($depends) covers $lib (package '$owner')"
done

# The unpacked binary runs, on the installed examples.
MPP=$bin
run --version
expect_rc 0 "mpp --version from the package"
expect_out "mpp $version " "--version names the package version"
fresh_db
run agency import "$root/usr/share/doc/mpp/examples/kupang/agencies.csv"
expect_rc 0 "agency import of the installed example"
run agency list --all --format csv
expect_rc 0 "agency list"
for code in $(tail -n +2 "$SRC/examples/kupang/agencies.csv" | cut -d';' -f1); do
  expect_out "$code" "agency $code listed"
done

# Every man page in the package renders without a warning.
pages=0
for page in "$root"/usr/share/man/man*/*; do
  pages=$((pages + 1))
  err=$(LC_ALL=C MANWIDTH=80 man --warnings -l "$page" 2>&1 >"$T/page")
  out=$(head -3 "$T/page")
  [ -z "$err" ] && grep -q '^NAME' "$T/page" && pass || fail "$(basename "$page") renders without warnings"
done
expect_eq "$pages" "$(ls "$SRC"/man/*.[15] | wc -l)" "every man page is in the package"

# The completion answers: the stub from the package, the binary first on PATH.
complete_words() {
  PATH=$root/usr/bin:$PATH bash -c '
    source "$1"; shift
    COMP_WORDS=(mpp "$@"); COMP_CWORD=$#
    _mpp
    printf "%s\n" "${COMPREPLY[@]}"' sh "$root/usr/share/bash-completion/completions/mpp" "$@"
}
out=$(complete_words ag)
expect_eq "$out" agency "completion of 'mpp ag'"
out=$(complete_words agency show KP)
expect_eq "$out" KPP-KUPANG "completion of an agency code from the database"
finish
