/// One attribute of a start tag: its qualified name as written (`r:id`) and its value, references resolved.
package struct XMLAttribute: Sendable, Hashable {
    package let name: String
    package let value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension [XMLAttribute] {
    /// The value of the attribute named `name` (qualified, as written), or nil.
    package func value(of name: String) -> String? {
        first { $0.name == name }?.value
    }
}
