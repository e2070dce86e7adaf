import CLibXML2

/// Records a ``PageScan`` from one pass of parse events: ``HTMLTokenizer``'s for a clean page,
/// else libxml2's HTML parser in SAX mode (``LibXMLSAX``).
///
/// Why events and no tree: building libxml2's tree and freeing it again is about half of a
/// libxml2 parse (3,300 pages/s per core for SAX against 1,800 for `htmlReadMemory` on the
/// 5,000-page benchmark site, libxml2 2.9.14), and the crawl needs only what this scan records.
/// Both sources send the events of libxml2's parser with the same options, so the implied and
/// auto-closed elements are exactly those of the tree; an XPath query that the scan cannot answer
/// parses the tree then (``HTMLDocument``).
///
/// State: a stack of open elements with running counts of the ancestors that matter (article,
/// nav, chrome, the site's header and footer, hidden scopes, script-like elements), and a stack
/// of text sinks, each rooted at an open element, that collect the text below their root the way
/// a tree walk does (``collectText(below:mode:into:exclude:)``).
struct PageScanner: HTMLEventSink {
    /// Options as for `htmlReadMemory`: recover, never touch the network, stay quiet. Not
    /// HTML_PARSE_NOBLANKS: it drops the blank text in "<b>Dinas</b> <i>Kesehatan</i>".
    static let parseOptions = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Reads `bytes` (decoded from `encoding`, a libxml2 encoding name, or detected from a BOM or
    /// `<meta charset>` when nil) and returns what the scan recorded: with ``HTMLTokenizer`` when
    /// the page is clean, else with libxml2 (the same events either way).
    static func scan(_ bytes: [UInt8], url: String, encoding: String?) -> PageScan {
        var scanner = PageScanner()
        let read = bytes.withUnsafeBufferPointer { HTMLTokenizer.read($0, encoding: encoding, into: &scanner) }
        if !read {
            scanner = PageScanner()
            LibXMLSAX.read(bytes, url: url, encoding: encoding, into: &scanner)
        }
        scanner.finish()
        return scanner.result
    }

    // MARK: - State

    private var result = PageScan()

    init() {
        // A CMS page has some 80 links, 300 elements and a dozen open sinks: no regrowth for those.
        result.links.reserveCapacity(96)
        result.namedTexts.reserveCapacity(112)
        result.fragmentTargets.reserveCapacity(48)
        stack.reserveCapacity(48)
        sinks.reserveCapacity(16)
        classArena.reserveCapacity(512)
        arena.reserveCapacity(16_384)
    }

    private struct OpenElement {
        var tag: HTMLTag
        /// Where this element's `class` value sits in `classArena` (empty when it has none); the
        /// arena is cut back to `classRange.lowerBound` minus its separator when it ends.
        var classRange: Range<Int>
        var arenaMark: Int
        var startsHiddenScope = false
        var isSiteHeader = false
        var isSiteFooter = false
    }

    private var stack: [OpenElement] = []
    /// Open `script`, `style`, `noscript`, `template` elements: no page text below them.
    private var nonText = 0
    private var articles = 0
    private var navs = 0
    /// Open `nav`, `aside` and `footer` elements (a heading inside one is not the page's title).
    private var chrome = 0
    private var siteHeaders = 0
    private var siteFooters = 0
    private var heads = 0
    /// Depth of the element that started the current hidden scope, or 0.
    private var hiddenFrom = 0
    private var classArena: [UInt8] = []

    /// Where a sink's text goes when its root element ends.
    private enum SinkTarget {
        case visibleText
        case bodyContent
        case contentCandidate(Int)
        case title(named: Int)
        case heading(Int, named: Int)
        case anchor(link: Int?, named: Int)
        case jsonLD
    }

    /// Text collected below one open element.
    private struct TextSink {
        var target: SinkTarget
        /// Stack depth of the root element (1 = the outermost element).
        var root: Int
        /// `nonText` while the root is open: deeper script-like elements hide their text.
        var nonTextBase: Int
        /// Content text: page chrome below the root is left out (``ContentText``).
        var skipsChrome: Bool
        /// Articles open above the root (a header inside an article below the root is content).
        var articlesAboveRoot: Int
        /// Depth of the chrome element being skipped, or 0.
        var skippingFrom = 0
        /// Small captures (anchors, headings, the title) copy their text; page-sized ones keep
        /// ranges of the arena.
        var usesPieces = false
        var buffer = TextBuffer()
        var pieces = TextPieces()
        /// Anchors: the `alt` (else `title`) of the first image inside that has one.
        var imageText: String?

        mutating func breakWord() {
            if usesPieces { pieces.breakWord() } else { buffer.breakWord() }
        }
    }

    private var sinks: [TextSink] = []
    /// Content roots in order of preference (`main`, `article`, `[role=main]`, `.entry-content`,
    /// `#content`): whether one was opened, and its text once closed.
    private var candidateOpened = [Bool](repeating: false, count: 5)
    private var candidatePieces = [TextPieces?](repeating: nil, count: 5)
    /// Every text chunk some page-sized sink received, once.
    private var arena: [UInt8] = []
    private var bodyOpened = false

    // MARK: - Events

    mutating func start(_ tag: HTMLTag, _ attributes: ScanAttributes) {
        let depth = stack.count + 1
        let hidden = hiddenFrom != 0 || attributes.hidesElement
        // What the element means to the text already being collected.
        if !sinks.isEmpty, !tag.isNonText {
            let nonText = self.nonText, articles = self.articles
            // Decided once per element, not per sink: most elements are not chrome.
            var chrome: Bool?
            sinks.withUnsafeMutableBufferPointer { sinks in
                for index in sinks.indices where sinks[index].skippingFrom == 0 && sinks[index].nonTextBase == nonText {
                    if sinks[index].skipsChrome {
                        let articlesBelowRoot = articles - sinks[index].articlesAboveRoot
                        let isChrome: Bool
                        if (tag == .header || tag == .footer) && articlesBelowRoot > 0 {
                            isChrome = PageScanner.namesChrome(attributes)
                        } else {
                            if chrome == nil { chrome = PageScanner.isChrome(tag, attributes) }
                            isChrome = chrome!
                        }
                        if isChrome {
                            sinks[index].skippingFrom = depth
                            continue
                        }
                    }
                    if tag.separatesWords { sinks[index].breakWord() }
                }
            }
        }
        var element = OpenElement(tag: tag, classRange: classArena.count..<classArena.count, arenaMark: classArena.count)
        if let value = attributes.value(.class) {
            classArena.append(0x20)
            let start = classArena.count
            classArena.append(contentsOf: value)
            element.classRange = start..<classArena.count
        }
        if hidden && hiddenFrom == 0 {
            hiddenFrom = depth
            element.startsHiddenScope = true
        }
        let outsideScripts = nonText == 0
        switch tag {
        case .script, .style, .noscript, .template: nonText += 1
        case .article: articles += 1
        case .nav: navs += 1; chrome += 1
        case .aside: chrome += 1
        case .footer:
            chrome += 1
            if articles == 0 { siteFooters += 1; element.isSiteFooter = true }
        case .header:
            if articles == 0 { siteHeaders += 1; element.isSiteHeader = true }
        case .head: heads += 1
        default: break
        }
        stack.append(element)
        record(tag, attributes, depth: depth, hidden: hidden, outsideScripts: outsideScripts)
    }

    /// Records what the element itself says: links, metadata, ids, and the text sinks it roots.
    private mutating func record(_ tag: HTMLTag, _ attributes: ScanAttributes, depth: Int, hidden: Bool, outsideScripts: Bool) {
        if let id = attributes.value(.id) { result.fragmentTargets.append(collapsed(id)) }
        switch tag {
        case .a:
            if let name = attributes.value(.name) { result.fragmentTargets.append(collapsed(name)) }
            let link = addLink(.anchor, attributes.value(.href), rel: attributes, hidden: hidden)
            openSink(.anchor(link: link, named: addNamed(tag)), depth: depth)
        case .area:
            addLink(.area, attributes.value(.href), rel: attributes, hidden: hidden)
        case .img:
            addLink(.image, attributes.value(.src), hidden: hidden)
            addSourceSet(attributes, hidden: hidden)
            noteImageText(attributes)
        case .script:
            addLink(.script, attributes.value(.src), hidden: hidden)
            if let type = attributes.value(.type), findFolded(type, "ld+json") != nil {
                openSink(.jsonLD, depth: depth)
            }
        case .link:
            addLink(linkKind(rel: attributes.value(.rel), type: attributes.value(.type)), attributes.value(.href), rel: attributes,
                    hidden: hidden)
        case .iframe, .frame:
            addLink(.frame, attributes.value(.src), hidden: hidden)
        case .embed, .video, .audio, .track:
            addLink(.embed, attributes.value(.src), hidden: hidden)
        case .source:
            addLink(.embed, attributes.value(.src), hidden: hidden)
            addSourceSet(attributes, hidden: hidden)
        case .object:
            addLink(.embed, attributes.value(.data), hidden: hidden)
        case .title:
            openSink(.title(named: addNamed(tag)), depth: depth)
        case .h1, .h2, .h3, .h4, .h5, .h6:
            result.headings.append(HTMLHeading(level: Int(tag.rawValue - HTMLTag.h1.rawValue) + 1, text: "",
                                               isInChrome: chrome > 0))
            openSink(.heading(result.headings.count - 1, named: addNamed(tag)), depth: depth)
        case .base:
            if result.baseHref == nil, let href = attributes.value(.href) { result.baseHref = trimmedString(href) }
        case .html:
            if depth == 1, let lang = attributes.value(.lang) { result.language = trimmedString(lang) }
        case .meta:
            result.metas.append(HTMLMeta(name: attributes.string(.name), property: attributes.string(.property),
                                         httpEquiv: attributes.string(.httpEquiv),
                                         content: attributes.value(.content).map(collapsed), isInHead: heads > 0))
        case .time:
            if let datetime = attributes.value(.datetime) { recordTime(collapsed(datetime)) }
        case .body:
            if !bodyOpened {
                bodyOpened = true
                openSink(.visibleText, depth: depth)
                openSink(.bodyContent, depth: depth, skipsChrome: true)
            }
        default:
            break
        }
        guard outsideScripts, !candidateOpened[0] else { return }
        // Content roots (``ContentText/root(in:)``): the first of each kind, none inside scripts.
        if tag == .main { openCandidate(0, depth: depth) }
        if tag == .article { openCandidate(1, depth: depth) }
        if let role = attributes.value(.role), lowercasedString(role) == "main" { openCandidate(2, depth: depth) }
        if let classes = attributes.value(.class), hasClassToken(classes, "entry-content") { openCandidate(3, depth: depth) }
        if let id = attributes.value(.id), id.elementsEqual("content".utf8) { openCandidate(4, depth: depth) }
    }

    mutating func end() {
        guard let element = stack.last else { return }
        let depth = stack.count
        while !sinks.isEmpty, sinks[sinks.count - 1].root == depth {
            close(sinks.removeLast())
        }
        let openNonText = nonText, separates = element.tag.separatesWords
        sinks.withUnsafeMutableBufferPointer { sinks in
            for index in sinks.indices {
                if sinks[index].skippingFrom == depth {
                    sinks[index].skippingFrom = 0
                } else if separates, sinks[index].skippingFrom == 0, sinks[index].nonTextBase == openNonText {
                    sinks[index].breakWord()
                }
            }
        }
        switch element.tag {
        case .script, .style, .noscript, .template: nonText -= 1
        case .article: articles -= 1
        case .nav: navs -= 1; chrome -= 1
        case .aside: chrome -= 1
        case .footer: chrome -= 1
        case .head: heads -= 1
        default: break
        }
        if element.isSiteHeader { siteHeaders -= 1 }
        if element.isSiteFooter { siteFooters -= 1 }
        if element.startsHiddenScope { hiddenFrom = 0 }
        if element.arenaMark < classArena.count { classArena.removeSubrange(element.arenaMark...) }
        stack.removeLast()
    }

    mutating func text(_ characters: UnsafePointer<UInt8>, _ length: Int) {
        let nonText = self.nonText
        // Stored once in the arena when a page-sized sink takes it.
        var stored: Range<Int>?
        if sinks.contains(where: { $0.usesPieces && $0.skippingFrom == 0 && $0.nonTextBase == nonText }) {
            let start = arena.count
            arena.append(contentsOf: UnsafeBufferPointer(start: characters, count: length))
            stored = start..<arena.count
        }
        sinks.withUnsafeMutableBufferPointer { sinks in
            for index in sinks.indices where sinks[index].skippingFrom == 0 && sinks[index].nonTextBase == nonText {
                if sinks[index].usesPieces {
                    sinks[index].pieces.add(stored!)
                } else {
                    sinks[index].buffer.append(characters, count: length)
                }
            }
        }
    }

    /// Closes what a broken page left open (libxml2 normally closes every element at the end).
    private mutating func finish() {
        while !stack.isEmpty { end() }
        if bodyOpened {
            result.contentPieces = candidatePieces.lazy.compactMap { $0 }.first ?? result.contentPieces
        } else {
            result.contentPieces = nil
        }
        result.arena = arena
    }

    // MARK: - Sinks

    private mutating func openSink(_ target: SinkTarget, depth: Int, skipsChrome: Bool = false) {
        var sink = TextSink(target: target, root: depth, nonTextBase: nonText, skipsChrome: skipsChrome,
                            articlesAboveRoot: articles - (stack.last?.tag == .article ? 1 : 0))
        switch target {
        case .visibleText, .bodyContent, .contentCandidate: sink.usesPieces = true
        case .anchor, .heading, .title: sink.buffer = TextBuffer(capacity: 48)  // one allocation, no regrowth
        case .jsonLD: break
        }
        sinks.append(sink)
    }

    private mutating func openCandidate(_ index: Int, depth: Int) {
        guard !candidateOpened[index] else { return }
        candidateOpened[index] = true
        openSink(.contentCandidate(index), depth: depth, skipsChrome: true)
    }

    private mutating func close(_ sink: TextSink) {
        let text = sink.usesPieces ? "" : sink.buffer.string
        switch sink.target {
        case .visibleText:
            result.visiblePieces = sink.pieces
        case .bodyContent:
            result.contentPieces = sink.pieces
        case .contentCandidate(let index):
            candidatePieces[index] = sink.pieces
        case .title(let named):
            if result.title == nil { result.title = text }
            result.namedTexts[named].text = text
        case .heading(let index, let named):
            result.headings[index].text = text
            result.namedTexts[named].text = text
        case .anchor(let link, let named):
            if let link { result.links[link].text = text.isEmpty ? (sink.imageText ?? "") : text }
            result.namedTexts[named].text = text
        case .jsonLD:
            result.jsonLD.append(text)
        }
    }

    private mutating func addNamed(_ tag: HTMLTag) -> Int {
        result.namedTexts.append((tag, ""))
        return result.namedTexts.count - 1
    }

    /// Anchors fall back on the first image inside them that has an `alt`, else a `title`.
    private mutating func noteImageText(_ attributes: ScanAttributes) {
        for index in sinks.indices {
            guard case .anchor = sinks[index].target, sinks[index].imageText == nil else { continue }
            if let alt = attributes.value(.alt).map(collapsed), !alt.isEmpty {
                sinks[index].imageText = alt
            } else if let title = attributes.value(.title).map(collapsed), !title.isEmpty {
                sinks[index].imageText = title
            }
        }
    }

    /// Page chrome for content text (``ContentText/isExcluded(_:tag:below:)``), for an element
    /// that is not a header or footer inside an article below the root (those are content unless
    /// their class or id names chrome).
    private static func isChrome(_ tag: HTMLTag, _ attributes: ScanAttributes) -> Bool {
        switch tag {
        case .nav, .aside, .form, .script, .style, .noscript, .template, .header, .footer:
            return true
        default:
            return namesChrome(attributes)
        }
    }

    private static func namesChrome(_ attributes: ScanAttributes) -> Bool {
        ContentText.namesChrome(attributes.value(.class)) || ContentText.namesChrome(attributes.value(.id))
    }

    // MARK: - Links and metadata

    @discardableResult
    private mutating func addLink(_ kind: LinkKind, _ rawHref: UnsafeBufferPointer<UInt8>?, rel attributes: ScanAttributes? = nil,
                         hidden: Bool) -> Int? {
        guard let rawHref else { return nil }
        let href = trimmedString(rawHref)
        guard !href.isEmpty else { return nil }
        let rel = attributes?.value(.rel).map(lowercasedString)
        result.links.append(HTMLLink(kind: kind, href: href, rel: rel, isHidden: hidden))
        return result.links.count - 1
    }

    private mutating func addSourceSet(_ attributes: ScanAttributes, hidden: Bool) {
        guard let srcset = attributes.value(.srcset) else { return }
        for candidate in sourceSetURLs(String(decoding: srcset, as: UTF8.self)) {
            result.links.append(HTMLLink(kind: .image, href: candidate, isHidden: hidden))
        }
    }

    private func linkKind(rel: UnsafeBufferPointer<UInt8>?, type: UnsafeBufferPointer<UInt8>?) -> LinkKind {
        guard let rel else { return .otherLink }
        if hasTokenFolded(rel, "stylesheet") { return .stylesheet }
        if hasTokenFolded(rel, "alternate"), let type, findFolded(type, "rss") != nil || findFolded(type, "atom") != nil {
            return .feed
        }
        return .otherLink
    }

    private mutating func recordTime(_ datetime: String) {
        let arena = classArena
        let classes = stack.filter { !$0.classRange.isEmpty }
            .map { String(decoding: arena[$0.classRange], as: UTF8.self) }
            .joined(separator: " ")
        result.times.append(HTMLTime(datetime: datetime, isInArticle: articles > 0, classes: classes, isInNav: navs > 0,
                                     isInSiteHeader: siteHeaders > 0, isInSiteFooter: siteFooters > 0))
    }
}

/// The attributes the scan reads, by code (`PANTAU_ATTR_*` in the shim).
enum ScanAttribute: Int32 {
    case other = 0, href, src, srcset, data, rel, type, style, hidden, `class`, id, role, name, content, httpEquiv
    case property, datetime, lang, alt, title

