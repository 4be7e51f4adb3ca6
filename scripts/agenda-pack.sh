#!/usr/bin/env bash
# Makes screenshots/agenda-pack.png (and .pdf): a printable agenda pack from the real
# binary, on a copy of the bundled workspace with a few items marked for a meeting.
# Needs Chromium (Debian package `chromium`); run from anywhere in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/scrutineer
ws=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$ws" "$profile"' EXIT
cp -r data/. "$ws"
rm -f "$ws/.scrutineer.lock"

# A committee date to prepare for, and a cycle's worth of changes "as of" 1 Dec 2003.
sed -i 's/  2003-10-29,/  2003-10-29,\n  2003-12-10,/' "$ws/committees.toml"
run() { SCRUTINEER_TODAY=2003-12-01 USER=clerk "$bin" --workspace "$ws" "$@" >/dev/null; }
run status 2.2a complete --note "Protocol in use at case closure from 1 November"
run status 2.3b on-track --note "Half day held 13 October; timetable confirmed"
run status 2.4a at-risk --note "Redrafted plan deferred to the January meeting"
run revise 2.4a 2004-01-31 --reason "Directorates asked for more time to set targets"
run status 3.1b off-track --note "Leaflet changes not yet agreed by the joint DMTs"
run status 6.2a complete --note "Strategy launched at the managers' away day"
run mark 2.2a 2.3b 2.4a 3.1b 6.2a --meeting 2003-12-10

SCRUTINEER_TODAY=2003-12-01 "$bin" --workspace "$ws" agenda --meeting 2003-12-10 --format html > "$ws/pack.html"
chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile")
mkdir -p screenshots
"${chrome[@]}" --window-size=1100,1400 --screenshot=screenshots/agenda-pack.png "file://$ws/pack.html" 2>/dev/null
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf=screenshots/agenda-pack.pdf "file://$ws/pack.html" 2>/dev/null
test -s screenshots/agenda-pack.png && test -s screenshots/agenda-pack.pdf
echo "wrote screenshots/agenda-pack.png and screenshots/agenda-pack.pdf"
