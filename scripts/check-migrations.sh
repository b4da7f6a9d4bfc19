#!/usr/bin/env bash
# Fails when any module's model has a change that no migration holds, that is when `dotnet ef migrations add` would
# generate a non-empty migration (docs/adr/0025, tools/Migrations/README.md). The module tests check the same thing
# (tests/Shared/ModelAndMigrations.cs); this is the same question asked through the tool a developer uses to fix it.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet tool restore
# One build of the design-time project (it references every module); each check below then skips building.
dotnet build tools/Migrations --nologo -v quiet

# Every module DbContext, found the way a new module would add one: src/Modules/<Name>/<Name>/Data/*DbContext.cs.
contexts=$(grep -l -E 'class [A-Za-z]+DbContext\b.*: DbContext\b' src/Modules/*/*/Data/*DbContext.cs)
[ -n "$contexts" ] || { echo "No module DbContext found under src/Modules." >&2; exit 1; }

status=0
for file in $contexts; do
  project=$(dirname "$(dirname "$file")")
  context=$(basename "$file" .cs)
  echo "== $context ($project)"
  dotnet ef migrations has-pending-model-changes --no-build \
    --project "$project" --startup-project tools/Migrations --context "$context" || status=1
done

exit "$status"
