import Foundation

/// Opens the files a user imports, with a sentence for each way that can fail. Pipes and devices
/// (`<(curl …)`, `/dev/stdin`) are read like files.
enum InputFile {
    /// A handle reading `path` from its start.
    static func open(_ path: String) throws -> FileHandle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LedgerError.unreadableFile(path: path, reason: "no such file")
        }
        // Linux opens a folder for reading; the first read would then fail with a bare POSIX error.
        guard !isDirectory.boolValue else { throw LedgerError.unreadableFile(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LedgerError.unreadableFile(path: path, reason: "permission denied")
        }
        return handle
    }

    /// The whole content of `path`.
    static func contents(of path: String) throws -> Data {
        let handle = try open(path)
        defer { try? handle.close() }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw LedgerError.unreadableFile(path: path, reason: "reading it failed (\(error.localizedDescription))")
        }
    }
}
