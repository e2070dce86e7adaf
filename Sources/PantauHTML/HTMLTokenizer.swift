import CLibXML2

/// Receives a page's parse events, in document order: what libxml2's SAX interface sends, with
/// attributes already read into ``ScanAttributes``.
protocol HTMLEventSink {
    mutating func start(_ tag: HTMLTag, _ attributes: ScanAttributes)
    mutating func end()
    mutating func text(_ bytes: UnsafePointer<UInt8>, _ count: Int)
}

/// Reads a clean UTF-8 page and sends the very events libxml2's HTML parser would send for it, at
/// a fraction of the cost; or gives up, and the page is read by libxml2
/// (``PageScanner/scan(_:url:encoding:)``).
///
/// Why: libxml2's parse was 23% of a full audit's CPU samples on the 5,000-page benchmark site
/// (perf, libxml2 2.9.14); this reader is ~6%. Most pages a CMS writes are clean:
/// valid UTF-8, an explicit `<html>`, `<head>` and `<body>`, end tags that close what is open. For
/// those, a byte scanner that applies the few libxml2 rules such pages meet is exact: void elements
/// and start tags that end an open element are read from libxml2 itself (``LibXMLRules``), entities
/// decode as libxml2 decodes them, script and style are raw text up to their end tag, a stray end
/// tag is ignored. Everything else (implied elements, an end tag that closes several elements,
/// invalid UTF-8, control characters, processing instructions, odd character references, a
/// `<meta>` naming another charset) makes it give up, before the page costs more than one pass.
/// `PageScanTests` checks it against libxml2 on every demo page and on thousands of mutated ones.
struct HTMLTokenizer {
    /// Sends `sink` the page's events and returns true, or returns false as soon as the page needs
    /// a rule the tokenizer does not follow; the sink has then seen part of the page and must be
    /// dropped. `encoding` is the libxml2 encoding name the page is parsed with (nil: detected).
    static func read<Sink: HTMLEventSink>(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String?,
                                          into sink: inout Sink) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        if let encoding, encoding != "UTF-8" { return false }
        guard CleanText.isClean(bytes) else { return false }
        var reader = Reader(base: base, count: bytes.count, checksMetaCharset: encoding == nil)
        defer { reader.release() }
        return reader.run(into: &sink)
    }
}

/// The page's bytes are text libxml2 reads without a second thought: valid UTF-8 (no overlong
/// forms, no surrogates), none of U+FFFE, U+FFFF, and no control characters but tab, line feed and
/// carriage return (libxml2 drops the others with an error).
enum CleanText {
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            // Eight ASCII bytes at a time: none has its high bit set, none is below 0x20 unless
            // it is one of the three allowed controls (checked one by one when a word has one).
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    if belowSpace == 0 {
                        index += 8
                        continue
                    }
                    for offset in 0..<8 where !isAllowedASCII(base[index + offset]) { return false }
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            if byte < 0x80 {
                guard isAllowedASCII(byte) else { return false }
                index += 1
                continue
            }
            guard let length = sequenceLength(base, index, count) else { return false }
            index += length
        }
        return true
    }

    @inline(__always) private static func isAllowedASCII(_ byte: UInt8) -> Bool {
        byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The length of the valid UTF-8 sequence at `index` (a non-ASCII lead byte), or nil.
    private static func sequenceLength(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Int? {
        let lead = base[index]
        @inline(__always) func continuation(_ offset: Int) -> UInt32? {
            guard index + offset < count else { return nil }
            let byte = base[index + offset]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) == nil ? nil : 2
        case 0xE0...0xEF:
            guard let second = continuation(1), let third = continuation(2) else { return nil }
            let scalar = UInt32(lead & 0x0F) << 12 | second << 6 | third
            guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar), scalar != 0xFFFE, scalar != 0xFFFF else { return nil }
            return 3
        case 0xF0...0xF4:
            guard let second = continuation(1), let third = continuation(2), let fourth = continuation(3) else { return nil }
            let scalar = UInt32(lead & 0x07) << 18 | second << 12 | third << 6 | fourth
            guard (0x10000...0x10FFFF).contains(scalar) else { return nil }
            return 4
        default:
            return nil
        }
    }
}

