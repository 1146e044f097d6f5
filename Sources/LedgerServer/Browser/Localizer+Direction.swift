import LedgerModel

extension Localizer {
    /// Text that reads left to right in every language (a date, a code, a round's name), isolated on a
    /// right-to-left page (U+2066 … U+2069) so that the page's direction does not reorder its digits and
    /// hyphens (`2030-12-31` shown as `31-12-2030`); unchanged on a left-to-right page.
    func ltr(_ text: String) -> String {
        language.isRightToLeft ? "\u{2066}" + text + "\u{2069}" : text
    }
}
