import Foundation
import GRDB

/// The memory's tables, as migrations from the first version on.
enum Schema {
    /// The `memory_info` key of the collator version the stored keys were made
    /// under (``Collator/version``): keys of another version do not compare.
    static let collatorVersionKey = "collator_version"
    /// A random id the memory is given when created (v7): its index on disk names it.
    static let memoryIDKey = "memory_id"

    /// The collator version the stored keys were made under; nil before the first unit.
    static func collatorVersion(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM memory_info WHERE key = ?", arguments: [collatorVersionKey])
    }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE memory_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);

                CREATE TABLE unit (
                    id INTEGER PRIMARY KEY,
                    source_language TEXT NOT NULL,
                    target_language TEXT NOT NULL,
                    source TEXT NOT NULL,
                    target TEXT NOT NULL,
                    -- inline markup as TMX writes it, when the plain text above stripped some
                    source_markup TEXT,
                    target_markup TEXT,
                    -- ICU sort key and primary weights of the Hangul-folded source
                    source_key BLOB NOT NULL,
                    source_weights BLOB NOT NULL,
                    -- distinct grams of the source: bounds the edit distance of a candidate
                    gram_count INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    changed_at REAL NOT NULL,
                    creator TEXT,
                    document TEXT,
                    position INTEGER,
                    usage_count INTEGER NOT NULL DEFAULT 0,
                    last_used_at REAL,
                    -- how many times the same pair was added
                    occurrences INTEGER NOT NULL DEFAULT 1,
                    -- 63-bit hash of languages, source and target: finds a repeated
                    -- pair without an index over whole texts; NULL for the rare unit
                    -- whose hash collides with another pair's
                    pair_hash INTEGER UNIQUE,
                    previous_hash INTEGER,
                    next_hash INTEGER,
                    -- TMX props and notes, as JSON
                    properties TEXT
                );
                CREATE INDEX unit_source_key ON unit(source_key);

                -- The candidate index: for each gram (three primary weights), the
                -- units holding it, as little-endian UInt32 ids. Each import appends
                -- one row per gram it touches.
                CREATE TABLE posting (gram INTEGER NOT NULL, units BLOB NOT NULL);
                CREATE INDEX posting_gram ON posting(gram);
                """)
        }
        // `properties` held a JSON object of prop type to value; it now holds
        // ``UnitAnnotations`` (props in order, notes, other TMX attributes and languages).
        migrator.registerMigration("v2-annotations") { db in
            try db.execute(sql: """
                UPDATE unit SET properties = (
                    SELECT json_object('properties', json_group_array(json_object('type', key, 'value', value)))
                    FROM json_each(unit.properties))
                WHERE properties IS NOT NULL AND json_type(properties) = 'object'
                    AND json_type(properties, '$.properties') IS NULL;
                """)
        }
        // The candidate index is built in memory from `source_weights` (see
        // CandidateIndex): the stored postings and gram counts were no longer read.
        migrator.registerMigration("v3-index-in-memory") { db in
            try db.execute(sql: """
                DROP TABLE posting;
                ALTER TABLE unit DROP COLUMN gram_count;
                """)
        }
        // Same-key lookups find units by a 64-bit hash of the sort key: an index over
        // the key blobs themselves took an import of a million units 5 of its 17 s.
        migrator.registerMigration("v4-source-key-hash") { db in
            db.add(function: DatabaseFunction("hantm_sort_key_hash", argumentCount: 1, pure: true) { values in
                (Data.fromDatabaseValue(values[0])).map(SourceKey.hash(ofSortKey:))
            })
            try db.execute(sql: """
                ALTER TABLE unit ADD COLUMN source_key_hash INTEGER;
                UPDATE unit SET source_key_hash = hantm_sort_key_hash(source_key);
                DROP INDEX unit_source_key;
                CREATE INDEX unit_source_key_hash ON unit(source_key_hash);
                """)
        }
        // Same-key units come from the candidate index, which loads each unit's hash
        // with its weights (see SameKeyTable): no lookup reads the column's index.
        migrator.registerMigration("v5-same-key-in-memory") { db in
            try db.execute(sql: "DROP INDEX unit_source_key_hash")
        }
        // Units that differ in markup or annotations are no longer the same pair
        // (see `TranslationMemory.pairHash`): those holding some are hashed again.
        // A unit whose new hash another unit holds keeps its old one.
        migrator.registerMigration("v6-pair-hash-with-markup") { db in
            db.add(function: DatabaseFunction("hantm_pair_hash", argumentCount: 7, pure: true) { values in
                TranslationMemory.pairHash(values.map(String.fromDatabaseValue))
            })
            try db.execute(sql: """
                UPDATE OR IGNORE unit
                SET pair_hash = hantm_pair_hash(source_language, target_language, source, target, source_markup, target_markup, properties)
                WHERE pair_hash IS NOT NULL AND (source_markup IS NOT NULL OR target_markup IS NOT NULL OR properties IS NOT NULL);
                """)
        }
        // Units answer in both directions: the target is keyed as the source is,
        // and the memory gets an id of its own, which its index on disk carries.
        // Units stored before keep their other languages as TMX markup only.
        migrator.registerMigration("v7-both-directions") { db in
            try db.execute(sql: """
                ALTER TABLE unit ADD COLUMN target_key BLOB;
                ALTER TABLE unit ADD COLUMN target_key_hash INTEGER;
                ALTER TABLE unit ADD COLUMN target_weights BLOB;
                -- a random number each write transaction gives the units it adds:
                -- the index on disk checks its last unit's, since a memory restored
                -- from an older copy gives the same ids to other units
                ALTER TABLE unit ADD COLUMN batch INTEGER;

                -- The texts of a unit's languages besides its source and target
                -- (a TMX unit of three or more), keyed as they are, so that the
                -- unit answers in those too.
                CREATE TABLE unit_variant (
                    id INTEGER PRIMARY KEY,
                    unit_id INTEGER NOT NULL REFERENCES unit(id),
                    language TEXT NOT NULL,
                    text TEXT NOT NULL,
                    key BLOB NOT NULL,
                    key_hash INTEGER NOT NULL,
                    weights BLOB NOT NULL
                );
                CREATE INDEX unit_variant_unit ON unit_variant(unit_id);
                """)
            try db.execute(sql: "INSERT OR IGNORE INTO memory_info (key, value) VALUES (?, ?)",
                           arguments: [Schema.memoryIDKey, UUID().uuidString.lowercased()])
            let collator = Collator.korean
            let update = try db.makeStatement(sql: "UPDATE unit SET target_key = ?, target_key_hash = ?, target_weights = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, target FROM unit ORDER BY id")
            while let row = try rows.next() {
                let key = SourceKey(row[1] as String, collator: collator)
                try update.execute(arguments: [key.sortKey, key.sortKeyHash, key.weightsBlob, row[0] as Int64])
            }
        }
        migrator.registerMigration("v8-target-context") { db in
            // The hashes of a target's neighbouring targets, as previous_hash and
            // next_hash are of the source's: in-context matches in the unit's
            // other direction. Units stored before have none.
            try db.execute(sql: """
                ALTER TABLE unit ADD COLUMN previous_target_hash INTEGER;
                ALTER TABLE unit ADD COLUMN next_target_hash INTEGER;
                """)
        }
        // The memory's glossary: concepts imported from glossary files (TBX, TSV,
        // CSV), each stored whole as JSON under the name it was imported as.
        migrator.registerMigration("v9-glossary") { db in
            try db.execute(sql: """
                CREATE TABLE glossary_concept (
                    id INTEGER PRIMARY KEY,
                    glossary TEXT NOT NULL,
                    concept TEXT NOT NULL
                );
                CREATE INDEX glossary_concept_glossary ON glossary_concept(glossary);
                """)
        }
        // Alignment reviews (see AlignmentReview): the sentences of both texts and
        // the pairs a person re-cuts and confirms, saved at each change, with the
        // changes themselves for undo, so that anyone can resume a review.
        migrator.registerMigration("v10-alignment-reviews") { db in
            try db.execute(sql: """
                CREATE TABLE alignment_review (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    korean_document TEXT NOT NULL,
                    english_document TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    changed_at REAL NOT NULL,
                    -- one more at each saved change: edits made on another revision are refused
                    revision INTEGER NOT NULL,
                    -- the sentences' texts, one a line
                    korean TEXT NOT NULL,
                    english TEXT NOT NULL,
                    -- one a line: korean start, korean end, english start, english end, confidence or -, confirmed 0/1
                    pairs TEXT NOT NULL,
                    -- the pairs as the aligner proposed them, in the same form
                    proposals TEXT NOT NULL,
                    pair_count INTEGER NOT NULL,
                    confirmed_count INTEGER NOT NULL,
                    unpaired_count INTEGER NOT NULL,
                    -- set once the confirmed pairs are stored as units; the review is then closed
                    committed_at REAL,
                    committed_pairs INTEGER
                );

                -- Each review's changes in order (JSON, see ReviewChange): the last is the next undone.
                CREATE TABLE alignment_review_change (
                    review_id INTEGER NOT NULL REFERENCES alignment_review(id),
                    step INTEGER NOT NULL,
                    -- JSON: the pairs replaced at start, how many replaced them, a sentence's text before
                    change TEXT NOT NULL,
                    PRIMARY KEY (review_id, step)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }()
}
