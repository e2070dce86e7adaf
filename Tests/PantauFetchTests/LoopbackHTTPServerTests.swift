import Foundation
import PantauHTTPServer
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A blocking loopback TCP client, just enough to see the server's bytes on the wire
/// (keep-alive and HEAD framing are invisible through a full HTTP client).
private struct RawConnection: ~Copyable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // A bound on a hung read, not a timing assertion: the server's handlers run on the
        // cooperative pool, which the full suite's synchronous tests can hold for over 10 s.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if rc != 0 { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Reads one response: the head, then `bodyBytes` more bytes (bounded by the receive timeout).
    func receive(bodyBytes: Int) -> String {
        var collected: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let separator = Array("\r\n\r\n".utf8)
        while true {
            if let end = collected.firstRange(of: separator), collected.count >= end.upperBound + bodyBytes {
                break
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            collected.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: collected, as: UTF8.self)
    }
}

/// Runs blocking work on a Dispatch thread: a blocked cooperative thread would starve the
/// server's own async handlers on a 2-core machine.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

@Suite struct LoopbackHTTPServerTests {
    @Test func keepAliveServesTwoRequestsOnOneConnectionAndHeadHasNoBody() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            .text("host=\(request.host) path=\(request.path) method=\(request.method)")
        }

        let first = "host=dinkes.purbalingga.test path=/ppid/?x=1 method=GET"
        let headBody = "host=x.test path=/a method=HEAD"
        let port = server.port
        // Blocking socket calls run off the cooperative pool, which serves the server's handlers.
        let (firstReply, secondReply) = try await offThePool {
            let connection = try RawConnection(port: port)
            connection.send("GET /ppid/?x=1 HTTP/1.1\r\nHost: DINKES.Purbalingga.test:8080\r\n\r\n")
            let firstReply = connection.receive(bodyBytes: first.utf8.count)
            // Same socket: the connection must still be open.
            connection.send("HEAD /a HTTP/1.1\r\nHost: x.test\r\n\r\n")
            return (firstReply, connection.receive(bodyBytes: 0))
        }
        #expect(firstReply.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(firstReply.lowercased().contains("content-length: \(first.utf8.count)\r\n"))
        #expect(firstReply.hasSuffix("\r\n\r\n" + first))
        #expect(secondReply.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(secondReply.lowercased().contains("content-length: \(headBody.utf8.count)\r\n"))
        #expect(secondReply.hasSuffix("\r\n\r\n"))
        #expect(server.requestCount == 2)
        try await server.stop()
    }

    @Test func responseHelpersSetStatusAndHeaders() {
        let redirect = ServerResponse.redirect(to: "/b", status: 302)
        #expect(redirect.status == 302)
        #expect(redirect.headers.contains { $0.name == "Location" && $0.value == "/b" })
        #expect(ServerResponse.notFound.status == 404)
        let html = ServerResponse.html("<p>x</p>")
        #expect(html.headers.contains { $0.name == "Content-Type" && $0.value == "text/html; charset=utf-8" })
        #expect(html.body == Array("<p>x</p>".utf8))
    }
}
