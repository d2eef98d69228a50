/// Numbers, months and weekdays as anchors that Korean and English write alike:
/// `29일` and `29th` give the number 29, `6월` and `June` the month 6, `3만` and
/// `30,000` the number 30000, `2,040만` and `20.4 million` the number 20400000.
enum NumberAnchors {
    /// The anchors of a number token, read with the token that follows it (its
    /// unit: `월`, `만명`, `million`).
    static func anchors(number text: String, unit: Token?, in language: Language) -> [UInt64] {
        let parts = text.split(separator: ".")
        // 2024.11.30 is a date, not a decimal: each part is a number.
        if parts.count > 2 { return parts.compactMap { Double($0).map(numberAnchor) } }
        guard let value = Double(text) else { return [] }
        switch (language, unit?.kind) {
        case (.korean, .hangul?):
            let unitText = unit!.text
            if unitText.hasPrefix("월") && !unitText.hasPrefix("월요일") { return [monthAnchor(value)] }
            return [numberAnchor(value * koreanMultiplier(unitText))]
        case (.english, .latin?):
            return [numberAnchor(value * (englishMultipliers[unit!.text.lowercased()] ?? 1))]
        default:
            return [numberAnchor(value)]
        }
    }

    /// 천만 → 10,000,000: the leading magnitude syllables of a Korean unit.
    private static func koreanMultiplier(_ unit: String) -> Double {
        var multiplier = 1.0
        for syllable in unit {
            guard let factor = koreanMagnitudes[syllable] else { break }
            multiplier *= factor
        }
        return multiplier
    }

    private static let koreanMagnitudes: [Character: Double] = ["십": 10, "백": 100, "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12]
    private static let englishMultipliers: [String: Double] = [
        "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    ]

    /// `월요일에` → Monday.
    static func weekday(_ word: String) -> UInt64? {
        let days = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"]
        return days.firstIndex { word.hasPrefix($0) }.map { anchorHash(Tag.weekday, [UInt8($0)]) }
    }

    /// A month or weekday name (capitalized, so that `may` and `march` as verbs do
    /// not count) or a number word.
    static func englishWordAnchor(_ word: String) -> UInt64? {
        let lowercased = word.lowercased()
        if let number = numberWords[lowercased] { return numberAnchor(number) }
        guard word.first?.isUppercase == true else { return nil }
        if let month = months[lowercased] { return monthAnchor(month) }
        if let day = weekdays[lowercased] { return anchorHash(Tag.weekday, [UInt8(day)]) }
        return nil
    }

    private static let months: [String: Double] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"]
        var months: [String: Double] = [:]
        for (index, name) in names.enumerated() {
            months[name] = Double(index + 1)
            months[String(name.prefix(3))] = Double(index + 1)
        }
        months["sept"] = 9
        return months
    }()

    private static let weekdays: [String: Int] = [
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    ]

    /// "one" is left out: it is a pronoun more often than a number.
    private static let numberWords: [String: Double] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "hundred": 100, "thousand": 1000,
    ]

    private static func numberAnchor(_ value: Double) -> UInt64 {
        anchorHash(Tag.number, canonical(value).utf8)
    }

    private static func monthAnchor(_ month: Double) -> UInt64 {
        anchorHash(Tag.month, canonical(month).utf8)
    }

    private static func canonical(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
