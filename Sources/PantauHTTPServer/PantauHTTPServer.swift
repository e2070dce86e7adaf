// PantauHTTPServer: a small HTTP/1.1 server bound to 127.0.0.1, used by tests and the demo
// district so that nothing in Pantau's own checks ever talks to a real network.
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One request as the server saw it, handed to the request handler.
public struct ServerRequest: Sendable {
    /// The request method as sent, e.g. `"GET"` or `"HEAD"`.
    public var method: String
    /// The `Host` header without its port, lowercased (e.g. `"dinkes.purbalingga.test"`);
    /// empty when the request carried no `Host` header.
    public var host: String
    /// The request target as sent: path plus query (e.g. `"/ppid/?x=1"`).
    public var path: String
    /// All request headers in the order they were sent.
    public var headers: [(name: String, value: String)]

    public init(method: String, host: String, path: String, headers: [(name: String, value: String)]) {
        self.method = method
        self.host = host
        self.path = path
        self.headers = headers
    }

    /// The first value of the header `name` (compared case-insensitively, RFC 9110 §5.1), or nil.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// The answer a handler gives. `Content-Length` is always set by the server from `body`,
/// so handlers should not set it themselves.
public struct ServerResponse: Sendable {
    /// HTTP status code (RFC 9110 §15).
    public var status: Int
    /// Response headers, sent in this order.
    public var headers: [(name: String, value: String)]
    /// The body bytes; omitted on the wire for `HEAD` requests (RFC 9110 §9.3.2).
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An HTML page, `Content-Type: text/html; charset=utf-8`.
    public static func html(_ s: String, status: Int = 200) -> ServerResponse {
        text(s, status: status, contentType: "text/html; charset=utf-8")
    }

    /// A text body with the given content type.
    public static func text(_ s: String, status: Int = 200,
                            contentType: String = "text/plain; charset=utf-8") -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", contentType)], body: Array(s.utf8))
    }

    /// A redirect to `location` (absolute or relative, sent as given) with a 3xx `status`.
    public static func redirect(to location: String, status: Int = 301) -> ServerResponse {
        ServerResponse(status: status, headers: [("Location", location)])
    }

    /// A plain-text 404 answer.
    public static let notFound = ServerResponse.text("Not Found", status: 404)
}

/// An HTTP/1.1 server on 127.0.0.1 with persistent connections, serving every request through
/// one async handler. It owns its event loop group (one thread) and shuts it down in `stop()`.
public final class LoopbackHTTPServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let counter: RequestCounter

    /// The TCP port the server listens on.
    public let port: Int

    /// Number of requests served so far (tests use it to assert "each URL fetched once").
    public var requestCount: Int { counter.value }

    private init(group: MultiThreadedEventLoopGroup, channel: Channel, counter: RequestCounter, port: Int) {
        self.group = group
        self.channel = channel
        self.counter = counter
        self.port = port
    }

    /// Binds 127.0.0.1 on an ephemeral port (or `port`), serving every request through `handler`.
    ///
    /// - Throws: the bind error (e.g. the port is in use); the event loop group is shut down then.
    public static func start(port: Int = 0,
                             handler: @escaping @Sendable (ServerRequest) async -> ServerResponse)
        async throws -> LoopbackHTTPServer
    {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let counter = RequestCounter()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPRequestHandler(handler: handler, counter: counter))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
            guard let boundPort = channel.localAddress?.port else {
                try? await channel.close()
                throw ServerStartError.noLocalAddress
            }
            return LoopbackHTTPServer(group: group, channel: channel, counter: counter, port: boundPort)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Closes the listening socket, lets running handlers answer, then closes open connections
    /// and stops the event loop thread. Waits as long as the slowest running handler.
    public func stop() async throws {
        try? await channel.close()
        await counter.waitUntilIdle()
        try await group.shutdownGracefully()
    }
}

/// Raised when the listener came up without a local address (should not happen on loopback).
public enum ServerStartError: Error, Sendable {
    case noLocalAddress
}

/// Request bookkeeping shared by all connections: how many were served, how many handlers are
/// still running (so `stop()` can wait for them before the event loop goes away).
/// `Mutex`/`Atomic` would need macOS 15 and the package targets 14, hence NSLock.
final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var inFlight = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    var value: Int { lock.withLock { count } }

    func begin() {
        lock.withLock {
            count += 1
            inFlight += 1
        }
    }

    func end() {
        let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
            inFlight -= 1
            guard inFlight == 0 else { return [] }
            defer { idleWaiters.removeAll() }
            return idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no handler is running.
    func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle: Bool = lock.withLock {
                if inFlight == 0 { return true }
                idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }
}

/// One per connection. NIO's pipelining helper hands it one request at a time, so `head`
/// is the only state it needs.
private final class HTTPRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: @Sendable (ServerRequest) async -> ServerResponse
    private let counter: RequestCounter
    private var head: HTTPRequestHead?

    init(handler: @escaping @Sendable (ServerRequest) async -> ServerResponse, counter: RequestCounter) {
        self.handler = handler
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
        case .body:
            break  // request bodies are not used by any Pantau test site
        case .end:
            guard let head else { return }
            self.head = nil
            counter.begin()
            let request = ServerRequest(
                method: head.method.rawValue,
                host: Self.hostWithoutPort(head.headers.first(name: "host") ?? ""),
                path: head.uri,
                headers: head.headers.map { (name: $0.name, value: $0.value) })
            let isHead = head.method == .HEAD
            let keepAlive = head.isKeepAlive
            let version = head.version
            let promise = context.eventLoop.makePromise(of: ServerResponse.self)
            let handler = self.handler
            promise.completeWithTask { await handler(request) }
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let counter = self.counter
            promise.futureResult.whenSuccess { response in
                let (me, context) = bound.value
                me.write(response, to: context, isHead: isHead, keepAlive: keepAlive, version: version)
                counter.end()
            }
        }
    }

    private func write(_ response: ServerResponse, to context: ChannelHandlerContext,
                       isHead: Bool, keepAlive: Bool, version: HTTPVersion) {
        var headers = HTTPHeaders()
        for (name, value) in response.headers
        where name.caseInsensitiveCompare("content-length") != .orderedSame {
            headers.add(name: name, value: value)
        }
        // HEAD carries the Content-Length the GET would have (RFC 9110 §9.3.2).
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if version.major == 1 && version.minor == 0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status),
                                    headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !isHead && !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    /// `Host` without the port, lowercased; keeps the brackets of an IPv6 literal.
    static func hostWithoutPort(_ raw: String) -> String {
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            return String(value[...close])
        }
        if let colon = value.lastIndex(of: ":") {
            return String(value[..<colon])
        }
        return value
    }
}
