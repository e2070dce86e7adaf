import Foundation
import PantauHTML

/// Recognises "soft 404s": pages that answer 200 but say the page does not exist.
///
/// Many CMS setups (and some web hosts) answer every unknown path with 200 and a "not found"
/// page, or with the home page. A link to such a URL is broken for the visitor whatever the status
/// says. Each site is probed once with a URL that cannot exist (``probePath(seed:)``); its answer
/// is the site's not-found template. A crawled page is a soft 404 when it matches that template
/// (same title and nearly the same main text, digits ignored), or when its title or first heading
/// says "halaman tidak ditemukan" / "page not found" / a bare "404".
public struct SoftNotFound: Sendable {
    /// The probe's answer when it was a 2xx page; nil when the site answers unknown paths honestly
    /// (4xx), or the probe could not be made.
    public private(set) var template: Fingerprint?

    /// Shingle overlap (Jaccard index) from which a page's main text is the template's.
    public static let similarityThreshold = 0.9

    /// The path of the probe: under the site root, random so no real page can have it.
    public static func probePath(seed: UInt64) -> String {
        "/pantau-404-check-\(String(seed, radix: 36))/"
    }

    /// Phrases that, in a page's title or first `<h1>`, declare it a not-found page (lowercased).
    public static let notFoundPhrases = [
        "halaman tidak ditemukan", "halaman yang anda cari tidak", "page not found", "page cannot be found",
        "page can't be found", "page can’t be found", "404 not found", "error 404", "404 error", "galat 404",
    ]

    /// The parts of a page compared with the template.
    public struct Fingerprint: Sendable {
        public var title: String
        /// Hashes of the main text's 4-word shingles, digits removed.
        public var shingles: Set<Int>

        public init(_ document: HTMLDocument) {
            title = (document.title ?? "").lowercased().filter { !$0.isNumber }
            shingles = Self.shingles(of: document.contentText())
        }

        static func shingles(of text: String) -> Set<Int> {
            let words = text.lowercased().split { !$0.isLetter }
            guard words.count >= 4 else { return words.isEmpty ? [] : [words.joined(separator: " ").hashValue] }
            var result: Set<Int> = []
            for start in 0...(words.count - 4) {
                result.insert(words[start..<start + 4].joined(separator: " ").hashValue)
            }
            return result
        }

        /// Jaccard index of the two shingle sets (1 when both are empty).
        func similarity(to other: Fingerprint) -> Double {
            if shingles.isEmpty && other.shingles.isEmpty { return 1 }
            let common = shingles.intersection(other.shingles).count
            return Double(common) / Double(shingles.union(other.shingles).count)
        }
    }

    public init(template: Fingerprint?) {
        self.template = template
    }

    /// Drops the template when the home page matches it: a site that answers unknown paths with
    /// its home page would otherwise make every copy of the home page a soft 404.
    public mutating func forgetTemplate(ifItMatches home: HTMLDocument) {
        guard let template else { return }
        let fingerprint = Fingerprint(home)
        if fingerprint.similarity(to: template) >= Self.similarityThreshold { self.template = nil }
    }

    /// Why `document` is a soft 404, or nil when it is a real page.
    public func reason(for document: HTMLDocument) -> String? {
        // Both are white-space collapsed and trimmed by the page scan.
        let title = document.title ?? ""
        let heading = document.headings.first { $0.level == 1 }?.text ?? ""
        for text in [title, heading] where !text.isEmpty {
            if let phrase = Self.declaredNotFound(text) { return "the page says \"\(phrase)\"" }
        }
        if let template {
            let fingerprint = Fingerprint(document)
            if fingerprint.title == template.title, fingerprint.similarity(to: template) >= Self.similarityThreshold {
                return "the page matches the site's answer to a URL that cannot exist"
            }
        }
        return nil
    }

    /// The phrase of ``notFoundPhrases`` that `text` contains, or the text itself when it is a bare
    /// "404" (a title like "404" or "404 | Dinas Kesehatan"); nil otherwise.
    static func declaredNotFound(_ text: String) -> String? {
        // Every phrase, and every bare form, holds one of these: most titles hold none, and this
        // runs for every page.
        guard mayDeclareNotFound(text) else { return nil }
        let lowered = text.lowercased()
        if let phrase = notFoundPhrases.first(where: { lowered.contains($0) }) { return phrase }
        let firstPart = lowered.split(whereSeparator: { "|-–—:".contains($0) }).first?
            .trimmingCharacters(in: .whitespaces) ?? ""
        if firstPart == "404" || firstPart == "not found" || firstPart == "tidak ditemukan" { return text }
        return nil
    }

    private static let markers: [[UInt8]] = ["404", "found", "tidak"].map { Array($0.utf8) }

    /// True when the text holds `404`, `found` or `tidak` (ASCII letters in any case).
    static func mayDeclareNotFound(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            markers.contains { marker in
                guard bytes.count >= marker.count else { return false }
                return (0...(bytes.count - marker.count)).contains { start in
                    marker.indices.allSatisfy { offset in
                        let byte = bytes[start + offset]
                        return (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == marker[offset]
                    }
                }
            }
        }
    }
}
