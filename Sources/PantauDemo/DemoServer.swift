import PantauCore
import PantauHTTPServer

/// The demo district served on 127.0.0.1 (an ephemeral port) until ``stop()``.
///
/// Every site shares the one server; requests are routed by their `Host` header.
public final class DemoServer: Sendable {
    public let district: DemoDistrict
    private let server: LoopbackHTTPServer

    private init(district: DemoDistrict, server: LoopbackHTTPServer) {
        self.district = district
        self.server = server
    }

    /// Binds 127.0.0.1 on `port` (0 = a free port) and serves `district`.
    /// - Throws: the bind error from ``LoopbackHTTPServer/start(port:handler:)``.
    public static func start(district: DemoDistrict, port: Int = 0) async throws -> DemoServer {
        let server = try await LoopbackHTTPServer.start(port: port) { request in
            district.response(for: request)
        }
        return DemoServer(district: district, server: server)
    }

    /// The TCP port the district is served on.
    public var port: Int { server.port }

    /// Requests answered so far.
    public var requestCount: Int { server.requestCount }

    /// The institutions with URLs on this server's port.
    public var institutions: [Institution] { district.institutions(port: port) }

    /// The ground truth with URLs on this server's port.
    public var groundTruth: DemoGroundTruth { district.groundTruth(port: port) }

    /// Closes the listener and waits for running requests.
    public func stop() async throws { try await server.stop() }
}
