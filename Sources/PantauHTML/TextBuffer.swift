import CLibXML2

/// Accumulates text as UTF-8 bytes, collapsing runs of white space (ASCII space, tab, CR, LF,
/// FF and U+00A0 NO-BREAK SPACE) to one space and trimming both ends.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A word boundary: the next text starts a new word.
    @inline(__always) mutating func breakWord() { pendingSpace = true }

    /// Appends a NUL-terminated UTF-8 string.
    mutating func append(_ text: UnsafePointer<UInt8>) {
        append(text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
    }

    /// Appends `count` bytes of UTF-8 text, copying runs without white space in one go.
    mutating func append(_ text: UnsafePointer<UInt8>, count: Int) {
        var pending = pendingSpace
        Self.forEachRun(in: text, count: count, pendingSpace: &pending) { run, spaced in
            if spaced, !bytes.isEmpty { bytes.append(0x20) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: text + run.lowerBound, count: run.count))
        }
        pendingSpace = pending
    }

    /// The runs of `text` that collapsed text keeps, in order, each with whether a space goes
    /// before it (white space, or `pendingSpace` on entry, came first; the caller leaves it out
    /// at the very start). `pendingSpace` says on return whether white space ended the text.
    ///
    /// A run ends at white space, except one plain space between two other characters, which the
    /// collapsed text keeps as it is: words are copied a line at a time. This runs over every
    /// character of every page.
    @inline(__always)
    static func forEachRun(in text: UnsafePointer<UInt8>, count: Int, pendingSpace: inout Bool,
                           _ body: (_ run: Range<Int>, _ spaced: Bool) -> Void) {
        var index = 0
        while index < count {
            let byte = text[index]
            if isSpace(byte) {
                pendingSpace = true
                index += 1
                continue
            }
            if byte == 0xC2, index + 1 < count, text[index + 1] == 0xA0 {
                pendingSpace = true
                index += 2
                continue
            }
            var end = index + 1
            while true {
                // Bytes that cannot end a run are skipped eight at a time.
                while end + 8 <= count {
                    let ordinary = ordinaryBytes(UnsafeRawPointer(text + end).loadUnaligned(as: UInt64.self))
                    end += ordinary
                    if ordinary < 8 { break }
                }
                guard end < count else { break }
                let next = text[end]
                if next == 0x20, end + 1 < count, !isSpace(text[end + 1]),
                   !(text[end + 1] == 0xC2 && end + 2 < count && text[end + 2] == 0xA0) {
                    end += 2
                    continue
                }
                if isSpace(next) || (next == 0xC2 && end + 1 < count && text[end + 1] == 0xA0) { break }
                end += 1
            }
            body(index..<end, pendingSpace)
            pendingSpace = false
            index = end
        }
    }

    /// How many leading bytes of `word` (eight bytes as loaded, the first in the low byte) are
    /// neither below 0x21 (white space and control characters) nor 0xC2 (which may start U+00A0).
    /// The classic test for a zero byte: a byte is flagged only if it or a byte before it is one
    /// of those, so the lowest flag is exact.
    @inline(__always) private static func ordinaryBytes(_ word: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let belowSpace = (word &- ones &* 0x21) & ~word & highs
        let c2 = word ^ (ones &* 0xC2)
        let isC2 = (c2 &- ones) & ~c2 & highs
        return (belowSpace | isC2).trailingZeroBitCount >> 3
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte <= 0x20 && (byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C)
    }

    mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { buffer in
            if let base = buffer.baseAddress { append(base, count: buffer.count) }
        }
    }

    var isEmpty: Bool { bytes.isEmpty }
    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// How element boundaries affect text.
enum TextMode {
    /// HTML: block elements and `<br>` separate words, `script`/`style`/`noscript`/`template` are skipped.
    case html
    /// XML: text is joined as written (CDATA included), only white space collapsed.
    case xml
}

/// Collects the text below `root`, skipping elements for which `exclude` returns true.
func collectText(below root: NodePtr, mode: TextMode, into buffer: inout TextBuffer,
                 exclude: (NodePtr, HTMLTag) -> Bool = { _, _ in false }) {
    walk(below: root, enter: { node in
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { buffer.append(content) }
            return .skipChildren
        case XML_ELEMENT_NODE:
            guard mode == .html else { return .descend }
            let tag = HTMLTag(node)
            if tag.isNonText || exclude(node, tag) { return .skipChildren }
            if tag.separatesWords { buffer.breakWord() }
            return .descend
        default:
            // Entity references (XML only) are skipped: their children belong to the DTD, so a
            // parent-pointer walk cannot climb back out of them.
            return .skipChildren
        }
    }, leave: { node in
        if mode == .html && HTMLTag(node).separatesWords { buffer.breakWord() }
    })
}

/// The collapsed text of one node: an element's text, an attribute's value, a text node's content.
func nodeText(_ node: NodePtr, mode: TextMode) -> String {
    var buffer = TextBuffer()
    switch node.pointee.type {
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
        if let content = node.pointee.content { buffer.append(content) }
    case XML_ATTRIBUTE_NODE:
        if let value = xmlNodeGetContent(node) {
            buffer.append(value)
            pantau_xmlFree(value)
        }
    case XML_ELEMENT_NODE:
        collectText(below: node, mode: mode, into: &buffer)
    case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
        collectText(below: node, mode: mode, into: &buffer)
    default:
        break
    }
    return buffer.string
}
