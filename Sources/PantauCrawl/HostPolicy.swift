/// Run-wide politeness state of every host: when its next request may start, how fast it may be
/// asked now, and whether it is treated as unreachable (circuit breaker).
///
/// Connection permits stay in ``HostLimiter``; this actor only decides *when* a request starts
/// and *whether* it is attempted at all. It never sleeps itself: it answers with a delay that the
/// caller sleeps through its ``PolitenessClock``, so tests read the schedule without waiting.
public actor HostPolicy {
    public nonisolated let configuration: PolitenessPolicy
    public nonisolated let clock: PolitenessClock

    private struct HostState {
        /// Request starts per second now (0 = no limit); only ever lowered during a run.
        var rate: Double
        /// The earliest start the rate allows for the next request (monotonic seconds).
        var nextStart: Double = 0
        /// No request starts before this (a `Retry-After` pause).
        var pausedUntil: Double = 0
        var consecutiveFailures = 0
        var lastFailure = ""
        var unreachable = false
    }

    private var hosts: [String: HostState] = [:]

    /// What a request may do now.
    public enum StartDecision: Sendable, Equatable {
        /// Start after this many seconds (0: at once). The slot is reserved.
        case start(afterSeconds: Double)
        /// Do not attempt: the circuit breaker is open for this host.
        case unreachable(failures: Int, last: String)
        /// Do not attempt: the earliest slot is this many seconds away, more than the caller may wait.
        case wouldWait(seconds: Double)
    }

    public init(_ configuration: PolitenessPolicy = PolitenessPolicy(), clock: PolitenessClock = .system) {
        self.configuration = configuration
        self.clock = clock
    }

    /// Reserves `host`'s next start slot, spacing starts `1 / rate` seconds apart and after any
    /// pause the host asked for. Nothing is reserved when the answer is not `.start`.
    /// - Parameter maxWait: seconds the caller may still wait.
    public func reserveStart(host: String, maxWait: Double) -> StartDecision {
        var state = hosts[host] ?? HostState(rate: configuration.requestsPerSecond)
        if state.unreachable {
            return .unreachable(failures: state.consecutiveFailures, last: state.lastFailure)
        }
        let now = clock.now()
        let slot = max(now, state.nextStart, state.pausedUntil)
        let wait = slot - now
        if wait > 0, wait > maxWait { return .wouldWait(seconds: wait) }
        state.nextStart = state.rate > 0 ? slot + 1 / state.rate : slot
        hosts[host] = state
        return .start(afterSeconds: wait)
    }

    /// The host answered (any HTTP status): it is reachable, the failure streak ends.
    public func recordAnswer(host: String) {
        guard var state = hosts[host], state.consecutiveFailures > 0, !state.unreachable else { return }
        state.consecutiveFailures = 0
        hosts[host] = state
    }

    /// A connection-level failure (refused, DNS, timeout, lost connection).
    /// - Returns: true when this failure opened the circuit breaker.
    @discardableResult
    public func recordConnectionFailure(host: String, reason: String) -> Bool {
        var state = hosts[host] ?? HostState(rate: configuration.requestsPerSecond)
        guard !state.unreachable else { return false }
        state.consecutiveFailures += 1
        state.lastFailure = reason
        let threshold = configuration.circuitBreakerThreshold
        let opened = threshold > 0 && state.consecutiveFailures >= threshold
        state.unreachable = opened
        hosts[host] = state
        return opened
    }

    /// The host asked for a pause (429, or 503 with `Retry-After`): no request to it starts
    /// for `seconds`, and its rate is lowered for the rest of the run.
    public func throttle(host: String, pause seconds: Double) {
        var state = hosts[host] ?? HostState(rate: configuration.requestsPerSecond)
        state.pausedUntil = max(state.pausedUntil, clock.now() + max(0, seconds))
        state.rate = state.rate > 0
            ? max(configuration.minimumRate, state.rate * configuration.rateReduction)
            : configuration.rateAfterUnlimitedThrottle
        hosts[host] = state
    }

    /// `host`'s current rate in requests per second (0 = no limit).
    public func rate(of host: String) -> Double {
        hosts[host]?.rate ?? configuration.requestsPerSecond
    }

    /// True once the circuit breaker opened for `host`.
    public func isUnreachable(_ host: String) -> Bool {
        hosts[host]?.unreachable ?? false
    }
}
