/// Very common Korean words and their usual English renderings, as alignment
/// anchors that need no model: `가족들의` and `families` both give "family",
/// `행복한` and `Happy` both give "happy".
///
/// Lengths and numbers cannot tell a short sentence that a translator folded into
/// its neighbour (`"아닙니다. 결단코 사실이 아닙니다.` against `"No, no, no, no, no.`)
/// from one left untranslated, nor a one-line post from the next one; a few shared
/// everyday words can. The list holds everyday nouns, adjectives, verbs and
/// function words of news and conversation, no terms of a field (those belong in a
/// glossary). A word counts once each time it occurs, so a bead that pairs both
/// Korean sentences with the one English sentence that renders both finds both.
/// Matches are rewarded, misses not penalized: everyday words have many renderings.
///
/// A Korean entry is the start of a word (`가족` in `가족들의`; verbs by the stems
/// their endings leave: `말하`, `말했`, `말한`); an English entry is a word with its
/// regular inflections (`family`, `families`; `start`, `started`, `starting`),
/// irregular forms listed beside it.
enum CommonWords {
    /// The concepts of a Hangul word: every entry whose Korean side starts it,
    /// each once (`새로운` starts with both `새로` and `새로운`, one word "new").
    static func concepts(ofKorean word: String) -> [UInt64] {
        var concepts: [UInt64] = []
        var key: UInt64 = 0
        for syllable in word.unicodeScalars.prefix(longestKoreanStem) {
            guard let extended = extend(key, with: syllable) else { break }
            key = extended
            for concept in table.korean[key] ?? [] where !concepts.contains(concept) { concepts.append(concept) }
        }
        return concepts
    }

    /// The key of a run of Hangul syllables, one more syllable in: 14 bits a
    /// syllable, so that looking up every start of every word hashes no string.
    private static func extend(_ key: UInt64, with syllable: Unicode.Scalar) -> UInt64? {
        guard (0xAC00...0xD7A3).contains(syllable.value) else { return nil }
        return key << 14 | UInt64(syllable.value - 0xAC00 + 1)
    }

    /// The concepts of a lowercase English word, inflected or not.
    static func concepts(ofEnglish lowercasedWord: String) -> [UInt64] {
        table.english[lowercasedWord] ?? []
    }

    private static let longestKoreanStem = 4

    private struct Table {
        var korean: [UInt64: [UInt64]] = [:]
        var english: [String: [UInt64]] = [:]
    }

    private static let table: Table = {
        var table = Table()
        for line in entries.split(separator: "\n") {
            let sides = line.split(separator: "|")
            precondition(sides.count == 2, "common word entry \(line)")
            let lemmas = sides[1].split(separator: " ").map(String.init)
            let concept = anchorHash(Tag.commonWord, lemmas[0].utf8)
            for stem in sides[0].split(separator: " ") {
                precondition(stem.unicodeScalars.count <= longestKoreanStem, "Korean stem \(stem) is too long")
                let key = stem.unicodeScalars.reduce(UInt64(0)) { key, syllable in extend(key, with: syllable)! }
                table.korean[key, default: []].append(concept)
            }
            for form in Set(lemmas.flatMap(inflections)) where !(table.english[form]?.contains(concept) ?? false) {
                table.english[form, default: []].append(concept)
            }
        }
        return table
    }()

    /// A lemma and its regular inflections: `-s`/`-es`, `-ed`, `-ing`, with a final
    /// `e` dropped (`love`, `loving`) and `y` turned to `ie` (`family`, `families`).
    private static func inflections(of lemma: String) -> [String] {
        var forms = [lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "ly"]
        if lemma.hasSuffix("e") {
            let stem = String(lemma.dropLast())
            forms += [stem + "ing", lemma + "d"]
        }
        if lemma.hasSuffix("y"), let last = lemma.dropLast().last, !"aeiou".contains(last) {
            let stem = String(lemma.dropLast())
            forms += [stem + "ies", stem + "ied", stem + "ily"]
        }
        return forms
    }