// MARK: - The reader

/// One pass over one page. Gives up by returning false from `run`.
private struct Reader {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var index = 0
    private let rules = LibXMLRules.shared
    /// Checks `<meta charset>`: libxml2 switches to a charset a page declares when the parser was
    /// given none.
    private let checksMetaCharset: Bool

    private struct OpenElement {
        /// Index in ``LibXMLRules/elements``, or -1 for an element libxml2 does not know.
        var element: Int
        var name: NameKey
        /// Where the name is written (compared byte by byte when longer than a key holds).
        var nameStart: Int
    }

    private var stack: [OpenElement] = []
    private var openBodies = 0
    private var openHeads = 0
    /// libxml2's `ctxt->html` marks: a `<head>` or `<body>` was opened once.
    private var headSeen = false
    private var bodySeen = false
    private var rootSeen = false
    /// Names checked to be unknown to libxml2 on this page: the first few only (a page uses a
    /// handful of custom elements; a hostile one with thousands of distinct names would make a
    /// longer list quadratic, and asking libxml2 again is one binary search).
    private var unknownNames: [NameKey] = []
    private static let unknownNamesKept = 16

    /// Attributes of the tag being read, and decoded values that differ from their source.
    private var spans: UnsafeMutablePointer<AttributeSpan>
    private var spanCapacity = 32
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchUsed = 0

    init(base: UnsafePointer<UInt8>, count: Int, checksMetaCharset: Bool) {
        self.base = base
        self.count = count
        self.checksMetaCharset = checksMetaCharset
        spans = .allocate(capacity: spanCapacity)
        // A decoded value is never longer than its source (libxml2's entities decode to at most
        // as many bytes as they are written with), so one page's worth of scratch always suffices.
        scratch = .allocate(capacity: count + 16)
        stack.reserveCapacity(48)
    }

    func release() {
        spans.deallocate()
        scratch.deallocate()
    }

    // MARK: Document

    mutating func run<Sink: HTMLEventSink>(into sink: inout Sink) -> Bool {
        // libxml2 looks for a byte order mark only when the page has 4 bytes or more
        // (htmlParseDocument); a page that is only a BOM is text to it.
        if count >= 4, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { index = 3 }
        guard prologue() else { return false }
        while index < count {
            let byte = base[index]
            // Raw text, unless it starts with "</": libxml2 reads an end tag there, of any name.
            if let top = stack.last, top.element >= 0, rules.elements[top.element].isRawText,
               !(byte == 0x3C && index + 1 < count && base[index + 1] == 0x2F) {
                guard rawText(top, into: &sink) else { return false }
                continue
            }
            if byte == 0x3C {  // <
                guard index + 1 < count else { return false }
                let next = base[index + 1]
                if isASCIILetter(next) {
                    guard startTag(into: &sink) else { return false }
                } else if next == 0x2F {  // /
                    guard endTag(into: &sink) else { return false }
                } else if next == 0x21 {  // !
                    guard startsComment(at: index), skipComment() else { return false }
                } else if next == 0x3F || next == 0x5F || next == 0x3A || next == 0x2E {  // ? _ : .
                    return false
                } else {
                    // libxml2 reads a "<" that starts no markup as text.
                    guard textIsPlain(blank: false, followedBy: 0) else { return false }
                    sink.text(base + index, 1)
                    index += 1
                }
            } else if byte == 0x26 {  // &
                guard textIsPlain(blank: false, followedBy: 0), reference(into: &sink) else { return false }
            } else {
                let start = index
                index = nextMarkup(from: index)
                if needsBlankText {
                    var blank = index - start < 1000
                    for offset in start..<index where blank && !isBlank(base[offset]) { blank = false }
                    guard textIsPlain(blank: blank, followedBy: index < count ? base[index] : 0) else { return false }
                }
                sink.text(base + start, index - start)
            }
        }
        while !stack.isEmpty {
            sink.end()
            stack.removeLast()
        }
        return true
    }

