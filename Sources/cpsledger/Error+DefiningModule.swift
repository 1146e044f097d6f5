extension Error {
    /// The module that defines the error's type (`ArgumentParser`, `NIOSSL`), read from the type's
    /// metadata: `String(reflecting:)` would scan the protocol conformances first (issue 23).
    var definingModule: Substring {
        let name = _typeName(type(of: self), qualified: true)
        return name.prefix { $0 != "." }
    }
}
