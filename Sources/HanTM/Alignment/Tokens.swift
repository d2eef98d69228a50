/// A word of a sentence as the aligner's anchors see it: a run of Hangul, of
/// Latin letters, or a number (`1,000`, `20.4`).
struct Token: Equatable {
    enum Kind { case hangul, latin, number }
    var kind: Kind
    var text: String

    /// The tokens of `text`; punctuation, spaces and other scripts separate them.
    static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var kind: Kind?
        let scalars = Array(text.unicodeScalars)
        func flush() {
            if let kind, !current.isEmpty { tokens.append(Token(kind: kind, text: String(current))) }
            current = String.UnicodeScalarView()
            kind = nil
        }
        for (index, scalar) in scalars.enumerated() {
            let scalarKind = Self.kind(of: scalar)
            // A comma or period between digits belongs to the number: 1,000 and 20.4.
            if scalarKind == nil, kind == .number, scalar == "," || scalar == ".",
               index + 1 < scalars.count, Self.kind(of: scalars[index + 1]) == .number {
                if scalar == "." { current.append(scalar) }
                continue
            }
            if scalarKind != kind { flush() }
            kind = scalarKind
            if scalarKind != nil { current.append(scalar) }
        }
        flush()
        return tokens
    }

    private static func kind(of scalar: Unicode.Scalar) -> Kind? {
        switch scalar.value {
        case 0x30...0x39: .number
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: .latin
        case 0xAC00...0xD7A3: .hangul
        default: nil
        }
    }
}
