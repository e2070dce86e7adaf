#!/usr/bin/env bash
# Audits the five WordPress sites of ../shared/realcms and compares the report with the ground
# truth that realcms's setup.sh wrote. Exit 0 when every fact matches.
#
#   REALCMS_STATE=/tmp/realcms ../shared/realcms/setup.sh   # once: start the sites
#   scripts/realcms-check.sh                                # audit and compare
#
# Environment: REALCMS_STATE (default /tmp/realcms), OUT (default .build-realcms/report).
set -euo pipefail
cd "$(dirname "$0")/.."
state=${REALCMS_STATE:-/tmp/realcms}
truth="$state/ground-truth.yaml"
out=${OUT:-.build-realcms/report}
[ -f "$truth" ] || { echo "no $truth: run REALCMS_STATE=$state ../shared/realcms/setup.sh first" >&2; exit 2; }
reference=$(sed -n 's/^reference_date: "\(.*\)"/\1/p' "$truth")
resolve=()
for host in dinkominfo dinkes kec-bobotsari kec-karangreja kel-bancar; do
  resolve+=(--resolve "$host.purbalingga.test:8089:127.0.0.1")
done
swift build -c release --product pantau >/dev/null
.build/release/pantau audit --inventory examples/realcms-inventory.yaml --out "$out" \
  --audit-date "$reference" --only-resolved "${resolve[@]}" --quiet || status=$?
if [ "${status:-0}" -ne 0 ]; then echo "pantau audit exited ${status}" >&2; exit 1; fi
python3 scripts/compare_realcms.py "$out/report.json" "$truth"
