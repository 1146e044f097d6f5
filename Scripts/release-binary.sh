# Sourced by the benchmark scripts: builds the release binary the README installs and sets BIN.
# The Swift standard library and Foundation are linked into it (--static-swift-stdlib): it starts
# without the dynamic loader resolving some 20,000 symbols over the Swift runtime's shared
# libraries, and it runs on a machine without Swift. Nothing in it imports FoundationNetworking or
# FoundationXML any more (`mirror` speaks HTTP through AsyncHTTPClient and NIOSSL, XML is read by
# XMLPullReader: issue 23), so the link needs neither libcurl's nor libxml2's development files, and
# the binary loads neither at start. RELEASE_SCRATCH_PATH, when set, builds in that folder instead
# of .build (a second checkout's measurements beside a first's).
# With BIN set to an executable, that binary is timed instead and nothing is built (a build of
# another commit, for a before-and-after comparison on the same machine).
if [ -n "${BIN:-}" ]; then
  [ -x "$BIN" ] || { echo "BIN=$BIN is not an executable cpsledger" >&2; exit 1; }
  return 0 2>/dev/null || exit 0
fi
# `cpsledger --version` names the commit only for a build stamped here (Package.swift reads
# CPSLEDGER_COMMIT; "-dirty" when the tree has changes git knows of); a new commit recompiles the
# BuildStamp target's one C file and relinks. Outside a git checkout (a tarball) nothing is stamped.
commit=$(git -C "$(dirname "${BASH_SOURCE[0]}")/.." describe --always --dirty --abbrev=12 2>/dev/null || true)
scratch=()
[ -n "${RELEASE_SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$RELEASE_SCRATCH_PATH")
CPSLEDGER_COMMIT="$commit" swift build -c release --static-swift-stdlib "${scratch[@]}" >/dev/null
BIN=$(CPSLEDGER_COMMIT="$commit" swift build -c release --static-swift-stdlib "${scratch[@]}" --show-bin-path)/cpsledger
