import ArgumentParser
import Foundation
import HanTM

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure hantm's speed on this machine.",
        subcommands: [AlignBench.self]
    )
}

struct AlignBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Time the alignment of one long document pair built from presegmented documents.",
        discussion: """
        Concatenates the ko.txt/en.txt pairs of every folder under DIR (for example \
        Tests/HanTMTests/Fixtures/align-dev, whose ntrex-* folders have them) until the Korean \
        side has --sentences lines, aligns it --runs times and prints the median time and the \
        peak resident memory. Build with -c release before measuring.
        """
    )

    @Argument(help: "A folder of document folders holding ko.txt and en.txt.")
    var directory: String

    @Option(help: "Korean sentences in the document to build.")
    var sentences = 5000

    @Option(help: "Timed runs; the median is reported.")
    var runs = 5

    func run() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            .map { "\(directory)/\($0)" }
            .filter { FileManager.default.fileExists(atPath: "\($0)/ko.txt") && FileManager.default.fileExists(atPath: "\($0)/en.txt") }
        guard !folders.isEmpty else { throw CommandFailure("\(directory): no folder holds ko.txt and en.txt") }
        var korean = "", english = "", lines = 0
        while lines < sentences {
            for folder in folders where lines < sentences {
                let ko = try TextFile.read("\(folder)/ko.txt"), en = try TextFile.read("\(folder)/en.txt")
                korean += ko.hasSuffix("\n") ? ko : ko + "\n"
                english += en.hasSuffix("\n") ? en : en + "\n"
                lines += ko.split(separator: "\n").count
            }
        }
        var times: [Double] = []
        var beads = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let document = AlignedDocument(name: "bench", korean: korean, english: english, presegmented: true, aligner: SentenceAligner())
            times.append((ContinuousClock.now - start).seconds)
            beads = document.beads.count
        }
        let median = times.sorted()[times.count / 2]
        print(String(format: "align: %d ko lines, %d beads: median %.3f s over %d runs (min %.3f, max %.3f); peak RSS %@",
                     lines, beads, median, runs, times.min()!, times.max()!, PeakMemory.description))
    }
}

/// The process's peak resident memory, from Linux's /proc.
enum PeakMemory {
    static var description: String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return "unknown" }
        return line.dropFirst("VmHWM:".count).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
