/// Typed reads of a node that fail with a ``YAMLError`` at the node's own location.
///
/// Types follow YAML 1.2's core schema, but strictly: only *plain* scalars can be null, booleans
/// or numbers; a quoted `"3"` is a string and is refused where a number is expected, so an
/// analyst's accidental quoting is reported instead of silently guessed.
extension YAMLNode {
    /// The scalar's text, or nil for sequences and mappings.
    public var scalarText: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// True for a plain `null`, `Null`, `NULL`, `~` or an empty plain scalar (`key:` with no value).
    public var isNull: Bool {
        guard case .scalar(let text, isQuoted: false) = kind else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The entries of a mapping node, or nil for other kinds.
    public var mappingEntries: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// A short phrase for messages: "a mapping", "a sequence", "null", "'abc'".
    public var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let text, let quoted):
            if isNull { return "nothing (null)" }
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return quoted ? "the quoted string \"\(shown)\"" : "'\(shown)'"
        }
    }

    /// An error at this node: "expected \(expected), found \(kindDescription)".
    public func typeError(expected: String) -> YAMLError {
        YAMLError("expected \(expected), found \(kindDescription)", at: location)
    }

    /// A non-null scalar's text (plain or quoted).
    /// - Throws: ``YAMLError`` when the node is null, a sequence or a mapping.
    public func string() throws(YAMLError) -> String {
        guard case .scalar(let text, _) = kind, !isNull else { throw typeError(expected: "a string") }
        return text
    }

    /// A plain decimal integer (`-3`, `42`, `1_000`), optionally within `range`.
    /// - Throws: ``YAMLError`` for other values, or naming the range when outside it.
    public func int(in range: ClosedRange<Int>? = nil) throws(YAMLError) -> Int {
        guard case .scalar(let text, isQuoted: false) = kind,
              let value = Int(text.replacingUnderscores()) else {
            throw typeError(expected: range.map { "a whole number in \($0.lowerBound)...\($0.upperBound)" }
                            ?? "a whole number")
        }
        if let range, !range.contains(value) {
            throw YAMLError("\(value) is out of range; expected \(range.lowerBound)...\(range.upperBound)", at: location)
        }
        return value
    }

    /// A plain finite decimal number (`3`, `0.5`, `-1e3`), optionally within `range`.
    /// - Throws: ``YAMLError`` for other values (including `.inf`/`.nan`), or naming the range.
    public func double(in range: ClosedRange<Double>? = nil) throws(YAMLError) -> Double {
        guard case .scalar(let text, isQuoted: false) = kind,
              let value = Double(text.replacingUnderscores()), value.isFinite else {
            throw typeError(expected: range.map { "a number in \(format($0.lowerBound))...\(format($0.upperBound))" }
                            ?? "a number")
        }
        if let range, !range.contains(value) {
            throw YAMLError("\(format(value)) is out of range; expected \(format(range.lowerBound))...\(format(range.upperBound))",
                            at: location)
        }
        return value
    }

    /// A plain `true`/`false`/`yes`/`no` (any letter case). `yes`/`no` are YAML 1.1 booleans that
    /// analysts still write; accepting them avoids a confusing error for an obvious intent.
    /// - Throws: ``YAMLError`` for anything else.
    public func bool() throws(YAMLError) -> Bool {
        if case .scalar(let text, isQuoted: false) = kind {
            switch text.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: break
            }
        }
        throw typeError(expected: "true or false")
    }

    /// The items of a sequence node.
    /// - Throws: ``YAMLError`` when the node is not a sequence.
    public func sequence() throws(YAMLError) -> [YAMLNode] {
        guard case .sequence(let items) = kind else { throw typeError(expected: "a list") }
        return items
    }

    /// A single string (`x`) or a list of strings (`[x, y]`), as the shorthand rule files allow.
    /// - Throws: ``YAMLError`` at the first item that is not a string.
    public func stringList() throws(YAMLError) -> [String] {
        switch kind {
        case .scalar:
            return [try string()]
        case .sequence(let items):
            var result: [String] = []
            for item in items { result.append(try item.string()) }
            return result
        case .mapping:
            throw typeError(expected: "a string or a list of strings")
        }
    }

    /// The value of a string-backed enum, listing the valid values when the text matches none.
    /// - Throws: ``YAMLError`` like "unknown severity 'fatal'; expected one of: info, warning, error, critical"
    ///   or "unknown severity 'eror'; did you mean 'error'? (expected one of: ...)".
    public func oneOf<T: RawRepresentable & CaseIterable>(_ type: T.Type, named what: String) throws(YAMLError) -> T
    where T.RawValue == String {
        let text = try string()
        if let value = T(rawValue: text) { return value }
        let valid = T.allCases.map(\.rawValue)
        throw YAMLError("unknown \(what) '\(text)'" + Suggestion.phrase(for: text, among: valid, listing: true),
                        at: location)
    }
}

private extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}

private func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
