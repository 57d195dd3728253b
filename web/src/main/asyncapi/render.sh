#!/usr/bin/env bash
# The web module's build runs this at prepare-package: it validates the AsyncAPI document with the AsyncAPI parser and
# renders it to one HTML page (the AsyncAPI generator with its HTML template), which the WAR serves at
# /waybill/asyncapi/. It needs Node.js 18.12 or newer and npm; the packages come from package-lock.json, installed
# once per lock into the work folder (npm ci, no install scripts), so rendering itself needs no network.
# Without Node.js or without the packages the build goes on and says so, and the page only links to the YAML; with
# CI set it fails instead. The Java-side agreement check (AsyncApiAgreesWithBrokerAndCodeTest) runs either way.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
document=$1 out=$2 work=$3

skip() {
    echo "[WARNING] ******** AsyncAPI document NOT validated and NOT rendered: $1" >&2
    if [[ -n "${CI:-}" ]]; then
        echo "[ERROR] CI is set: the AsyncAPI document must be validated and rendered" >&2
        exit 1
    fi
    mkdir -p "$out"
    cat > "$out/index.html" <<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Waybill events (AsyncAPI)</title></head>
<body><p>This build had no Node.js to render the AsyncAPI document to HTML ($1).
The document itself: <a href="../schemas/asyncapi.yaml">asyncapi.yaml</a>.</p></body></html>
HTML
    exit 0
}

command -v node >/dev/null && command -v npm >/dev/null || skip "no node or npm on the PATH"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 12) ? 0 : 1)' \
    || skip "Node.js $(node --version) is older than 18.12"

if ! cmp -s "$here/package-lock.json" "$work/installed.lock"; then
    echo "[INFO] Installing the AsyncAPI parser and generator into $work (npm ci)"
    rm -rf "$work"
    mkdir -p "$work"
    cp "$here/package.json" "$here/package-lock.json" "$work/"
    (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
        || skip "npm ci failed (is the npm registry reachable?)"
    # Written last: it marks a complete install of this lock.
    cp "$here/package-lock.json" "$work/installed.lock"
fi
cp "$here/validate.cjs" "$work/"

node "$work/validate.cjs" "$document"
rm -rf "$out"
"$work/node_modules/.bin/asyncapi-generator" "$document" "$work/node_modules/@asyncapi/html-template" \
    --output "$out" --param singleFile=true --force-write --disable-warning
echo "[INFO] AsyncAPI document rendered to $out/index.html"
