import Foundation

/// Plans a CSV import row by row without changing anything (the dry run), streaming:
/// feed it records as the ``CSVParser`` yields them, then take the ``plan``.
///
/// Upsert semantics: a row whose email (case-insensitively) belongs to an existing member
/// updates it; any other row creates an Active member. An import never reactivates an
/// inactive member, never changes a status, never brings back a deprovisioned member,
/// and leaves names that the identity provider owns as they are.
public struct ImportPlanner {
    let columns: ImportColumns?
    let mapping: ColumnMapping
    let existingMember: (EmailAddress) -> Member?
    /// The tenant's catalog plus the new categories, growing as values arrive.
    var catalog: CategoryCatalog
    let originalCatalog: CategoryCatalog
    var newKeys: [CategoryKey] = []
    var mappedColumns: [(index: Int, key: CategoryKey)] = []
    var ignoredColumns: [IgnoredColumn] = []
    var fileErrors: [ImportError] = []
    var rows: [ImportRowPlan] = []
    var firstLineByEmail: [String: Int] = [:]

    /// Starts a plan for a file whose header row is `header`. Header and mapping problems
    /// are recorded as ``ImportPlan/fileErrors``; `existingMember` finds the tenant's
    /// member by email (case-insensitively), live or not.
    public init(header: [String], mapping: ColumnMapping, catalog: CategoryCatalog, existingMember: @escaping (EmailAddress) -> Member?) {
        self.mapping = mapping
        self.catalog = catalog
        self.originalCatalog = catalog
        self.existingMember = existingMember
        do {
            columns = try ImportColumns(header: header)
        } catch {
            columns = nil
            fileErrors.append(error)
            return
        }
        validateMapping()
    }

    /// Starts a plan with a dictionary snapshot of the tenant's members, keyed by any
    /// spelling of their email (it is normalized here).
    public init(header: [String], mapping: ColumnMapping, catalog: CategoryCatalog, members: [Member]) {
        var byEmail: [EmailAddress: Member] = [:]
        for member in members {
            for email in member.emails where byEmail[email] == nil { byEmail[email] = member }
        }
        self.init(header: header, mapping: mapping, catalog: catalog) { byEmail[$0] }
    }

    mutating func validateMapping() {
        guard let columns else { return }
        let others = Dictionary(uniqueKeysWithValues: columns.others.map { ($0.index, $0.header) })
        var invalid: Set<Int> = []
        for index in mapping.targets.keys.sorted() {
            guard let header = others[index] else {
                fileErrors.append(.invalidColumn(index: index))
                continue
            }
            switch mapping[index] {
            case .ignored: break
            case .existingCategory(let key):
                // A category the identity provider fills may be filled by the file too: for
                // members the file creates or that came in another way. Members the IdP
                // provisioned keep its values (a row warning says so).
                guard originalCatalog[key] != nil else {
                    fileErrors.append(.unknownCategory(column: header, key: key))
                    invalid.insert(index)
                    continue
                }
                mappedColumns.append((index, key))
            case .newCategory(let category):
                guard catalog.add(category) else {
                    fileErrors.append(.categoryKeyTaken(column: header, key: category.key))
                    invalid.insert(index)
                    continue
                }
                newKeys.append(category.key)
                mappedColumns.append((index, category.key))
            }
        }
        for column in columns.others where !mappedColumns.contains(where: { $0.index == column.index }) {
            let reason: IgnoredColumn.Reason = if invalid.contains(column.index) {
                .invalidMapping
            } else if mapping.targets[column.index] == nil {
                .noDecision
            } else if column.header.isEmpty {
                .unnamed
            } else if CategoryKey.derived(fromLabel: column.header) == nil {
                .noKey
            } else {
                .chosen
            }
            ignoredColumns.append(IgnoredColumn(header: column.header, index: column.index, reason: reason))
        }
    }

