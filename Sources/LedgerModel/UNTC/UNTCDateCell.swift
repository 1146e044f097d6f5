/// A date cell as found in the text, before it is placed in a column and checked.
struct UNTCDateCell {
    let text: String
    let line: Int
    /// Where the date starts in its line, for cells on a participant's name line.
    let offset: Int?
    let day: Int
    let month: String
    let year: Int
    let letter: String?

    /// A letter other than `d` cannot follow a signature.
    var fitsSignature: Bool { letter == nil || letter == "d" }
}
