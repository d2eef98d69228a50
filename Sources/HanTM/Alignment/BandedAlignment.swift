import Foundation

/// One dynamic program over a span of units: the least-cost path of beads inside a
/// band around the span's diagonal, and the posterior of each bead on it.
///
/// The band follows the line from the first cell to the last (the slope of the
/// span's two lengths), starts narrow and doubles whenever the best path touches
/// its edge, until it would hold more than ``cellsPerUnit`` cells a unit (or, for
/// a small span, more than `smallSpanCells`). A path that drifts further from the
/// line (a translation that leaves out or adds thousands of sentences in one
/// place) is then the best path inside the widest band: time and memory stay
/// linear in the units whatever the shapes, where doubling up to the whole grid
/// took 30 s and 1.96 GB for 4,000 against 8,000 sentences.
struct BandedAlignment<Scorer: BeadCosts> {
    let scorer: Scorer
    let korean: Range<Int>
    let english: Range<Int>
    var shapes = BeadShape.sentences
    var initialHalfWidth = 24
    /// Below this many cells (about 70 MB) a band may always widen, up to the
    /// whole grid: a document of a thousand sentences keeps its exact best path,
    /// and one of 5,000 a band of ±96 (a translation that leaves out or adds a
    /// couple of hundred sentences in one place).
    var smallSpanCells = 1 << 20

    /// How many cells a band may hold for each unit of the span (Korean plus
    /// English units): about 70 bytes a cell (bead costs, best costs and the
    /// forward and backward sums), so 13,000 against 30,000 sentences take
    /// under 100 MB.
    static var cellsPerUnit: Int { 32 }

    func beads() -> [Bead] {
        guard !korean.isEmpty && !english.isEmpty else {
            return korean.map { Bead(korean: $0..<($0 + 1), english: english.lowerBound..<english.lowerBound, confidence: 1) }
                + english.map { Bead(korean: korean.upperBound..<korean.upperBound, english: $0..<($0 + 1), confidence: 1) }
        }
        let (lattice, path) = bestPath()
        return lattice.beads(along: path.cells)
    }

    /// The cost of the best path: what aligning these units costs at best. Both
    /// sides must hold units.
    func leastCost() -> Double {
        precondition(!korean.isEmpty && !english.isEmpty)
        return bestPath().path.cost
    }

    private func bestPath() -> (lattice: Lattice<Scorer>, path: (cells: [(i: Int, j: Int)], cost: Double)) {
        let cellBudget = max(smallSpanCells, Self.cellsPerUnit * (korean.count + english.count + 1))
        var band = Band(rows: korean.count, columns: english.count, halfWidth: initialHalfWidth)
        while true {
            let lattice = Lattice(band: band, scorer: scorer, shapes: shapes, korean: korean.lowerBound, english: english.lowerBound)
            let path = lattice.bestPath()
            guard !band.isFull, path.cells.contains(where: band.touchesEdge) else { return (lattice, path) }
            let wider = Band(rows: korean.count, columns: english.count, halfWidth: band.halfWidth * 2)
            guard wider.cellCount <= cellBudget else { return (lattice, path) }
            band = wider
        }
    }
}

/// What a bead of `koreanCount` units from `koreanStart` and `englishCount` units
/// from `englishStart` costs: sentences (``BeadScorer``) or paragraphs
/// (``ParagraphScorer``).
protocol BeadCosts {
    func cost(koreanStart: Int, koreanCount: Int, englishStart: Int, englishCount: Int) -> Double
}

/// The cells (i, j) of a (rows+1) × (columns+1) grid within `halfWidth` of the
/// diagonal, stored row after row.
struct Band {
    let rows: Int, columns: Int, halfWidth: Int
    let lower: [Int], upper: [Int], rowStart: [Int]
    let cellCount: Int
    let isFull: Bool

    init(rows: Int, columns: Int, halfWidth: Int) {
        self.rows = rows
        self.columns = columns
        self.halfWidth = halfWidth
        var lower: [Int] = [], upper: [Int] = [], rowStart: [Int] = []
        var count = 0
        var full = true
        for i in 0...rows {
            // A row reaches to where the next row's diagonal starts, so that a steep
            // diagonal (many more columns than rows) leaves no gap a path cannot cross.
            let low = max(0, i * columns / rows - halfWidth)
            let high = min(columns, ((i + 1) * columns + rows - 1) / rows + halfWidth)
            if low > 0 || high < columns { full = false }
            lower.append(low)
            upper.append(high)
            rowStart.append(count)
            count += high - low + 1
        }
        self.lower = lower
        self.upper = upper
        self.rowStart = rowStart
        cellCount = count
        isFull = full
    }

    func index(_ i: Int, _ j: Int) -> Int? {
        guard i >= 0, i <= rows, j >= lower[i], j <= upper[i] else { return nil }
        return rowStart[i] + j - lower[i]
    }

    /// Whether a path through (i, j) may have been cut short by the band.
    func touchesEdge(_ cell: (i: Int, j: Int)) -> Bool {
        (cell.j == lower[cell.i] && lower[cell.i] > 0) || (cell.j == upper[cell.i] && upper[cell.i] < columns)
    }
}

