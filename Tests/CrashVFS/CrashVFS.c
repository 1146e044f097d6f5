// A test VFS that drops every write not yet synced when the "power" goes: see CrashVFS.h.
#include "CrashVFS.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/// One write (size >= 0) or truncate (size -1, to offset) not yet synced.
typedef struct Op {
    int64_t offset;
    int size;
    unsigned char *data;
} Op;

/// An armed path: its unsynced operations, shared by every handle on it as the page cache is.
typedef struct Node {
    char *path;
    int references;
    Op *ops;
    int count, capacity;
    int64_t size;  // the file's size with the unsynced operations applied (while count > 0)
    struct Node *next;
} Node;

typedef struct CrashFile {
    sqlite3_file base;
    Node *node;  // NULL: the file passes through
    sqlite3_file *real;
} CrashFile;

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static sqlite3_vfs *root;
static sqlite3_vfs crash;
static char *armedPrefix;
static int64_t cutAfter, operations;
static int powerCut;
static Node *nodes;

static void dropOps(Node *node) {
    for (int i = 0; i < node->count; i++) free(node->ops[i].data);
    node->count = 0;
}

/// Counts one operation on an armed file; 1 when the power is out (now or before). Holds the mutex.
static int tick(void) {
    if (powerCut) return 1;
    operations++;
    if (cutAfter > 0 && operations >= cutAfter) {
        powerCut = 1;
        for (Node *node = nodes; node; node = node->next) dropOps(node);
        return 1;
    }
    return 0;
}

static int append(Node *node, sqlite3_file *real, int64_t offset, int size, const void *data) {
    if (node->count == 0) {
        sqlite3_int64 current = 0;
        int rc = real->pMethods->xFileSize(real, &current);
        if (rc != SQLITE_OK) return rc;
        node->size = current;
    }
    if (node->count == node->capacity) {
        int capacity = node->capacity ? node->capacity * 2 : 16;
        Op *ops = realloc(node->ops, sizeof(Op) * (size_t)capacity);
        if (!ops) return SQLITE_NOMEM;
        node->ops = ops;
        node->capacity = capacity;
    }
    Op *op = &node->ops[node->count];
    op->offset = offset;
    op->size = size;
    op->data = NULL;
    if (size >= 0) {
        op->data = malloc((size_t)size + 1);
        if (!op->data) return SQLITE_NOMEM;
        memcpy(op->data, data, (size_t)size);
        if (offset + size > node->size) node->size = offset + size;
    } else {
        node->size = offset;
    }
    node->count++;
    return SQLITE_OK;
}

/// Writes the unsynced operations out to the real file: what a sync makes durable.
static int writeOut(Node *node, sqlite3_file *real) {
    int rc = SQLITE_OK;
    for (int i = 0; i < node->count && rc == SQLITE_OK; i++) {
        Op *op = &node->ops[i];
        rc = op->size >= 0 ? real->pMethods->xWrite(real, op->data, op->size, op->offset) : real->pMethods->xTruncate(real, op->offset);
    }
    dropOps(node);
    return rc;
}

// MARK: - I/O methods

static int crashClose(sqlite3_file *file) {
    CrashFile *p = (CrashFile *)file;
    Node *node = p->node;
    if (node) {
        pthread_mutex_lock(&mutex);
        if (--node->references == 0) {
            // Closed before the power went: the page cache would write it out in its own time.
            if (!powerCut) writeOut(node, p->real);
            dropOps(node);
            for (Node **link = &nodes; *link; link = &(*link)->next) {
                if (*link == node) {
                    *link = node->next;
                    break;
                }
            }
            free(node->ops);
            free(node->path);
            free(node);
        }
        pthread_mutex_unlock(&mutex);
    }
    return p->real->pMethods->xClose(p->real);
}

