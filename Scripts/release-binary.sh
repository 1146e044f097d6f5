# Sourced by the benchmark scripts: builds the release binary the README installs and sets BIN.
# The Swift standard library and Foundation are linked into it (--static-swift-stdlib): it starts
# without the dynamic loader resolving some 20,000 symbols over the Swift runtime's shared
# libraries, and it runs on a machine without Swift. FoundationNetworking (the `mirror` command's
# HTTPS client) still links libcurl dynamically, so the link needs libcurl's development files.
# With BIN set to an executable, that binary is timed instead and nothing is built (a build of
# another commit, for a before-and-after comparison on the same machine).
if [ -n "${BIN:-}" ]; then
  [ -x "$BIN" ] || { echo "BIN=$BIN is not an executable cpsledger" >&2; exit 1; }
  return 0 2>/dev/null || exit 0
fi
if ! compgen -G '/usr/lib/*/libcurl.so' >/dev/null && [ ! -e /usr/lib/libcurl.so ]; then
  echo "linking the release binary needs libcurl's development files: apt-get install -y libcurl4-openssl-dev" >&2
  exit 1
fi
# `cpsledger --version` names the commit only for a build stamped here (Package.swift reads
# CPSLEDGER_COMMIT; "-dirty" when the tree has changes git knows of); a new commit recompiles the
# BuildStamp target's one C file and relinks. Outside a git checkout (a tarball) nothing is stamped.
commit=$(git -C "$(dirname "${BASH_SOURCE[0]}")/.." describe --always --dirty --abbrev=12 2>/dev/null || true)
CPSLEDGER_COMMIT="$commit" swift build -c release --static-swift-stdlib >/dev/null
BIN=$(CPSLEDGER_COMMIT="$commit" swift build -c release --static-swift-stdlib --show-bin-path)/cpsledger
