/// An incremental RFC 4180 parser: fed chunks of bytes, it returns the records completed
/// so far, so a 100,000-row file is read with memory bounded by one record.
///
/// - Quoted fields may hold separators, line breaks and doubled quotes (`""` → `"`)
///   (RFC 4180 §2.5–2.7). A quote inside an unquoted field is kept literally, as
///   spreadsheets read it (`O"Brien`).
/// - Records end with CRLF, LF or a lone CR; the last record may lack a line break
///   (§2.2). Empty lines are skipped.
/// - A UTF-8 byte order mark at the start is dropped; fields must be valid UTF-8.
/// - The separator is `,` or `;`; unless given, it is detected from the header line
///   (``CSVSeparator/detect(inHeader:)``), for which the header is buffered.
/// - Limits bound memory per record (``Limits``).
///
/// ```swift
/// var parser = CSVParser()
/// for chunk in chunks { for record in try parser.feed(chunk) { … } }
/// for record in try parser.finish() { … }
/// ```
public struct CSVParser: Sendable {
    /// Bounds on one record, so hostile input cannot exhaust memory.
    public struct Limits: Sendable, Equatable {
        /// The longest field, in bytes. Default 65,536.
        public var maxFieldBytes: Int
        /// The most fields in one record. Default 1,024.
        public var maxFieldsPerRecord: Int
        /// The longest record (and header line), in bytes. Default 1,048,576.
        public var maxRecordBytes: Int

        /// Limits with the documented defaults.
        public init(maxFieldBytes: Int = 65_536, maxFieldsPerRecord: Int = 1_024, maxRecordBytes: Int = 1_048_576) {
            self.maxFieldBytes = maxFieldBytes
            self.maxFieldsPerRecord = maxFieldsPerRecord
            self.maxRecordBytes = maxRecordBytes
        }
    }

    enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    static let quote: UInt8 = 0x22
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The separator in use: the one given, or the detected one once the header line is
    /// complete; `nil` before that.
    public private(set) var separator: CSVSeparator?
    let limits: Limits

    // Start phase: bytes held until the BOM and (if needed) the separator are known.
    var isStarting = true
    var pending: [UInt8] = []
    var scanIndex = 0
    var scanInQuotes = false

    // Record state.
    var state = State.fieldStart
    var field: [UInt8] = []
    var fields: [String] = []
    var recordBytes = 0
    var line = 1
    var recordLine = 1
    var skipLineFeed = false
    var output: [CSVRecord] = []

    /// Creates a parser. `separator: nil` detects it from the header line.
    public init(separator: CSVSeparator? = nil, limits: Limits = Limits()) {
        self.separator = separator
        self.limits = limits
    }

    /// Parses a whole file held in memory.
    public static func parse(_ bytes: some Sequence<UInt8>, separator: CSVSeparator? = nil, limits: Limits = Limits()) throws(CSVError) -> [CSVRecord] {
        var parser = CSVParser(separator: separator, limits: limits)
        var records = try parser.feed(bytes)
        records += try parser.finish()
        return records
    }

    /// Parses a whole string (UTF-8).
    public static func parse(_ text: String, separator: CSVSeparator? = nil, limits: Limits = Limits()) throws(CSVError) -> [CSVRecord] {
        try parse(Array(text.utf8), separator: separator, limits: limits)
    }

