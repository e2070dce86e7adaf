import PantauYAML

/// A finding's message with placeholders, checked when the rule loads.
///
/// Placeholders: `{url}` (the first matching page, or the home page when the rule fires because
/// no page matched), `{match}` (what matched there, white space collapsed, at most
/// ``maxMatchLength`` characters), `{count}` (pages that matched), `{pages}` (pages examined).
public struct MessageTemplate: Sendable, Hashable {
    public static let placeholders = ["url", "match", "count", "pages"]
    /// `{match}` is cut to this many characters (with "…"): enough to recognise spam text.
    public static let maxMatchLength = 120

    public let source: String

    /// - Throws: ``YAMLError`` at `location` naming an unknown placeholder.
    public init(_ source: String, at location: SourceLocation) throws(YAMLError) {
        for name in Self.names(in: source) where !Self.placeholders.contains(name) {
            throw YAMLError("unknown placeholder '{\(name)}'"
                            + Suggestion.phrase(for: name, among: Self.placeholders, listing: true), at: location)
        }
        self.source = source
    }

    /// The message with every placeholder replaced.
    public func render(url: String, match: String?, count: Int, pages: Int) -> String {
        source.replacingOccurrences(of: "{url}", with: url)
            .replacingOccurrences(of: "{match}", with: Self.trimmed(match ?? ""))
            .replacingOccurrences(of: "{count}", with: String(count))
            .replacingOccurrences(of: "{pages}", with: String(pages))
    }

    /// White space collapsed, cut to ``maxMatchLength`` characters.
    public static func trimmed(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return collapsed.count > maxMatchLength ? String(collapsed.prefix(maxMatchLength - 1)) + "…" : collapsed
    }

    /// Names written as `{name}` (letters, digits and `_`).
    private static func names(in text: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty { names.append(name) }
                current = nil
            } else if current != nil {
                if character.isLetter || character.isNumber || character == "_" { current!.append(character) } else { current = nil }
            }
        }
        return names
    }
}
