import Foundation
import PantauYAML

/// A regular expression whose every use is bounded, so a careless pattern on a huge page cannot
/// stall an audit.
///
/// Bounds, all counted (never timed, so results do not depend on machine load):
/// - input: only the first ``maxInputUTF16`` UTF-16 code units (256 Ki, about 256 KB of text)
///   of any text are searched;
/// - matches: only the first match is collected (it is all a condition needs);
/// - backtracking: a pattern with a nested unbounded quantifier (`(a+)+`, `(\\w*\\s?)*`), the
///   shape that backtracks exponentially, is refused when the rules load, with a located error.
///   Searches then run without per-position callbacks, which on this Foundation cost more than
///   the matching itself.
public struct BoundedRegex: Sendable {
    /// Most UTF-16 code units of one text that are searched.
    public static let maxInputUTF16 = 262_144

    /// The pattern as written.
    public var source: String { compiled.source }
    /// Everything compiled, behind one reference: a pattern is copied wherever a list of them is
    /// walked (every anchor text and path of every page), and a copy of the fields themselves
    /// cost one reference count each (the pre-filter holds four arrays).
    private let compiled: Compiled

    private final class Compiled: Sendable {
        let source: String
        let expression: NSRegularExpression
        let prefilter: LiteralPrefilter?
        /// The pattern alone, for texts no group prepared.
        let group: PatternGroup

        init(source: String, expression: NSRegularExpression, prefilter: LiteralPrefilter?) {
            self.source = source
            self.expression = expression
            self.prefilter = prefilter
            group = PatternGroup(index: LiteralIndex(prefilter.map { [$0] } ?? []))
        }
    }

    /// The literal pre-filter, for a ``PatternGroup``.
    var literalPrefilter: LiteralPrefilter? { compiled.prefilter }

    /// This pattern as a group of one: prepare a text with it when only this pattern reads it.
    public var group: PatternGroup { compiled.group }

