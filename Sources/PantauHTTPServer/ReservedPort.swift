#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback TCP port that is bound but never listens: connecting to it is refused at once
/// (the kernel answers the SYN with a reset), and no other server can take the port while it is
/// held.
///
/// Why not a server's port after the server stopped: tests run in parallel, and the kernel hands
/// a freed port to the next server that binds port 0, so "refused" became "answered" or "timed
/// out" now and then (flaky `refusedConnectionsAreNotRetriedAndOpenTheBreaker` and `connectionRefusedNamesTheURL`). SwiftNIO only
/// binds to listen, hence a plain socket.
public final class ReservedPort: @unchecked Sendable {
    // @unchecked: the descriptor is written once in init and closed once in deinit.
    public let port: Int
    private let descriptor: Int32

    /// - Throws: ``ReservedPortError`` naming the call that failed and errno.
    public init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ReservedPortError(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            close(descriptor)
            throw ReservedPortError(call: "bind", code: code)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// A socket call that failed while reserving a port.
public struct ReservedPortError: Error, CustomStringConvertible {
    public var call: String
    public var code: Int32
    public var description: String { "reserving a loopback port: \(call) failed (errno \(code))" }
}
