import ArgumentParser
import Foundation
import HanTM

@main
struct Hantm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hantm",
        abstract: "Korean↔English translation memory: align, remember, look up, exchange, analyse and pre-translate.",
        version: HanTMVersion.current,
        subcommands: [Align.self, Review.self, Segment.self, Import.self, Export.self, Lookup.self, Concordance.self, Analyze.self,
                      Pretranslate.self, Terms.self, Check.self, GlossaryCommand.self, Stats.self, Serve.self, Bench.self]
    )

    /// As swift-argument-parser runs a command, then a check that what the
    /// command printed reached standard output: a full disk or a closed pipe
    /// is an error, not a success with the output lost.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
        // Every output stream (standard output is the one a command writes), flushed:
        // data that could not be written fails the flush.
        if fflush(nil) != 0 {
            FileHandle.standardError.write(Data("Error: standard output cannot be written (\(String(cString: strerror(errno))))\n".utf8))
            Foundation.exit(1)
        }
    }
}

extension ValidationError {
    /// The input of a command that takes it one way, as an argument (`what`:
    /// a sentence, a text) or a file of them (`--queries`), if not one of the
    /// two. An argument given beside the file is named: it is often the value
    /// of an option misspelt before it (`--minimum 40` makes `40` the sentence).
    static func oneInput(_ argument: String?, _ what: String, queries: String?) -> ValidationError? {
        switch (argument, queries) {
        case (nil, nil): ValidationError("Give a \(what), or --queries FILE.")
        case (let argument?, _?): ValidationError("Give a \(what) or --queries FILE, not both (\"\(argument)\" was read as the \(what)).")
        // A blank line of a --queries file is answered (with nothing), to keep the lines in step; a blank argument is a slip.
        case (let argument?, nil) where argument.allSatisfy(\.isWhitespace): ValidationError("The \(what) is blank.")
        default: nil
        }
    }
}
