#ifndef CRASHVFS_H
#define CRASHVFS_H

#include <stdint.h>

/// A test SQLite VFS that models a power cut, as SQLite's own crash tests do: writes to the files it
/// is armed for stay in memory (the OS's page cache, shared by every handle of the path) until an
/// xSync of that file writes them out and syncs them; at the power cut every write not yet synced is
/// lost and every later write or sync fails. Files it is not armed for pass straight through to the
/// default VFS, so it may be registered as the process's default.

/// Registers the VFS, once, as SQLite's default ("crash"); returns SQLITE_OK or SQLite's error.
int crashvfs_register(void);

/// Arms the VFS for files opened from now on whose path starts with `prefix`; the power goes at the
/// `cut_after`th write, truncate or sync to them (0: never). Counting starts again at 0.
void crashvfs_arm(const char *prefix, int64_t cut_after);

/// The writes, truncates and syncs counted since the VFS was armed.
int64_t crashvfs_operations(void);

/// Whether the power went since the VFS was armed.
int crashvfs_power_cut(void);

/// Disarms the VFS once every armed file is closed ("reboot"): files opened later pass through.
void crashvfs_disarm(void);

#endif
