import HanTM
import Hummingbird
import HummingbirdCore
import Logging
import Foundation
import NIOPosix
import ServiceLifecycle

/// `hantm serve`: a memory's suggestions over HTTP for a whole team.
public enum HanTMServer {
    /// The application serving `memory`, ready to run (``run(_:logger:shutdownTime:)``
    /// stops it gracefully on SIGTERM or SIGINT). It logs the port it listens on, and
    /// hands it to `onListening`. Answers carry the terms `glossary` recognizes
    /// in each query (default: the memory's glossary).
    public static func application(memory: TranslationMemory, configuration: ServerConfiguration, logger: Logger,
                                   glossary: Glossary? = nil, onListening: @escaping @Sendable (Int) -> Void = { _ in })
        throws(ServerConfigurationError) -> some ApplicationProtocol {
        try configuration.validate()
        let uploadDirectory = configuration.uploadDirectory ?? memory.path + ".uploads"
        do {
            try Upload.sweep(uploadDirectory)
        } catch {
            throw ServerConfigurationError("\(uploadDirectory): cannot prepare the folder for uploads: \(error.localizedDescription)")
        }
        let served: Glossary
        do {
            served = try glossary ?? memory.glossary()
        } catch {
            throw ServerConfigurationError("\(memory.path): cannot read its glossary: \(error)")
        }
        let service = MemoryService(memory: memory, glossary: served)
        let metrics = ServerMetrics()
        let limits = configuration.limits
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: AccessMiddleware(metrics: metrics))
        router.add(middleware: SameOriginMiddleware(loopbackOnly: ServerConfiguration.isLoopback(configuration.host)))
        let routes: RouteTable<BasicRequestContext> = MemoryRoutes(service: service, metrics: metrics, limits: limits, uploadDirectory: uploadDirectory).routes
            + ReviewRoutes(service: service, limits: limits).routes
        routes.add(to: router, token: configuration.token)
        return Application(
            router: router,
            server: HTTPServerBuilder { responder in GuardedHTTP1Channel(responder: responder, idleTime: limits.idleTime, metrics: metrics) },
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "hantm/\(HanTMVersion.current)",
                                                    availableConnectionsDelegate: MaximumAvailableConnections(limits.connections)),
            services: [service],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info("listening", metadata: ["host": .string(configuration.host), "port": .stringConvertible(port),
                                                    "memory": .string(memory.path)])
                onListening(port)
            },
            eventLoopGroupProvider: .shared(networkThreads),
            logger: logger)
    }

    /// Runs `application` until SIGTERM or SIGINT, then stops it gracefully:
    /// it stops listening and answers the requests under way, for at most
    /// `shutdownTime`; the requests still under way then (a client sending its
    /// body a byte at a time) are cancelled. The write under way (an import)
    /// runs to its end either way: it commits whole, never in part.
    public static func run(_ application: some ApplicationProtocol, logger: Logger, shutdownTime: Duration = .seconds(60)) async throws {
        var configuration = ServiceGroupConfiguration(services: [.init(service: application)], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger)
        // No limit on the cancellation: the library ends the process with a fatal error past it, and a write cannot be cut short.
        configuration.maximumGracefulShutdownDuration = shutdownTime
        try await ServiceGroup(configuration: configuration).run()
    }

    /// The threads that move the requests' bytes: a quarter of the cores, at
    /// least one. Handlers and their lookups run on Swift's threads, so a loop a
    /// core (NIO's default) only adds threads to wake, each wake-up CPU that
    /// lookups do not get.
    static let networkThreads = MultiThreadedEventLoopGroup(numberOfThreads: max(1, ProcessInfo.processInfo.activeProcessorCount / 4))
}
