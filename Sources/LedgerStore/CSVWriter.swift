import Foundation

/// Writes CSV fields, quoting only where needed.
enum CSVWriter {
    static func line(_ fields: [String?]) -> String {
        fields.map { field in
            guard let field else { return "" }
            if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.hasPrefix(" ") || field.hasSuffix(" ") {
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return field
        }.joined(separator: ",") + "\n"
    }
}
