import CLibXML2

/// One XPath evaluation against a document, with libxml2's errors captured instead of printed.
enum XPathQuery {
    /// Compiles and evaluates `xpath`, hands the result to `body`, frees everything.
    /// - Throws: ``XPathError`` with libxml2's message when compiling or evaluating fails.
    static func evaluate<R>(_ xpath: String, in doc: DocPtr, namespaces: [String: String] = [:],
                            _ body: (UnsafeMutablePointer<xmlXPathObject>) throws(XPathError) -> R) throws(XPathError) -> R {
        prepareLibXML()
        guard let context = xmlXPathNewContext(doc) else {
            throw XPathError(expression: xpath, message: "out of memory")
        }
        defer { xmlXPathFreeContext(context) }
        pantau_xpath_capture_errors(context)
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) {
            _ = xmlXPathRegisterNs(context, prefix, uri)
        }
        guard let compiled = xmlXPathCtxtCompile(context, xpath) else {
            throw XPathError(expression: xpath, message: lastMessage(context, fallback: "does not compile"))
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        guard let result = xmlXPathCompiledEval(compiled, context) else {
            throw XPathError(expression: xpath, message: lastMessage(context, fallback: "cannot be evaluated"))
        }
        defer { xmlXPathFreeObject(result) }
        return try body(result)
    }

    /// Checks that `xpath` compiles, without a document.
    static func validate(_ xpath: String) throws(XPathError) {
        prepareLibXML()
        guard let context = xmlXPathNewContext(nil) else {
            throw XPathError(expression: xpath, message: "out of memory")
        }
        defer { xmlXPathFreeContext(context) }
        pantau_xpath_capture_errors(context)
        guard let compiled = xmlXPathCtxtCompile(context, xpath) else {
            throw XPathError(expression: xpath, message: lastMessage(context, fallback: "does not compile"))
        }
        xmlXPathFreeCompExpr(compiled)
    }

    /// The nodes of a node-set result (namespace nodes left out), or nil for other result types.
    static func nodes(of result: UnsafeMutablePointer<xmlXPathObject>) -> [NodePtr]? {
        guard result.pointee.type == XPATH_NODESET || result.pointee.type == XPATH_XSLT_TREE else { return nil }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
            return []
        }
        var nodes: [NodePtr] = []
        nodes.reserveCapacity(Int(set.pointee.nodeNr))
        for i in 0..<Int(set.pointee.nodeNr) {
            guard let node = table[i], node.pointee.type != XML_NAMESPACE_DECL else { continue }
            nodes.append(node)
        }
        return nodes
    }

    /// Strings of any result: node texts, or the one string/number/boolean value.
    static func strings(of result: UnsafeMutablePointer<xmlXPathObject>, mode: TextMode) -> [String] {
        if let nodes = nodes(of: result) {
            return nodes.map { nodeText($0, mode: mode) }
        }
        switch result.pointee.type {
        case XPATH_STRING:
            return [result.pointee.stringval.map { collapseWhiteSpace(String(cString: $0)) } ?? ""]
        case XPATH_NUMBER:
            return [formatNumber(result.pointee.floatval)]
        case XPATH_BOOLEAN:
            return [result.pointee.boolval != 0 ? "true" : "false"]
        default:
            return []
        }
    }

    /// Elements of a node-set result, copied out; non-element nodes (attributes, text) are left out.
    static func elements(of result: UnsafeMutablePointer<xmlXPathObject>, expression: String,
                         mode: TextMode) throws(XPathError) -> [HTMLElement] {
        guard let nodes = nodes(of: result) else {
            throw XPathError(expression: expression, message: "the expression does not select nodes")
        }
        return nodes.filter(\.isElement).map {
            HTMLElement(name: $0.lowercasedName, attributes: $0.attributeDictionary, text: nodeText($0, mode: mode))
        }
    }

    /// XPath numbers as XPath's `string()` writes them: integers without a fraction.
    static func formatNumber(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private static func lastMessage(_ context: UnsafeMutablePointer<xmlXPathContext>, fallback: String) -> String {
        guard let raw = context.pointee.lastError.message else { return fallback }
        let message = trimHTMLSpace(String(cString: raw))
        return message.isEmpty ? fallback : message
    }
}
