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
    /// walls) BLOCKED, and so is a firewall challenge page (``ChallengePage``) answered with 200,
    /// 403 or 503; 429 UNVERIFIED (still rate-limited after the retries the policy allows); any
    /// other status BROKEN.
    public init(response: FetchResponse) {
        let chain = response.redirectChain.map(\.url)
        let verdict: LinkVerdict
        var note: String?
        let firewall = ChallengePage.firewall(of: response)
        if let firewall {
            verdict = .blocked
            note = "blocked by \(firewall): a challenge page answered instead of the content (HTTP \(response.status))"
        } else {
            verdict = Self.verdict(status: response.status)
            if response.status == 429 {
                note = "rate-limited: the server still answered HTTP 429 after the allowed retries"
            }
        }
        self.init(verdict: verdict, status: response.status, error: note, redirectChain: chain)
    }

    /// The verdict a final HTTP status earns on its own (domain note §3): 2xx OK; 401, 403 and 999
    /// BLOCKED; 429 UNVERIFIED; anything else BROKEN.
    public static func verdict(status: Int) -> LinkVerdict {
        switch status {
        case 200..<300: .ok
        case 401, 403, 999: .blocked
        case 429: .unverified
        default: .broken
        }
    }

    /// The verdict for a failed request: an address we may not contact, a timeout, a host that
    /// keeps asking us to wait, or a cancelled request cannot be decided (UNVERIFIED); anything
    /// else, an unreachable host included, is BROKEN with the reason.
    public init(error: FetchError) {
        switch error {
        case .hostNotAllowed:
            self.init(verdict: .unverified, status: nil,
                      error: "not checked: host is outside the --resolve list (--only-resolved)", redirectChain: [])
        case .timeout, .cancelled, .rateLimited:
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
/// answer but 2xx is confirmed with a GET before a verdict (the verdict is the GET's), because
/// many servers mishandle HEAD. Failures that concern the host (refused, circuit open,
/// rate-limited) are not asked again with GET.
/// Only decided verdicts are cached: an UNVERIFIED result is retried when another page asks.
///
/// The checker names a URL by its 64-bit fingerprint (``URLTable/fingerprint(_:)``, the same the
/// crawls' tables use): 8 bytes and a hash slot per URL for the whole run, where a copy of every
/// URL would cost its bytes again.
public actor LinkChecker {
    private let fetcher: PoliteFetcher
    /// Every URL checked or recorded in the run, once (a district holds many sites' links).
    private var urls = FingerprintIndex()
    /// Decided results, by URL id.
    private var done = LinkResults()
    /// Checks under way, by URL id: the callers waiting for them.
    private var inFlight: [Int32: [CheckedContinuation<LinkCheckResult, Never>]] = [:]
    /// Body cap for the confirming GET, in bytes: enough to see an error page, never a whole PDF.
    private let confirmBodyBytes = 64 * 1024

    public init(fetcher: PoliteFetcher) {
        self.fetcher = fetcher
    }

    /// Records a result the crawl already has (a page it fetched), so the link is not fetched again.
    public func record(_ url: String, _ result: LinkCheckResult) {
        record(fingerprint: URLTable.fingerprint(url), result)
    }

    /// Records a result the crawl already has for the URL whose fingerprint is `fingerprint`.
    public func record(fingerprint: UInt64, _ result: LinkCheckResult) {
        record(urls.intern(fingerprint), result)
    }

    private func record(_ id: Int32, _ result: LinkCheckResult) {
        inFlight.removeValue(forKey: id)?.forEach { $0.resume(returning: result) }
        done[id] = result.verdict != .unverified ? result : nil
    }

    /// Checks `url` (absolute, normal form), or waits for the check already under way.
    public func check(_ url: String) async -> LinkCheckResult {
        await check(url, fingerprint: URLTable.fingerprint(url))
    }

    /// Checks `url` (absolute, normal form) whose fingerprint the caller has already computed
    /// (``URLTable/fingerprint(of:)``), or waits for the check already under way.
    public func check(_ url: String, fingerprint: UInt64) async -> LinkCheckResult {
        if !url.hasPrefix("http://"), !url.hasPrefix("https://"),
           let scheme = CrawlURL.scheme(of: url), scheme != "http", scheme != "https" {
            return .skipped("\(scheme): link")
        }
        let id = urls.intern(fingerprint)
        if let result = done[id] { return result }
        if inFlight[id] != nil {
            return await withCheckedContinuation { continuation in
                inFlight[id]?.append(continuation)
            }
        }
        inFlight[id] = []
        let result = await perform(url)
        record(id, result)
        return result
    }

    private func perform(_ url: String) async -> LinkCheckResult {
        let headResult = await fetcher.fetch(FetchRequest(url: url, method: .head))
        let head = Self.verdict(headResult)
        if head.verdict == .ok { return head }
        if case .failure(let error) = headResult, !Self.worthConfirming(error) { return head }
        let getResult = await fetcher.fetch(FetchRequest(url: url, method: .get, maxBodyBytes: confirmBodyBytes))
        // A GET that was never sent (host paused or unreachable) leaves the HEAD's answer standing.
        if case .failure(let error) = getResult, Self.notAttempted(error) { return head }
        return Self.verdict(getResult)
    }

    private static func notAttempted(_ error: FetchError) -> Bool {
        switch error {
        case .hostUnreachable, .rateLimited, .cancelled: true
        default: false
        }
    }

    /// Failures a GET may answer differently than HEAD did (servers that hang up on or time out
    /// HEAD, or redirect it elsewhere). The others concern the host, not the method: asking again
    /// would only hammer it.
    private static func worthConfirming(_ error: FetchError) -> Bool {
        switch error {
        case .timeout, .connectionLost, .transfer, .tooManyRedirects, .redirectLoop: true
        case .invalidURL, .hostNotAllowed, .connectionFailed, .hostUnreachable, .rateLimited, .cancelled: false
        }
    }

    private static func verdict(_ result: Result<FetchResponse, FetchError>) -> LinkCheckResult {
        switch result {
        case .success(let response): LinkCheckResult(response: response)
        case .failure(let error): LinkCheckResult(error: error)
        }
    }
}
