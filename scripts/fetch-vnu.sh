#!/usr/bin/env bash
# The W3C Nu HTML checker that the browser tests run on every page they visit: the `vnu-jar` package
# from the npm registry, pinned. Too large to keep in git (30 MB), so it is fetched once into var/.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=26.9.27
target=var/vendor/vnu-jar-$VERSION/vnu.jar
[ -f "$target" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "vnu-jar@$VERSION" >/dev/null && tar xzf "vnu-jar-$VERSION.tgz")
mkdir -p "$(dirname "$target")"
cp "$work/package/build/dist/vnu.jar" "$target"
cp "$work/package/LICENSE" "$(dirname "$target")/LICENSE"
echo "Fetched $target"
