#!/usr/bin/env bash
# Benchmarks: builds the Host, the extracted services, the bare baseline and the driver in Release, then runs every
# scenario against loopback (bounded: about 15 minutes by default) and writes bench/results/<date>.md.
#   bench/run.sh                 the full run docs/benchmarks.md reports
#   bench/run.sh --quick         3 repetitions of 3 s
#   bench/run.sh --only 1,4      some scenarios (numbers as in docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  # Another apt-get (a test suite installing its packages, say) may hold apt's lock: wait for it rather than fail.
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 wrk >/dev/null
fi

for project in src/Host src/Extracted/Users.Service src/Extracted/Tweets.Service bench/BareApi bench/Bench; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly
done

exec dotnet bench/Bench/bin/Release/net10.0/Monolith.Bench.dll "$@"
