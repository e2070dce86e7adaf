import Foundation
import PantauYAML

/// A regular expression whose every use is bounded, so a careless pattern on a huge page cannot
/// stall an audit.
///
/// Three caps, all counted (never timed, so results do not depend on machine load):
/// - input: only the first ``maxInputUTF16`` UTF-16 code units (256 Ki, about 256 KB of text)
///   of any text are searched;
/// - matches: only the first match is collected (it is all a condition needs);
/// - backtracking: ICU reports progress while it matches (`NSRegularExpression`'s
///   `.reportProgress`); after ``maxExtraProgressReports`` reports beyond one per input position
///   the search is abandoned and counts as "no match". A linear scan of 256 KB makes about one
///   report per position; catastrophic backtracking (`(a+)+b`) makes roughly a thousand extra
///   reports a second, so the cap ends such a search in well under a second.
public struct BoundedRegex: Sendable {
    /// Most UTF-16 code units of one text that are searched.
    public static let maxInputUTF16 = 262_144
    /// Progress reports allowed beyond one per searched position before a search is abandoned.
    public static let maxExtraProgressReports = 500

    /// The pattern as written.
    public let source: String
    private let expression: NSRegularExpression

    /// - Throws: Foundation's error when the pattern does not compile.
    public init(_ pattern: String, caseSensitive: Bool = false) throws {
        source = pattern
        expression = try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
    }

    /// Reads a scalar pattern and compiles it, reporting a bad one at its node.
    static func decode(_ node: YAMLNode, caseSensitive: Bool) throws(YAMLError) -> BoundedRegex {
        let text = try node.string()
        do {
            return try BoundedRegex(text, caseSensitive: caseSensitive)
        } catch {
            throw YAMLError("invalid regular expression '\(text)'" + Self.reason(error), at: node.location)
        }
    }

    private static func reason(_ error: Error) -> String {
        let text = (error as NSError).localizedFailureReason ?? ""
        return text.isEmpty ? "" : ": \(text)"
    }

    /// The outcome of one bounded search.
    public struct Search: Sendable, Equatable {
        /// The first match's text, or nil.
        public var match: String?
        /// True when the input was longer than ``maxInputUTF16`` and only its start was searched.
        public var truncated: Bool
        /// True when the backtracking cap ended the search (then `match` is nil).
        public var abandoned: Bool
    }

    /// Searches the start of `text` for the first match.
    public func search(_ text: String) -> Search {
        let whole = text as NSString
        let truncated = whole.length > Self.maxInputUTF16
        let input: NSString = truncated ? Self.prefix(whole) : whole
        var found: NSRange?
        var reports = 0
        var abandoned = false
        let budget = input.length + Self.maxExtraProgressReports
        expression.enumerateMatches(in: input as String, options: [.reportProgress],
                                    range: NSRange(location: 0, length: input.length)) { result, _, stop in
            if let result {
                found = result.range
                stop.pointee = true
                return
            }
            reports += 1
            if reports > budget {
                abandoned = true
                stop.pointee = true
            }
        }
        let match = found.flatMap { $0.location == NSNotFound ? nil : input.substring(with: $0) }
        return Search(match: match, truncated: truncated, abandoned: abandoned && match == nil)
    }

    /// The first match in `text`, or nil (see ``search(_:)``).
    public func firstMatch(in text: String) -> String? { search(text).match }

    /// The first ``maxInputUTF16`` code units, not splitting a surrogate pair.
    private static func prefix(_ text: NSString) -> NSString {
        var length = maxInputUTF16
        if (0xD800...0xDBFF).contains(text.character(at: length - 1)) { length -= 1 }
        return text.substring(to: length) as NSString
    }
}
