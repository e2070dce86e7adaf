import CCurl
import Foundation

typealias FetchContinuation = CheckedContinuation<Result<FetchResponse, FetchError>, Never>

/// One caller's fetch as seen across threads. Its `state` is guarded by the mailbox lock, and
/// whoever moves it out of `.waiting` owns the continuation: that is what makes every
/// continuation resume exactly once, whether completion, cancellation or shutdown comes first.
final class FetchTicket: @unchecked Sendable {
    enum State {
        case new
        case waiting(FetchContinuation)
        case cancelledEarly
        case finished
    }

    let url: String
    /// Guarded by `EngineMailbox.lock`.
    fileprivate var state: State = .new

    init(url: String) { self.url = url }
}

/// A request handed to the engine thread, with the ticket that will carry its answer.
struct Submission: Sendable {
    var ticket: FetchTicket
    var request: FetchRequest
}

/// What the engine thread picks up in one turn of its loop.
struct MailboxBatch {
    var submissions: [Submission]
    var cancellations: [FetchTicket]
    var stopping: Bool
}

/// The only state shared between callers and the engine thread: a lock-protected submit queue,
/// a cancel queue and the stop flag. Callers wake the engine with `curl_multi_wakeup`, which
/// libcurl documents as safe from any thread; it is called under the lock and never after
/// `stop()`, so it can never touch a multi handle the engine thread has already cleaned up.
final class EngineMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var submissions: [Submission] = []
    private var cancellations: [FetchTicket] = []
    private var stopping = false
    /// Used only for `curl_multi_wakeup`.
    private let multi: UnsafeMutableRawPointer

    init(multi: UnsafeMutableRawPointer) {
        self.multi = multi
    }

    /// Queues `request`; `continuation` is resumed once with the result. Resumes at once with
    /// `.cancelled` when the task was cancelled before submitting or the engine has stopped.
    func submit(_ ticket: FetchTicket, _ request: FetchRequest, _ continuation: FetchContinuation) {
        lock.lock()
        guard case .new = ticket.state, !stopping else {
            ticket.state = .finished
            lock.unlock()
            continuation.resume(returning: .failure(.cancelled(url: ticket.url)))
            return
        }
        ticket.state = .waiting(continuation)
        submissions.append(Submission(ticket: ticket, request: request))
        // One wakeup per batch: a non-empty queue already has one on its way.
        if submissions.count == 1 && cancellations.isEmpty { curl_multi_wakeup(multi) }
        lock.unlock()
    }

    /// Resumes the caller with `.cancelled` now and asks the engine thread to drop the transfer.
    func cancel(_ ticket: FetchTicket) {
        lock.lock()
        switch ticket.state {
        case .new:
            ticket.state = .cancelledEarly
            lock.unlock()
        case .waiting(let continuation):
            ticket.state = .finished
            if !stopping {
                cancellations.append(ticket)
                if cancellations.count == 1 && submissions.isEmpty { curl_multi_wakeup(multi) }
            }
            lock.unlock()
            continuation.resume(returning: .failure(.cancelled(url: ticket.url)))
        case .cancelledEarly, .finished:
            lock.unlock()
        }
    }

    /// Delivers `result` unless the ticket was already answered (cancelled meanwhile).
    func complete(_ ticket: FetchTicket, with result: Result<FetchResponse, FetchError>) {
        lock.lock()
        guard case .waiting(let continuation) = ticket.state else {
            lock.unlock()
            return
        }
        ticket.state = .finished
        lock.unlock()
        continuation.resume(returning: result)
    }

    /// Engine thread: takes everything queued since the last turn.
    func take() -> MailboxBatch {
        lock.lock()
        defer { lock.unlock() }
        let batch = MailboxBatch(submissions: submissions, cancellations: cancellations, stopping: stopping)
        submissions.removeAll(keepingCapacity: true)
        cancellations.removeAll(keepingCapacity: true)
        return batch
    }

    /// Asks the engine thread to stop; later submissions are answered `.cancelled` at once.
    /// Returns true for the one call that actually stopped it.
    func stopOnce() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !stopping else { return false }
        stopping = true
        curl_multi_wakeup(multi)
        return true
    }
}
