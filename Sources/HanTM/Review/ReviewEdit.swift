/// One operation of a review. Pairs are named by their position in document
/// order at the time the operation applies (an operation that adds or removes
/// pairs moves the positions of those after it).
public enum ReviewEdit: Equatable, Sendable {
    /// Joins the pair with the next or previous one.
    case merge(pair: Int, with: Direction)
    /// Cuts the pair in two: the first keeps its first `korean` and `english`
    /// sentences, the second the rest. Each part keeps a sentence.
    case split(pair: Int, korean: Int, english: Int)
    /// Moves the side's last sentence to the next pair, or its first to the previous one.
    case move(pair: Int, side: ReviewSide, to: Direction)
    /// Leaves both sides of the pair unpaired, the Korean first.
    case unpair(pair: Int)
    /// Pairs two unpaired sides of opposite languages, with only unpaired
    /// sentences between them (which stay unpaired, on either side of the new pair).
    case pair(Int, Int)
    /// Replaces the text of the side's `sentence`th sentence (counted in the pair).
    case edit(pair: Int, side: ReviewSide, sentence: Int, text: String)
    case confirm(pair: Int)
    case unconfirm(pair: Int)
    /// Confirms every proposed pair whose aligner's confidence is `threshold` or more.
    case confirmAbove(threshold: Double)
    /// Takes back the last change.
    case undo

    public enum Direction: String, Codable, Sendable {
        case next, previous
    }
}

extension ReviewEdit: Decodable {
    private enum CodingKeys: String, CodingKey {
        case op, pair, pairs, with, korean, english, side, to, sentence, text, threshold
    }

    /// `{"op": "merge", "pair": 3, "with": "next"}`, `{"op": "split", "pair": 3, "korean": 1, "english": 2}`,
    /// `{"op": "move", "pair": 3, "side": "english", "to": "previous"}`, `{"op": "unpair", "pair": 3}`,
    /// `{"op": "pair", "pairs": [3, 5]}`, `{"op": "edit", "pair": 3, "side": "korean", "sentence": 0, "text": "…"}`,
    /// `{"op": "confirm", "pair": 3}`, `{"op": "unconfirm", "pair": 3}`, `{"op": "confirmAbove", "threshold": 0.9}`,
    /// `{"op": "undo"}`.
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        let op = try fields.decode(String.self, forKey: .op)
        func pair() throws -> Int { try fields.decode(Int.self, forKey: .pair) }
        switch op {
        case "merge": self = .merge(pair: try pair(), with: try fields.decode(Direction.self, forKey: .with))
        case "split": self = .split(pair: try pair(), korean: try fields.decode(Int.self, forKey: .korean),
                                    english: try fields.decode(Int.self, forKey: .english))
        case "move": self = .move(pair: try pair(), side: try fields.decode(ReviewSide.self, forKey: .side),
                                  to: try fields.decode(Direction.self, forKey: .to))
        case "unpair": self = .unpair(pair: try pair())
        case "pair":
            let pairs = try fields.decode([Int].self, forKey: .pairs)
            guard pairs.count == 2 else {
                throw DecodingError.dataCorruptedError(forKey: .pairs, in: fields, debugDescription: "expected two pairs")
            }
            self = .pair(pairs[0], pairs[1])
        case "edit": self = .edit(pair: try pair(), side: try fields.decode(ReviewSide.self, forKey: .side),
                                  sentence: try fields.decode(Int.self, forKey: .sentence), text: try fields.decode(String.self, forKey: .text))
        case "confirm": self = .confirm(pair: try pair())
        case "unconfirm": self = .unconfirm(pair: try pair())
        case "confirmAbove": self = .confirmAbove(threshold: try fields.decode(Double.self, forKey: .threshold))
        case "undo": self = .undo
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: fields,
                debugDescription: "\"\(op.prefix(40))\" is not an operation (merge, split, move, unpair, pair, edit, confirm, unconfirm, confirmAbove, undo)")
        }
    }
}
