import PantauFetch

/// Every request of a run goes through here: it takes the host's permit, then fetches.
///
/// This is the one place where politeness towards a host is decided (how many requests at once,
/// and later how fast, how to back off, when to stop trying), so the crawl and the link checker
/// cannot disagree about it.
public struct PoliteFetcher: Sendable {
    public let engine: FetchEngine
    public let limiter: HostLimiter

    public init(engine: FetchEngine, limiter: HostLimiter) {
        self.engine = engine
        self.limiter = limiter
    }

    /// Fetches `request` holding a permit of its host.
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        let host = CrawlURL.siteHost(of: request.url) ?? request.url
        let engine = self.engine
        return await limiter.withPermit(host: host) {
            do throws(FetchError) {
                return .success(try await engine.fetch(request))
            } catch {
                return .failure(error)
            }
        }
    }
}
