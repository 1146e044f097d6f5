/// One thing ``XMLPullReader`` reads: a start tag, an end tag or a run of character data.
///
/// Names are qualified names as written (`x:c`, `r:id`): namespaces are read as prefixes, not resolved.
/// An empty-element tag (`<br/>`) gives a start and an end. Lines are 1-based and count line feeds;
/// a tag's line is the line its `>` stands on (as libxml2, under Foundation's `XMLParser`, reported it).
package enum XMLEvent: Sendable, Hashable {
    /// A start tag, with its attributes in the order written (values with references resolved and
    /// white space normalized to spaces, as XML 1.0 §3.3.3 asks).
    case start(name: String, attributes: [XMLAttribute], line: Int)
    /// An end tag, or the end of an empty-element tag.
    case end(name: String, line: Int)
    /// Character data between tags: references resolved, CDATA sections included, line ends
    /// normalized to line feeds. The line is where the run ends.
    case text(String, line: Int)
}
