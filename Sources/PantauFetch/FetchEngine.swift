import CCurl
import Foundation

/// HTTP(S) client for the whole audit run, built on libcurl's multi interface.
///
/// One multi handle is driven by one dedicated thread (not Swift's cooperative pool, which must
/// never block): callers queue requests and suspend; the thread runs every transfer, follows
/// redirects hop by hop, and resumes each caller exactly once. Connections and DNS answers are
/// reused across all fetches through the multi handle's pool.
///
/// Create one engine per run and share it; call `shutdown()` when done (deinit does too).
public final class FetchEngine: Sendable {
    private let mailbox: EngineMailbox
    private let allowList: HostAllowList
    private let stopped: DispatchSemaphore

    /// Errors from creating an engine.
    public enum SetupError: Error, Sendable, CustomStringConvertible {
        case libcurl(String)

        public var description: String {
            switch self {
            case .libcurl(let what): return "libcurl could not be set up: \(what)"
            }
        }
    }

    /// Starts the engine thread.
    /// - Throws: `SetupError.libcurl` when libcurl's global init or the multi handle fails.
    public init(configuration: FetchConfiguration) throws {
        guard CurlGlobal.initialized else { throw SetupError.libcurl("curl_global_init failed") }
        guard let multi = curl_multi_init() else { throw SetupError.libcurl("curl_multi_init failed") }
        pantau_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(0, configuration.maxTotalConnections))
        pantau_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(0, configuration.maxConnectionsPerHost))

        let mailbox = EngineMailbox(multi: multi)
        let driver = MultiDriver(multi: multi, mailbox: mailbox, configuration: configuration)
        let stopped = DispatchSemaphore(value: 0)
        self.mailbox = mailbox
        self.allowList = HostAllowList(configuration: configuration)
        self.stopped = stopped

        let box = DriverBox(driver)
        let thread = Thread {
            box.driver.run()
            stopped.signal()
        }
        thread.name = "pantau.fetch"
        thread.start()
    }

    deinit {
        shutdown()
    }

    /// Fetches one URL, following redirects when the request asks for it.
    ///
    /// Any HTTP status is a response. Cancelling the calling task ends the transfer and throws
    /// `.cancelled` at once.
    /// - Throws: `FetchError` — `.invalidURL`, `.hostNotAllowed` (before any network activity),
    ///   `.timeout`, `.connectionFailed`, `.tooManyRedirects`, `.redirectLoop`, `.cancelled`, `.transfer`.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        if let error = refusal(for: request.url) { throw error }
        let ticket = FetchTicket(url: request.url)
        let mailbox = self.mailbox
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                mailbox.submit(ticket, request, continuation)
            }
        } onCancel: {
            mailbox.cancel(ticket)
        }
        return try result.get()
    }

    /// The error ``fetch(_:)`` would throw for `url` without any network activity
    /// (`.invalidURL`, or `.hostNotAllowed` in `onlyResolved` mode); nil when it may be fetched.
    /// Lets callers skip their own waiting (rate slots, permits) for a URL never contacted.
    public func refusal(for url: String) -> FetchError? {
        allowList.check(url)
    }

    /// Stops the engine thread and waits for it to free its handles; fetches still open fail
    /// with `.cancelled`, later ones too. Safe to call more than once.
    public func shutdown() {
        if mailbox.stopOnce() { stopped.wait() }
    }
}

/// `curl_global_init` once per process (libcurl requires it before any other call and it is
/// not thread-safe itself); Swift runs a static initializer exactly once.
private enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}

/// Moves the thread-confined driver into the engine thread's closure.
private final class DriverBox: @unchecked Sendable {
    let driver: MultiDriver
    init(_ driver: MultiDriver) { self.driver = driver }
}
