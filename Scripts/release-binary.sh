# Sourced by the benchmark scripts: builds the release binary the README installs and sets BIN.
# The Swift standard library and Foundation are linked into it (--static-swift-stdlib): it starts
# without the dynamic loader resolving some 20,000 symbols over the Swift runtime's shared
# libraries, and it runs on a machine without Swift. FoundationNetworking (the `mirror` command's
# HTTPS client) still links libcurl dynamically, so the link needs libcurl's development files.
if ! compgen -G '/usr/lib/*/libcurl.so' >/dev/null && [ ! -e /usr/lib/libcurl.so ]; then
  echo "linking the release binary needs libcurl's development files: apt-get install -y libcurl4-openssl-dev" >&2
  exit 1
fi
swift build -c release --static-swift-stdlib >/dev/null
BIN=$(swift build -c release --static-swift-stdlib --show-bin-path)/cpsledger
