#!/bin/sh
# Regenerates the compiled EF Core models in src/AeBot.Data/CompiledModels/ (one per provider) after a change to
# AeBotDbContext — run it beside `dotnet ef migrations add`. The app runs on these models (no model building at
# start-up); CompiledModelTests fails while they are behind. Uses the dotnet-ef tool pinned in dotnet-tools.json.
set -eu
cd "$(dirname "$0")/.."
dotnet tool restore
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Built once with the current models in place; both are generated from that build, then swapped in whole (so an
# entity that was removed leaves no file behind).
dotnet build src/AeBot.Data -nologo -v quiet
for provider in Sqlite Postgres; do
  dotnet ef dbcontext optimize --no-build -p src/AeBot.Data -s src/AeBot.Data -c "${provider}AeBotDbContext" \
    -o "$out/$provider" -n "AeBot.Data.CompiledModels.$provider"
done
for provider in Sqlite Postgres; do
  rm -rf "src/AeBot.Data/CompiledModels/$provider"
  cp -r "$out/$provider" "src/AeBot.Data/CompiledModels/$provider"
done
echo "Compiled models regenerated: git add src/AeBot.Data/CompiledModels"