/// The band with the cost of every bead ending in each cell.
private struct Lattice<Scorer: BeadCosts> {
    let band: Band
    let koreanOffset: Int, englishOffset: Int
    /// `costs[cell * moves.count + move]`: the cost of the bead `move` ending at `cell`, or
    /// infinity where it would start outside the band.
    private var costs: [Float]
    private let moves: [(Int, Int)]

    init(band: Band, scorer: Scorer, shapes: [(Int, Int)], korean: Int, english: Int) {
        self.band = band
        moves = shapes
        koreanOffset = korean
        englishOffset = english
        LatticeCells.counter?.add(band.cellCount)
        var costs = [Float](repeating: .infinity, count: band.cellCount * moves.count)
        for i in 0...band.rows {
            for j in band.lower[i]...band.upper[i] {
                let cell = band.index(i, j)!
                for (move, (a, b)) in moves.enumerated() where band.index(i - a, j - b) != nil {
                    costs[cell * moves.count + move] = Float(scorer.cost(
                        koreanStart: korean + i - a, koreanCount: a, englishStart: english + j - b, englishCount: b))
                }
            }
        }
        self.costs = costs
    }

    /// The cells of the least-cost path from (0, 0) to (rows, columns), in order,
    /// and its cost.
    func bestPath() -> (cells: [(i: Int, j: Int)], cost: Double) {
        var best = [Float](repeating: .infinity, count: band.cellCount)
        var moveTo = [UInt8](repeating: 0, count: band.cellCount)
        best[0] = 0
        for i in 0...band.rows {
            for j in band.lower[i]...band.upper[i] {
                let cell = band.index(i, j)!
                for (move, (a, b)) in moves.enumerated() {
                    let cost = costs[cell * moves.count + move]
                    guard cost.isFinite, let previous = band.index(i - a, j - b) else { continue }
                    let total = best[previous] + cost
                    if total < best[cell] {
                        best[cell] = total
                        moveTo[cell] = UInt8(move)
                    }
                }
            }
        }
        var path: [(i: Int, j: Int)] = [(band.rows, band.columns)]
        var (i, j) = (band.rows, band.columns)
        while i > 0 || j > 0 {
            let (a, b) = moves[Int(moveTo[band.index(i, j)!])]
            i -= a
            j -= b
            path.append((i, j))
        }
        return (path.reversed(), Double(best[band.cellCount - 1]))
    }

    /// The beads between consecutive cells of `path`, each with its posterior
    /// probability: forward (α) and backward (β) sums over all paths in the band.
    func beads(along path: [(i: Int, j: Int)]) -> [Bead] {
        let forward = logSums(forward: true), backward = logSums(forward: false)
        let total = forward[band.cellCount - 1]
        return zip(path, path.dropFirst()).map { start, end in
            let move = moves.firstIndex { $0 == (end.i - start.i, end.j - start.j) }!
            let from = band.index(start.i, start.j)!, to = band.index(end.i, end.j)!
            let logPosterior = forward[from] - Double(costs[to * moves.count + move]) + backward[to] - total
            return Bead(
                korean: (koreanOffset + start.i)..<(koreanOffset + end.i),
                english: (englishOffset + start.j)..<(englishOffset + end.j),
                confidence: min(1, exp(logPosterior))
            )
        }
    }

    /// log Σ exp(−cost) over all partial paths from the start to each cell
    /// (forward) or from each cell to the end (backward).
    private func logSums(forward: Bool) -> [Double] {
        var sums = [Double](repeating: -.infinity, count: band.cellCount)
        var terms = [Double](repeating: 0, count: moves.count)
        sums[forward ? 0 : band.cellCount - 1] = 0
        let rows = forward ? Array(0...band.rows) : Array((0...band.rows).reversed())
        for i in rows {
            let columns = forward ? Array(band.lower[i]...band.upper[i]) : Array((band.lower[i]...band.upper[i]).reversed())
            for j in columns {
                let cell = band.index(i, j)!
                var count = 0
                for (move, (a, b)) in moves.enumerated() {
                    if forward {
                        let cost = costs[cell * moves.count + move]
                        guard cost.isFinite, let previous = band.index(i - a, j - b) else { continue }
                        terms[count] = sums[previous] - Double(cost)
                    } else {
                        guard let next = band.index(i + a, j + b) else { continue }
                        let cost = costs[next * moves.count + move]
                        guard cost.isFinite else { continue }
                        terms[count] = sums[next] - Double(cost)
                    }
                    count += 1
                }
                if count > 0 && !(i == (forward ? 0 : band.rows) && j == (forward ? 0 : band.columns)) {
                    sums[cell] = logSumExp(terms[..<count])
                }
            }
        }
        return sums
    }

    private func logSumExp(_ values: ArraySlice<Double>) -> Double {
        let largest = values.max()!
        guard largest.isFinite else { return largest }
        return largest + log(values.reduce(0) { $0 + exp($1 - largest) })
    }
}

/// The bead shapes the aligner considers, as (Korean units, English units).
enum BeadShape {
    static let sentences = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (3, 2), (2, 3), (4, 1), (1, 4)]
    /// Paragraphs merge or split, but a 2-2 of paragraphs is two 1-1s: allowing
    /// it would only loosen the bound paragraphs put on sentences.
    static let paragraphs = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]
    static let longestSide = 4
}
