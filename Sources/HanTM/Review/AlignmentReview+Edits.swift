/// The operations of a review. Each either changes the review and records how
/// to take the change back, or refuses with the reason and changes nothing.
extension AlignmentReview {
    public mutating func apply(_ edit: ReviewEdit) throws(ReviewError) {
        switch edit {
        case .merge(let index, let direction):
            try checkPair(index)
            let first = direction == .next ? index : index - 1
            guard first >= 0, first + 1 < pairs.count else {
                throw ReviewError("pair \(index) has no \(direction.rawValue) pair to merge with")
            }
            let (a, b) = (pairs[first], pairs[first + 1])
            replace(first..<first + 2, with: [ReviewPair(korean: a.korean.lowerBound..<b.korean.upperBound,
                                                        english: a.english.lowerBound..<b.english.upperBound, confidence: nil)])
        case .split(let index, let koreanCount, let englishCount):
            try checkPair(index)
            let pair = pairs[index]
            guard (0...pair.korean.count).contains(koreanCount), (0...pair.english.count).contains(englishCount) else {
                throw ReviewError("pair \(index) has \(pair.korean.count) Korean and \(pair.english.count) English sentences: it cannot be cut after \(koreanCount) and \(englishCount)")
            }
            guard koreanCount + englishCount > 0, koreanCount < pair.korean.count || englishCount < pair.english.count else {
                throw ReviewError("a split of pair \(index) must leave a sentence on each side of the cut")
            }
            let koreanCut = pair.korean.lowerBound + koreanCount, englishCut = pair.english.lowerBound + englishCount
            replace(index..<index + 1, with: [
                ReviewPair(korean: pair.korean.lowerBound..<koreanCut, english: pair.english.lowerBound..<englishCut, confidence: nil),
                ReviewPair(korean: koreanCut..<pair.korean.upperBound, english: englishCut..<pair.english.upperBound, confidence: nil),
            ])
        case .move(let index, let side, let direction):
            try move(index, side: side, to: direction)
        case .unpair(let index):
            try checkPair(index)
            let pair = pairs[index]
            guard pair.state != .unpaired else { throw ReviewError("pair \(index) is already unpaired") }
            replace(index..<index + 1, with: [
                ReviewPair(korean: pair.korean, english: pair.english.lowerBound..<pair.english.lowerBound, confidence: nil),
                ReviewPair(korean: pair.korean.upperBound..<pair.korean.upperBound, english: pair.english, confidence: nil),
            ])
        case .pair(let one, let other):
            try pairUnpaired(min(one, other), max(one, other))
        case .edit(let index, let side, let sentence, let text):
            try checkPair(index)
            let range = pairs[index].range(side)
            guard (0..<range.count).contains(sentence) else {
                throw ReviewError("pair \(index) has no \(side.name) sentence \(sentence): it holds \(range.count)")
            }
            let cleaned = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !cleaned.isEmpty else { throw ReviewError("the text of a sentence must not be blank") }
            guard !cleaned.utf8.contains(0) else { throw ReviewError("the text of a sentence must not hold a NUL character") }
            let position = range.lowerBound + sentence
            let previous = side == .korean ? korean[position] : english[position]
            guard cleaned != previous else { throw ReviewError("the sentence already reads so") }
            if side == .korean { korean[position] = cleaned } else { english[position] = cleaned }
            history.append(ReviewChange(start: index, removed: [], inserted: 0,
                                        text: .init(side: side, sentence: position, previous: previous)))
        case .confirm(let index):
            try checkPair(index)
            switch pairs[index].state {
            case .unpaired: throw ReviewError("pair \(index) is unpaired: only a pair with both sides can be confirmed")
            case .confirmed: throw ReviewError("pair \(index) is already confirmed")
            case .proposed:
                var pair = pairs[index]
                pair.isConfirmed = true
                replace(index..<index + 1, with: [pair])
            }
        case .unconfirm(let index):
            try checkPair(index)
            guard pairs[index].isConfirmed else { throw ReviewError("pair \(index) is not confirmed") }
            var pair = pairs[index]
            pair.isConfirmed = false
            replace(index..<index + 1, with: [pair])
        case .confirmAbove(let threshold):
            guard (0...1).contains(threshold) else { throw ReviewError("the threshold must be between 0 and 1, not \(threshold)") }
            let chosen = pairs.indices.filter { pairs[$0].state == .proposed && (pairs[$0].confidence ?? -1) >= threshold }
            guard let first = chosen.first, let last = chosen.last else {
                throw ReviewError("no proposed pair has a confidence of \(threshold) or more")
            }
            var replacement = Array(pairs[first...last])
            for index in chosen { replacement[index - first].isConfirmed = true }
            replace(first..<last + 1, with: replacement)
        case .undo:
            guard let change = history.popLast() else { throw ReviewError("there is nothing to undo") }
            pairs.replaceSubrange(change.start..<change.start + change.inserted, with: change.removed)
            if let text = change.text {
                if text.side == .korean { korean[text.sentence] = text.previous } else { english[text.sentence] = text.previous }
            }
        }
    }

