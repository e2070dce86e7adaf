/// Reads the keys of one mapping node and then reports the keys nobody asked for.
///
/// Typical use, collecting every problem rather than stopping at the first:
/// ```swift
/// var reader = try MappingReader(node)
/// let id = diagnostics.attempt { try reader.required("id").string() }
/// let weight = diagnostics.attempt { try reader.optional("weight")?.double(in: 0...1000) }
/// diagnostics.report(contentsOf: reader.finish())
/// ```
/// Keys must be non-null scalars. Duplicate keys are reported at the second occurrence; reads
/// see the first one, as most YAML tools keep it.
public struct MappingReader: Sendable {
    /// The mapping node being read.
    public let node: YAMLNode
    private let entries: [(key: YAMLNode, value: YAMLNode)]
    private var asked: [String] = []

    /// - Throws: ``YAMLError`` at `node` when it is not a mapping.
    public init(_ node: YAMLNode, expected what: String = "a mapping") throws(YAMLError) {
        guard let entries = node.mappingEntries else { throw node.typeError(expected: what) }
        self.node = node
        self.entries = entries
    }

    /// The mapping's keys in document order (non-scalar keys left out).
    public var keys: [String] { entries.compactMap(\.key.scalarText) }

    /// True when the mapping writes `key`, whatever its value.
    public func contains(_ key: String) -> Bool { entries.contains { $0.key.scalarText == key } }

    /// The value at `key`.
    /// - Throws: ``YAMLError`` at the mapping ("missing required key 'id'") when absent.
    public mutating func required(_ key: String) throws(YAMLError) -> YAMLNode {
        guard let value = lookup(key) else {
            throw YAMLError("missing required key '\(key)'", at: node.location)
        }
        return value
    }

    /// The value at `key`, or nil when the key is absent or its value is null (`key:` or `key: ~`),
    /// so an emptied optional key means "use the default".
    public mutating func optional(_ key: String) -> YAMLNode? {
        guard let value = lookup(key), !value.isNull else { return nil }
        return value
    }

    /// Errors for keys that were never asked for (with a suggestion from the asked keys and
    /// `alsoAllowed`), for duplicate keys and for keys that are not scalars.
    public func finish(alsoAllowed: [String] = []) -> [YAMLError] {
        finish(allowedKeys: asked + alsoAllowed)
    }

    /// Errors for keys outside `allowedKeys` ("unknown key 'severty'; did you mean 'severity'?",
    /// or the list of valid keys when none is close), for duplicate keys ("duplicate key 'id';
    /// first written at line 3, column 5") and for keys that are not scalars.
    public func finish(allowedKeys: [String]) -> [YAMLError] {
        var allowedInOrder: [String] = []
        for key in allowedKeys where !allowedInOrder.contains(key) { allowedInOrder.append(key) }
        var errors: [YAMLError] = []
        var seen: [String: SourceLocation] = [:]
        for (key, _) in entries {
            guard let name = key.scalarText, !key.isNull else {
                errors.append(key.typeError(expected: "a key name"))
                continue
            }
            if let first = seen[name] {
                errors.append(YAMLError("duplicate key '\(name)'; first written at line \(first.line), column \(first.column)",
                                        at: key.location))
                continue
            }
            seen[name] = key.location
            if !allowedInOrder.contains(name) {
                errors.append(YAMLError("unknown key '\(name)'" + Suggestion.phrase(for: name, among: allowedInOrder),
                                        at: key.location))
            }
        }
        return errors
    }

    private mutating func lookup(_ key: String) -> YAMLNode? {
        if !asked.contains(key) { asked.append(key) }
        return entries.first { $0.key.scalarText == key }?.value
    }
}
