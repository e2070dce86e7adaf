import CLibXML2

/// What libxml2's HTML parser knows about elements and entities, read from the installed libxml2
/// once per process, for ``HTMLTokenizer``: which elements are void, which start tags close an open
/// element (`<li>` closes an open `<li>`, `<div>` an open `<p>`), and the named character entities.
///
/// Why read it from libxml2 rather than write it down: the tokenizer must produce exactly the
/// events libxml2 would (``PageScanner`` reads pages either way), so the rules come from the same
/// library that decides them on the slow path, whatever its version.
struct LibXMLRules: Sendable {
    static let shared = LibXMLRules()

    /// One element name the tokenizer recognises.
    struct Element: Sendable {
        var name: NameKey
        var tag: HTMLTag
        /// libxml2 ends it right after its start tag (`br`, `img`, `meta`, ...; libxml2 follows
        /// HTML 4, so `source`, `track` and `wbr` are not void).
        var isVoid: Bool
        /// `script` or `style`: raw text up to the matching end tag.
        var isRawText: Bool
        /// Elements libxml2 places in an implied `<head>` when they come directly under `<html>`.
        var isHeadContent: Bool
        /// `noframes`, `frame`, `frameset`: never imply a `<body>`.
        var isFrameContent: Bool
    }

    /// The element names: HTML 4.01 (libxml2's own table), the HTML 5 additions, and the legacy
    /// names libxml2 or browsers still know. A name missing here is read as an unknown element,
    /// after checking that libxml2 does not know it either (``HTMLTokenizer``).
    static let elementNames: [String] = [
        "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont",
        "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br", "button", "canvas", "caption", "center",
        "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div",
        "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "ilayer", "image",
        "img", "input", "ins", "isindex", "kbd", "keygen", "label", "layer", "legend", "li", "link", "listing", "main",
        "map", "mark", "marquee", "math", "menu", "menuitem", "meta", "meter", "multicol", "nav", "nextid", "nobr",
        "noembed", "noframes", "nolayer", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param",
        "picture", "plaintext", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "script",
        "search", "section", "select", "slot", "small", "source", "spacer", "span", "strike", "strong", "style", "sub",
        "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time",
        "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp",
    ]

    let elements: [Element]
    /// `closes[new * elements.count + old]`: a start tag `new` ends an open `old` first
    /// (libxml2's `htmlAutoClose`).
    private let closeTable: [Bool]
    private let index: NameIndex
    /// Named entities: name → Unicode scalar value.
    private let entities: [NameKey: UInt32]

    private init() {
        prepareLibXML()
        var elements: [Element] = []
        for name in Self.elementNames {
            let description = htmlTagLookup(name)
            let key = NameKey(lowercased: Array(name.utf8))!
            elements.append(Element(
                name: key, tag: HTMLTag(rawValue: pantau_html_tag(name)) ?? .other,
                isVoid: description.map { $0.pointee.empty != 0 } ?? false,
                isRawText: name == "script" || name == "style",
                isHeadContent: ["script", "style", "meta", "link", "title", "base"].contains(name),
                isFrameContent: ["noframes", "frame", "frameset"].contains(name)))
        }
        let count = elements.count
        var closes = [Bool](repeating: false, count: count * count)
        // Different names: libxml2 answers directly. The same name (`<li>` in `<li>`): its answer
        // is "no" by definition, so ask the parser itself with a two-element page.
        let document = htmlNewDocNoDtD(nil, nil)
        for (new, element) in Self.elementNames.enumerated() {
            let node = xmlNewNode(nil, element)!
            for (old, openName) in Self.elementNames.enumerated() where old != new {
                closes[new * count + old] = htmlAutoCloseTag(document, openName, node) != 0
            }
            xmlFreeNode(node)
            closes[new * count + new] = Self.closesItself(element, void: elements[new].isVoid)
        }
        xmlFreeDoc(document)
        closeTable = closes
        index = NameIndex(elements.map(\.name))
        self.elements = elements
        entities = Self.readEntities()
    }

    /// The element at `name` (lowercase ASCII bytes), or nil for a name outside ``elementNames``.
    func element(_ name: NameKey) -> Int? { index.find(name) }

