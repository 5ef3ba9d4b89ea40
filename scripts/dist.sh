#!/usr/bin/env bash
# Release binaries: cross-builds qdoc for the machines quality departments
# use, with the version stamped, into dist/, and writes dist/SHA256SUMS.
#
#   scripts/dist.sh                 # version from `git describe`
#   VERSION=v1.2.0 scripts/dist.sh  # or as given
#
# Pure Go (no cgo: SQLite is modernc.org/sqlite), so one machine builds
# all four. -trimpath keeps build paths out of the binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(linux/amd64 linux/arm64 windows/amd64 darwin/arm64)

version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
commit=${COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}
if [ -n "$(git status --porcelain 2>/dev/null)" ] && [[ $commit != *-dirty ]] && [ "$commit" != unknown ]; then
	commit="$commit-dirty"
fi
ldflags="-s -w -X main.version=$version -X main.commit=$commit"

rm -rf dist
mkdir -p dist
for t in "${targets[@]}"; do
	os=${t%/*} arch=${t#*/}
	out="dist/qdoc-$os-$arch"
	[ "$os" = windows ] && out="$out.exe"
	echo "build $out ($version, $commit)"
	# -buildvcs=false: the commit is stamped above; this also lets the
	# script run from a tarball of the source with no .git.
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false \
		-ldflags "$ldflags" -o "$out" ./cmd/qdoc
done

# One checksum file for all, in the format `sha256sum -c` and
# `shasum -a 256 -c` read (Windows: certutil -hashfile FILE SHA256).
(
	cd dist
	if command -v sha256sum >/dev/null; then
		sha256sum qdoc-* >SHA256SUMS
	else
		shasum -a 256 qdoc-* >SHA256SUMS
	fi
)
echo "dist/: $(ls dist | tr '\n' ' ')"
