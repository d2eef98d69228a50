import GRDB
import Testing
@testable import HanTM

@Suite struct BoundStatementTests {
    /// A value SQLite refuses to bind (here, a parameter the statement lacks)
    /// fails the statement instead of letting it run with what was bound before.
    @Test func aRefusedBindingFailsTheStatement() throws {
        let database = try DatabaseQueue()
        try database.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT)")
            var insert = BoundStatement(try db.makeStatement(sql: "INSERT INTO t (a) VALUES (?)"))
            insert.bind("kept")
            try insert.execute()
            insert.bind("first")
            insert.bind("one too many")
            #expect(throws: DatabaseError.self) { try insert.execute() }
            insert.bind("next")
            try insert.execute()
            #expect(try String.fetchAll(db, sql: "SELECT a FROM t") == ["kept", "next"])
        }
    }
}