    /// Applies `edits` in order, all or none: a refusal names the edit it is about.
    public mutating func apply(_ edits: [ReviewEdit]) throws(ReviewError) {
        var changed = self
        for (position, edit) in edits.enumerated() {
            do {
                try changed.apply(edit)
            } catch {
                throw ReviewError(edits.count == 1 ? error.description : "edit \(position): \(error.description)")
            }
        }
        self = changed
    }

    private func checkPair(_ index: Int) throws(ReviewError) {
        guard pairs.indices.contains(index) else { throw ReviewError("there is no pair \(index) (the review has \(pairs.count))") }
    }

    /// Replaces `range` of the pairs, recording the change; empty sides of the
    /// new pairs are placed where their language stands, and a pair cut as the
    /// aligner proposed it has the aligner's confidence.
    private mutating func replace(_ range: Range<Int>, with replacement: [ReviewPair]) {
        var placed = replacement
        var nextKorean = pairs[range.lowerBound].korean.lowerBound, nextEnglish = pairs[range.lowerBound].english.lowerBound
        for index in placed.indices {
            if placed[index].korean.isEmpty { placed[index].korean = nextKorean..<nextKorean }
            if placed[index].english.isEmpty { placed[index].english = nextEnglish..<nextEnglish }
            if placed[index].confidence == nil { placed[index].confidence = proposedConfidence[PairRanges(placed[index])] }
            nextKorean = placed[index].korean.upperBound
            nextEnglish = placed[index].english.upperBound
        }
        placed.removeAll { $0.korean.isEmpty && $0.english.isEmpty }
        history.append(ReviewChange(start: range.lowerBound, removed: Array(pairs[range]), inserted: placed.count))
        pairs.replaceSubrange(range, with: placed)
    }

    private mutating func move(_ index: Int, side: ReviewSide, to direction: ReviewEdit.Direction) throws(ReviewError) {
        try checkPair(index)
        let neighbour = direction == .next ? index + 1 : index - 1
        guard pairs.indices.contains(neighbour) else { throw ReviewError("pair \(index) has no \(direction.rawValue) pair to move a sentence to") }
        let range = pairs[index].range(side)
        guard !range.isEmpty else { throw ReviewError("pair \(index) has no \(side.name) sentence to move") }
        var from = pairs[index], to = pairs[neighbour]
        let toRange = to.range(side)
        if direction == .next {
            from.setRange(side, range.lowerBound..<range.upperBound - 1)
            to.setRange(side, range.upperBound - 1..<toRange.upperBound)
        } else {
            from.setRange(side, range.lowerBound + 1..<range.upperBound)
            to.setRange(side, toRange.lowerBound..<range.lowerBound + 1)
        }
        (from.confidence, to.confidence) = (nil, nil)
        (from.isConfirmed, to.isConfirmed) = (false, false)
        let first = min(index, neighbour)
        replace(first..<first + 2, with: direction == .next ? [from, to] : [to, from])
    }

    private mutating func pairUnpaired(_ first: Int, _ last: Int) throws(ReviewError) {
        try checkPair(first)
        try checkPair(last)
        guard first != last else { throw ReviewError("a pair cannot be paired with itself") }
        let (a, b) = (pairs[first], pairs[last])
        guard a.state == .unpaired, b.state == .unpaired, a.korean.isEmpty != b.korean.isEmpty else {
            throw ReviewError("pairs \(first) and \(last) must be a Korean and an English sentence, both unpaired")
        }
        let between = pairs[first + 1..<last]
        guard between.allSatisfy({ $0.state == .unpaired }) else {
            throw ReviewError("pairs \(first) and \(last) have paired sentences between them: pairing them would cross those")
        }
        // Unpaired sentences between stay unpaired: those of the later side's
        // language come before the new pair, those of the earlier side's after it.
        let earlierIsKorean = !a.korean.isEmpty
        let before = between.filter { $0.korean.isEmpty == earlierIsKorean }
        let after = between.filter { $0.korean.isEmpty != earlierIsKorean }
        let made = ReviewPair(korean: earlierIsKorean ? a.korean : b.korean, english: earlierIsKorean ? b.english : a.english, confidence: nil)
        replace(first..<last + 1, with: before + [made] + after)
    }
}
