#!/bin/sh
# Mutation testing, one module at a time: installs cargo-mutants if it is missing, then
# runs it on each module named (default: all of them, slowest last), writing each
# module's results to mutants.out/MODULE/. Not part of CI: on two cores the whole run
# takes hours. Arguments after `--` go to cargo-mutants, for example a sample:
#
#   scripts/mutants.sh model query -- --shard 1/40
#
# Results: mutants.out/MODULE/mutants.out/{caught,missed,timeout,unviable}.txt
set -eu
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
    cargo install --locked cargo-mutants
fi

modules=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    modules="$modules $1"
    shift
done
[ $# -gt 0 ] && shift
[ -n "$modules" ] || modules="model query workspace tracker agenda cli tui"

for module in $modules; do
    if [ ! -d "src/$module" ]; then
        echo "no module src/$module" >&2
        exit 2
    fi
    echo "== $module"
    mkdir -p "mutants.out/$module"
    # A missed mutant is not an error here: the summary says how many.
    cargo mutants --file "src/$module/**" --output "mutants.out/$module" "$@" || true
    for outcome in caught missed timeout unviable; do
        file="mutants.out/$module/mutants.out/$outcome.txt"
        printf '%s %s: %s\n' "$module" "$outcome" "$( [ -f "$file" ] && wc -l < "$file" || echo 0)"
    done
done