static int crashRead(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset) {
    CrashFile *p = (CrashFile *)file;
    Node *node = p->node;
    if (!node) return p->real->pMethods->xRead(p->real, buffer, amount, offset);
    pthread_mutex_lock(&mutex);
    if (node->count == 0) {
        pthread_mutex_unlock(&mutex);
        return p->real->pMethods->xRead(p->real, buffer, amount, offset);
    }
    unsigned char *bytes = buffer;
    memset(bytes, 0, (size_t)amount);
    sqlite3_int64 realSize = 0;
    int rc = p->real->pMethods->xFileSize(p->real, &realSize);
    if (rc == SQLITE_OK && offset < realSize) {
        int64_t n = realSize - offset < amount ? realSize - offset : amount;
        rc = p->real->pMethods->xRead(p->real, bytes, (int)n, offset);
        if (rc == SQLITE_IOERR_SHORT_READ) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) {
        pthread_mutex_unlock(&mutex);
        return rc;
    }
    int64_t end = offset + amount;
    for (int i = 0; i < node->count; i++) {
        Op *op = &node->ops[i];
        if (op->size >= 0) {
            int64_t from = op->offset > offset ? op->offset : offset;
            int64_t to = op->offset + op->size < end ? op->offset + op->size : end;
            if (from < to) memcpy(bytes + (from - offset), op->data + (from - op->offset), (size_t)(to - from));
        } else if (op->offset < end) {
            int64_t from = op->offset > offset ? op->offset : offset;
            memset(bytes + (from - offset), 0, (size_t)(end - from));
        }
    }
    rc = end > node->size ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
    pthread_mutex_unlock(&mutex);
    return rc;
}

static int crashWrite(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset) {
    CrashFile *p = (CrashFile *)file;
    if (!p->node) return p->real->pMethods->xWrite(p->real, buffer, amount, offset);
    pthread_mutex_lock(&mutex);
    int rc = tick() ? SQLITE_IOERR_WRITE : append(p->node, p->real, offset, amount, buffer);
    pthread_mutex_unlock(&mutex);
    return rc;
}

static int crashTruncate(sqlite3_file *file, sqlite3_int64 size) {
    CrashFile *p = (CrashFile *)file;
    if (!p->node) return p->real->pMethods->xTruncate(p->real, size);
    pthread_mutex_lock(&mutex);
    int rc = tick() ? SQLITE_IOERR_TRUNCATE : append(p->node, p->real, size, -1, NULL);
    pthread_mutex_unlock(&mutex);
    return rc;
}

static int crashSync(sqlite3_file *file, int flags) {
    CrashFile *p = (CrashFile *)file;
    if (!p->node) return p->real->pMethods->xSync(p->real, flags);
    pthread_mutex_lock(&mutex);
    // The real file stands for the platter: what reaches it survives the cut, so no fsync is needed.
    int rc = tick() ? SQLITE_IOERR_FSYNC : writeOut(p->node, p->real);
    pthread_mutex_unlock(&mutex);
    return rc;
}

static int crashFileSize(sqlite3_file *file, sqlite3_int64 *size) {
    CrashFile *p = (CrashFile *)file;
    if (p->node) {
        pthread_mutex_lock(&mutex);
        if (p->node->count > 0) {
            *size = p->node->size;
            pthread_mutex_unlock(&mutex);
            return SQLITE_OK;
        }
        pthread_mutex_unlock(&mutex);
    }
    return p->real->pMethods->xFileSize(p->real, size);
}

static int crashLock(sqlite3_file *file, int level) { return ((CrashFile *)file)->real->pMethods->xLock(((CrashFile *)file)->real, level); }
static int crashUnlock(sqlite3_file *file, int level) { return ((CrashFile *)file)->real->pMethods->xUnlock(((CrashFile *)file)->real, level); }
static int crashCheckReservedLock(sqlite3_file *file, int *out) {
    return ((CrashFile *)file)->real->pMethods->xCheckReservedLock(((CrashFile *)file)->real, out);
}
static int crashFileControl(sqlite3_file *file, int op, void *arg) {
    return ((CrashFile *)file)->real->pMethods->xFileControl(((CrashFile *)file)->real, op, arg);
}
static int crashSectorSize(sqlite3_file *file) { return ((CrashFile *)file)->real->pMethods->xSectorSize(((CrashFile *)file)->real); }
static int crashDeviceCharacteristics(sqlite3_file *file) {
    return ((CrashFile *)file)->real->pMethods->xDeviceCharacteristics(((CrashFile *)file)->real);
}
static int crashShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **out) {
    return ((CrashFile *)file)->real->pMethods->xShmMap(((CrashFile *)file)->real, region, size, extend, out);
}
static int crashShmLock(sqlite3_file *file, int offset, int n, int flags) {
    return ((CrashFile *)file)->real->pMethods->xShmLock(((CrashFile *)file)->real, offset, n, flags);
}
static void crashShmBarrier(sqlite3_file *file) { ((CrashFile *)file)->real->pMethods->xShmBarrier(((CrashFile *)file)->real); }
static int crashShmUnmap(sqlite3_file *file, int deleteFlag) {
    return ((CrashFile *)file)->real->pMethods->xShmUnmap(((CrashFile *)file)->real, deleteFlag);
}
// No memory map: every read goes through crashRead, which sees the unsynced writes.
static int crashFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out) {
    (void)file, (void)offset, (void)amount;
    *out = NULL;
    return SQLITE_OK;
}
static int crashUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
    (void)file, (void)offset, (void)page;
    return SQLITE_OK;
}

