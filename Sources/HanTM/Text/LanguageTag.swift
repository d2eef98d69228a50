/// BCP 47 language tags as TMX files write them, in any case and with `_`
/// (`KO-KR`, `en_us`), made canonical (`ko-KR`, `en-US`).
public enum LanguageTag {
    /// The canonical form: language lowercase, script titlecase, region uppercase.
    /// TMX's `*all*` and tags hantm cannot parse come back as they are.
    static func normalized(_ tag: String) -> String {
        // Most tags are already canonical (`ko`, `en`): a million units pass here.
        if tag.utf8.count == 2, tag.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) { return tag }
        guard tag != "*all*", !tag.isEmpty else { return tag }
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" })
        return parts.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            if part.count == 4, part.allSatisfy(\.isLetter) { return part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            if part.count == 2 || (part.count == 3 && part.allSatisfy(\.isNumber)) { return part.uppercased() }
            return part.lowercased()
        }.joined(separator: "-")
    }

    /// Whether `tag` has the shape of a BCP 47 tag (`ko`, `en-US`, `zh-Hant-TW`,
    /// `x-klingon`; `_` taken for `-`): subtags of 1 to 8 letters or digits, the
    /// first of letters, 2 to 8 of them unless it is `x` or `i`; at most 64 characters.
    public static func isWellFormed(_ tag: String) -> Bool {
        guard (1...64).contains(tag.utf8.count) else { return false }
        let subtags = tag.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false) }
        let isLetter = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard let first = subtags.first, first.allSatisfy(isLetter),
              (2...8).contains(first.count) || (first.count == 1 && subtags.count > 1 && "xXiI".utf8.contains(first[first.startIndex]))
        else { return false }
        return subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { isLetter($0) || isDigit($0) } }
    }

    /// The language alone: `ko` of `ko-KR`.
    static func primary(_ tag: String) -> Substring {
        tag.prefix { $0 != "-" }
    }

    /// Whether `tag` is what a user asked for with `wanted`: `ko` takes every
    /// Korean (`ko`, `ko-KR`), `en-GB` only British English. Both canonical.
    static func matches(_ tag: String, _ wanted: String) -> Bool {
        tag == wanted || (!wanted.contains("-") && primary(tag) == wanted)
    }
}
