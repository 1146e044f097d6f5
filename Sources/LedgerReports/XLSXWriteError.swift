/// Why a workbook could not be written.
public enum XLSXWriteError: Error, Sendable, CustomStringConvertible {
    case cannotCreate(String)
    case cannotAddSheet(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .cannotCreate(let path):
            "The workbook could not be started at \(path); check that the temporary folder (TMPDIR) exists and can be written."
        case .cannotAddSheet(let name): "The workbook refused a sheet named '\(name)'."
        case .cannotWrite(let reason): "The workbook could not be written: \(reason). Check the free space of the temporary folder (TMPDIR)."
        }
    }
}
