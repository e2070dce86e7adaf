import PantauFetch

/// Every request of a run goes through here: it takes the host's permit, waits for the host's
/// next start slot, fetches, and retries what is worth retrying.
///
/// This is the one place where politeness towards a host is decided, so the crawl and the link
/// checker cannot disagree about it:
/// - at most `HostLimiter.permitsPerHost` requests in flight per host;
/// - request starts spaced by the host's rate (``PolitenessPolicy/requestsPerSecond``);
/// - 429, and 503 with `Retry-After` (RFC 9110 §10.2.3; §15.5.30 of RFC 6585 for 429): the pause
///   is honoured before retrying and the host's rate is lowered for the rest of the run;
/// - timeouts, lost connections and 5xx: bounded retries with exponential backoff and jitter;
///   other 4xx are answers and never retried;
/// - a host that fails at the connection level `circuitBreakerThreshold` times in a row is not
///   contacted again: its requests fail at once with ``FetchError/hostUnreachable(url:failures:last:)``;
/// - all waiting of one request together stays under ``PolitenessPolicy/maxWaitPerRequest``,
///   and every wait ends when the task is cancelled.
public struct PoliteFetcher: Sendable {
    public let engine: FetchEngine
    public let limiter: HostLimiter
    public let policy: HostPolicy

    /// - Parameter policy: the run's host policy; shared by every fetcher of a run.
    public init(engine: FetchEngine, limiter: HostLimiter, policy: HostPolicy) {
        self.engine = engine
        self.limiter = limiter
        self.policy = policy
    }

    /// Only the connection cap (``PolitenessPolicy/passThrough``): no rate, retries or breaker.
    public init(engine: FetchEngine, limiter: HostLimiter) {
        self.init(engine: engine, limiter: limiter, policy: HostPolicy(.passThrough))
    }

    /// Fetches `request` politely. Returns the last answer or failure once no retry is due.
    ///
    /// Besides the engine's errors it can fail with `.hostUnreachable` (circuit open, nothing
    /// sent), `.rateLimited` (the next allowed start is further away than the wait budget left)
    /// and `.cancelled` (the task was cancelled while waiting).
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        // Nothing would be sent: no permit, no rate slot. Otherwise every link to a host outside
        // --resolve waits its turn (1,000 such links: 2 minutes, then "rate-limited" instead of
        // "not checked"), and each unreachable site of an --only-resolved run costs seconds.
        if let refusal = engine.refusal(for: request.url) { return .failure(refusal) }
        let host = CrawlURL.siteHost(of: request.url) ?? request.url
        let config = policy.configuration
        var waited = 0.0
        var retriesLeft = config.maxRetries
        while true {
            let (result, slotWait) = await attempt(request, host: host, budget: config.maxWaitPerRequest - waited)
            waited += slotWait
            // Asked even on the last attempt: a 429 lowers the host's rate for later requests too.
            guard let pause = await retryPause(after: result, host: host, retry: config.maxRetries - retriesLeft),
                  retriesLeft > 0
            else { return result }
            retriesLeft -= 1
            // A Retry-After pause is served by the next slot reservation; only backoff is slept here.
            if case .backoff(let seconds) = pause {
                guard waited + seconds <= config.maxWaitPerRequest else { return result }
                do {
                    try await policy.clock.sleep(seconds)
                } catch {
                    return .failure(.cancelled(url: request.url))
                }
                waited += seconds
            } else if case .hostPause(let seconds) = pause, waited + seconds > config.maxWaitPerRequest {
                return result
            }
        }
    }

    /// One attempt under the host's permit. Returns the outcome and the seconds slept for the slot.
    private func attempt(_ request: FetchRequest, host: String, budget: Double)
        async -> (Result<FetchResponse, FetchError>, Double)
    {
        let engine = self.engine
        let policy = self.policy
        return await limiter.withPermit(host: host) {
            let wait: Double
            switch await policy.reserveStart(host: host, maxWait: max(0, budget)) {
            case .unreachable(let failures, let last):
                return (.failure(.hostUnreachable(url: request.url, failures: failures, last: last)), 0)
            case .wouldWait(let seconds):
                return (.failure(.rateLimited(url: request.url, waitSeconds: seconds,
                                              capSeconds: policy.configuration.maxWaitPerRequest)), 0)
            case .start(let seconds):
                wait = seconds
            }
            if wait > 0 {
                do {
                    try await policy.clock.sleep(wait)
                } catch {
                    return (.failure(.cancelled(url: request.url)), wait)
                }
            }
            let result: Result<FetchResponse, FetchError>
            do throws(FetchError) {
                result = .success(try await engine.fetch(request))
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success:
                await policy.recordAnswer(host: host)
            case .failure(let error) where Self.isConnectionLevel(error):
                await policy.recordConnectionFailure(host: host, reason: Self.reason(error))
            case .failure:
                break
            }
            return (result, wait)
        }
    }

    private enum Pause {
        /// The host asked for this pause; the host policy already holds every request back.
        case hostPause(Double)
        /// Our own backoff before retrying this request.
        case backoff(Double)
    }

    /// Whether `result` is worth another attempt, and after what pause (`retry` counts from 0).
    private func retryPause(after result: Result<FetchResponse, FetchError>, host: String, retry: Int) async -> Pause? {
        let config = policy.configuration
        switch result {
        case .success(let response):
            let retryAfter = response.header("retry-after")
            if config.obeysRetryAfter, response.status == 429 || (response.status == 503 && retryAfter != nil) {
                let seconds = retryAfter.flatMap { RetryAfter.seconds($0, now: policy.clock.date()) }
                    ?? config.fallbackRetryAfter
                await policy.throttle(host: host, pause: seconds)
                return .hostPause(seconds)
            }
            // A firewall's challenge will not change its mind; asking again only looks more like a bot.
            guard (500..<600).contains(response.status), ChallengePage.firewall(of: response) == nil else { return nil }
            return .backoff(backoff(retry: retry))
        case .failure(.timeout), .failure(.connectionLost):
            return await policy.isUnreachable(host) ? nil : .backoff(backoff(retry: retry))
        case .failure:
            return nil
        }
    }

    /// Exponential backoff with up to 50 % jitter, capped by `maxBackoff`.
    private func backoff(retry: Int) -> Double {
        let config = policy.configuration
        let exponent = Double(max(0, retry))
        let base = min(config.maxBackoff, config.baseBackoff * pow2(exponent))
        return min(config.maxBackoff, base * (1 + Double.random(in: 0...0.5)))
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(min(exponent, 30)) { value *= 2 }
        return value
    }

    /// Failures that say the host itself cannot be reached (they feed the circuit breaker).
    static func isConnectionLevel(_ error: FetchError) -> Bool {
        switch error {
        case .connectionFailed, .connectionLost, .timeout: true
        default: false
        }
    }

    private static func reason(_ error: FetchError) -> String {
        switch error {
        case .connectionFailed(_, let reason), .connectionLost(_, let reason): reason
        case .timeout(_, let seconds): "no answer within \(seconds) s"
        default: error.description
        }
    }
}