static const sqlite3_io_methods methods = {
    3, crashClose, crashRead, crashWrite, crashTruncate, crashSync, crashFileSize, crashLock, crashUnlock, crashCheckReservedLock,
    crashFileControl, crashSectorSize, crashDeviceCharacteristics, crashShmMap, crashShmLock, crashShmBarrier, crashShmUnmap,
    crashFetch, crashUnfetch,
};

// MARK: - The VFS

static int isArmed(const char *path) { return path && armedPrefix && strncmp(path, armedPrefix, strlen(armedPrefix)) == 0; }

static int crashOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
    (void)vfs;
    CrashFile *p = (CrashFile *)file;
    p->real = (sqlite3_file *)&p[1];
    p->node = NULL;
    int rc = root->xOpen(root, name, p->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (p->real->pMethods) p->real->pMethods->xClose(p->real);
        p->base.pMethods = NULL;
        return rc;
    }
    p->base.pMethods = &methods;
    pthread_mutex_lock(&mutex);
    if (isArmed(name)) {
        Node *node = nodes;
        while (node && strcmp(node->path, name) != 0) node = node->next;
        if (!node) {
            node = calloc(1, sizeof(Node));
            node->path = strdup(name);
            node->next = nodes;
            nodes = node;
        }
        node->references++;
        p->node = node;
    }
    pthread_mutex_unlock(&mutex);
    return SQLITE_OK;
}

static int crashDelete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
    (void)vfs;
    pthread_mutex_lock(&mutex);
    if (isArmed(name)) {
        if (tick()) {
            pthread_mutex_unlock(&mutex);
            return SQLITE_IOERR_DELETE;
        }
        for (Node *node = nodes; node; node = node->next) {
            if (strcmp(node->path, name) == 0) dropOps(node);
        }
    }
    pthread_mutex_unlock(&mutex);
    return root->xDelete(root, name, syncDirectory);
}

int crashvfs_register(void) {
    pthread_mutex_lock(&mutex);
    if (root) {
        pthread_mutex_unlock(&mutex);
        return SQLITE_OK;
    }
    root = sqlite3_vfs_find(NULL);
    crash = *root;
    crash.pNext = NULL;
    crash.zName = "crash";
    crash.szOsFile = (int)sizeof(CrashFile) + root->szOsFile;
    crash.xOpen = crashOpen;
    crash.xDelete = crashDelete;
    pthread_mutex_unlock(&mutex);
    return sqlite3_vfs_register(&crash, 1);
}

void crashvfs_arm(const char *prefix, int64_t cut) {
    pthread_mutex_lock(&mutex);
    free(armedPrefix);
    armedPrefix = strdup(prefix);
    cutAfter = cut;
    operations = 0;
    powerCut = 0;
    pthread_mutex_unlock(&mutex);
}

int64_t crashvfs_operations(void) {
    pthread_mutex_lock(&mutex);
    int64_t count = operations;
    pthread_mutex_unlock(&mutex);
    return count;
}

int crashvfs_power_cut(void) {
    pthread_mutex_lock(&mutex);
    int cut = powerCut;
    pthread_mutex_unlock(&mutex);
    return cut;
}

void crashvfs_disarm(void) {
    pthread_mutex_lock(&mutex);
    free(armedPrefix);
    armedPrefix = NULL;
    cutAfter = 0;
    operations = 0;
    powerCut = 0;
    pthread_mutex_unlock(&mutex);
}
