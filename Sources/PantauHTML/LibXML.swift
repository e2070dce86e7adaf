import CLibXML2

/// libxml2 must be initialised once per process before threads use it (its docs: call
/// `xmlInitParser` from the main thread or before concurrent use).
let libxmlReady: Void = {
    xmlInitParser()
}()

/// Makes sure libxml2 is initialised and this thread's error handlers swallow messages
/// (libxml2 otherwise prints parse and XPath errors to stderr; the handlers are per thread).
@inline(__always)
func prepareLibXML() {
    _ = libxmlReady
    pantau_silence_errors()
}

typealias NodePtr = UnsafeMutablePointer<xmlNode>
typealias DocPtr = UnsafeMutablePointer<xmlDoc>

/// The HTML elements Pantau treats specially; raw values mirror `PANTAU_TAG_*` in the shim.
enum HTMLTag: Int32 {
    case other = 0, inline, a, area, img, script, link, iframe, frame, embed, object, source, video, audio, track
    case style, noscript, template, br, base, title, html, body, head, main, article, nav, header, footer, aside, form
    case h1, h2, h3, h4, h5, h6, meta, time

    init(_ node: NodePtr) {
        self.init(name: node.pointee.name)
    }

    init(name: UnsafePointer<xmlChar>?) {
        self = HTMLTag(rawValue: pantau_html_tag(name)) ?? .other
    }

    /// `h1` ... `h6`.
    var isHeading: Bool { (HTMLTag.h1.rawValue...HTMLTag.h6.rawValue).contains(rawValue) }

    /// Elements whose content is never page text.
    var isNonText: Bool {
        switch self {
        case .script, .style, .noscript, .template: true
        default: false
        }
    }

    /// Inline elements do not separate words ("<b>Ka</b>bupaten" is one word); everything else does.
    var separatesWords: Bool {
        switch self {
        case .inline, .a, .img, .time: false
        default: true
        }
    }
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    @inline(__always) var isElement: Bool { pointee.type == XML_ELEMENT_NODE }

    /// An attribute's value (entities already decoded by libxml2), or nil when absent.
    func attribute(_ name: String) -> String? {
        var present: Int32 = 0
        if let fast = pantau_attr_fast(self, name, &present) {
            return String(cString: fast)
        }
        guard present != 0 else { return nil }
        // Value split over several nodes (entity references kept in XML): let libxml2 join it.
        guard let joined = xmlGetProp(self, name) else { return "" }
        defer { pantau_xmlFree(joined) }
        return String(cString: joined)
    }

    /// True when the attribute is present, whatever its value.
    func hasAttribute(_ name: String) -> Bool {
        var present: Int32 = 0
        _ = pantau_attr_fast(self, name, &present)
        return present != 0
    }

    /// Lowercased local name.
    var lowercasedName: String {
        guard let name = pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// Every attribute, names lowercased.
    var attributeDictionary: [String: String] {
        var result: [String: String] = [:]
        var attr = pointee.properties
        while let a = attr {
            if let rawName = a.pointee.name {
                let name = String(cString: rawName).lowercased()
                if result[name] == nil {
                    if let value = xmlNodeListGetString(pointee.doc, a.pointee.children, 1) {
                        result[name] = String(cString: value)
                        pantau_xmlFree(value)
                    } else {
                        result[name] = ""
                    }
                }
            }
            attr = a.pointee.next
        }
        return result
    }
}

/// What a tree walk does after visiting a node.
enum WalkStep {
    case descend, skipChildren, stop
}

/// Visits a subtree in document order without recursion (broken pages can nest deeply).
///
/// `enter` is called for every node below `root` (not `root` itself); `leave` is called for
/// elements whose children were visited, after them.
func walk(below root: NodePtr, enter: (NodePtr) -> WalkStep, leave: (NodePtr) -> Void = { _ in }) {
    var node = root.pointee.children
    while let current = node {
        let step = enter(current)
        if step == .stop { return }
        if step == .descend, let child = current.pointee.children, current.pointee.type == XML_ELEMENT_NODE {
            node = child
            continue
        }
        var cursor = current
        node = nil
        while true {
            if let next = cursor.pointee.next {
                node = next
                break
            }
            guard let parent = cursor.pointee.parent, parent != root else { break }
            leave(parent)
            cursor = parent
        }
    }
}

/// The first element below `root` (document order) that satisfies `match`.
func firstElement(below root: NodePtr, where match: (NodePtr) -> Bool) -> NodePtr? {
    var found: NodePtr?
    walk(below: root) { node in
        guard node.isElement else { return .skipChildren }
        if match(node) {
            found = node
            return .stop
        }
        return .descend
    }
    return found
}
