import CLibXML2

/// Texts picked out of an XML document (feeds, sitemaps) in one SAX pass, without a tree.
///
/// Why: a sitemap of a large site lists tens of thousands of URLs; libxml2's tree of it costs
/// about six times its size (~40 MB for 50,000 URLs), and the crawl and the freshness rule need
/// only a few element texts from it.
public enum XMLScanner {
    /// One collected element: its local name, its parent's local name, and its text.
    public struct Item: Sendable, Hashable {
        public var parent: String
        public var name: String
        /// The element's text, CDATA included, white space collapsed (as ``XMLDocument`` strings).
        public var text: String

        public init(parent: String, name: String, text: String) {
            self.parent = parent
            self.name = name
            self.text = text
        }
    }

    /// What one pass found.
    public struct Result: Sendable {
        /// The root element's local name, lowercased; nil when the bytes are not XML.
        public var root: String?
        public var items: [Item]
    }

    /// Reads `bytes` and collects every element whose local name is in `names` and whose
    /// parent's local name is in `parents` (names compared as written, namespaces ignored).
    /// - Parameter parentDepth: when given, the parent must stand at this depth (1: the root).
    /// - Parameter limit: items collected at most (the rest of the document is still read).
    public static func scan(_ bytes: [UInt8], parents: Set<String>, names: Set<String>, parentDepth: Int? = nil,
                            limit: Int = .max) -> Result {
        let state = State(parents: parents, names: names, parentDepth: parentDepth, limit: limit)
        let length = Int32(clamping: bytes.count)
        if length > 0 {
            prepareLibXML()
            let box = Unmanaged.passUnretained(state).toOpaque()
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: Int(length)) { chars in
                    _ = pantau_xml_scan(chars, length, options, XMLScanner.onStart, XMLScanner.onEnd,
                                        XMLScanner.onCharacters, box)
                }
            }
        }
        return Result(root: state.root, items: state.items)
    }

    /// NONET, recovering, quiet; entities are not expanded (no XXE, no billion laughs).
    private static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    private final class State {
        let parents: Set<String>
        let names: Set<String>
        let parentDepth: Int?
        let limit: Int
        var root: String?
        var items: [Item] = []
        /// Local names of the open elements.
        var path: [String] = []
        /// The element being collected: its depth, and its text so far.
        var collecting: (depth: Int, parent: String, name: String, buffer: TextBuffer)?

        init(parents: Set<String>, names: Set<String>, parentDepth: Int?, limit: Int) {
            self.parents = parents
            self.names = names
            self.parentDepth = parentDepth
            self.limit = limit
        }

        func start(_ name: String) {
            if path.isEmpty, root == nil { root = name.lowercased() }
            path.append(name)
            guard collecting == nil, items.count < limit, path.count >= 2, names.contains(name) else { return }
            let parent = path[path.count - 2]
            guard parents.contains(parent), parentDepth.map({ $0 == path.count - 1 }) ?? true else { return }
            collecting = (path.count, parent, name, TextBuffer())
        }

        func end() {
            if let current = collecting, current.depth == path.count {
                items.append(Item(parent: current.parent, name: current.name, text: current.buffer.string))
                collecting = nil
            }
            if !path.isEmpty { path.removeLast() }
        }

        func text(_ characters: UnsafePointer<xmlChar>, _ length: Int) {
            collecting?.buffer.append(characters, count: length)
        }
    }

    private static let onStart: startElementNsSAX2Func = { context, localName, _, _, _, _, _, _, _ in
        guard let raw = pantau_sax_state(context), let localName else { return }
        Unmanaged<State>.fromOpaque(raw).takeUnretainedValue().start(String(cString: localName))
    }

    private static let onEnd: endElementNsSAX2Func = { context, _, _, _ in
        guard let raw = pantau_sax_state(context) else { return }
        Unmanaged<State>.fromOpaque(raw).takeUnretainedValue().end()
    }

    private static let onCharacters: charactersSAXFunc = { context, characters, length in
        guard let raw = pantau_sax_state(context), let characters, length > 0 else { return }
        Unmanaged<State>.fromOpaque(raw).takeUnretainedValue().text(characters, Int(length))
    }
}
