import GRDB

extension Database {
    /// Runs `body` in an immediate transaction and returns its result: committed, or rolled back when
    /// `dryRun` (everything checked and counted, nothing kept). When `body` throws, GRDB rolls the
    /// transaction back and the error goes to the caller.
    func immediateTransaction<T>(dryRun: Bool, _ body: () throws -> T) throws -> T {
        var result: T?
        try inTransaction(.immediate) {
            result = try body()
            return dryRun ? .rollback : .commit
        }
        guard let result else { preconditionFailure("inTransaction returned without running its body") }
        return result
    }
}
