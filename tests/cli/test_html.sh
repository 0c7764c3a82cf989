# The HTML report in a real headless browser: it renders the charts and the table.
. "$(dirname "$0")/lib.sh"
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ] || ! command -v python3 >/dev/null; then
  skip_suite "chromium or python3 is not installed (.ci/run installs them)"
fi
fresh_db --office-name "Mal Pelayanan Publik Kota Kupang"
"$MPP" agency import "$SRC/examples/kupang/agencies.csv"
"$MPP" service import "$SRC/examples/kupang/services.csv"
MPP_NOW=2022-11-02T08:00:00+08:00 "$MPP" application import "$SRC/examples/kupang/applications-2022-10.csv"
export MPP_NOW=2022-11-01T00:05:00+08:00 SOURCE_DATE_EPOCH=1667232300

run report monthly --format html -o "$T/report.html"
expect_rc 0 "html report"
html=$(cat "$T/report.html")
[[ "$html" == "<!DOCTYPE html>"* ]] && pass || fail "an HTML document"
[[ "$html" != *"<script"* && "$html" != *"src=\"http"* && "$html" != *"href=\"http"* ]] && pass || fail "self-contained: no scripts, no external assets"
[[ "$html" == *"<svg"* ]] && pass || fail "inline SVG charts"
[[ "$html" == *"@page{size:A4"* ]] && pass || fail "A4 print styling"
[[ "$html" == *">Rp 1.712.500<"* ]] && pass || fail "Indonesian Rupiah in the table"

timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$T/chromium" --window-size=1123,2400 \
  --screenshot="$T/shot.png" "file://$T/report.html" >"$T/chromium.log" 2>&1
[ -s "$T/shot.png" ] && pass || { err=$(tail -5 "$T/chromium.log"); fail "chromium took a screenshot"; }
# The received (blue), decided (green) and on-time (orange) bars are drawn, the headline box
# (its background fff4d6) is there, and it is not blank; in a window as wide as an A4 page
# (1123 px) no table border (c9d1da) nor the box's border (d9b44a) runs into the right edge:
# they fit the page.
out=$(python3 "$SRC/tests/cli/png_check.py" "$T/shot.png" 3b6fb6 3f9a5a d08b26 fff4d6 --edge-free c9d1da d9b44a)
rc=$?
expect_rc 0 "the screenshot shows the headline box, the charts and the table, as wide as an A4 page"
finish
