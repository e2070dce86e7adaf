import CCurl
import Foundation

/// The engine thread's side: owns the multi handle and every easy handle, which never leave
/// this thread. One loop turn: take the mailbox → start/cancel transfers → `curl_multi_perform`
/// → `curl_multi_info_read` (finish, follow a redirect, or fail) → `curl_multi_poll` until the
/// sockets or a `curl_multi_wakeup` call need attention.
final class MultiDriver {
    private let multi: UnsafeMutableRawPointer
    private let mailbox: EngineMailbox
    private let configuration: FetchConfiguration
    private let allowList: HostAllowList
    /// `CURLOPT_RESOLVE` list shared by every easy handle; freed when the loop ends.
    private var resolveList: UnsafeMutablePointer<curl_slist>?
    private var active: [ObjectIdentifier: Transfer] = [:]
    /// Reset easy handles kept for reuse, saving an allocation per fetch.
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private static let maxIdleHandles = 128

    init(multi: UnsafeMutableRawPointer, mailbox: EngineMailbox, configuration: FetchConfiguration) {
        self.multi = multi
        self.mailbox = mailbox
        self.configuration = configuration
        self.allowList = HostAllowList(configuration: configuration)
        for entry in configuration.resolve {
            resolveList = curl_slist_append(resolveList, entry.description)
        }
    }

