import CCurl

/// The scheme, host and port of a URL as libcurl itself will read them, so the allow-list check
/// in `onlyResolved` mode can never disagree with where libcurl would connect.
struct URLTarget: Hashable {
    var scheme: String
    var host: String
    var port: Int

    /// Parses an absolute URL with libcurl's URL API (thread-safe, no easy handle involved).
    /// Nil when libcurl rejects it, or the scheme is not http/https.
    init?(_ url: String) {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK,
              let scheme = Self.part(handle, CURLUPART_SCHEME, flags: 0)?.lowercased(),
              scheme == "http" || scheme == "https",
              let host = Self.part(handle, CURLUPART_HOST, flags: 0), !host.isEmpty,
              let portText = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)),
              let port = Int(portText)
        else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
    }

    private static func part(_ handle: OpaquePointer, _ which: CURLUPart, flags: UInt32) -> String? {
        var out: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &out, flags) == CURLUE_OK, let out else { return nil }
        defer { curl_free(out) }
        return String(cString: out)
    }
}

/// Answers "may this URL be fetched?" for `onlyResolved` mode.
struct HostAllowList: Sendable {
    private let allowed: Set<HostPort>
    let isEnforced: Bool

    private struct HostPort: Hashable, Sendable {
        var host: String
        var port: Int
    }

    init(configuration: FetchConfiguration) {
        isEnforced = configuration.onlyResolved
        allowed = Set(configuration.resolve.map { HostPort(host: $0.host.lowercased(), port: $0.port) })
    }

    /// Nil when `url` may be fetched; otherwise the error to report.
    func check(_ url: String) -> FetchError? {
        guard let target = URLTarget(url) else { return .invalidURL(url) }
        if isEnforced && !allowed.contains(HostPort(host: target.host, port: target.port)) {
            return .hostNotAllowed(url: url)
        }
        return nil
    }
}