    /// The code of a lowercased attribute name (as ``NameKey``): one compare per known name of
    /// that length.
    static func code(_ name: NameKey) -> ScanAttribute {
        guard name.fits else { return .other }
        for (key, code) in keys where key == name { return code }
        return .other
    }

    private static let keys: [(NameKey, ScanAttribute)] = ([
        ("href", .href), ("src", .src), ("srcset", .srcset), ("data", .data), ("rel", .rel), ("type", .type),
        ("style", .style), ("hidden", .hidden), ("class", .class), ("id", .id), ("role", .role), ("name", .name),
        ("content", .content), ("http-equiv", .httpEquiv), ("property", .property), ("datetime", .datetime),
        ("lang", .lang), ("alt", .alt), ("title", .title),
    ] as [(String, ScanAttribute)]).map { (NameKey(lowercased: Array($0.0.utf8))!, $0.1) }
}

/// One attribute of a start tag as read: the name as written, its code, and the value with
/// entities decoded (nil for an attribute written without one, `hidden`). The bytes belong to the
/// page or to the reader, and live as long as the start event.
struct AttributeSpan {
    var name: UnsafePointer<UInt8>
    var nameLength: Int
    var code: ScanAttribute
    var value: UnsafePointer<UInt8>?
    var valueLength: Int
}

/// One element's attributes as ``HTMLEventSink/start(_:_:)`` receives them, in document order.
///
/// One pass notes which known attributes are present (a bit mask, no allocation); a value is
/// looked up only when asked for and present. A repeated attribute counts once, the first (libxml2
/// drops the others, and its tree has only the first).
struct ScanAttributes {
    private let spans: UnsafeBufferPointer<AttributeSpan>
    var count: Int { spans.count }
    /// Per attribute code, 4 bits: 1 + the index of its first occurrence (0: absent, 15: at an
    /// index past 13, looked up again). One pass over the codes, then no name is compared twice:
    /// an element's attributes are asked for several times.
    private var slots: UInt128 = 0

