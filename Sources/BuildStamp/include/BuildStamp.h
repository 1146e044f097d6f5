#ifndef CPSLEDGER_BUILD_STAMP_H
#define CPSLEDGER_BUILD_STAMP_H

/// The commit a release build was made from, as `Scripts/release-binary.sh` passes it in
/// (`git describe --always --dirty`); an empty string for any other build.
const char *cpsledger_build_commit(void);

#endif
