import ArgumentParser
import HanTM

struct Align: ParsableCommand {
    func run() throws {}
}
