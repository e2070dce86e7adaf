#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Engine-wide settings for a `FetchEngine`. All times are in seconds, all sizes in bytes.
public struct FetchConfiguration: Sendable {
    /// Sent as `User-Agent` on every request, so site operators can see who is auditing them and why.
    public var userAgent: String
    /// Seconds allowed to establish a connection (TCP and TLS) for one hop.
    public var connectTimeout: Double
    /// Seconds allowed for the whole fetch, every redirect hop included.
    public var requestTimeout: Double
    /// Redirects followed before a fetch fails with `FetchError.tooManyRedirects`
    /// (10, as the common browser limit; RFC 9110 §15.4 only asks clients to detect loops).
    public var maxRedirects: Int
    /// Decoded body bytes kept per response; beyond it the transfer stops and the response
    /// is flagged `bodyTruncated`. Default 5 MiB, larger than any page an audit needs to read.
    public var maxBodyBytes: Int
    /// Open connections across all hosts (`CURLMOPT_MAX_TOTAL_CONNECTIONS`).
    public var maxTotalConnections: Int
    /// Open connections per host (`CURLMOPT_MAX_HOST_CONNECTIONS`); 4 keeps the audit polite to
    /// small government servers. Extra requests wait inside libcurl for a free connection.
    public var maxConnectionsPerHost: Int
    /// Host-to-address overrides, like `curl --resolve HOST:PORT:ADDRESS` (`CURLOPT_RESOLVE`).
    public var resolve: [ResolveEntry]
    /// When true, a URL whose host:port is not in `resolve` fails at once with
    /// `FetchError.hostNotAllowed`: no DNS lookup, no connection. Tests and the demo use it so
    /// nothing ever leaves the loopback interface. Redirect targets are checked too.
    public var onlyResolved: Bool
    /// An extra CA bundle file (PEM) for TLS verification (`CURLOPT_CAINFO`); nil uses the system's.
    public var caFile: String?

    /// The default `User-Agent`, naming the project and the purpose of the visit.
    public static let defaultUserAgent =
        "Pantau/0.1 (+https://github.com/pantau-audit/pantau; audit of government websites)"

    public init(
        userAgent: String = FetchConfiguration.defaultUserAgent,
        connectTimeout: Double = 10,
        requestTimeout: Double = 30,
        maxRedirects: Int = 10,
        maxBodyBytes: Int = 5 * 1024 * 1024,
        maxTotalConnections: Int = 64,
        maxConnectionsPerHost: Int = 4,
        resolve: [ResolveEntry] = [],
        onlyResolved: Bool = false,
        caFile: String? = nil
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
        self.maxTotalConnections = maxTotalConnections
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.resolve = resolve
        self.onlyResolved = onlyResolved
        self.caFile = caFile
    }
}

/// One `HOST:PORT:ADDRESS` override: connections to `host` on `port` go to `address` instead of
/// a DNS answer, while the URL, `Host` header and TLS name stay `host`.
public struct ResolveEntry: Sendable, Hashable, CustomStringConvertible {
    /// Host name as it appears in URLs, lowercased.
    public var host: String
    /// TCP port, 1...65535.
    public var port: Int
    /// The address to connect to (IPv4, or bracketed IPv6 such as `[::1]`).
    public var address: String

    public init(host: String, port: Int, address: String) {
        self.host = host.lowercased()
        self.port = port
        self.address = address
    }

    /// Parses `HOST:PORT:ADDRESS` (curl's `--resolve` syntax); nil when a part is missing,
    /// the port is not in 1...65535, or ADDRESS is not a numeric IPv4 or IPv6 address
    /// (`127.0.0.1`, `[::1]`, `::1`; several separated by commas). libcurl skips an entry whose
    /// address is a name and then looks the host up in DNS: exactly what `--resolve` and
    /// `--only-resolved` promise not to do.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty,
              let port = Int(parts[1]), (1...65535).contains(port),
              parts[2].split(separator: ",", omittingEmptySubsequences: false).allSatisfy(Self.isNumericAddress)
        else { return nil }
        self.init(host: String(parts[0]), port: port, address: String(parts[2]))
    }

    private static func isNumericAddress(_ text: Substring) -> Bool {
        var address = String(text)
        if address.hasPrefix("["), address.hasSuffix("]"), address.count > 2 {
            address = String(address.dropFirst().dropLast())
            var v6 = in6_addr()
            return inet_pton(AF_INET6, address, &v6) == 1
        }
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, address, &v4) == 1 || inet_pton(AF_INET6, address, &v6) == 1
    }

    /// The entry in `HOST:PORT:ADDRESS` form, as `CURLOPT_RESOLVE` wants it.
    public var description: String { "\(host):\(port):\(address)" }
}
