import ArgumentParser
import HanTM

@main
struct Hantm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hantm",
        abstract: "Korean↔English translation memory: align, remember, look up, exchange.",
        version: HanTMVersion.current,
        subcommands: [Align.self, Segment.self, Import.self, Export.self, Lookup.self, Stats.self, Serve.self, Bench.self]
    )
}
