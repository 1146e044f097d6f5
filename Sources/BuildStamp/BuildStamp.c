#include "BuildStamp.h"

// Package.swift defines CPSLEDGER_COMMIT for this one file when the build's environment has it
// (CPSLEDGER_COMMIT=<commit> swift build ...): a new commit recompiles this file and relinks, nothing else.
#ifndef CPSLEDGER_COMMIT
#define CPSLEDGER_COMMIT ""
#endif

const char *cpsledger_build_commit(void) { return CPSLEDGER_COMMIT; }
