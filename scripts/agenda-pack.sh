#!/usr/bin/env bash
# Renders the pack a committee is given, from the real binary, and checks it the way a
# clerk would: on a copy of the bundled workspace, a committee cycle of changes is
# replayed "as of" the dates they happened (a meeting on 29 October 2003, notes,
# statuses, a revised deadline, executive responses, items carried over), then the pack
# for the meeting on 10 December 2003 is made in each format and rendered:
#
#   HTML -> headless Chromium -> screenshots/agenda-pack.pdf, one PNG per page
#           (screenshots/agenda-pack-N.png)
#   Word -> LibreOffice (soffice --headless --convert-to pdf) -> screenshots/agenda-pack-docx.pdf,
#           its pages as PNGs (screenshots/agenda-pack-docx-N.png, with pdftoppm)
#
# and the packs themselves (screenshots/agenda-pack.html, .docx, .md).
#
# Needs Chromium (Debian package `chromium`), LibreOffice Writer (`libreoffice-writer-nogui`)
# and pdftoppm (`poppler-utils`); run from anywhere in the repository. The time, venue and
# contact added to the copy's calendar, and the clerk's name, are illustrative.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/scrutineer
out=$PWD/screenshots
ws=$(mktemp -d)
profile=$(mktemp -d)
lo_profile=$(mktemp -d)
trap 'rm -rf "$ws" "$profile" "$lo_profile"' EXIT
cp -r data/. "$ws"
rm -f "$ws/.scrutineer.lock"

# The meeting to prepare for, with what the cover needs.
python3 - "$ws/committees.toml" <<'EOF'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
old = 'id = "leicester-scrutiny"\nname = "Social Services and Personal Health Scrutiny Committee"\nauthority = "Leicester City Council"\nselect = true\n'
assert old in text
text = text.replace(old, old + 'time = "5.30 pm"\nvenue = "Committee Room 1, Town Hall, Town Hall Square, Leicester"\ncontact = "Scrutiny Support Officer, tel. 0116 252 0000, scrutiny.support@example.gov.uk"\n')
text = text.replace("  2003-09-17,", "  2003-09-17,\n  2003-12-10,")
open(path, "w", encoding="utf-8").write(text)
EOF
# The clerk who records the changes, so notes are signed with a name, not a login.
cat >> "$ws/people.toml" <<EOF

[[owner]]
id = "scrutiny-support-officer"
name = "Jo Clerk"
role = "Scrutiny Support Officer"
kind = "person"
aliases = []
logins = ["$(id -un)"]
note = "Illustrative: the clerk of the pack script."
EOF

on() { local day=$1; shift; SCRUTINEER_TODAY=$day "$bin" --workspace "$ws" "$@" >/dev/null; }
# Before the October meeting.
on 2003-10-15 mark 2.1a 2.2a
on 2003-10-15 status 2.2a on-track --note "Closure protocol drafted; consultation with team managers under way"
on 2003-10-20 status 2.3b on-track --note "Half day arranged for 13 October; timetable agreed with the unions"
# The meeting of 29 October passes; the cycle to 10 December.
on 2003-11-05 status 2.2a complete --note "Protocol in use at case closure from 1 November"
on 2003-11-10 status 2.4a at-risk --note "Redrafted plan deferred: the directorates have not yet set SMART targets"
on 2003-11-10 revise 2.4a 2004-01-31 --reason "Directorates asked for more time to set targets"
on 2003-11-12 respond leicester-2003/2.4 accepted
on 2003-11-12 respond leicester-2003/3.1 awaiting --due 2003-11-28
on 2003-11-20 status 3.1b off-track --note "Leaflet changes not yet agreed by the joint DMTs"
on 2003-11-25 status 6.2a complete --note "Strategy launched at the managers' away day"
on 2003-12-01 note 2.3b "Half day held; the action plan for recruitment and retention is being written up"
on 2003-12-01 mark 2.2a 2.3b 2.4a 3.1b 6.2a --meeting 2003-12-10

pack() { SCRUTINEER_TODAY=2003-12-01 "$bin" --workspace "$ws" agenda --meeting 2003-12-10 \
  --committee leicester-scrutiny --ask "agree that a further report on recruitment and retention come to the meeting in March 2004" "$@"; }
mkdir -p "$out"
pack --format html --output "$out/agenda-pack.html" >/dev/null
pack --format docx --output "$out/agenda-pack.docx" >/dev/null
pack --format md --output "$out/agenda-pack.md" >/dev/null

# The HTML pack, printed by Chromium (page size, margins, header and page numbers from
# the pack's own @page rules).
chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile")
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$out/agenda-pack.pdf" "file://$out/agenda-pack.html" 2>/dev/null
# The Word pack, opened and printed by LibreOffice: a file it had to repair would not convert.
soffice -env:UserInstallation="file://$lo_profile" --headless --convert-to pdf \
  --outdir "$ws" "$out/agenda-pack.docx" >/dev/null 2>&1