    /// - Throws: Foundation's error when the pattern does not compile, or
    ///   ``CatastrophicPattern`` when it nests unbounded quantifiers.
    public init(_ pattern: String, caseSensitive: Bool = false) throws {
        if let fragment = Self.nestedQuantifier(in: pattern) { throw CatastrophicPattern(fragment: fragment) }
        compiled = Compiled(
            source: pattern,
            expression: try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive]),
            prefilter: LiteralPrefilter(pattern: pattern, caseSensitive: caseSensitive))
    }

    /// A pattern refused because it can backtrack exponentially.
    public struct CatastrophicPattern: Error, CustomStringConvertible {
        public var fragment: String
        public var description: String {
            "the group '\(fragment)' repeats something that itself repeats, which can take exponential time; "
                + "rewrite it without the outer or the inner repetition"
        }
    }

    /// The first group that holds an unbounded quantifier and is itself repeated without bound,
    /// or nil. Escapes and character classes are skipped; good enough to catch the classic shapes.
    static func nestedQuantifier(in pattern: String) -> String? {
        let chars = Array(pattern)
        var stack: [(start: Int, hasQuantifier: Bool)] = []
        var index = 0
        func isUnbounded(at i: Int) -> Bool {
            guard i < chars.count else { return false }
            if chars[i] == "+" || chars[i] == "*" { return true }
            if chars[i] == "{", let close = chars[i...].firstIndex(of: "}") {
                let body = String(chars[(i + 1)..<close])
                return body.hasSuffix(",") || (body.split(separator: ",").last.flatMap { Int($0) } ?? 0) > 16
            }
            return false
        }
        while index < chars.count {
            switch chars[index] {
            case "\\":
                index += 1
            case "[":
                index += 1
                if index < chars.count, chars[index] == "^" { index += 1 }
                if index < chars.count, chars[index] == "]" { index += 1 }
                while index < chars.count, chars[index] != "]" {
                    if chars[index] == "\\" { index += 1 }
                    index += 1
                }
            case "(":
                stack.append((index, false))
            case ")":
                guard let group = stack.popLast() else { break }
                if group.hasQuantifier, isUnbounded(at: index + 1) {
                    return String(chars[group.start...min(index + 1, chars.count - 1)])
                }
                if group.hasQuantifier || isUnbounded(at: index + 1), !stack.isEmpty {
                    stack[stack.count - 1].hasQuantifier = true
                }
            default:
                if isUnbounded(at: index), !stack.isEmpty { stack[stack.count - 1].hasQuantifier = true }
            }
            index += 1
        }
        return nil
    }

    /// Reads a scalar pattern and compiles it, reporting a bad one at its node.
    public static func decode(_ node: YAMLNode, caseSensitive: Bool) throws(YAMLError) -> BoundedRegex {
        let text = try node.string()
        do {
            return try BoundedRegex(text, caseSensitive: caseSensitive)
        } catch {
            throw YAMLError("invalid regular expression '\(text)'" + Self.reason(error, pattern: text), at: node.location)
        }
    }

    private static func reason(_ error: Error, pattern: String) -> String {
        if let refused = error as? CatastrophicPattern { return ": \(refused)" }
        if let hint = PatternSyntax.problem(in: pattern) { return ": \(hint)" }
        // Foundation on Linux says only "The value is invalid." for every ICU error.
        let text = (error as NSError).localizedFailureReason ?? ""
        return text.isEmpty || text.hasPrefix("The value is invalid") ? "" : ": \(text)"
    }

    /// The outcome of one bounded search.
    public struct Search: Sendable, Equatable {
        /// The first match's text, or nil.
        public var match: String?
        /// True when the input was longer than ``maxInputUTF16`` and only its start was searched.
        public var truncated: Bool
    }

    /// Searches the start of `text` for the first match.
    public func search(_ text: String) -> Search {
        guard compiled.prefilter != nil else { return engineSearch(text) }
        return search(compiled.group.prepare(text))
    }

    /// ``search(_:)`` with the text already prepared for the literal pre-filter (prepare it once
    /// when several patterns search the same text).
    public func search(_ text: String, folded: @autoclosure () -> FoldedText) -> Search {
        guard compiled.prefilter != nil else { return engineSearch(text) }
        let folded = folded()
        guard mayMatch(folded) else { return Search(match: nil, truncated: folded.exceeds(utf16: Self.maxInputUTF16)) }
        return engineSearch(text)
    }

    /// ``search(_:)`` of the text `folded` was prepared from. A text given as bytes
    /// (``PatternGroup/prepare(utf8:)``) becomes a `String` only when the pre-filter lets the
    /// engine run, which on most pages no pattern does.
    public func search(_ folded: FoldedText) -> Search {
        guard mayMatch(folded) else { return Search(match: nil, truncated: folded.exceeds(utf16: Self.maxInputUTF16)) }
        return engineSearch(folded.text)
    }

    /// The ICU search of the first ``maxInputUTF16`` code units.
    private func engineSearch(_ text: String) -> Search {
        let length = text.utf16.count
        let truncated = length > Self.maxInputUTF16
        let input = truncated ? Self.prefix(text) : text
        let range = NSRange(location: 0, length: truncated ? input.utf16.count : length)
        guard let found = compiled.expression.firstMatch(in: input, options: [], range: range),
              let bounds = Range(found.range, in: input) else {
            return Search(match: nil, truncated: truncated)
        }
        return Search(match: String(input[bounds]), truncated: truncated)
    }

    /// The first match in `text`, or nil (see ``search(_:)``).
    public func firstMatch(in text: String) -> String? { search(text).match }

    /// False only when `text` certainly holds no match (the literal pre-filter; true when the
    /// pattern has none). Sound for any text that contains the searched one, so one check over
    /// several texts joined can rule them all out.
    public func mayMatch(_ text: FoldedText) -> Bool {
        guard let prefilter = compiled.prefilter else { return true }
        // A text prepared by another group is read again for this pattern's own literals.
        return text.mayMatch(prefilter) ?? compiled.group.prepare(text.text).mayMatch(prefilter) ?? true
    }

    /// The first ``maxInputUTF16`` code units, not splitting a surrogate pair.
    private static func prefix(_ text: String) -> String {
        var end = text.utf16.index(text.utf16.startIndex, offsetBy: maxInputUTF16)
        while end > text.startIndex, text.utf16[text.utf16.index(before: end)] >= 0xD800,
              text.utf16[text.utf16.index(before: end)] <= 0xDBFF {
            end = text.utf16.index(before: end)
        }
        return String(text.utf16[..<end]) ?? String(decoding: text.utf16[..<end], as: UTF16.self)
    }
}
