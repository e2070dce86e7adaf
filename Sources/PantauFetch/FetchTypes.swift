/// The HTTP methods an audit needs: pages are read with GET, links are checked with HEAD.
public enum FetchMethod: Sendable, Hashable {
    case get
    case head
}

/// One fetch to perform.
public struct FetchRequest: Sendable {
    /// Absolute `http` or `https` URL.
    public var url: String
    public var method: FetchMethod
    /// Extra request headers, sent in order after libcurl's own.
    public var headers: [(String, String)]
    /// Whether 301/302/303/307/308 answers are followed (each hop recorded) or returned as is.
    public var followRedirects: Bool
    /// Overrides `FetchConfiguration.maxBodyBytes` for this request (bytes).
    public var maxBodyBytes: Int?

    public init(url: String, method: FetchMethod = .get, headers: [(String, String)] = [],
                followRedirects: Bool = true, maxBodyBytes: Int? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.followRedirects = followRedirects
        self.maxBodyBytes = maxBodyBytes
    }
}

/// One redirect answered on the way to the final response.
public struct RedirectHop: Sendable, Hashable {
    /// The URL that answered with the redirect.
    public var url: String
    /// The 3xx status code it answered with.
    public var status: Int
    /// The redirect target as an absolute URL (a relative `Location` is resolved against `url`,
    /// RFC 9110 §10.2.2).
    public var location: String

    public init(url: String, status: Int, location: String) {
        self.url = url
        self.status = status
        self.location = location
    }
}

/// The final answer of a fetch. Any HTTP status, 4xx and 5xx included, is a response, not an error.
public struct FetchResponse: Sendable {
    /// The URL the caller asked for.
    public var requestedURL: String
    /// The URL that gave the final response (after redirects), as libcurl normalised it.
    public var finalURL: String
    /// HTTP status code of the final response.
    public var status: Int
    /// Headers of the final response only, in the order received.
    public var headers: [(name: String, value: String)]
    /// Decoded body (gzip, deflate, br undone), at most the body cap; empty for HEAD.
    public var body: [UInt8]
    /// True when the body was longer than the cap and was cut.
    public var bodyTruncated: Bool
    /// Every redirect before the final response, in order; empty when there was none.
    public var redirectChain: [RedirectHop]
    /// Seconds spent on all hops (libcurl's `CURLINFO_TOTAL_TIME`, summed).
    public var totalTime: Double

    public init(requestedURL: String, finalURL: String, status: Int, headers: [(name: String, value: String)],
                body: [UInt8], bodyTruncated: Bool, redirectChain: [RedirectHop], totalTime: Double) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.redirectChain = redirectChain
        self.totalTime = totalTime
    }

    /// True when the fetch asked for `http:` and ended on `https:` (an upgrade redirect; the hop
    /// is in `redirectChain`).
    public var upgradedToHTTPS: Bool {
        requestedURL.lowercased().hasPrefix("http:") && finalURL.lowercased().hasPrefix("https:")
    }

    /// The first value of header `name`, compared case-insensitively (RFC 9110 §5.1).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Why a fetch produced no response.
public enum FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not an absolute http(s) URL that libcurl can parse.
    case invalidURL(String)
    /// `onlyResolved` is set and the URL's host:port is not in the resolve list.
    case hostNotAllowed(url: String)
    /// The fetch did not finish within `seconds` (connect or whole-request timeout).
    case timeout(url: String, seconds: Double)
    /// No usable connection: refused, DNS failure, TLS failure.
    case connectionFailed(url: String, reason: String)
    /// The connection was reset or closed before a complete response came (libcurl's SEND_ERROR,
    /// RECV_ERROR, GOT_NOTHING, PARTIAL_FILE): often a momentary overload, so worth a retry.
    case connectionLost(url: String, reason: String)
    /// Not attempted: the host failed `failures` times in a row at the connection level and is
    /// treated as unreachable for the rest of the run (a circuit breaker; `last` is the last failure).
    case hostUnreachable(url: String, failures: Int, last: String)
    /// Not attempted (again): the host asked for a pause of `waitSeconds` (429/503 `Retry-After`,
    /// or its lowered request rate), longer than the `capSeconds` one request may wait.
    case rateLimited(url: String, waitSeconds: Double, capSeconds: Double)
    /// More than `maxRedirects` redirects; `chain` holds every hop seen.
    case tooManyRedirects(url: String, chain: [RedirectHop])
    /// A redirect pointed back at a URL already visited in this fetch.
    case redirectLoop(url: String, chain: [RedirectHop])
    /// The calling task was cancelled or the engine shut down.
    case cancelled(url: String)
    /// Any other libcurl failure, with libcurl's code and message.
    case transfer(url: String, code: Int, reason: String)

    /// The URL the failure concerns (for redirect failures, the URL first asked for).
    public var url: String {
        switch self {
        case .invalidURL(let url), .hostNotAllowed(let url), .timeout(let url, _),
             .connectionFailed(let url, _), .connectionLost(let url, _), .hostUnreachable(let url, _, _),
             .rateLimited(let url, _, _), .tooManyRedirects(let url, _), .redirectLoop(let url, _),
             .cancelled(let url), .transfer(let url, _, _):
            return url
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "\(url) is not a valid http or https URL"
        case .hostNotAllowed(let url):
            return "\(url) was not fetched: its host and port are not in the allowed resolve list"
        case .timeout(let url, let seconds):
            return "\(url) did not answer within \(seconds) seconds"
        case .connectionFailed(let url, let reason):
            return "could not connect to \(url): \(reason)"
        case .connectionLost(let url, let reason):
            return "the connection to \(url) was lost before a complete answer: \(reason)"
        case .hostUnreachable(let url, let failures, let last):
            return "\(url) was not fetched: host unreachable: \(failures) consecutive failures, last: \(last)"
        case .rateLimited(let url, let wait, let cap):
            return "\(url) was not fetched: rate-limited, the host asked to wait \(Self.seconds(wait)) s, "
                + "more than the \(Self.seconds(cap)) s allowed per request"
        case .tooManyRedirects(let url, let chain):
            return "\(url) redirected \(chain.count) times, more than allowed (last to \(chain.last?.location ?? "?"))"
        case .redirectLoop(let url, let chain):
            return "\(url) redirects in a loop (back to \(chain.last?.location ?? "?") after \(chain.count) hops)"
        case .cancelled(let url):
            return "fetching \(url) was cancelled"
        case .transfer(let url, let code, let reason):
            return "fetching \(url) failed: \(reason) (curl error \(code))"
        }
    }

    /// Whole seconds when whole, else one decimal.
    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String((value * 10).rounded() / 10)
    }
}