mv "$ws/agenda-pack.pdf" "$out/agenda-pack-docx.pdf"

rm -f "$out"/agenda-pack-[0-9]*.png "$out"/agenda-pack-docx-[0-9]*.png
pdftoppm -r 70 -png "$out/agenda-pack.pdf" "$out/agenda-pack"
pdftoppm -r 70 -png "$out/agenda-pack-docx.pdf" "$out/agenda-pack-docx"

# The clerk's checklist, on what was printed.
# (Words as printed, lines joined: a title may wrap.)
text=$(pdftotext "$out/agenda-pack.pdf" - | tr -s ' \n' '  ')
word=$(pdftotext "$out/agenda-pack-docx.pdf" - | tr -s ' \n' '  ')
pages=$(pdfinfo "$out/agenda-pack.pdf" | awk '/^Pages:/ {print $2}')
word_pages=$(pdfinfo "$out/agenda-pack-docx.pdf" | awk '/^Pages:/ {print $2}')
fail=0
check() { if ! grep -q -- "$2" <<<"$1"; then echo "missing: $2 ($3)"; fail=1; fi; }
for printed in "$text" "$word"; do
  for want in "Wednesday 10 December 2003" "5.30 pm" "Committee Room 1" "Scrutiny Support Officer" \
      "Scrutiny recommendations and action plans: progress" "Summary" "The committee is asked to" \
      "2.3b" "Overdue:" "Key to initials" "Changes since the last meeting" "Jo Clerk" \
      "Presented at the meeting on 29 October 2003"; do
    check "$printed" "$want" "printed pack"
  done
done
for n in $(seq 1 "$pages"); do check "$text" "Page $n of $pages" "HTML pack page numbers"; done
for n in $(seq 1 "$word_pages"); do check "$word" "Page $n of $word_pages" "Word pack page numbers"; done

# Long and hostile text: a 2,000-word action, a 200-character owner, a note of markup and
# control characters. Every word printed must stay inside the page (no text beyond the
# margins), on A4, with a page number on every page, in both renderings.
python3 - "$ws/reports/leicester-2003.toml" <<'EOF'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
words = " ".join(["accountability"] * 2000)
text = text.replace('text = "Joint Divisional Management Team half day', 'text = "' + words + ' Joint Divisional Management Team half day', 1)
text = text.replace('owners = ["JJ", "BB", "MMcG", "AJ", "CS", "KS"]', 'owners = ["JJ", "' + ("Extraordinarily" * 14)[:200] + '", "BB", "MMcG", "AJ", "CS", "KS"]', 1)
open(path, "w", encoding="utf-8").write(text)
EOF
on 2003-12-01 note 3.1b "<script>alert(1)</script> & \"quotes\" $(printf '\033]0;pwned\007') $(printf 'x%.0s' $(seq 1 300))"
pack --format html --output "$ws/long.html" >/dev/null
pack --format docx --output "$ws/long.docx" >/dev/null
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$ws/long-html.pdf" "file://$ws/long.html" 2>/dev/null
mkdir -p "$ws/word"
soffice -env:UserInstallation="file://$lo_profile" --headless --convert-to pdf --outdir "$ws/word" "$ws/long.docx" >/dev/null 2>&1
for pdf in "$ws/long-html.pdf" "$ws/word/long.pdf"; do
  pdftotext -bbox "$pdf" "$ws/bbox.html"
  python3 - "$ws/bbox.html" "$pdf" <<'EOF' || fail=1
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
bad = []
for n, (w, h, body) in enumerate(pages, 1):
    if abs(float(w) - 595.3) > 1 or abs(float(h) - 841.9) > 1:
        bad.append(f"page {n} is not A4 ({w} x {h})")
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', body)
    for x0, x1, word in words:
        if float(x1) > float(w) - 20 or float(x0) < 20:
            bad.append(f"page {n}: `{word[:30]}` runs into the margin ({x0}-{x1})")
    text = " ".join(w for _, _, w in words)
    if f"Page {n} of {len(pages)}" not in text:
        bad.append(f"page {n} has no page number")
if bad:
    print(sys.argv[2] + ":\n  " + "\n  ".join(bad[:10]))
    sys.exit(1)
print(f"long text, {sys.argv[2].split('/')[-1]}: {len(pages)} A4 pages, every word inside the margins, every page numbered")
EOF
  text=$(pdftotext "$pdf" - | tr -d ' \n')
  # (A row may break across pages, the page's footer and header between its parts.)
  [ "$(grep -o Extraordinarily <<<"$text" | wc -l)" -ge 12 ] || { echo "missing: the long owner ($pdf)"; fail=1; }
  check "$text" "<script>alert(1)</script>" "hostile text shown as text"
done

[ "$fail" = 0 ] || exit 1
echo "wrote screenshots/agenda-pack.{html,docx,md,pdf}, agenda-pack-docx.pdf and PNG pages: HTML $pages page(s), Word $word_pages page(s); checklist passed"
