import PantauCore
import PantauFetch

/// The outcome of checking one URL.
public struct LinkCheckResult: Sendable, Hashable {
    public var verdict: LinkVerdict
    public var status: Int?
    public var error: String?
    /// URLs visited before the final one (the requested URL first), empty without redirects.
    public var redirectChain: [String]

    public init(verdict: LinkVerdict, status: Int?, error: String?, redirectChain: [String]) {
        self.verdict = verdict
        self.status = status
        self.error = error
        self.redirectChain = redirectChain
    }

    /// The verdict for a response (domain note §3): 2xx OK; 401, 403 and 999 (LinkedIn-style bot
    /// walls) BLOCKED; 429 UNVERIFIED (rate-limited, try again); any other status BROKEN.
    public init(response: FetchResponse) {
        let chain = response.redirectChain.map(\.url)
        let verdict: LinkVerdict
        switch response.status {
        case 200..<300: verdict = .ok
        case 401, 403, 999: verdict = .blocked
        case 429: verdict = .unverified
        default: verdict = .broken
        }
        self.init(verdict: verdict, status: response.status, error: nil, redirectChain: chain)
    }

    /// The verdict for a failed request: an address we may not contact, a timeout or a cancelled
    /// request cannot be decided (UNVERIFIED); anything else is BROKEN with the reason.
    public init(error: FetchError) {
        switch error {
        case .hostNotAllowed:
            self.init(verdict: .unverified, status: nil,
                      error: "not checked: host is outside the --resolve list (--only-resolved)", redirectChain: [])
        case .timeout, .cancelled:
            self.init(verdict: .unverified, status: nil, error: error.description, redirectChain: [])
        case .tooManyRedirects(_, let chain), .redirectLoop(_, let chain):
            self.init(verdict: .broken, status: nil, error: error.description, redirectChain: chain.map(\.url))
        default:
            self.init(verdict: .broken, status: nil, error: error.description, redirectChain: [])
        }
    }

    /// A link that is not fetched (mailto:, tel:, ...; or disallowed by robots.txt).
    public static func skipped(_ reason: String) -> LinkCheckResult {
        LinkCheckResult(verdict: .skipped, status: nil, error: reason, redirectChain: [])
    }
}

/// Checks links once per run, whichever site links to them (architecture: the run-wide
/// link-check cache).
///
/// HEAD first, because most links are documents and images the auditor need not download; any
/// answer but 2xx is confirmed with a GET before a verdict, because many servers mishandle HEAD.
/// Only decided verdicts are cached: an UNVERIFIED result is retried when another page asks.
public actor LinkChecker {
    private enum Entry {
        case inFlight([CheckedContinuation<LinkCheckResult, Never>])
        case done(LinkCheckResult)
    }

    private let fetcher: PoliteFetcher
    private var entries: [String: Entry] = [:]
    /// Body cap for the confirming GET, in bytes: enough to see an error page, never a whole PDF.
    private let confirmBodyBytes = 64 * 1024

    public init(fetcher: PoliteFetcher) {
        self.fetcher = fetcher
    }

    /// Records a result the crawl already has (a page it fetched), so the link is not fetched again.
    public func record(_ url: String, _ result: LinkCheckResult) {
        if case .inFlight(let waiters) = entries[url] {
            waiters.forEach { $0.resume(returning: result) }
        }
        if result.verdict != .unverified { entries[url] = .done(result) } else { entries[url] = nil }
    }

    /// The cached result, if the URL was already decided.
    public func cached(_ url: String) -> LinkCheckResult? {
        if case .done(let result) = entries[url] { return result }
        return nil
    }

    /// Checks `url` (absolute, normal form), or waits for the check already under way.
    public func check(_ url: String) async -> LinkCheckResult {
        if let scheme = CrawlURL.scheme(of: url), scheme != "http", scheme != "https" {
            return .skipped("\(scheme): link")
        }
        switch entries[url] {
        case .done(let result):
            return result
        case .inFlight(var waiters):
            return await withCheckedContinuation { continuation in
                waiters.append(continuation)
                entries[url] = .inFlight(waiters)
            }
        case nil:
            entries[url] = .inFlight([])
            let result = await perform(url)
            record(url, result)
            return result
        }
    }

    private func perform(_ url: String) async -> LinkCheckResult {
        let head = Self.verdict(await fetcher.fetch(FetchRequest(url: url, method: .head)))
        if head.verdict == .ok || head.error?.hasPrefix("not checked") == true { return head }
        return Self.verdict(await fetcher.fetch(FetchRequest(url: url, method: .get, maxBodyBytes: confirmBodyBytes)))
    }

    private static func verdict(_ result: Result<FetchResponse, FetchError>) -> LinkCheckResult {
        switch result {
        case .success(let response): LinkCheckResult(response: response)
        case .failure(let error): LinkCheckResult(error: error)
        }
    }
}
