#!/bin/sh
# Mutation testing, one module at a time: installs cargo-mutants if it is missing, then
# runs it on each module named (default: all of them, slowest last), writing each
# module's results to mutants.out/MODULE/mutants.out/. Not part of CI.
#
#   scripts/mutants.sh model                                          # every mutant in src/model
#   scripts/mutants.sh model -- --shard 0/93 --sharding round-robin   # a sample: every 93rd
#
# Arguments after `--` go to cargo-mutants. TESTING.md has the samples the recorded
# figures come from.
#
# Each mutant is tested with the library's unit tests and only the integration test
# files that exercise its module (`tests_for` below), not the whole suite: the whole
# suite takes minutes on two cores. A mutant that only some other test file would catch
# is therefore reported as missed.
#
# The mutants are made in place, in this source tree (`--in-place`), so the build is
# reused from one mutant to the next: don't edit, build or test in this tree while it
# runs. cargo-mutants puts each file back after its mutant; this script checks that no
# mutated file is left behind.
set -eu
cd "$(dirname "$0")/.."

# The version the recorded figures were made with: another version may make other
# mutants, and a shard of them is then another sample.
version=27.1.0
if ! cargo mutants --version 2>/dev/null | grep -q " $version\$"; then
    cargo install --locked --version "$version" cargo-mutants
fi

tests_for() {
    case "$1" in
        model) echo "--lib --test seeds --test timescales --test properties --test cycle" ;;
        query) echo "--lib --test queries --test cli --test tui_scoring" ;;
        workspace) echo "--lib --test robustness --test robustness_files --test robustness_store --test several_offices --test clerk_cli --test properties --test cycle" ;;
        tracker) echo "--lib --test tracker_shapes --test tracker_unseen --test import_properties --test updates" ;;
        agenda) echo "--lib --test pack --test cycle" ;;
        cli) echo "--lib --test cli --test clerk_cli --test cycle --test queries --test seeds --test updates" ;;
        tui) echo "--lib --test tui_app --test tui_agenda --test tui_clerk --test tui_cycle --test tui_responses --test tui_snapshots --test tui_scoring" ;;
        serve) echo "--lib --test serve" ;;
        *) return 1 ;;
    esac
}

modules=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    modules="$modules $1"
    shift
done
[ $# -gt 0 ] && shift
[ -n "$modules" ] || modules="model query workspace tracker agenda cli serve tui"

for module in $modules; do
    if ! tests=$(tests_for "$module"); then
        echo "no module $module: one of model, query, workspace, tracker, agenda, cli, serve, tui" >&2
        exit 2
    fi
done

for module in $modules; do
    tests=$(tests_for "$module")
    echo "== $module: cargo test $tests"
    mkdir -p "mutants.out/$module"
    # A property test that fails under a mutant saves its case beside the test file;
    # those files are the mutants', not the suite's.
    touch "mutants.out/$module/started"
    # A missed mutant is not an error here: the summary says how many.
    # shellcheck disable=SC2086 # $tests is a list of arguments
    cargo mutants --in-place --file "src/$module/**" --output "mutants.out/$module" "$@" \
        -- $tests || true
    if grep -rl "changed by cargo-mutants" src >&2; then
        echo "a mutated file was left behind (above): git checkout -- src" >&2
        exit 1
    fi
    find src tests -name '*.proptest-regressions' -newer "mutants.out/$module/started" -delete
    for outcome in caught missed timeout unviable; do
        file="mutants.out/$module/mutants.out/$outcome.txt"
        printf '%s %s: %s\n' "$module" "$outcome" "$( [ -f "$file" ] && wc -l < "$file" || echo 0)"
    done
done
