extension StringProtocol {
    /// The text without leading and trailing whitespace, nor a byte-order mark
    /// there (files joined together leave the second's inside the text).
    var trimmingSpaces: String {
        let kept = { (character: Character) in !character.isWhitespace && character != "\u{FEFF}" }
        guard let first = firstIndex(where: kept), let last = lastIndex(where: kept) else { return "" }
        return String(self[first...last])
    }

    /// The text without trailing whitespace.
    func trimmingTrailingWhitespace() -> SubSequence {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[startIndex..<end]
    }
}
