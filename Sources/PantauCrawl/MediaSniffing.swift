import Foundation

extension Substring {
    /// Without the leading and trailing characters that satisfy `drop`.
    fileprivate func trimmingPrefixAndSuffix(_ drop: (Character) -> Bool) -> Substring {
        guard let first = firstIndex(where: { !drop($0) }), let last = lastIndex(where: { !drop($0) }) else { return "" }
        return self[first...last]
    }
}

/// What a response is, from its headers and first bytes (issue 3 item 7: only HTML is parsed as
/// HTML, whatever the header claims).
enum MediaSniffing {
    /// Media type (lowercased, no parameters) and charset of a response, from the last
    /// `Content-Type` header (RFC 9110 §8.3). Read without Foundation: it runs for every response.
    static func contentType(_ headers: [(name: String, value: String)]) -> (String?, String?) {
        guard let value = headers.last(where: { isContentType($0.name) })?.value else { return (nil, nil) }
        let parts = value.split(separator: ";")
        let type = parts.first.map { trimmed($0).lowercased() }
        var charset: String?
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, trimmed(pair[0]).lowercased() == "charset" {
                charset = String(trimmed(pair[1]).trimmingPrefixAndSuffix { $0 == "\"" || $0 == "'" })
            }
        }
        return (type, charset)
    }

    /// `Content-Type` in any letter case, compared without a lowercased copy.
    private static func isContentType(_ name: String) -> Bool {
        name.utf8.count == 12 && zip(name.utf8, "content-type".utf8).allSatisfy { ($0 | 0x20) == ($1 | 0x20) }
    }

    /// Without the spaces and tabs around it (HTTP's optional white space).
    private static func trimmed(_ text: Substring) -> Substring {
        text.trimmingPrefixAndSuffix { $0 == " " || $0 == "\t" }
    }

    /// Magic numbers of files servers mislabel as `text/html` (a PDF from a download script):
    /// PDF, PNG, JPEG, GIF, ZIP (docx, xlsx), gzip.
    static let binarySignatures: [[UInt8]] = [
        Array("%PDF-".utf8), [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF8".utf8), [0x50, 0x4B, 0x03, 0x04],
        [0x1F, 0x8B],
    ]

    /// Only HTML is parsed as HTML, whatever else a server claims: the header says so, or (with
    /// no or a generic header) the body starts like an HTML document.
    static func isHTML(mediaType: String?, body: [UInt8]) -> Bool {
        if binarySignatures.contains(where: { body.starts(with: $0) }) { return false }
        switch mediaType {
        case "text/html", "application/xhtml+xml": return true
        case nil, "application/octet-stream", "text/plain":
            let prefix = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
            return prefix.contains("<!doctype html") || prefix.contains("<html")
        default: return false
        }
    }
}
