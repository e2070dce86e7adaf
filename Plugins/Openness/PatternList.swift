import PantauPattern
import PantauYAML

/// Case-insensitive regular expressions (ICU syntax, as `NSRegularExpression` reads them),
/// compiled once when the rule set loads, each with its literal pre-filter (``BoundedRegex``):
/// a section's patterns are tried on every new anchor text and path of a site, and most hold
/// none of the literals a match needs.
public struct PatternList: Sendable {
    /// The patterns as written, in order.
    public let sources: [String]
    /// The compiled patterns, in the same order.
    let expressions: [BoundedRegex]
    /// The patterns as one group, for a text only this list reads.
    private let group: PatternGroup

    /// Compiles patterns that are not in a file (tests, built-in defaults).
    /// - Throws: the first pattern that does not compile, as `NSError` from Foundation, or
    ///   ``BoundedRegex/CatastrophicPattern``.
    public init(_ patterns: [String]) throws {
        self.init(sources: patterns, expressions: try patterns.map { try BoundedRegex($0) })
    }

    private init(sources: [String], expressions: [BoundedRegex]) {
        self.sources = sources
        self.expressions = expressions
        group = PatternGroup(expressions)
    }

    /// Reads a string or a list of strings and compiles each, reporting every bad pattern at its
    /// own node.
    static func decode(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> PatternList? {
        let items: [YAMLNode]
        switch node.kind {
        case .scalar: items = [node]
        case .sequence(let list): items = list
        case .mapping:
            diagnostics.report(node.typeError(expected: "a regular expression or a list of them"))
            return nil
        }
        var sources: [String] = []
        var expressions: [BoundedRegex] = []
        var failed = false
        for item in items {
            guard let text = diagnostics.attempt({ () throws(YAMLError) in try item.string() }) else {
                failed = true
                continue
            }
            do throws(YAMLError) {
                expressions.append(try BoundedRegex.decode(item, caseSensitive: false))
                sources.append(text)
            } catch {
                diagnostics.report(error)
                failed = true
            }
        }
        return failed ? nil : PatternList(sources: sources, expressions: expressions)
    }

    /// True when no pattern was given.
    public var isEmpty: Bool { expressions.isEmpty }

    /// True when any pattern matches somewhere in `text`.
    public func matches(_ text: String) -> Bool {
        guard !expressions.isEmpty else { return false }
        return matches(group.prepare(text))
    }

    /// ``matches(_:)`` on a text already prepared for the pre-filter (prepare it once, with a
    /// group of every list's patterns, when many lists read the same text).
    public func matches(_ text: FoldedText) -> Bool {
        expressions.contains { $0.search(text).match != nil }
    }

    /// True when any pattern matches any of `texts`.
    public func matchesAny(_ texts: [String]) -> Bool { texts.contains { matches($0) } }
}
