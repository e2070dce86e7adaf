import Foundation

/// How politely a run treats each host: request rate, retries, waits and the circuit breaker.
/// All times are in seconds.
///
/// The defaults suit the small shared servers most local-government sites run on (domain note
/// §3); benchmarks against a local server raise the rate or switch it off (`requestsPerSecond: 0`).
public struct PolitenessPolicy: Sendable, Hashable {
    /// Request starts per second to any one host; 0 means no limit. Starts are spaced evenly
    /// (`1 / requestsPerSecond` apart), not allowed in bursts.
    public var requestsPerSecond: Double
    /// Retries after a timeout, a lost connection, a 5xx or a 429 (so at most `maxRetries + 1`
    /// attempts). 4xx other than 429 are never retried: they are answers.
    public var maxRetries: Int
    /// First backoff before a retry; it doubles with each retry, with up to 50 % random jitter
    /// added so that many waiting requests do not return at the same moment.
    public var baseBackoff: Double
    /// Ceiling of one backoff pause.
    public var maxBackoff: Double
    /// The longest one request may spend waiting (rate spacing, backoff, `Retry-After` together),
    /// so a single host cannot stall the audit; beyond it the link stays UNVERIFIED ("rate-limited").
    public var maxWaitPerRequest: Double
    /// The pause used when a 429/503 carries no `Retry-After`, or one that is neither
    /// delta-seconds nor an HTTP-date (RFC 9110 §10.2.3): conservative, as the server is struggling.
    public var fallbackRetryAfter: Double
    /// After a 429 (or a 503 with `Retry-After`) the host's rate is multiplied by this for the
    /// rest of the run.
    public var rateReduction: Double
    /// The rate a host gets on its first 429 when it had no limit (`requestsPerSecond == 0`).
    public var rateAfterUnlimitedThrottle: Double
    /// No host's lowered rate goes below this (requests per second): with the per-request wait
    /// cap it bounds how long a host that keeps answering 429 can hold the audit up.
    public var minimumRate: Double
    /// Consecutive connection-level failures (refused, DNS, timeout, lost connection) after which
    /// a host is treated as unreachable for the rest of the run; 0 disables the breaker.
    public var circuitBreakerThreshold: Int
    /// Whether 429, and 503 with `Retry-After`, pause the host and lower its rate.
    public var obeysRetryAfter: Bool

    public init(requestsPerSecond: Double = 8, maxRetries: Int = 2, baseBackoff: Double = 1, maxBackoff: Double = 30,
                maxWaitPerRequest: Double = 120, fallbackRetryAfter: Double = 30, rateReduction: Double = 0.5,
                rateAfterUnlimitedThrottle: Double = 4, minimumRate: Double = 0.5, circuitBreakerThreshold: Int = 5,
                obeysRetryAfter: Bool = true) {
        self.requestsPerSecond = max(0, requestsPerSecond)
        self.maxRetries = max(0, maxRetries)
        self.baseBackoff = max(0, baseBackoff)
        self.maxBackoff = max(0, maxBackoff)
        self.maxWaitPerRequest = max(0, maxWaitPerRequest)
        self.fallbackRetryAfter = max(0, fallbackRetryAfter)
        self.rateReduction = min(1, max(0.01, rateReduction))
        self.rateAfterUnlimitedThrottle = max(0.01, rateAfterUnlimitedThrottle)
        self.minimumRate = max(0.001, minimumRate)
        self.circuitBreakerThreshold = max(0, circuitBreakerThreshold)
        self.obeysRetryAfter = obeysRetryAfter
    }

    /// Only the connection cap applies: no rate, no retries, no pauses, no breaker. What a bare
    /// `PoliteFetcher(engine:limiter:)` does, for tools and tests that want the engine's answers as they are.
    public static let passThrough = PolitenessPolicy(requestsPerSecond: 0, maxRetries: 0, circuitBreakerThreshold: 0,
                                                      obeysRetryAfter: false)
}

/// Time as the politeness code sees it, injectable so tests run in milliseconds.
///
/// `now` is monotonic seconds (for spacing and budgets), `date` the wall clock (only to read
/// `Retry-After` HTTP-dates), `sleep` suspends and throws `CancellationError` when the task is
/// cancelled, so no wait outlives Ctrl-C.
public struct PolitenessClock: Sendable {
    public var now: @Sendable () -> Double
    public var date: @Sendable () -> Date
    public var sleep: @Sendable (Double) async throws -> Void

    public init(now: @escaping @Sendable () -> Double, date: @escaping @Sendable () -> Date,
                sleep: @escaping @Sendable (Double) async throws -> Void) {
        self.now = now
        self.date = date
        self.sleep = sleep
    }

    /// The real clocks: `ContinuousClock` and `Task.sleep`.
    public static let system: PolitenessClock = {
        let origin = ContinuousClock.now
        return PolitenessClock(
            now: {
                let elapsed = ContinuousClock.now - origin
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            },
            date: { Date() },
            sleep: { seconds in
                guard seconds > 0 else { return try Task.checkCancellation() }
                try await Task.sleep(for: .seconds(seconds))
            })
    }()
}
