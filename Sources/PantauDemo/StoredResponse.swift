/// Marks where a page's origin needs the server's port: `http://host` + marker + `/path`.
///
/// Pages are rendered once, before the port is known (the server binds port 0); serving splices
/// `:PORT` in at the marker, which costs one copy per request and no parsing.
let portMarker: Character = "\u{1}"
let portMarkerByte: UInt8 = 0x01

/// A pre-rendered response of one demo URL.
struct StoredResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    /// The body split at every ``portMarker``.
    var chunks: [[UInt8]]

    init(status: Int, contentType: String?, body: String, extraHeaders: [(name: String, value: String)] = []) {
        self.init(status: status, contentType: contentType, bytes: Array(body.utf8), extraHeaders: extraHeaders)
    }

    init(status: Int, contentType: String?, bytes: [UInt8], extraHeaders: [(name: String, value: String)] = []) {
        self.status = status
        var headers = extraHeaders
        if let contentType { headers.insert((name: "Content-Type", value: contentType), at: 0) }
        self.headers = headers
        self.chunks = bytes.split(separator: portMarkerByte, omittingEmptySubsequences: false).map(Array.init)
    }

    /// The body with `:port` at every marker (nothing when `port` is nil).
    func body(port: Int?) -> [UInt8] {
        guard chunks.count > 1 else { return chunks.first ?? [] }
        let portBytes = port.map { Array(":\($0)".utf8) } ?? []
        var out: [UInt8] = []
        out.reserveCapacity(chunks.reduce(0) { $0 + $1.count } + portBytes.count * (chunks.count - 1))
        for (i, chunk) in chunks.enumerated() {
            if i > 0 { out += portBytes }
            out += chunk
        }
        return out
    }

    static func redirect(to location: String) -> StoredResponse {
        StoredResponse(status: 301, contentType: "text/plain; charset=utf-8", body: "Moved Permanently",
                       extraHeaders: [(name: "Location", value: location)])
    }

    /// Deliberately without links, so a crawler that reads error pages finds no extra referrers.
    static let notFound = StoredResponse(status: 404, contentType: "text/plain; charset=utf-8", body: "404 Not Found")
}

/// The origin of a demo host with the port marker: `http://dinkes.sukamajukab.test\u{1}`.
func markedOrigin(_ host: String) -> String { "http://\(host)\(portMarker)" }

/// Replaces the marker in a string (for ground truth and inventory URLs).
func resolvePort(_ text: String, port: Int?) -> String {
    text.replacingOccurrences(of: String(portMarker), with: port.map { ":\($0)" } ?? "")
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