    /// Blanks, comments and one doctype before the first element, skipped as libxml2 skips them.
    private mutating func prologue() -> Bool {
        skipBlanks()
        var doctypeRead = false
        while index < count {
            if startsComment(at: index) {
                guard skipComment() else { return false }
            } else if !doctypeRead, matchesFolded("<!doctype", at: index) {
                doctypeRead = true
                guard skipDoctype() else { return false }
            } else {
                break
            }
            skipBlanks()
        }
        return true
    }

    /// The index of the next `<` or `&` at or after `position`, or `count`: eight bytes at a time.
    private func nextMarkup(from position: Int) -> Int {
        var index = position
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let lessThan = word ^ 0x3C3C_3C3C_3C3C_3C3C, ampersand = word ^ 0x2626_2626_2626_2626
            // A zero byte in either word marks a hit (the classic "has zero byte" test).
            let hits = ((lessThan &- 0x0101_0101_0101_0101) & ~lessThan | (ampersand &- 0x0101_0101_0101_0101) & ~ampersand)
                & 0x8080_8080_8080_8080
            if hits != 0 { break }
            index += 8
        }
        while index < count, base[index] != 0x3C, base[index] != 0x26 { index += 1 }
        return index
    }

    /// Text here must be blank for libxml2 to take it as it is (see ``textIsPlain(blank:followedBy:)``).
    private var needsBlankText: Bool {
        guard let top = stack.last else { return true }
        guard top.element >= 0 else { return false }
        let tag = rules.elements[top.element].tag
        return tag == .html || tag == .head
    }

    /// libxml2 sends text where an element is open (other than `html` and `head`); elsewhere only
    /// blank text followed by markup or the end, or it implies a `<p>` (`htmlCheckParagraph`).
    private func textIsPlain(blank: Bool, followedBy next: UInt8) -> Bool {
        !needsBlankText || (blank && (next == 0x3C || next == 0))
    }

    // MARK: Markup

    private mutating func startTag<Sink: HTMLEventSink>(into sink: inout Sink) -> Bool {
        let nameStart = index + 1
        index = nameStart
        guard let name = readName(), name.count < 100 else { return false }
        // libxml2 first reads the name without its dots (htmlParseHTMLName_nonInvasive) to end
        // open elements, then with them: `<p.x>` ends an open `<p>` as `<p>` would. Given up on.
        guard memchr(base + nameStart, 0x2E, name.count) == nil else { return false }
        var attributeCount = 0
        scratchUsed = 0
        var selfClosing = false
        while true {
            skipBlanks()
            guard index < count else { return false }
            let byte = base[index]
            if byte == 0x3E {  // >
                index += 1
                break
            }
            if byte == 0x2F {  // "/>" ends the element at once; a lone "/" is a bogus attribute
                guard index + 1 < count, base[index + 1] == 0x3E else { return false }
                index += 2
                selfClosing = true
                break
            }
            guard attribute(at: attributeCount) else { return false }
            attributeCount += 1
        }
        let element: Int
        if let known = rules.element(name) {
            element = known
        } else {
            guard isUnknownToLibXML(name) else { return false }
            element = -1
        }
        // libxml2's htmlAutoClose: the new start tag ends open elements it closes, innermost first.
        if element >= 0 {
            while let top = stack.last, top.element >= 0, rules.closes(element, top.element) {
                close(into: &sink)
            }
        }
        guard startIsPlain(element) else { return false }
        let attributes = ScanAttributes(UnsafeBufferPointer(start: spans, count: attributeCount))
        if checksMetaCharset, element >= 0, rules.elements[element].tag == .meta, !declaresUTF8OrNothing(attributes) {
            return false
        }
        let tag = element >= 0 ? rules.elements[element].tag : .other
        stack.append(OpenElement(element: element, name: name, nameStart: nameStart))
        switch tag {
        case .html: rootSeen = true
        case .head: headSeen = true; openHeads += 1
        case .body: bodySeen = true; openBodies += 1
        default: break
        }
        sink.start(tag, attributes)
        if selfClosing || (element >= 0 && rules.elements[element].isVoid) { close(into: &sink) }
        return true
    }

    /// True when libxml2 would open the element as it is: no implied `html`, `head` or `body`
    /// (`htmlCheckImplied`), no misplaced `html`, `head` or `body` (which it drops).
    private func startIsPlain(_ element: Int) -> Bool {
        guard element >= 0 else { return stack.count > 0 && (bodySeen || openBodies > 0 || openHeads > 0) }
        let description = rules.elements[element]
        if stack.isEmpty { return description.tag == .html && !rootSeen }
        switch description.tag {
        case .html: return false
        case .head: return stack.count == 1
        case .body: return openBodies == 0
        default: break
        }
        if stack.count <= 1 && description.isHeadContent { return headSeen }
        if description.isFrameContent { return true }
        return bodySeen || openBodies > 0 || openHeads > 0
    }

    private mutating func close<Sink: HTMLEventSink>(into sink: inout Sink) {
        let element = stack.removeLast()
        if element.element >= 0 {
            switch rules.elements[element.element].tag {
            case .head: openHeads -= 1
            case .body: openBodies -= 1
            default: break
            }
        }
        sink.end()
    }

    /// `</name>`: ends the open element of that name when it is the innermost; ignored, as libxml2
    /// ignores it, when no element of that name is open.
    private mutating func endTag<Sink: HTMLEventSink>(into sink: inout Sink) -> Bool {
        let nameStart = index + 2
        index = nameStart
        guard index < count, isASCIILetter(base[index]), let name = readName() else { return false }
        skipBlanks()
        guard index < count, base[index] == 0x3E else { return false }
        index += 1
        guard let top = stack.last else { return true }
        if matches(top, name, nameStart) {
            close(into: &sink)
            return true
        }
        // An end tag for an element further out closes the ones inside it, by libxml2's priorities
        // (htmlAutoCloseOnClose): not followed here.
        return !stack.contains { matches($0, name, nameStart) }
    }

    private func matches(_ open: OpenElement, _ name: NameKey, _ nameStart: Int) -> Bool {
        guard open.name == name else { return false }
        if name.fits { return true }
        for offset in 0..<name.count where asciiLowercased(base[open.nameStart + offset]) != asciiLowercased(base[nameStart + offset]) {
            return false
        }
        return true
    }

    /// `script` and `style` content: raw text up to `</` and the element's name (libxml2 compares
    /// the name as a prefix, without case, and then reads the end tag).
    private mutating func rawText<Sink: HTMLEventSink>(_ open: OpenElement, into sink: inout Sink) -> Bool {
        let start = index
        // Before reading raw text libxml2 still checks whether a start tag right there ends the
        // open element (htmlParseContentInternal runs htmlCheckAutoClose first): `<style><body>`
        // ends the style. Given up on.
        if base[start] == 0x3C, start + 1 < count, isASCIILetter(base[start + 1]),
           let new = rules.element(startTagPrefix(at: start + 1)), rules.closes(new, open.element) {
            return false
        }
        var search = index
        while search < count {
            guard let found = memchr(base + search, 0x3C, count - search) else { break }
            let position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if position + 2 + open.name.count <= count, base[position + 1] == 0x2F,
               matchesName(open, at: position + 2) {
                let after = position + 2 + open.name.count
                // "</scriptx>" would end the raw text and then be ignored as an unknown end tag.
                guard after < count, base[after] == 0x3E || isBlank(base[after]) else { return false }
                if position > start { sink.text(base + start, position - start) }
                index = position
                return endTag(into: &sink)
            }
            search = position + 1
        }
        if count > start { sink.text(base + start, count - start) }
        index = count
        return true
    }

    /// The element name at `position` as libxml2's `htmlParseHTMLName_nonInvasive` reads it:
    /// `[A-Za-z0-9:_-]` (no dots), lowercased.
    private func startTagPrefix(at position: Int) -> NameKey {
        var key = NameKey(low: 0, high: 0, count: 0)
        var cursor = position
        while cursor < count, key.count < 100 {
            let byte = base[cursor]
            guard isNameByte(byte), byte != 0x2E else { break }
            key.append(isASCIILetter(byte) ? byte | 0x20 : byte)
            cursor += 1
        }
        return key
    }

    private func matchesName(_ open: OpenElement, at position: Int) -> Bool {
        for offset in 0..<open.name.count
        where asciiLowercased(base[position + offset]) != asciiLowercased(base[open.nameStart + offset]) {
            return false
        }
        return true
    }

    // MARK: Attributes

    /// One attribute at `base[index]` into `spans[slot]`: a name, and `=` with a quoted or bare
    /// value, entities decoded.
    private mutating func attribute(at slot: Int) -> Bool {
        let byte = base[index]
        // libxml2 drops an attribute whose name starts otherwise (to the next blank): not followed.
        guard isASCIILetter(byte) || byte == 0x5F || byte == 0x3A || byte == 0x2E else { return false }
        let nameStart = index
        guard let name = readName(), name.count < 100 else { return false }
        let nameLength = index - nameStart
        var value: UnsafePointer<UInt8>?
        var valueLength = 0
        skipBlanks()
        if index < count, base[index] == 0x3D {  // =
            index += 1
            skipBlanks()
            guard index < count else { return false }
            let quote = base[index]
            let valueStart: Int, valueEnd: Int
            if quote == 0x22 || quote == 0x27 {
                guard let found = memchr(base + index + 1, Int32(quote), count - index - 1) else { return false }
                valueStart = index + 1
                valueEnd = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                index = valueEnd + 1
            } else {
                valueStart = index
                while index < count, base[index] != 0x3E, !isBlank(base[index]) { index += 1 }
                valueEnd = index
                guard valueEnd > valueStart else { return false }
            }
            guard let decoded = decodeValue(valueStart, valueEnd) else { return false }
            (value, valueLength) = decoded
        }
        if slot == spanCapacity {
            let larger = UnsafeMutablePointer<AttributeSpan>.allocate(capacity: spanCapacity * 2)
            larger.moveInitialize(from: spans, count: spanCapacity)
            spans.deallocate()
            spans = larger
            spanCapacity *= 2
        }
        (spans + slot).initialize(to: AttributeSpan(
            name: base + nameStart, nameLength: nameLength, code: ScanAttribute.code(name),
            value: value, valueLength: valueLength))
        return true
    }

    /// The value between `start` and `end`, pointing into the page when it holds no `&`, else
    /// decoded into the scratch buffer; nil when a character reference is one libxml2 treats oddly.
    private mutating func decodeValue(_ start: Int, _ end: Int) -> (UnsafePointer<UInt8>, Int)? {
        guard memchr(base + start, 0x26, end - start) != nil else { return (base + start, end - start) }
        let output = scratch + scratchUsed
        var written = 0
        var position = start
        while position < end {
            let byte = base[position]
            guard byte == 0x26 else {
                output[written] = byte
                written += 1
                position += 1
                continue
            }
            guard let (scalar, length) = entity(at: position, end: end) else { return nil }
            if let scalar {
                written += encodeUTF8(scalar, into: output + written)
            } else {
                // Not an entity libxml2 decodes: "&" and the name stay as written.
                for offset in 0..<length { output[written + offset] = base[position + offset] }
                written += length
            }
            position += length
        }
        scratchUsed += written
        return (UnsafePointer(output), written)
    }

    // MARK: Entities

    /// `&...` in text: the decoded character, or the characters as written.
    private mutating func reference<Sink: HTMLEventSink>(into sink: inout Sink) -> Bool {
        guard let (scalar, length) = entity(at: index, end: count) else { return false }
        if let scalar {
            var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            let written = withUnsafeMutableBytes(of: &encoded) { raw in
                encodeUTF8(scalar, into: raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            withUnsafeBytes(of: &encoded) { raw in
                sink.text(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), written)
            }
        } else {
            sink.text(base + index, length)
        }
        index += length
        return true
    }

    /// The entity or character reference at `position` (an `&`), read as libxml2 reads it: the
    /// scalar it decodes to (nil when it stays as written) and how many bytes it spans. Nil as a
    /// whole for a character reference libxml2 would drop or read partly (no digits, no `;`, a
    /// value that is no XML character), or an entity name that goes on with a non-ASCII letter.
    private func entity(at position: Int, end: Int) -> (UInt32?, Int)? {
        var cursor = position + 1
        if cursor < end, base[cursor] == 0x23 {  // #
            cursor += 1
            let hex = cursor < end && (base[cursor] | 0x20) == 0x78
            if hex { cursor += 1 }
            var value: UInt32 = 0
            let digitsStart = cursor
            while cursor < end, let digit = digitValue(base[cursor], hex: hex) {
                value = value &* (hex ? 16 : 10) &+ digit
                if value > 0x10FFFF { return nil }
                cursor += 1
            }
            guard cursor > digitsStart, cursor < end, base[cursor] == 0x3B, isXMLChar(value) else { return nil }
            return (value, cursor + 1 - position)
        }
        // A name: [A-Za-z_:][A-Za-z0-9._:-]*
        guard cursor < end else { return (nil, 1) }
        let first = base[cursor]
        if first >= 0x80 { return nil }
        guard isASCIILetter(first) || first == 0x5F || first == 0x3A else { return (nil, 1) }
        var key = NameKey(low: 0, high: 0, count: 0)
        while cursor < end {
            let byte = base[cursor]
            guard isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D
                    || byte == 0x5F || byte == 0x3A else { break }
            key.append(byte)
            cursor += 1
        }
        if cursor < end, base[cursor] >= 0x80 { return nil }
        guard cursor < end, base[cursor] == 0x3B, let value = lookUpEntity(key, start: position + 1, end: cursor) else {
            return (nil, cursor - position)
        }
        return (value, cursor + 1 - position)
    }

    private func lookUpEntity(_ key: NameKey, start: Int, end: Int) -> UInt32? {
        if let value = rules.entity(key) { return value }
        // Not in the table read at start-up (a name sharing its value with another): ask libxml2.
        var name = [CChar](repeating: 0, count: end - start + 1)
        for offset in 0..<(end - start) { name[offset] = CChar(bitPattern: base[start + offset]) }
        return htmlEntityLookup(name).map { $0.pointee.value }
    }

    // MARK: Skipping

    private func startsComment(at position: Int) -> Bool {
        position + 3 < count && base[position] == 0x3C && base[position + 1] == 0x21 && base[position + 2] == 0x2D
            && base[position + 3] == 0x2D
    }

    /// `<!-- ... -->`. A comment opening with `>` or `->` is read differently by libxml2 and by
    /// browsers: given up on. So is one with `--!>` before its `-->`: libxml2 2.9.11 and later end
    /// the comment there (as browsers do), older versions at the `-->`.
    private mutating func skipComment() -> Bool {
        let bodyStart = index + 4
        guard bodyStart < count, base[bodyStart] != 0x3E,
              !(base[bodyStart] == 0x2D && bodyStart + 1 < count && base[bodyStart + 1] == 0x3E) else { return false }
        var search = bodyStart
        while search + 2 < count {
            guard let found = memchr(base + search, 0x2D, count - search - 2) else { return false }
            let position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if base[position + 1] == 0x2D {
                if base[position + 2] == 0x3E {
                    index = position + 3
                    return true
                }
                if base[position + 2] == 0x21 && position + 3 < count && base[position + 3] == 0x3E { return false }
            }
            search = position + 1
        }
        return false
    }

    /// `<!DOCTYPE name PUBLIC "id" "uri">` (or `SYSTEM "uri"`, or a name alone) read as libxml2's
    /// `htmlParseDocTypeDecl` reads it. Anything else before the `>` libxml2 skips up to the next
    /// `>`, even one inside quotes (`<!DOCTYPE html "a>b">` ends after `a>`): given up on.
    private mutating func skipDoctype() -> Bool {
        var position = index + 9
        func skipBlanks() { while position < count, isBlank(base[position]) { position += 1 } }
        func keyword(_ literal: StaticString) -> Bool {
            guard position + 6 <= count,
                  equalsFolded(UnsafeBufferPointer(start: base + position, count: 6), literal) else { return false }
            position += 6
            return true
        }
        /// A quoted literal; `publicID`: only the characters XML allows in one (older libxml2
        /// versions stop at any other and then skip to the next `>`).
        func literal(publicID: Bool) -> Bool {
            guard position < count, base[position] == 0x22 || base[position] == 0x27 else { return false }
            let quote = base[position]
            position += 1
            while position < count, base[position] != quote {
                if publicID && !isPublicIDCharacter(base[position]) { return false }
                position += 1
            }
            guard position < count else { return false }
            position += 1
            return true
        }
        skipBlanks()
        // The name, as htmlParseName reads it; a non-ASCII one takes its slower path: given up.
        if position < count, isASCIILetter(base[position]) || base[position] == 0x5F || base[position] == 0x3A {
            while position < count, isNameByte(base[position]) { position += 1 }
        }
        guard position < count, base[position] < 0x80 else { return false }
        skipBlanks()
        if keyword("system") {
            skipBlanks()
            guard literal(publicID: false) else { return false }
        } else if keyword("public") {
            skipBlanks()
            guard literal(publicID: true) else { return false }
            skipBlanks()
            if position < count, base[position] == 0x22 || base[position] == 0x27 {
                guard literal(publicID: false) else { return false }
            }
        }
        skipBlanks()
        guard position < count, base[position] == 0x3E else { return false }
        index = position + 1
        return true
    }

    private mutating func skipBlanks() {
        while index < count, isBlank(base[index]) { index += 1 }
    }

    /// An element or attribute name as libxml2's `htmlParseHTMLName` reads it:
    /// `[A-Za-z_:.][A-Za-z0-9:_.-]*`, lowercased.
    private mutating func readName() -> NameKey? {
        var key = NameKey(low: 0, high: 0, count: 0)
        while index < count {
            let byte = base[index]
            if isASCIILetter(byte) {
                key.append(byte | 0x20)
            } else if (byte >= 0x30 && byte <= 0x39) || byte == 0x3A || byte == 0x2D || byte == 0x5F || byte == 0x2E {
                key.append(byte)
            } else {
                break
            }
            index += 1
        }
        return key.count > 0 ? key : nil
    }

    /// True when libxml2 has no description of the element either (it would otherwise know
    /// whether it is void, or which elements it closes).
    private mutating func isUnknownToLibXML(_ name: NameKey) -> Bool {
        guard name.fits else { return true }
        if unknownNames.contains(name) { return true }
        var bytes = [CChar](repeating: 0, count: name.count + 1)
        for offset in 0..<name.count {
            let word = offset < 8 ? name.low : name.high
            bytes[offset] = CChar(bitPattern: UInt8(truncatingIfNeeded: word >> (UInt64(offset % 8) * 8)))
        }
        guard htmlTagLookup(bytes) == nil else { return false }
        if unknownNames.count < Self.unknownNamesKept { unknownNames.append(name) }
        return true
    }

    /// A `<meta>` that declares no charset, or UTF-8 (with no encoding given, libxml2 switches to
    /// the charset a page declares: then only libxml2 reads it right).
    private func declaresUTF8OrNothing(_ attributes: ScanAttributes) -> Bool {
        var declared: UnsafeBufferPointer<UInt8>?
        var isContentType = false
        for slot in 0..<attributes.count {
            let span = spans[slot]
            guard let value = span.value else { continue }
            let bytes = UnsafeBufferPointer(start: value, count: span.valueLength)
            let name = UnsafeBufferPointer(start: span.name, count: span.nameLength)
            if equalsFolded(name, "charset") {
                declared = bytes
            } else if equalsFolded(name, "http-equiv"), equalsFolded(bytes, "content-type") {
                isContentType = true
            }
        }
        if let declared, !namesUTF8(declared, leadingBlanks: true) { return false }
        guard isContentType, let content = attributes.value(.content) else { return true }
        // "text/html; charset=utf-8": libxml2 takes what follows "charset=" to the end.
        guard let found = findFolded(content, "charset") else { return true }
        var rest = found + 7
        guard rest < content.count, content[rest] == 0x3D else { return false }
        rest += 1
        return namesUTF8(UnsafeBufferPointer(rebasing: content[rest...]), leadingBlanks: true)
    }

    private func namesUTF8(_ label: UnsafeBufferPointer<UInt8>, leadingBlanks: Bool) -> Bool {
        var start = 0
        while leadingBlanks, start < label.count, label[start] == 0x20 || label[start] == 0x09 { start += 1 }
        let rest = UnsafeBufferPointer(rebasing: label[start...])
        return equalsFolded(rest, "utf-8") || equalsFolded(rest, "utf8")
    }

    private func matchesFolded(_ literal: StaticString, at position: Int) -> Bool {
        guard position + literal.utf8CodeUnitCount <= count else { return false }
        return equalsFolded(UnsafeBufferPointer(start: base + position, count: literal.utf8CodeUnitCount), literal)
    }
}

