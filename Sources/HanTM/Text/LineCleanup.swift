/// Cleans one line of scraped text into what a reader sees: non-breaking and other
/// special spaces become spaces, invisible characters go, runs of whitespace
/// collapse, a leading list bullet goes. A line with no letter or digit left (a
/// lone bullet, a rule of dashes) is not text.
enum LineCleanup {
    /// Returns nil when nothing readable is left.
    static func clean<S: StringProtocol>(_ line: S) -> String? {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        var hasText = false
        for scalar in line.unicodeScalars {
            if isInvisible(scalar) { continue }
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
            if scalar.isLetterOrDigit { hasText = true }
        }
        guard hasText else { return nil }
        return String(withoutLeadingBullets(Substring(String(result))))
    }

    /// `• 이승현 기자` → `이승현 기자`; a bullet counts only when a space follows
    /// it, so `-5도` and `*중요*` keep their first character.
    private static func withoutLeadingBullets(_ text: Substring) -> Substring {
        var rest = text
        while let first = rest.unicodeScalars.first, isBullet(first) {
            let afterBullet = rest.unicodeScalars.dropFirst()
            guard afterBullet.first == " " else { break }
            rest = Substring(afterBullet.dropFirst())
        }
        return rest
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0xFEFF, 0x00AD, 0x2060: true  // zero-width space, BOM, soft hyphen, word joiner
        default: scalar.properties.generalCategory == .control && !scalar.properties.isWhitespace
        }
    }

    private static func isBullet(_ scalar: Unicode.Scalar) -> Bool {
        "•◦▪▫●○■□◆◇▶►▸‣⁃·-*".unicodeScalars.contains(scalar)
    }
}
