/// A position in a source file, 1-based, as editors show it.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given by the caller (not made absolute).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One node of a YAML document, with the place it was written.
///
/// Built from libyaml's document API by ``YAMLParser``; anchors and aliases are resolved, so a
/// tree never shares nodes. Scalars keep their text as written (no type guessing): the decoder
/// that knows the expected type converts and reports a located error when it cannot.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        /// A scalar's text; `isQuoted` is true for single- or double-quoted scalars (so `"123"` is
        /// a string even where a number would be accepted, and `""`/`null` can be told apart).
        case scalar(String, isQuoted: Bool)
        case sequence([YAMLNode])
        /// Key-value pairs in document order; duplicate keys are kept (the decoder reports them).
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public var kind: Kind
    /// Where the node starts.
    public var location: SourceLocation

    public init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// A problem in a YAML file, located at the offending node.
public struct YAMLError: Error, Sendable, CustomStringConvertible, Hashable {
    public var location: SourceLocation
    /// What is wrong, and where possible how to fix it ("unknown key 'severty'; did you mean 'severity'?").
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}
