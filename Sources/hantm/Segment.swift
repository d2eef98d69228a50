import ArgumentParser
import HanTM

struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the sentences of a text file, one a line.",
        discussion: "Shows how `hantm align` cuts a text before aligning it. Every line break is a hard boundary."
    )

    @Argument(help: "The text file (UTF-8, or UTF-16 with a byte-order mark).")
    var file: String

    @Option(help: "The language of the text: ko or en.")
    var lang: Language

    func run() throws {
        let text = try TextFile.read(file)
        for segment in SentenceSegmenter.shared(for: lang).segments(of: text) {
            print(segment.text)
        }
    }
}

extension Language: ExpressibleByArgument {}
