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
    /// Where TMX uploads are kept while they are imported.
    public var uploadDirectory: String

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, limits: Limits = Limits(),
                uploadDirectory: String = FileManager.default.temporaryDirectory.path) {
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
        /// Bytes of a JSON body (`POST /v1/suggest`, `POST /v1/units`): 413.
        public var bodyBytes = 8 << 20
        /// Bytes of a TMX upload (`POST /v1/import`): 413.
        public var uploadBytes = 1 << 30
        /// Queries in one `POST /v1/suggest`: 400.
        public var batchSize = 1_000
        /// Units in one `POST /v1/units` (one transaction): 400.
        public var unitsPerRequest = 100_000
        /// Matches one query may ask for (`limit`): 400.
        public var matches = 100
        /// Time a lookup request (`/v1/suggest`, `/tmserver`) may take: 408.
        public var requestTime: Duration = .seconds(10)

        public init() {}
    }

    /// Refuses to serve writes without a token beyond loopback.
    public func validate() throws(ServerConfigurationError) {
        if let token, token.isEmpty { throw ServerConfigurationError("the token is empty") }
        guard token != nil || Self.isLoopback(host) else {
            throw ServerConfigurationError("listening on \(host) (beyond loopback) needs --token-file: writes would be open to the network")
        }
        guard (0...65_535).contains(port) else { throw ServerConfigurationError("port \(port) is not between 0 and 65535") }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
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
