/// The texts of one language, by key.
public typealias MessageTable = [MessageKey: String]
