import Coffee

/// A domain id stored as its text. The domain's typed ids bind as their text, so a
/// repository passes `id`, never `id.rawValue`, and one kind of id cannot be passed where
/// another is expected by accident of both being strings.
protocol StoredTextID: SQLBindable {
    /// The id's text, as stored.
    var rawValue: String { get }
}

extension StoredTextID {
    /// Binds the id's text.
    public func bind(to statement: Statement, at index: Int32) throws {
        try rawValue.bind(to: statement, at: index)
    }
}

extension TenantID: StoredTextID {}
extension MemberID: StoredTextID {}
extension ProgramID: StoredTextID {}
extension SessionID: StoredTextID {}
extension GroupID: StoredTextID {}
