import CYAML

/// Parses YAML text into located ``YAMLNode`` trees with libyaml's document API.
///
/// Every document of the stream is returned, in order. Anchors and aliases are resolved by
/// copying the anchored node, so the result is a plain tree. A scalar written in any non-plain
/// style (single- or double-quoted, literal `|` or folded `>`) has `isQuoted == true`: YAML 1.2's
/// core schema resolves only plain scalars to null, booleans and numbers, so every other style is
/// a string whatever it contains.
public enum YAMLParser {
    /// Deepest nesting accepted, so a self-referencing alias (`&a [*a]`) cannot recurse forever.
    public static let maxDepth = 256
    /// Most nodes one stream may expand to, so a "billion laughs" alias bomb fails fast.
    public static let maxNodes = 1_000_000

    /// Parses every document in `text`.
    ///
    /// - Parameters:
    ///   - text: The YAML source.
    ///   - file: The path used in every ``SourceLocation`` (kept as given).
    /// - Returns: One root node per document; an empty stream gives `[]`.
    /// - Throws: ``YAMLError`` at libyaml's problem position (1-based line and column) with
    ///   libyaml's own problem text, plus a hint for common mistakes such as tab indentation.
    public static func parse(_ text: String, file: String) throws(YAMLError) -> [YAMLNode] {
        let bytes = Array(text.utf8)
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        defer { input.deallocate() }
        input.initialize(from: bytes, count: bytes.count)

        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError("libyaml could not allocate a parser", at: SourceLocation(file: file, line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, input, bytes.count)

        let document = UnsafeMutablePointer<yaml_document_t>.allocate(capacity: 1)
        defer { document.deallocate() }

        var documents: [YAMLNode] = []
        var builder = TreeBuilder(file: file)
        while true {
            // On failure libyaml has already freed the document; on success we own it.
            guard yaml_parser_load(parser, document) == 1 else {
                throw SyntaxError.make(from: parser.pointee, source: bytes, file: file)
            }
            defer { yaml_document_delete(document) }
            guard let root = yaml_document_get_root_node(document) else { break }
            documents.append(try builder.build(root, in: document, depth: 0))
        }
        return documents
    }
}

/// Copies libyaml's node graph into ``YAMLNode`` values, expanding aliases.
private struct TreeBuilder {
    let file: String
    var nodeCount = 0

    init(file: String) { self.file = file }

    mutating func build(_ node: UnsafeMutablePointer<yaml_node_t>, in document: UnsafeMutablePointer<yaml_document_t>,
                        depth: Int) throws(YAMLError) -> YAMLNode {
        let mark = node.pointee.start_mark
        let location = SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        nodeCount += 1
        guard depth <= YAMLParser.maxDepth, nodeCount <= YAMLParser.maxNodes else {
            throw YAMLError("document nests or expands aliases too deeply (a recursive alias?)", at: location)
        }
        switch node.pointee.type {
        case YAML_SCALAR_NODE:
            let scalar = node.pointee.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return YAMLNode(kind: .scalar(text, isQuoted: scalar.style != YAML_PLAIN_SCALAR_STYLE), location: location)
        case YAML_SEQUENCE_NODE:
            let items = node.pointee.data.sequence.items
            var children: [YAMLNode] = []
            var item = items.start
            while let current = item, current != items.top {
                children.append(try child(current.pointee, in: document, depth: depth, at: location))
                item = current + 1
            }
            return YAMLNode(kind: .sequence(children), location: location)
        case YAML_MAPPING_NODE:
            let pairs = node.pointee.data.mapping.pairs
            var entries: [(key: YAMLNode, value: YAMLNode)] = []
            var pair = pairs.start
            while let current = pair, current != pairs.top {
                let key = try child(current.pointee.key, in: document, depth: depth, at: location)
                let value = try child(current.pointee.value, in: document, depth: depth, at: location)
                entries.append((key: key, value: value))
                pair = current + 1
            }
            return YAMLNode(kind: .mapping(entries), location: location)
        default:
            throw YAMLError("empty YAML node", at: location)
        }
    }

    private mutating func child(_ id: Int32, in document: UnsafeMutablePointer<yaml_document_t>, depth: Int,
                                at parent: SourceLocation) throws(YAMLError) -> YAMLNode {
        guard let node = yaml_document_get_node(document, id) else {
            throw YAMLError("libyaml returned a dangling node reference", at: parent)
        }
        return try build(node, in: document, depth: depth + 1)
    }
}

/// Turns libyaml's parser error state into a located ``YAMLError``.
private enum SyntaxError {
    static let tabHint = "YAML does not allow tabs for indentation; use spaces"

    static func make(from parser: yaml_parser_t, source: [UInt8], file: String) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let location: SourceLocation
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors (bad UTF-8, control characters) carry a byte offset, not a mark.
            location = locate(offset: parser.problem_offset, in: source, file: file)
        case YAML_MEMORY_ERROR:
            return YAMLError("libyaml ran out of memory", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            location = SourceLocation(file: file, line: Int(parser.problem_mark.line) + 1,
                                      column: Int(parser.problem_mark.column) + 1)
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            let mark = parser.context_mark
            message += " (\(context) at line \(mark.line + 1), column \(mark.column + 1))"
        }
        if parser.error != YAML_READER_ERROR,
           indentationHasTab(line: Int(parser.problem_mark.line), in: source)
            || (parser.context != nil && indentationHasTab(line: Int(parser.context_mark.line), in: source)) {
            message += "; " + tabHint
        }
        return YAMLError(message, at: location)
    }

    /// 1-based line and column of a byte offset (columns count characters, as libyaml's marks do).
    static func locate(offset: Int, in source: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in source.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// True when the 0-based `line`'s leading whitespace contains a tab.
    static func indentationHasTab(line: Int, in source: [UInt8]) -> Bool {
        var current = 0
        var index = 0
        while index < source.count, current < line {
            if source[index] == UInt8(ascii: "\n") { current += 1 }
            index += 1
        }
        guard current == line else { return false }
        while index < source.count {
            switch source[index] {
            case UInt8(ascii: "\t"): return true
            case UInt8(ascii: " "): index += 1
            default: return false
            }
        }
        return false
    }
}
