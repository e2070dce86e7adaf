/// Caps the requests in flight to any one host across the whole run (domain note §3: hosts are
/// small shared servers; be polite).
///
/// Every fetch, whether the crawl's or the link checker's, takes a permit for its host first.
/// Waiters are served in arrival order.
public actor HostLimiter {
    private let permitsPerHost: Int
    private var inUse: [String: Int] = [:]
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// - Parameter permitsPerHost: concurrent requests per host (≥ 1).
    public init(permitsPerHost: Int) {
        self.permitsPerHost = max(1, permitsPerHost)
    }

    /// Runs `body` holding one of `host`'s permits.
    public func withPermit<T: Sendable>(host: String, _ body: @Sendable () async -> T) async -> T {
        await acquire(host)
        let result = await body()
        release(host)
        return result
    }

    private func acquire(_ host: String) async {
        if inUse[host, default: 0] < permitsPerHost {
            inUse[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiters[host, default: []].append($0) }
    }

    private func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue.isEmpty ? nil : queue
            next.resume() // the permit passes straight to the next waiter
        } else {
            let count = inUse[host, default: 1] - 1
            inUse[host] = count > 0 ? count : nil
        }
    }
}
