/// Where long work (an import, a re-keying) reports how far it got. The library
/// only counts; the command line decides whether a terminal shows it.
public struct ProgressReporter: Sendable {
    private let report: @Sendable (_ task: String, _ done: Int, _ total: Int) -> Void

    public init(_ report: @escaping @Sendable (_ task: String, _ done: Int, _ total: Int) -> Void) {
        self.report = report
    }

    public static let silent = ProgressReporter { _, _, _ in }

    func callAsFunction(_ task: String, done: Int, of total: Int) {
        report(task, done, total)
    }
}
