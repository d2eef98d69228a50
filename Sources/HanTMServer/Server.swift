import HanTM
import Hummingbird
import Logging

/// `hantm serve`: a memory's suggestions over HTTP for a whole team.
public enum HanTMServer {
    /// The application serving `memory`, ready to run (`runService()` stops it
    /// gracefully on SIGTERM or SIGINT). It logs the port it listens on.
    public static func application(memory: TranslationMemory, configuration: ServerConfiguration, logger: Logger)
        throws(ServerConfigurationError) -> some ApplicationProtocol {
        try configuration.validate()
        let service = MemoryService(memory: memory, lookupThreads: configuration.lookupThreads)
        let metrics = ServerMetrics()
        let router = Router()
        router.add(middleware: AccessMiddleware(metrics: metrics))
        MemoryRoutes(service: service, metrics: metrics, limits: configuration.limits, uploadDirectory: configuration.uploadDirectory)
            .add(to: router, token: configuration.token)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "hantm/\(HanTMVersion.current)"),
            services: [service],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info("listening", metadata: ["host": .string(configuration.host), "port": .stringConvertible(port),
                                                    "memory": .string(memory.path)])
            },
            logger: logger)
    }
}
