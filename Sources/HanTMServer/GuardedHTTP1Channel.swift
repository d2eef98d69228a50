import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 connections, with what they leave to the
/// application: a connection closes after an answer when its request asked
/// for that (`Connection: close`, or HTTP/1.0 without keep-alive) or when the
/// answer came before the request's body was read (a refusal: the rest is not
/// worth reading); a client that leaves an answer unread for `idleTime` is let
/// go (hummingbird's idle timeout only covers what it reads); a request the
/// HTTP decoder cannot read gets one line of JSON that says why (hummingbird
/// answers an empty 400); and a body cut off by the client fails its reader
/// instead of ending as if it were whole; a request that asks (`Expect:
/// 100-continue`) is told to send its body.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let idleTime: TimeAmount
    let metrics: ServerMetrics

    init(responder: @escaping HTTPChannelHandler.Responder, idleTime: Duration, metrics: ServerMetrics) {
        let idleTime = TimeAmount(idleTime)
        http1 = HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTime))
        self.idleTime = idleTime
        self.metrics = metrics
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let requestLine = RequestLineWatch()
            try pipeline.addHandler(requestLine, position: .before(decoder))
            try pipeline.addHandler(ConnectionGuard(requestLine: requestLine, headLimit: http1.configuration.httpDecoder.maxHeaderListSize,
                                                    idleTime: idleTime, metrics: metrics), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

/// The client closed its connection in the middle of a request's body.
struct RequestAborted: Error {}

/// The length of the request line of the request being received, so that a
/// head too large for the decoder is told apart: a URL too long (414) when the
/// line alone is over the limit, header fields too large (431) otherwise. Only
/// the bytes up to the first line feed of each request are looked at.
final class RequestLineWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private(set) var length = 0
    private var ended = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !ended {
            let bytes = unwrapInboundIn(data).readableBytesView
            let end = bytes.firstIndex(of: UInt8(ascii: "\n"))
            length += (end ?? bytes.endIndex) - bytes.startIndex
            ended = end != nil
        }
        context.fireChannelRead(data)
    }

    /// Called by ``ConnectionGuard`` once a request has been received whole: the next bytes begin a request line.
    func reset() {
        length = 0
        ended = false
    }
}

/// Between NIO's HTTP/1 decoder and hummingbird: sees each request's version
/// and keep-alive, and each answer as it is written.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let requestLine: RequestLineWatch
    /// The decoder's limit on a request's head (URL and header fields).
    private let headLimit: Int
    private let idleTime: TimeAmount
    private let metrics: ServerMetrics
    /// The requests received and not yet answered, oldest first.
    private var unanswered = CircularBuffer<(version: HTTPVersion, keepAlive: Bool)>()
    /// A request's head has come and its end not yet.
    private var receiving = false
    /// The connection closes once the answer under way is written; what the client sends meanwhile is dropped.
    private var closing = false
    private var stall: Scheduled<Void>?

    init(requestLine: RequestLineWatch, headLimit: Int, idleTime: TimeAmount, metrics: ServerMetrics) {
        self.requestLine = requestLine
        self.headLimit = headLimit
        self.idleTime = idleTime
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            unanswered.append((head.version, head.isKeepAlive))
            receiving = true
            // A client that asks leaves its body unsent until told to go on (curl does for bodies over a megabyte):
            // the interim answer goes out now, ahead of this handler, and the final one when the route has it.
            // Behind an answer still being written (a pipelined request) it would land inside it: the client,
            // not told, sends its body after a wait of its own.
            if head.version == .http1_1, unanswered.count == 1,
               head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
            }
        case .body:
            break
        case .end:
            receiving = false
            requestLine.reset()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if let request = unanswered.first {
                head.version = request.version
                // An HTTP/1.0 client knows an answer of unknown length only by its connection closing.
                let unframed = request.version == .http1_0 && !head.headers.contains(name: "content-length")
                if !request.keepAlive || unframed || (receiving && unanswered.count == 1) { closing = true }
            }
            if closing { head.headers.replaceOrAdd(name: "connection", value: "close") }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            if !unanswered.isEmpty { unanswered.removeFirst() }
            guard closing, unanswered.isEmpty else { return context.write(data, promise: promise) }
            context.writeAndFlush(data, promise: promise)
            // Output only: a full close with unread input would reset the connection, and the
            // client could lose the answer. The client closes on seeing the end, or the idle timeout does.
            context.close(mode: .output, promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // The decoder reports a connection that ends in the middle of a body as malformed.
        guard let parseError = error as? HTTPParserError, parseError != .invalidEOFState else { return abort(context, otherwise: error) }
        guard !closing else { return }
        closing = true
        // A malformed body fails the route reading it, which answers.
        if receiving { return context.fireErrorCaught(error) }
        // Answers under way are finished, then the connection closes.
        guard unanswered.isEmpty else { return }
        let (status, message): (HTTPResponseStatus, String) = switch parseError {
        case .headerOverflow where requestLine.length > headLimit: (.uriTooLong, "the URL is longer than \(headLimit) bytes")
        case .headerOverflow: (.requestHeaderFieldsTooLarge, "the URL and header fields are larger than \(headLimit) bytes")
        default: (.badRequest, "the request is not valid HTTP/1.1 (\(parseError))")
        }
        metrics.recordUnread(status: Int(status.code))
        let body = ResponseFormat.refusal(message)
        let head = HTTPResponseHead(version: .http1_1, status: status, headers: [
            "content-type": ResponseFormat.jsonType, "content-length": String(body.readableBytes), "connection": "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(mode: .output, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stall?.cancel()
        abort(context, otherwise: nil)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { abort(context, otherwise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    /// A connection that fails or ends while a body is being received fails the
    /// route reading it with ``RequestAborted`` (hummingbird would end the body as
    /// if it were whole), and closes once that is answered; `error`, if any, goes on otherwise.
    private func abort(_ context: ChannelHandlerContext, otherwise error: (any Error)?) {
        if receiving && !closing {
            receiving = false
            closing = true
            context.fireErrorCaught(RequestAborted())
        } else if let error {
            context.fireErrorCaught(error)
        }
    }

    /// The client has stopped reading what it is sent: it gets `idleTime` to start again.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        stall?.cancel()
        stall = nil
        if !context.channel.isWritable {
            stall = context.eventLoop.assumeIsolated().scheduleTask(in: idleTime) { context.close(promise: nil) }
        }
        context.fireChannelWritabilityChanged()
    }
}
