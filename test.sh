#!/usr/bin/env bash
# Installs what the tests need and runs the whole suite; ends with "N passed, N failed, N skipped".
# Needs the .NET SDK, NuGet, npm (tests/js: FollowTheMoney validation, Playwright), Debian's chromium and
# postgresql, which it installs when missing (tests/postgres.sh starts a throwaway cluster on 127.0.0.1). Tests that need Node or Chromium skip with the reason when these cannot be
# installed, except under CI=true, where they fail.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi; }
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium for the report test…"
  { as_root apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
    || { as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; }; } \
    || echo "warning: could not install chromium (apt-get as root); the report test will skip, or fail under CI=true"
fi
if command -v npm >/dev/null 2>&1; then
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || echo "warning: npm ci in tests/js failed; the FtM and report tests will skip, or fail under CI=true"
else
  echo "warning: npm not found; the FtM and report tests will skip, or fail under CI=true"
fi
# A throwaway PostgreSQL cluster on loopback for the store tests (removed on exit).
source tests/postgres.sh
dotnet build tests/Casefile.Tests -c Release -nologo -clp:ErrorsOnly -v:q
log=$(mktemp)
set +e
dotnet tests/Casefile.Tests/bin/Release/net10.0/Casefile.Tests.dll -noColor "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# xunit v3 prints: "Casefile.Tests  Total: N, Errors: N, Failed: N, Skipped: N, Not Run: N, Time: …"
summary=$(grep -E 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+' "$log" | tail -n 1 || true)
rm -f "$log"
if [ -z "$summary" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
total=$(sed -E 's/.*Total: ([0-9]+).*/\1/' <<<"$summary")
errors=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*Failed: ([0-9]+).*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped: ([0-9]+).*/\1/' <<<"$summary")
notrun=$(sed -E 's/.*Not Run: ([0-9]+).*/\1/' <<<"$summary")
passed=$((total - failed - skipped - notrun))
echo "$passed passed, $((failed + errors)) failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ $((failed + errors)) -ne 0 ]; then exit 1; fi