    init(_ spans: UnsafeBufferPointer<AttributeSpan>) {
        self.spans = spans
        for index in 0..<count {
            let code = spans[index].code
            guard code != .other else { continue }
            let shift = UInt128(code.rawValue) * 4
            if (slots >> shift) & 0xF == 0 {
                slots |= UInt128(index < 14 ? index + 1 : 15) << shift
            }
        }
    }

    /// The value's bytes; empty for an attribute without one; nil when absent.
    func value(_ attribute: ScanAttribute) -> UnsafeBufferPointer<UInt8>? {
        let slot = Int((slots >> (UInt128(attribute.rawValue) * 4)) & 0xF)
        guard attribute != .other, slot != 0 else { return nil }
        var index = slot - 1
        if slot == 15 {
            // Past the packed range: find it the slow way.
            index = 14
            while index < count, spans[index].code != attribute { index += 1 }
            guard index < count else { return nil }
        }
        let span = spans[index]
        return UnsafeBufferPointer(start: span.value ?? ScanAttributes.empty, count: span.value == nil ? 0 : span.valueLength)
    }

    func string(_ attribute: ScanAttribute) -> String? { value(attribute).map { String(decoding: $0, as: UTF8.self) } }

    /// Every attribute as written (names not yet lowercased), for tests.
    var all: [(name: String, value: String?)] {
        (0..<count).map { index in
            let span = spans[index]
            return (String(decoding: UnsafeBufferPointer(start: span.name, count: span.nameLength), as: UTF8.self),
                    span.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: span.valueLength), as: UTF8.self) })
        }
    }

    private static let emptyValue: StaticString = ""
    private static var empty: UnsafePointer<UInt8> { emptyValue.utf8Start }

    /// Hidden by the element's own markup (the tricks of hidden-link spam): the `hidden`
    /// attribute, or an inline style with `display:none`, `visibility:hidden`, a font size of 0
    /// or 1px, or an offset of -999 or more pixels off screen.
    var hidesElement: Bool {
        if value(.hidden) != nil { return true }
        guard let style = value(.style) else { return false }
        return HiddenStyle.hides(style)
    }
}

