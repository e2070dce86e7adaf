import CCurl

/// The engine thread's record of one fetch across all its redirect hops. Confined to the
/// engine thread; libcurl's callbacks reach it through the `CURLOPT_PRIVATE`/`*DATA` pointer.
final class Transfer {
    let ticket: FetchTicket
    let request: FetchRequest
    let easy: UnsafeMutableRawPointer
    /// Decoded-body cap in bytes for this fetch.
    let bodyCap: Int
    let startedAt: ContinuousClock.Instant
    /// Request headers as libcurl wants them; freed by the driver when the fetch ends.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// libcurl writes its detailed failure message here (`CURLOPT_ERRORBUFFER`).
    let errorBuffer: UnsafeMutablePointer<CChar>

    private(set) var currentURL: String
    private(set) var body: [UInt8] = []
    private(set) var bodyTruncated = false
    private(set) var headers: [(name: String, value: String)] = []
    private(set) var chain: [RedirectHop] = []
    /// Hops already launched, as URL + cookie jar: the same URL with other cookies is a new state
    /// (a cookie wall redirecting to itself), the same URL with the same cookies is a loop.
    private var visited: Set<String>
    /// The jar sent with the current hop.
    private var cookiesSent = ""
    var totalTime: Double = 0

    init(ticket: FetchTicket, request: FetchRequest, easy: UnsafeMutableRawPointer, bodyCap: Int) {
        self.ticket = ticket
        self.request = request
        self.easy = easy
        self.bodyCap = max(0, bodyCap)
        self.startedAt = .now
        self.currentURL = request.url
        self.visited = [request.url + "\n"]
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Clears what belongs to one hop's response before the next hop starts.
    func beginHop(url: String) {
        currentURL = url
        body.removeAll(keepingCapacity: true)
        bodyTruncated = false
        headers.removeAll(keepingCapacity: true)
        errorBuffer[0] = 0
    }

    /// Records a redirect; returns the error that ends the fetch, or nil to follow `hop.location`.
    /// - Parameter cookies: the jar as it will be sent to `hop.location` (after this hop's Set-Cookie).
    func record(_ hop: RedirectHop, cookies: String, maxRedirects: Int) -> FetchError? {
        chain.append(hop)
        visited.insert(hop.url + "\n" + cookiesSent)  // the URL as libcurl normalised it
        cookiesSent = cookies
        guard visited.insert(hop.location + "\n" + cookies).inserted else {
            return .redirectLoop(url: request.url, chain: chain)
        }
        if chain.count > maxRedirects {
            return .tooManyRedirects(url: request.url, chain: chain)
        }
        return nil
    }

    var errorMessage: String? {
        errorBuffer[0] == 0 ? nil : String(cString: errorBuffer)
    }

    /// Write callback body: keeps at most `bodyCap` bytes; returns false to make libcurl abort.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let room = bodyCap - body.count
        if bytes.count <= room {
            body.append(contentsOf: bytes)
            return true
        }
        if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
        bodyTruncated = true
        return false
    }

    /// Header callback body: one raw header line, CRLF included.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        // A status line starts a new response (an interim 1xx, or the next hop): keep only the last.
        if line.count >= 5, line.starts(with: "HTTP/".utf8) {
            headers.removeAll(keepingCapacity: true)
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        var start = colon + 1
        var end = line.count
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x0D || line[end - 1] == 0x0A || line[end - 1] == 0x20
            || line[end - 1] == 0x09 { end -= 1 }
        let value = String(decoding: line[start..<end], as: UTF8.self)
        if request.method == .get, body.isEmpty, name.utf8.count == 14,
           name.lowercased() == "content-length", let length = Int(value), length > 0 {
            body.reserveCapacity(min(length, bodyCap))
        }
        headers.append((name: name, value: value))
    }
}

/// `CURLOPT_WRITEFUNCTION`: hands each decoded body chunk to its transfer.
func pantauBodyCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                        _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let accepted = transfer.appendBody(UnsafeRawBufferPointer(start: data, count: length))
    return accepted ? length : 0
}

/// `CURLOPT_HEADERFUNCTION`: hands each header line to its transfer.
func pantauHeaderCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                          _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}
