/// One element an `XMLElementStream` yields: a record of a foreign XML export (a RapidStart record,
/// an XMLport row) with its attributes and its child elements in document order.
package struct XMLStreamElement: Sendable, Hashable {
    /// One attribute or one child element: its local name and its text.
    package struct Field: Sendable, Hashable {
        package var name: String
        package var value: String
        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The element's local name.
    package var name: String
    /// The local name of the element it sits in (nil for the root).
    package var parentName: String?
    /// The 1-based line of its start tag.
    package var line: Int
    /// Its attributes in document order (namespace declarations left out).
    package var attributes: [Field]
    /// Its child elements in document order, each with its text (the text of all its descendants,
    /// concatenated). Repeated names stay repeated.
    package var children: [Field]
    /// Its own text (outside child elements), as it is.
    package var text: String

    package init(name: String, parentName: String?, line: Int, attributes: [Field] = [], children: [Field] = [], text: String = "") {
        self.name = name
        self.parentName = parentName
        self.line = line
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The text of the first child named `name`, if any.
    package func child(_ name: String) -> String? {
        children.first { $0.name == name }?.value
    }

    /// The value of the attribute `name`, if any.
    package func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}
