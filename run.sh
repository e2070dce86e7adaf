#!/usr/bin/env bash
# Sets up what Pantau needs on Debian (the three C libraries, once), builds it, and runs it.
#   ./run.sh                      # audit the built-in demo district (report in ./pantau-report)
#   ./run.sh audit --inventory my-district.yaml --out laporan
#   ./run.sh rules lint rules/
# Any arguments are passed to `pantau`; none means `pantau demo`.
set -euo pipefail
cd "$(dirname "$0")"

packages=(libcurl4-openssl-dev libxml2-dev libyaml-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..." >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

swift build -c release --product pantau >&2
if [ $# -eq 0 ]; then set -- demo; fi
exec .build/release/pantau "$@"
