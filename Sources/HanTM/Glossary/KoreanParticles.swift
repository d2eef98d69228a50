/// Korean particles (조사) and the copula's common forms: what may follow a noun
/// in its word without making it another word (`계정을`, `계정에서는`, `앱이다`).
enum KoreanParticles {
    static let all: Set<String> = [
        "이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께", "께서", "한테", "로", "으로", "와", "과", "도", "만",
        "까지", "부터", "보다", "처럼", "같이", "이나", "나", "랑", "이랑", "하고", "마다", "조차", "밖에", "뿐", "이다", "다",
        "입니다", "니다", "이며", "며", "이고", "고", "이라", "라", "라고", "이라고", "들", "로서", "으로서", "로써", "으로써",
        "에는", "에도", "에만", "이에요", "예요", "야", "이야", "요", "인", "일", "임", "서", "든지", "이든지", "든", "이든",
        "라는", "이라는", "란", "이란", "씩", "께서는", "에서도", "로는", "으로는", "이지만", "지만", "이므로", "므로", "이면", "면",
        "이어야", "여야", "이어서", "여서", "였다", "이었다", "인지", "지", "인데", "데", "이니", "니", "엔", "에선", "로도", "으로도",
    ]
    /// The longest particle, in scalars: how far a split looks.
    private static let longest = all.map(\.unicodeScalars.count).max()!

    /// Whether `text` is particles one after another (`에서는`, `으로도`).
    static func isParticles(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        // reachable[i]: the first i scalars are particles.
        var reachable = [Bool](repeating: false, count: scalars.count + 1)
        reachable[0] = true
        for start in 0..<scalars.count where reachable[start] {
            for length in 1...min(longest, scalars.count - start)
            where all.contains(String(String.UnicodeScalarView(scalars[start..<(start + length)]))) {
                reachable[start + length] = true
            }
        }
        return reachable[scalars.count]
    }
}
