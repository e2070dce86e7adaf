import CLibXML2

/// libxml2's HTML parser in SAX mode, no tree built, its events sent to an ``HTMLEventSink``: how
/// a page the ``HTMLTokenizer`` gives up on is read (broken markup, other charsets).
enum LibXMLSAX {
    /// Parses `bytes` (decoded from `encoding`, a libxml2 encoding name, or detected from a BOM or
    /// `<meta charset>` when nil) with ``PageScanner/parseOptions``. Never fails: broken markup is
    /// recovered as libxml2 recovers it.
    static func read<Sink: HTMLEventSink>(_ bytes: [UInt8], url: String, encoding: String?, into sink: inout Sink) {
        let length = Int32(clamping: bytes.count)
        guard length > 0 else { return }
        prepareLibXML()
        let box = Box(sink)
        let target = UnsafeMutablePointer<any SAXTarget>.allocate(capacity: 1)
        target.initialize(to: box)
        defer {
            target.deinitialize(count: 1)
            target.deallocate()
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: Int(length)) { chars in
                _ = pantau_html_scan(chars, length, url, encoding, PageScanner.parseOptions,
                                     LibXMLSAX.onStart, LibXMLSAX.onEnd, LibXMLSAX.onCharacters, UnsafeMutableRawPointer(target))
            }
        }
        sink = box.sink
    }

    /// The callbacks' view of the box (C function pointers cannot be generic).
    private protocol SAXTarget: AnyObject {
        func start(_ name: UnsafePointer<xmlChar>?, _ raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
        func end()
        func text(_ characters: UnsafePointer<xmlChar>, _ length: Int)
    }

    private final class Box<Sink: HTMLEventSink>: SAXTarget {
        var sink: Sink
        /// Attribute spans of the current start tag, reused.
        private var spans: [AttributeSpan] = []

        init(_ sink: Sink) {
            self.sink = sink
            spans.reserveCapacity(16)
        }

        func start(_ name: UnsafePointer<xmlChar>?, _ raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            spans.removeAll(keepingCapacity: true)
            if let raw {
                var index = 0
                while let attributeName = raw[index] {
                    let value = raw[index + 1]
                    spans.append(AttributeSpan(
                        name: attributeName, nameLength: strlen(attributeName),
                        code: ScanAttribute(rawValue: pantau_attr_code(attributeName)) ?? .other,
                        value: value, valueLength: value.map { strlen($0) } ?? 0))
                    index += 2
                }
            }
            let tag = HTMLTag(name: name)
            spans.withUnsafeBufferPointer { buffer in
                sink.start(tag, ScanAttributes(buffer))
            }
        }

        func end() { sink.end() }

        func text(_ characters: UnsafePointer<xmlChar>, _ length: Int) { sink.text(characters, length) }
    }

    @inline(__always) private static func target(_ context: UnsafeMutableRawPointer?) -> (any SAXTarget)? {
        guard let state = pantau_sax_state(context) else { return nil }
        return state.assumingMemoryBound(to: (any SAXTarget).self).pointee
    }

    private static let onStart: startElementSAXFunc = { context, name, attributes in
        target(context)?.start(name, attributes)
    }

    private static let onEnd: endElementSAXFunc = { context, _ in
        target(context)?.end()
    }

    private static let onCharacters: charactersSAXFunc = { context, characters, length in
        guard let characters, length > 0 else { return }
        target(context)?.text(characters, Int(length))
    }
}