/// Inline styles that hide an element from visitors (and not from search engines).
enum HiddenStyle {
    private static let markers: [[UInt8]] = [
        "display:none", "visibility:hidden", "font-size:0;", "font-size:0px", "font-size:0pt", "font-size:1px", ":-999",
    ].map { Array($0.utf8) }

    /// True when the style, lowercased with white space removed and a `;` appended, contains a
    /// hiding declaration.
    static func hides(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !style.isEmpty else { return false }
        var compact: [UInt8] = []
        compact.reserveCapacity(style.count + 1)
        for byte in style where !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C) {
            compact.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        compact.append(UInt8(ascii: ";"))
        return markers.contains { marker in contains(compact, marker) }
    }

    static func hides(_ style: String) -> Bool {
        var copy = style
        return copy.withUTF8 { hides($0) }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}

@inline(__always) private func isHTMLSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
}

/// A value's text with white space collapsed (``TextBuffer``); values that need no change, the
/// usual case, are copied as they are.
private func collapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var plain = bytes.first.map { !isHTMLSpace($0) } ?? true
    if plain, let last = bytes.last, isHTMLSpace(last) { plain = false }
    if plain {
        for index in bytes.indices {
            let byte = bytes[index]
            if (isHTMLSpace(byte) && (byte != 0x20 || bytes[index + 1] == 0x20)) || byte == 0xC2 {
                plain = false
                break
            }
        }
    }
    if plain { return String(decoding: bytes, as: UTF8.self) }
    var buffer = TextBuffer()
    buffer.append(bytes.baseAddress!, count: bytes.count)
    return buffer.string
}

/// A value with HTML white space trimmed from both ends (``trimHTMLSpace(_:)``).
private func trimmedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var start = 0, end = bytes.count
    while start < end, isHTMLSpace(bytes[start]) { start += 1 }
    while end > start, isHTMLSpace(bytes[end - 1]) { end -= 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
}

/// ASCII-lowercased copy of a value.
private func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
}

/// True when the space-separated tokens of a `class` value include `token` (split at spaces
/// only, as ``ContentText`` does). Byte compare: it runs for every element with a class.
private func hasClassToken(_ bytes: UnsafeBufferPointer<UInt8>, _ token: StaticString) -> Bool {
    let wanted = UnsafeBufferPointer(start: token.utf8Start, count: token.utf8CodeUnitCount)
    var start = 0
    while start <= bytes.count {
        var end = start
        while end < bytes.count, bytes[end] != 0x20 { end += 1 }
        if end - start == wanted.count, memcmp(bytes.baseAddress! + start, wanted.baseAddress!, wanted.count) == 0 { return true }
        start = end + 1
    }
    return false
}