    /// Feeds the next chunk and returns the records it completed. After a thrown error
    /// the parser must not be fed again.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(CSVError) -> [CSVRecord] {
        if isStarting {
            pending.append(contentsOf: bytes)
            guard startPhaseIsComplete() else {
                if pending.count > limits.maxRecordBytes { throw .recordTooLong(line: 1, limit: limits.maxRecordBytes) }
                return []
            }
            try leaveStartPhase()
        } else {
            for byte in bytes { try consume(byte) }
        }
        return takeOutput()
    }

    /// Ends the input: completes the last record (which may lack a line break) and
    /// returns the records not yet returned. Throws if a quoted field is still open.
    public mutating func finish() throws(CSVError) -> [CSVRecord] {
        if isStarting { try leaveStartPhase() }
        switch state {
        case .quoted: throw .unterminatedQuote(line: recordLine)
        case .fieldStart where fields.isEmpty: break
        case .fieldStart, .unquoted, .quoteInQuoted: try endRecord()
        }
        return takeOutput()
    }

    // MARK: - Start phase

    /// Whether enough bytes arrived to rule on the BOM and the separator.
    mutating func startPhaseIsComplete() -> Bool {
        guard pending.count >= Self.byteOrderMark.count || separator == nil else { return false }
        guard separator == nil else { return true }
        while scanIndex < pending.count {
            let byte = pending[scanIndex]
            scanIndex += 1
            if byte == Self.quote { scanInQuotes.toggle() }
            if !scanInQuotes, byte == Self.lf || byte == Self.cr { return true }
        }
        return false
    }

    mutating func leaveStartPhase() throws(CSVError) {
        isStarting = false
        var bytes = pending
        pending = []
        if bytes.starts(with: Self.byteOrderMark) { bytes.removeFirst(Self.byteOrderMark.count) }
        if separator == nil {
            let headerEnd = Self.headerEnd(in: bytes)
            separator = CSVSeparator.detect(inHeader: bytes[..<headerEnd])
        }
        for byte in bytes { try consume(byte) }
    }

    static func headerEnd(in bytes: [UInt8]) -> Int {
        var inQuotes = false
        for (index, byte) in bytes.enumerated() {
            if byte == quote { inQuotes.toggle() }
            if !inQuotes, byte == lf || byte == cr { return index }
        }
        return bytes.count
    }

    // MARK: - The state machine

    mutating func consume(_ byte: UInt8) throws(CSVError) {
        if skipLineFeed {
            skipLineFeed = false
            if byte == Self.lf { return }
        }
        let separatorByte = (separator ?? .comma).rawValue
        recordBytes += 1
        if recordBytes > limits.maxRecordBytes { throw .recordTooLong(line: recordLine, limit: limits.maxRecordBytes) }
        switch state {
        case .fieldStart, .unquoted:
            switch byte {
            case separatorByte: try endField()
            case Self.lf, Self.cr:
                skipLineFeed = byte == Self.cr
                if state == .fieldStart, fields.isEmpty {
                    recordBytes = 0  // An empty line: skipped (not a record of one empty field).
                } else {
                    try endRecord()
                }
                line += 1
                recordLine = line
            case Self.quote where state == .fieldStart: state = .quoted
            default:
                state = .unquoted
                try append(byte)
            }
        case .quoted:
            if byte == Self.quote {
                state = .quoteInQuoted
            } else {
                if byte == Self.lf { line += 1 }
                try append(byte)
            }
        case .quoteInQuoted:
            switch byte {
            case Self.quote:  // RFC 4180 §2.7: a doubled quote is one quote.
                state = .quoted
                try append(byte)
            case separatorByte: try endField()
            case Self.lf, Self.cr:
                skipLineFeed = byte == Self.cr
                try endRecord()
                line += 1
                recordLine = line
            default:
                throw .unexpectedCharacterAfterQuote(line: line, field: fields.count + 1)
            }
        }
    }

    mutating func append(_ byte: UInt8) throws(CSVError) {
        guard field.count < limits.maxFieldBytes else { throw .fieldTooLong(line: recordLine, limit: limits.maxFieldBytes) }
        field.append(byte)
    }

    mutating func endField() throws(CSVError) {
        guard fields.count < limits.maxFieldsPerRecord else {
            throw .tooManyFields(line: recordLine, limit: limits.maxFieldsPerRecord)
        }
        guard let text = String(validating: field, as: UTF8.self) else {
            throw .invalidUTF8(line: recordLine, field: fields.count + 1)
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    mutating func endRecord() throws(CSVError) {
        try endField()
        output.append(CSVRecord(fields: fields, line: recordLine))
        fields.removeAll(keepingCapacity: true)
        recordBytes = 0
    }

    mutating func takeOutput() -> [CSVRecord] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }
}