    /// True when a start tag of element `new` makes libxml2 end an open element `old` first.
    @inline(__always) func closes(_ new: Int, _ old: Int) -> Bool { closeTable[new * elements.count + old] }

    /// The Unicode scalar value of a named entity libxml2 decodes (`amp`, `nbsp`, `hellip`; case
    /// matters), or nil.
    func entity(_ name: NameKey) -> UInt32? { entities[name] }

    /// Parses `<X><X>` in a body and sees whether the second `X` became a sibling (the first was
    /// closed) or a child.
    private static func closesItself(_ name: String, void: Bool) -> Bool {
        guard !void, !["html", "head", "body", "script", "style"].contains(name) else { return false }
        let html = "<html><body><\(name)><\(name)></\(name)></\(name)></body></html>"
        let bytes = Array(html.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                htmlReadMemory($0, Int32(bytes.count), nil, "UTF-8", PageScanner.parseOptions)
            }
        }) else { return false }
        defer { xmlFreeDoc(document) }
        var node = xmlDocGetRootElement(document)?.pointee.children
        while let current = node, !(current.isElement && String(cString: current.pointee.name) == "body") {
            node = current.pointee.next
        }
        guard let first = node?.pointee.children else { return false }
        return first.pointee.next != nil
    }

    /// libxml2's named entities, found by asking for the name of every code point up to U+FFFF
    /// (the HTML 4 set it knows ends at U+2666) and checking each name back.
    private static func readEntities() -> [NameKey: UInt32] {
        var table: [NameKey: UInt32] = [:]
        for value in UInt32(1)...0xFFFF {
            guard let description = htmlEntityValueLookup(value), let name = description.pointee.name else { continue }
            let text = String(cString: name)
            guard let key = NameKey(exact: Array(text.utf8)),
                  htmlEntityLookup(name)?.pointee.value == value else { continue }
            table[key] = value
        }
        return table
    }
}

/// A short ASCII name packed into two words, for hashing and comparing element, attribute and
/// entity names without building strings. Names longer than 16 bytes do not fit (no HTML element,
/// attribute or entity the scan needs is that long).
struct NameKey: Hashable, Sendable {
    var low: UInt64
    var high: UInt64
    var count: Int

    /// The name, ASCII letters lowercased; nil when longer than 16 bytes.
    init?(lowercased bytes: [UInt8]) {
        guard bytes.count <= 16 else { return nil }
        var key = NameKey(low: 0, high: 0, count: 0)
        for byte in bytes { key.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        self = key
    }

    /// The name as written (entity names are case-sensitive); nil when longer than 16 bytes.
    init?(exact bytes: [UInt8]) {
        guard bytes.count <= 16 else { return nil }
        var key = NameKey(low: 0, high: 0, count: 0)
        for byte in bytes { key.append(byte) }
        self = key
    }

    init(low: UInt64, high: UInt64, count: Int) {
        self.low = low
        self.high = high
        self.count = count
    }

    /// Adds a byte; past 16 bytes only the count grows (the key then matches nothing).
    @inline(__always) mutating func append(_ byte: UInt8) {
        if count < 8 {
            low |= UInt64(byte) << (UInt64(count) * 8)
        } else if count < 16 {
            high |= UInt64(byte) << (UInt64(count - 8) * 8)
        }
        count += 1
    }

    var fits: Bool { count <= 16 }
}

/// Open-addressing table from ``NameKey`` to a small index: the per-tag lookup of the tokenizer,
/// a multiply and a compare or two.
struct NameIndex: Sendable {
    private var slots: [Int16]
    private var keys: [NameKey]
    private let mask: Int

    init(_ names: [NameKey]) {
        var size = 16
        while size < names.count * 4 { size *= 2 }
        mask = size - 1
        slots = [Int16](repeating: -1, count: size)
        keys = names
        for (position, name) in names.enumerated() {
            var slot = Self.hash(name) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int16(position)
        }
    }

    @inline(__always) private static func hash(_ key: NameKey) -> Int {
        let mixed = (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(key.count)
        return Int(truncatingIfNeeded: mixed >> 40)
    }

    @inline(__always) func find(_ key: NameKey) -> Int? {
        guard key.fits else { return nil }
        var slot = Self.hash(key) & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return nil }
            if keys[position] == key { return position }
            slot = (slot + 1) & mask
        }
    }
}
