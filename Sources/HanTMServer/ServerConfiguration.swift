import Foundation

/// Where `hantm serve` listens, who may write, and what it refuses.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the system choose a free port (tests).
    public var port: Int
    /// The bearer token that writes (`/v1/units`, `/v1/import`, `/v1/export`)
    /// need; nil leaves them open, which only a loopback address allows.
    public var token: String?
    public var limits: Limits
    /// Where TMX uploads are kept while they are imported; nil: a folder beside
    /// the memory (`NAME.hantm.uploads`). What a killed server left there is
    /// removed when the next one starts.
    public var uploadDirectory: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, limits: Limits = Limits(),
                uploadDirectory: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
        self.limits = limits
        self.uploadDirectory = uploadDirectory
    }

    /// What one request may ask; past each, the request is refused with a 4xx.
    public struct Limits: Sendable {
        /// Characters of one query (`q`, `prev`, `next`): 414 in a URL, 400 in a body.
        public var queryCharacters = 2_000
        /// Bytes of a JSON body of units (`POST /v1/units`): 413.
        public var bodyBytes = 8 << 20
        /// Bytes of a batch of queries (`POST /v1/suggest`): 413. A thousand
        /// queries of a few sentences each fit; the 8 MiB of units would take
        /// seconds of both cores just to decode and check.
        public var batchBytes = 1 << 20
        /// Bytes of a TMX upload (`POST /v1/import`): 413.
        public var uploadBytes = 1 << 30
        /// Queries in one `POST /v1/suggest`: 400.
        public var batchSize = 1_000
        /// Units in one `POST /v1/units` (one transaction): 400.
        public var unitsPerRequest = 100_000
        /// Matches one query (or hits one concordance) may ask for (`limit`): 400.
        public var matches = 100
        /// Time a lookup request (`/v1/suggest`, `/tmserver`, `/v1/concordance`) may take: 408.
        public var requestTime: Duration = .seconds(10)
        /// Segments of the documents of one analysis (`POST /v1/analyze`): 400.
        public var analysisSegments = 20_000
        /// Time an analysis may take: 408. Its lookups run on every core; at a
        /// million units a 5,000-segment document takes about 15 s on two.
        public var analysisTime: Duration = .seconds(120)
        /// Time a connection may stay silent (between requests, within a
        /// request's head or body) and a client may leave its answer unread,
        /// before the connection is closed.
        public var idleTime: Duration = .seconds(20)
        /// Connections open at once; more wait to be accepted.
        public var connections = 256

        public init() {}
    }

    /// The ports there are (0: any free one).
    public static let ports = 0...65_535

    /// Refuses to serve writes without a token beyond loopback.
    public func validate() throws(ServerConfigurationError) {
        if let token, token.isEmpty { throw ServerConfigurationError("the token is empty") }
        guard token != nil || Self.isLoopback(host) else {
            throw ServerConfigurationError("listening on \(host) (beyond loopback) needs --token-file: writes would be open to the network")
        }
        guard Self.ports.contains(port) else { throw ServerConfigurationError("port \(port) is not between 0 and 65535") }
    }

    /// `localhost`, or an IP literal of the loopback range: 127.0.0.0/8, `::1`
    /// (bracketed or not), `::ffff:127.x.x.x`. Anything else, such as
    /// `127.0.0.1.example.com`, is a name the network resolves.
    static func isLoopback(_ host: String) -> Bool {
        if host.utf8.elementsEqual("localhost".utf8, by: { $0 | 0x20 == $1 }) { return true }
        let literal = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, literal, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
        let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF, 127]
        return bytes == loopback || bytes.starts(with: mapped)
    }

    /// Reads a token file: its first line, trimmed of whitespace.
    public static func token(fromFile path: String) throws(ServerConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerConfigurationError("\(path): cannot read the token file")
        }
        let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else { throw ServerConfigurationError("\(path): the token must be at least 16 characters") }
        return token
    }
}

public struct ServerConfigurationError: Error, CustomStringConvertible, Equatable {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
