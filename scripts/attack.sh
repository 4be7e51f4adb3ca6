#!/usr/bin/env bash
# The attack on the workbench, rerunnable: concurrency (clerks saving at once), kills
# mid-save and mid-import, hostile text in every field and flag, files that are not
# what they seem (links, FIFOs, odd names and encodings, formulas), and the terminal
# (signals, a held lock, no terminal, characters terminals disagree on). It runs the
# robustness suites against the release build, ROUNDS times (default 3, to catch what
# only sometimes breaks), and prints a table of what was tried and what broke.
# Takes a few minutes on two cores; not part of CI, which runs each suite once.
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
suites=(robustness robustness_files robustness_store robustness_terminal)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

cargo build --release --quiet --tests || exit 1
for ((r = 1; r <= rounds; r++)); do
  for suite in "${suites[@]}"; do
    [ -f "tests/$suite.rs" ] || continue
    cargo test --release --quiet --test "$suite" -- --test-threads=2 2>&1 |
      sed -n "s/^test \(.*\) \.\.\. \(ok\|FAILED\)$/$suite \1 \2/p" >>"$log"
  done
done

printf '%-22s %-78s %6s %6s\n' suite attack tried broken
awk '
  { key = $1 " " $2; tried[key]++; if ($3 == "FAILED") broken[key]++ }
  END { for (k in tried) { split(k, p, " "); printf "%-22s %-78s %6d %6d\n", p[1], p[2], tried[k], broken[k] + 0 } }
' "$log" | sort
tried=$(wc -l <"$log")
broken=$(grep -c ' FAILED$' "$log")
printf '\n%d tried, %d broken\n' "$tried" "$broken"
[ "$broken" -eq 0 ]