// MARK: - Bytes

@inline(__always) private func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

/// A character of an XML name after the first, ASCII only: `[A-Za-z0-9._:-]`.
@inline(__always) private func isNameByte(_ byte: UInt8) -> Bool {
    isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D || byte == 0x5F || byte == 0x3A
}

/// XML's `PubidChar` (libxml2's `IS_PUBIDCHAR_CH`): space, CR, LF, ASCII letters and digits,
/// and `-'()+,./:=?;!*#@$_%`.
@inline(__always) private func isPublicIDCharacter(_ byte: UInt8) -> Bool {
    if isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) { return true }
    switch byte {
    case 0x20, 0x0D, 0x0A, 0x2D, 0x27, 0x28, 0x29, 0x2B, 0x2C, 0x2E, 0x2F, 0x3A, 0x3D, 0x3F, 0x3B, 0x21, 0x2A, 0x23,
         0x40, 0x24, 0x5F, 0x25:
        return true
    default:
        return false
    }
}

/// libxml2's blanks (`IS_BLANK_CH`): space, tab, line feed, carriage return.
@inline(__always) private func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
}


@inline(__always) private func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
    if byte >= 0x30 && byte <= 0x39 { return UInt32(byte - 0x30) }
    guard hex else { return nil }
    let folded = byte | 0x20
    return folded >= 0x61 && folded <= 0x66 ? UInt32(folded - 0x61 + 10) : nil
}

/// XML 1.0's `Char` production, which libxml2 applies to character references.
@inline(__always) private func isXMLChar(_ value: UInt32) -> Bool {
    value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
        || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
}

/// Writes `scalar` as UTF-8 and returns the byte count (1 to 4).
@inline(__always) private func encodeUTF8(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case ..<0x80:
        output[0] = UInt8(scalar)
        return 1
    case ..<0x800:
        output[0] = UInt8(0xC0 | scalar >> 6)
        output[1] = UInt8(0x80 | scalar & 0x3F)
        return 2
    case ..<0x10000:
        output[0] = UInt8(0xE0 | scalar >> 12)
        output[1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
        output[2] = UInt8(0x80 | scalar & 0x3F)
        return 3
    default:
        output[0] = UInt8(0xF0 | scalar >> 18)
        output[1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
        output[2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
        output[3] = UInt8(0x80 | scalar & 0x3F)
        return 4
    }
}