    /// Plans one data row.
    public mutating func add(_ record: CSVRecord) {
        guard let columns else { return }
        var issues: [ImportIssue] = []
        var fields = record.fields
        if fields.count < columns.count || fields[columns.count...].contains(where: { !$0.isEmpty }) {
            issues.append(.wrongFieldCount(expected: columns.count, found: fields.count))
        }
        while fields.count < columns.count { fields.append("") }
        // Names are kept on one line (``MemberName``): a quoted cell may hold a line break.
        let given = MemberName.cleaned(fields[columns.firstName].trimmingWhitespace())
        let family = MemberName.cleaned(fields[columns.lastName].trimmingWhitespace())
        let emailText = fields[columns.email].trimmingWhitespace()
        if given.isEmpty { issues.append(.missingFirstName) }
        if family.isEmpty { issues.append(.missingLastName) }
        var email: EmailAddress?
        if emailText.isEmpty {
            issues.append(.missingEmail)
        } else if let parsed = try? EmailAddress(emailText) {
            email = parsed
            if let firstLine = firstLineByEmail[parsed.normalized] {
                issues.append(.duplicateEmail(firstLine: firstLine))
            } else {
                firstLineByEmail[parsed.normalized] = record.line
            }
        } else {
            issues.append(.invalidEmail(emailText))
        }
        let existing = email.flatMap(existingMember)
        if let existing, existing.lifecycle != .live { issues.append(.memberDeprovisioned) }
        guard let email, !issues.contains(where: \.isError) else {
            rows.append(ImportRowPlan(line: record.line, emailText: emailText, action: .rejected, issues: issues))
            return
        }
        var person = ImportedPerson(givenName: given, familyName: family, email: email, categoryValues: categoryValues(of: fields))
        if let existing, existing.source == .scim {
            // The identity provider's categories stay its own for the members it provisions.
            for key in person.categoryValues.keys where catalog[key]?.isReadOnly == true {
                if person.categoryValues[key] != existing.categoryValues[key] {
                    issues.append(.categoryOwnedByIdentityProvider(key))
                }
                person.categoryValues[key] = []
            }
        }
        catalog.absorb(person.categoryValues)
        guard let existing else {
            rows.append(ImportRowPlan(line: record.line, emailText: emailText, action: .create(person), issues: issues))
            return
        }
        switch existing.localStatus {
        case .inactive(let reason): issues.append(.staysInactive(reason))
        case .pending: issues.append(.staysPending)
        case .active: break
        }
        if !existing.idpActive { issues.append(.deactivatedByIdentityProvider) }
        let namesDiffer = existing.givenName != given || existing.familyName != family
        if existing.source == .scim, namesDiffer { issues.append(.namesOwnedByIdentityProvider) }
        let changes = ImportTransition.changes(applying: person, to: existing)
        let action: ImportRowPlan.Action = changes.isEmpty ? .unchanged(existing.id) : .update(existing.id, person, changes: changes)
        rows.append(ImportRowPlan(line: record.line, emailText: emailText, action: action, issues: issues))
    }

    func categoryValues(of fields: [String]) -> CategoryValues {
        var values = CategoryValues()
        for (index, key) in mappedColumns {
            let cell = fields[index].trimmingWhitespace()
            guard !cell.isEmpty, let category = catalog[key] else { continue }
            let parts = category.type == .multiSelect ? cell.split(separator: "|").map(String.init) : [cell]
            values[key] = parts.map { category.knownSpelling(of: $0.trimmingCharacters(in: .whitespaces)) ?? $0 }
        }
        return values
    }

    /// The plan so far: every row added, the new categories with their collected values,
    /// and the values new to existing categories.
    public var plan: ImportPlan {
        var grown: [CategoryKey: [String]] = [:]
        for category in catalog.categories where !newKeys.contains(category.key) {
            let before = originalCatalog[category.key]?.knownValues.count ?? 0
            let added = Array(category.knownValues.dropFirst(before))
            if !added.isEmpty { grown[category.key] = added }
        }
        return ImportPlan(fileErrors: fileErrors, rows: rows, newCategories: newKeys.compactMap { catalog[$0] }, grownValues: grown,
                          ignoredColumns: ignoredColumns)
    }

    /// Plans a whole file: parses `csv` in chunks of `chunkSize` bytes, takes the first
    /// record as the header, and lets `mapping` decide the columns once they are known
    /// (default: ``ColumnMapping/suggested(for:catalog:)``).
    public static func dryRun(
        csv: [UInt8], catalog: CategoryCatalog, chunkSize: Int = 65_536,
        mapping: (ImportColumns) -> ColumnMapping? = { _ in nil },
        existingMember: @escaping (EmailAddress) -> Member?
    ) -> ImportPlan {
        var parser = CSVParser()
        var planner: ImportPlanner?
        var offset = 0
        do {
            while true {
                let end = min(offset + max(chunkSize, 1), csv.count)
                let records = offset < csv.count ? try parser.feed(csv[offset..<end]) : try parser.finish()
                for record in records {
                    if planner != nil {
                        planner?.add(record)
                    } else {
                        let columns = try? ImportColumns(header: record.fields)
                        let chosen = columns.flatMap { mapping($0) ?? ColumnMapping.suggested(for: $0, catalog: catalog) }
                        planner = ImportPlanner(header: record.fields, mapping: chosen ?? ColumnMapping(), catalog: catalog, existingMember: existingMember)
                    }
                }
                if offset >= csv.count { break }
                offset = end
            }
        } catch {
            var plan = planner?.plan ?? ImportPlan()
            plan.fileErrors.append(.csv(error))
            return plan
        }
        return planner?.plan ?? ImportPlan(fileErrors: [.emptyFile])
    }
}