    /// Runs until the mailbox says stop, then answers every open fetch `.cancelled` and frees
    /// all libcurl handles.
    func run() {
        var running: Int32 = 0
        while true {
            let batch = mailbox.take()
            if batch.stopping {
                tearDown(unstarted: batch.submissions)
                return
            }
            for submission in batch.submissions { start(submission) }
            for ticket in batch.cancellations { drop(ticket) }
            curl_multi_perform(multi, &running)
            if finishCompleted() { continue }  // a redirect hop was added: perform before sleeping
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    // MARK: Starting and ending transfers

    private func start(_ submission: Submission) {
        let recycled = idleHandles.popLast()
        guard let easy = recycled ?? curl_easy_init() else {
            mailbox.complete(submission.ticket, with: .failure(.transfer(
                url: submission.request.url, code: -1, reason: "libcurl could not create a transfer handle")))
            return
        }
        let request = submission.request
        let transfer = Transfer(ticket: submission.ticket, request: request, easy: easy,
                                bodyCap: request.maxBodyBytes ?? configuration.maxBodyBytes)
        configure(easy, for: transfer, fresh: recycled == nil)
        active[ObjectIdentifier(submission.ticket)] = transfer
        if let error = launchHop(transfer, url: request.url) {
            end(transfer, with: .failure(error))
        }
    }

    /// Options that stay the same for every hop of a fetch.
    /// - Parameter fresh: true for a new handle, false for a recycled one (`curl_easy_reset`).
    private func configure(_ easy: UnsafeMutableRawPointer, for transfer: Transfer, fresh: Bool) {
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        pantau_easy_setopt_pointer(easy, CURLOPT_PRIVATE, context)
        pantau_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, pantauBodyCallback)
        pantau_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        pantau_easy_setopt_header_callback(easy, pantauHeaderCallback)
        pantau_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        pantau_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        // Signals are process-wide; a library on its own thread must not use them for timeouts.
        pantau_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        pantau_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        pantau_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)  // followed here, hop by hop
        pantau_easy_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent)
        pantau_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl decodes
        // A cookie jar for this fetch's redirect chain: sites that set a cookie and redirect to
        // themselves until it comes back must work. `curl_easy_reset` keeps a recycled handle's
        // cookie engine and cookies, so the jar is emptied first: no cookie leaks from one fetch
        // into another. The engine is switched on once per handle: libcurl 7.88 appends every
        // CURLOPT_COOKIEFILE to a list that `curl_easy_reset` drops without freeing (17 bytes a
        // fetch, 1.3 MB over the 50,000-page benchmark site) and reads again before each transfer.
        if fresh { pantau_easy_setopt_string(easy, CURLOPT_COOKIEFILE, "") }
        pantau_easy_setopt_string(easy, CURLOPT_COOKIELIST, "ALL")
        pantau_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        if let resolveList { pantau_easy_setopt_slist(easy, CURLOPT_RESOLVE, resolveList) }
        if let caFile = configuration.caFile { pantau_easy_setopt_string(easy, CURLOPT_CAINFO, caFile) }
        if transfer.request.method == .head { pantau_easy_setopt_long(easy, CURLOPT_NOBODY, 1) }
        if !transfer.request.headers.isEmpty {
            var list: UnsafeMutablePointer<curl_slist>?
            for (name, value) in transfer.request.headers {
                list = curl_slist_append(list, "\(name): \(value)")
            }
            transfer.headerList = list
            pantau_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)
        }
    }

    /// Points the easy handle at `url` with the time left of the whole-request budget and adds it
    /// to the multi handle. Returns the error when the budget is already spent.
    private func launchHop(_ transfer: Transfer, url: String) -> FetchError? {
        let elapsed = Self.seconds(since: transfer.startedAt)
        let remaining = configuration.requestTimeout - elapsed
        guard remaining > 0 else {
            return .timeout(url: transfer.request.url, seconds: configuration.requestTimeout)
        }
        transfer.beginHop(url: url)
        pantau_easy_setopt_string(transfer.easy, CURLOPT_URL, url)
        pantau_easy_setopt_long(transfer.easy, CURLOPT_TIMEOUT_MS, max(1, Self.milliseconds(remaining)))
        let code = curl_multi_add_handle(multi, transfer.easy)
        guard code == CURLM_OK else {
            return .transfer(url: transfer.request.url, code: Int(code.rawValue),
                             reason: String(cString: curl_multi_strerror(code)))
        }
        return nil
    }

    /// Cancellation: the caller was already answered; just stop the transfer.
    private func drop(_ ticket: FetchTicket) {
        guard let transfer = active.removeValue(forKey: ObjectIdentifier(ticket)) else { return }
        curl_multi_remove_handle(multi, transfer.easy)
        recycle(transfer)
    }

    /// Ends a fetch: the handle must already be out of the multi handle (or never added).
    private func end(_ transfer: Transfer, with result: Result<FetchResponse, FetchError>) {
        active.removeValue(forKey: ObjectIdentifier(transfer.ticket))
        recycle(transfer)
        mailbox.complete(transfer.ticket, with: result)
    }

    private func recycle(_ transfer: Transfer) {
        if let list = transfer.headerList {
            curl_slist_free_all(list)
            transfer.headerList = nil
        }
        if idleHandles.count < Self.maxIdleHandles {
            curl_easy_reset(transfer.easy)
            idleHandles.append(transfer.easy)
        } else {
            curl_easy_cleanup(transfer.easy)
        }
    }

    // MARK: Completed hops

    /// Handles every finished hop; returns true when a new hop was added to the multi handle.
    private func finishCompleted() -> Bool {
        var addedHop = false
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard pantau_msg_kind(message) == CURLMSG_DONE, let easy = pantau_msg_easy(message) else { continue }
            let code = pantau_msg_result(message)
            var context: UnsafeMutableRawPointer?
            pantau_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context)
            curl_multi_remove_handle(multi, easy)
            guard let context else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            if hopFinished(transfer, code: code) { addedHop = true }
        }
        return addedHop
    }

    /// Decides what one finished hop means: final response, next redirect hop, or failure.
    /// Returns true when the next hop was launched.
    private func hopFinished(_ transfer: Transfer, code: CURLcode) -> Bool {
        let easy = transfer.easy
        var hopTime: Double = 0
        pantau_easy_getinfo_double(easy, CURLINFO_TOTAL_TIME, &hopTime)
        transfer.totalTime += hopTime

        // A write error we caused ourselves at the body cap is a successful, truncated response.
        guard code == CURLE_OK || (code == CURLE_WRITE_ERROR && transfer.bodyTruncated) else {
            end(transfer, with: .failure(failure(for: transfer, code: code)))
            return false
        }
        var status = 0
        pantau_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        let effectiveURL = string(easy, CURLINFO_EFFECTIVE_URL) ?? transfer.currentURL

        if transfer.request.followRedirects, Self.redirectStatuses.contains(status),
           let target = string(easy, CURLINFO_REDIRECT_URL) {
            let hop = RedirectHop(url: effectiveURL, status: status, location: target)
            if let error = transfer.record(hop, cookies: cookieJar(easy), maxRedirects: configuration.maxRedirects)
                ?? allowList.check(target)
                ?? launchHop(transfer, url: target) {
                end(transfer, with: .failure(error))
                return false
            }
            return true
        }

        end(transfer, with: .success(FetchResponse(
            requestedURL: transfer.request.url, finalURL: effectiveURL, status: status,
            headers: transfer.headers, body: transfer.body, bodyTruncated: transfer.bodyTruncated,
            redirectChain: transfer.chain, totalTime: transfer.totalTime)))
        return false
    }

    /// Redirects that carry a `Location` to follow (RFC 9110 §15.4). Only GET and HEAD are ever
    /// sent, so 301/302/303 (which turn other methods into GET) and 307/308 all keep the method.
    private static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    private func failure(for transfer: Transfer, code: CURLcode) -> FetchError {
        let url = transfer.request.url
        var reason = transfer.errorMessage ?? String(cString: curl_easy_strerror(code))
        if transfer.currentURL != url { reason += " (at \(transfer.currentURL))" }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            var connectTime: Double = 0
            pantau_easy_getinfo_double(transfer.easy, CURLINFO_CONNECT_TIME, &connectTime)
            let limit = connectTime == 0 && Self.seconds(since: transfer.startedAt) < configuration.requestTimeout
                ? configuration.connectTimeout : configuration.requestTimeout
            return .timeout(url: url, seconds: limit)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidURL(transfer.currentURL)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .connectionLost(url: url, reason: reason)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR,
             CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS:
            return .connectionFailed(url: url, reason: reason)
        default:
            return .transfer(url: url, code: Int(code.rawValue), reason: reason)
        }
    }

    // MARK: Shutdown

    private func tearDown(unstarted: [Submission]) {
        for submission in unstarted {
            mailbox.complete(submission.ticket, with: .failure(.cancelled(url: submission.request.url)))
        }
        for transfer in active.values {
            curl_multi_remove_handle(multi, transfer.easy)
            if let list = transfer.headerList { curl_slist_free_all(list) }
            transfer.headerList = nil
            curl_easy_cleanup(transfer.easy)
            mailbox.complete(transfer.ticket, with: .failure(.cancelled(url: transfer.request.url)))
        }
        active.removeAll()
        for easy in idleHandles { curl_easy_cleanup(easy) }
        idleHandles.removeAll()
        if let resolveList { curl_slist_free_all(resolveList) }
        resolveList = nil
        curl_multi_cleanup(multi)
    }

    // MARK: Helpers

    private func string(_ easy: UnsafeMutableRawPointer, _ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard pantau_easy_getinfo_string(easy, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// The handle's cookies in libcurl's Netscape lines, sorted and joined: with the URL, the
    /// state a redirect loop is detected on.
    private func cookieJar(_ easy: UnsafeMutableRawPointer) -> String {
        var raw: UnsafeMutableRawPointer?
        guard pantau_easy_getinfo_pointer(easy, CURLINFO_COOKIELIST, &raw) == CURLE_OK, let raw else { return "" }
        let list = raw.assumingMemoryBound(to: curl_slist.self)
        defer { curl_slist_free_all(list) }
        var lines: [String] = []
        var node: UnsafeMutablePointer<curl_slist>? = list
        while let current = node, lines.count < 1000 {
            if let data = current.pointee.data { lines.append(String(cString: data)) }
            node = current.pointee.next
        }
        return lines.sorted().joined(separator: "\n")
    }

    /// Whole milliseconds for libcurl's `*_MS` options, at most ``maxMilliseconds``: `Int(_:)`
    /// traps on infinity, NaN and values beyond `Int.max` (a `--timeout inf` crashed the run).
    static func milliseconds(_ seconds: Double) -> Int {
        let value = (seconds * 1000).rounded(.up)
        guard value.isFinite || value == .infinity else { return maxMilliseconds }
        return Int(min(max(value, 0), Double(maxMilliseconds)))
    }

    /// About 24.8 days (`Int32.max` ms): more than any request needs, and within every
    /// platform's `long`.
    static let maxMilliseconds = Int(Int32.max)

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