    /// `Korean stems | English lemma and irregular forms`; the first English word
    /// names the concept.
    private static let entries = """
    가족 식구 | family
    아이가 아이를 아이는 아이의 아이들 어린이 자녀 아동 | child children kid
    아들 | son
    딸 | daughter
    아버지 아빠 부친 | father dad
    어머니 엄마 모친 | mother mom mum
    부모 | parent
    형제 | brother
    남편 | husband
    아내 | wife
    친구 | friend
    사람 인물 | people person
    남자 남성 | man men male
    여자 여성 | woman women female
    소년 | boy
    소녀 | girl
    학생 | student
    선생 교사 | teacher
    의사 | doctor
    경찰 | police
    군인 병사 | soldier
    대통령 | president
    정부 | government
    국가 나라 | country nation
    도시 | city
    마을 | village town
    세계 세상 | world
    학교 | school
    병원 | hospital
    교회 | church
    회사 기업 | company
    사무실 | office
    집에 집으로 집을 주택 | home house
    방에 | room
    길에 도로 거리 | road street
    차를 차에 자동차 | car
    비행기 항공기 | plane airplane aircraft
    비행 | flight fly flew flown flying
    선박 보트 | boat ship
    기차 열차 | train
    물을 물이 | water
    바다 | sea ocean
    하늘 | sky
    공기 | air
    날씨 기상 | weather
    비가 | rain
    바람 | wind
    태양 | sun
    화재 | fire
    나무 | tree
    음식 | food
    돈을 돈이 돈은 자금 | money
    가격 | price
    시간 | time hour
    오늘 | today
    어제 | yesterday
    내일 | tomorrow
    아침 | morning
    저녁 | evening
    밤에 밤이 | night
    주말 | weekend
    지난주 지난 | last
    다음 | next
    년간 해에 | year
    개월 | month
    주일 | week
    생일 | birthday
    처음 첫째 첫번 첫 | first
    마지막 | last final
    두번째 | second
    모든 모두 | all every everyone everything
    다른 | other another different
    같은 같이 | same
    새로운 새로 | new
    오래된 | old
    큰 커다란 거대한 | big large huge
    작은 | small little
    많은 많이 | many much lot lots
    조금 약간 | little bit
    좋은 좋아 좋다 좋았 좋겠 | good nice like
    나쁜 | bad
    행복 | happy happiness
    즐거 | happy fun
    사랑 | love lovely
    슬픈 슬퍼 | sad
    화난 화를 | angry
    두려 무서 | afraid fear scary
    아름다 | beautiful
    중요 | important
    어렵 어려운 어려움 | difficult hard
    쉬운 쉽게 | easy easily
    빠른 빨리 | fast quick quickly
    느린 천천히 | slow slowly
    높은 | high
    낮은 | low
    길게 오랫동안 | long
    짧은 | short
    뜨거 | hot
    차가운 추운 추위 | cold
    안전 | safe safety
    위험 | danger dangerous risk
    가능 | possible
    불가능 | impossible
    필요 | need necessary
    문제 | problem issue
    질문 | question
    대답 답변 | answer
    이야기 | story
    뉴스 소식 속보 | news
    사진 | photo picture
    영화 | film movie
    음악 | music
    노래 | song
    책을 책이 도서 | book
    편지 | letter
    전화 | phone call
    컴퓨터 | computer
    인터넷 | internet
    게임 경기 | game match
    선거 | election
    투표 | vote
    전쟁 | war
    평화 | peace
    공격 | attack
    죽음 죽었 사망 | death die died dead
    죽이 살해 | kill
    살았 살고 사는 | live lived
    생명 인명 목숨 | life lives
    건강 | health healthy
    질병 | disease
    치료 | treat treatment
    일하 일했 직장 업무 | work job
    일자리 | job
    돕 도움 도와 | help
    시작 | start begin began begun
    끝났 끝나 끝내 | end finish
    출발 | start departure leave
    도착 | arrive arrival
    만들 만든 | make made
    보았 보셨 보였 보여 보는 | see saw seen show
    보내 | send sent
    듣 들었 들은 | hear heard
    말하 말했 말한 말할 | say said tell told
    묻 물었 | ask
    생각 | think thought
    알고 알았 안다 압니 | know knew known
    믿 | believe trust
    원하 원했 원한 | want
    좋아하 | like love
    싫어 | hate dislike
    기다 | wait
    찾 | find found look
    잃 | lose lost
    이겼 승리 | win won victory
    패배 | defeat
    가고 갔 가는 간다 갑니 | go went gone
    오고 왔 오는 온다 옵니 | come came
    돌아 | back return
    떠나 떠났 | leave left
    먹 | eat ate eaten
    마시 | drink drank
    자고 잤 잠을 낮잠 | sleep slept nap
    쓰고 썼 작성 | write wrote written
    읽 | read
    배우 배웠 학습 | learn study
    가르 | teach taught
    사용 이용 | use
    구입 구매 샀 | buy bought
    팔았 판매 | sell sold
    지불 | pay paid
    받았 받은 받고 | receive get got
    주었 줬 준다 | give gave given
    열었 개최 | open held
    닫 | close closed
    결정 | decide decision determined
    계획 | plan
    노력 | try effort
    시도 | try attempt
    계속 | continue
    바뀌 바꾸 변화 변경 | change
    아니다 아니요 아니라 아니었 아닙 아닌 아냐 않 | no not
    없 | no without
    왜 | why
    어떻게 | how
    무엇 뭐 | what
    누가 누구 | who
    어디 | where
    언제 | when
    지금 현재 | now current
    다시 | again
    항상 언제나 | always
    결코 절대 | never
    정말 진짜 | really
    아마 | perhaps maybe probably
    벌써 | already
    여러분 | you everyone
    우리 | we us our
    그녀 | she her
    그들 | they them their
    진실 사실 | truth true fact
    거짓 | lie false
    권력 | power
    법원 | court
    법률 | law
    이유 | reason why
    방법 | way method
    목표 | goal target
    결과 | result
    원인 | cause
    역사 | history
    미래 | future
    과거 | past
    언어 | language
    단어 | word
    몸이 신체 | body
    머리 | head
    얼굴 | face
    눈물 | tears
    다리 | leg
    손을 손이 | hand
    발로 발을 | foot feet
    마음 | heart mind
    운동 | exercise gym sport
    스포츠 | sport
    """
}
