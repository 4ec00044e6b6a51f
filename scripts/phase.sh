#!/usr/bin/env bash
# Runs one phase of a build or test run and records how long it took.
#   scripts/phase.sh NAME COMMAND [ARGS...]   run COMMAND; print "phase NAME: S s" and add the line
#                                             to $DLP_TIMES (build/times.txt unless set)
#   scripts/phase.sh --report                 the table of the recorded phases and their total
#   scripts/phase.sh --reset                  start a new record
# A failing COMMAND still records its time (marked FAILED) and its exit status is passed on.
set -uo pipefail
times=${DLP_TIMES:-build/times.txt}
mkdir -p "$(dirname "$times")"

case "${1:-}" in
  --reset) : > "$times"; exit 0 ;;
  --report)
    [ -s "$times" ] || { echo "phases: none recorded in $times"; exit 0; }
    # Lines whose name starts with two spaces are parts of the phase above them (e2e files).
    awk -F'\t' '{ printf "  %-44s %7.1f s%s\n", $1, $2, ($3 == "" ? "" : "  " $3); if ($1 !~ /^  /) total += $2 }
                END { printf "  %-44s %7.1f s (%.1f min)\n", "total of the phases", total, total / 60 }' "$times"
    exit 0 ;;
esac

name=$1; shift
start=$(date +%s.%N)
"$@"
status=$?
secs=$(echo "$(date +%s.%N) - $start" | bc)
note=""; [ "$status" = 0 ] || note="FAILED (exit $status)"
printf '%s\t%.1f\t%s\n' "$name" "$secs" "$note" >> "$times"
printf 'phase %s: %.1f s %s\n' "$name" "$secs" "$note"
exit "$status"
