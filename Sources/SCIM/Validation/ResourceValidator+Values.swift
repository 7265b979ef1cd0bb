/// Attribute values: types (RFC 7643 §2.3), multi-valued and complex attributes
/// (§2.3.8, §2.4), required attributes (§2.2).
///
/// An attribute's path (`emails[0].value`) is passed as an autoclosure: it is only
/// written into an error, and building it for every value cost a string or two each.
extension ResourceValidator {
    /// The normalised value of one attribute, or `nil` when it is unassigned (`null`).
    func validateValue(_ value: JSONValue, _ definition: AttributeDefinition, path: @autoclosure () -> String,
                       operation: SCIMOperation) throws(SCIMError) -> JSONValue? {
        if value.isNull { return nil }  // RFC 7643 §2.5: null is unassigned.
        guard definition.isMultiValued else {
            if case .array = value {
                throw .invalidValue("The attribute '\(path())' is single-valued but was given an array.")
            }
            return try validateSingle(value, definition, path: path(), operation: operation)
        }
        // Tolerance: a single value for a multi-valued attribute is read as a one-element array.
        let elements: [JSONValue]
        if case .array(let array) = value { elements = array } else { elements = [value] }
        var validated: [JSONValue] = []
        validated.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            if let element = try validateSingle(element, definition, path: "\(path())[\(position)]", operation: operation) {
                validated.append(element)
            }
        }
        if definition.type == .complex, definition.subAttribute(named: "primary") != nil {
            validated = PrimaryValues.normalized(validated)
        }
        return .array(validated)
    }

    /// One value of an attribute, checked against its type and coerced where tolerated.
    func validateSingle(_ value: JSONValue, _ definition: AttributeDefinition, path: @autoclosure () -> String,
                        operation: SCIMOperation) throws(SCIMError) -> JSONValue? {
        switch (definition.type, value) {
        case (_, .null):
            return nil
        case (.string, .string), (.reference, .string), (.boolean, .bool), (.integer, .integer), (.decimal, .decimal):
            return value
        case (.boolean, .string(let text)):
            // Entra sends "True"/"False" (pranems gap analysis #13); OneLogin templates send strings.
            if text.equalsIgnoringCase("true") { return .bool(true) }
            if text.equalsIgnoringCase("false") { return .bool(false) }
        case (.decimal, .integer(let integer)):
            return .decimal(Double(integer))
        case (.dateTime, .string(let text)):
            guard SCIMDateTime.isValid(text) else {
                throw .invalidValue("The attribute '\(path())' must be an xsd:dateTime such as 2008-01-23T04:56:22Z (RFC 7643 §2.3.5).")
            }
            return value
        case (.binary, .string(let text)):
            guard Self.isBase64(text) else {
                throw .invalidValue("The attribute '\(path())' must be base64-encoded (RFC 7643 §2.3.6).")
            }
            return value
        case (.complex, .object(let object)):
            let validated = try validateComplex(object, attributes: definition.subAttributes,
                                                prefix: path() + ".", operation: operation)
            return validated.isEmpty ? nil : .object(validated)
        default:
            break
        }
        throw .invalidValue("The attribute '\(path())' must be \(Self.describe(definition.type)), not \(Self.describe(value)) (RFC 7643 §2.3).")
    }

    /// The sub-attributes (or extension attributes) of a complex value, under their
    /// schema spelling, with required ones checked.
    func validateComplex(_ object: JSONObject, attributes: [AttributeDefinition], prefix: @autoclosure () -> String,
                         operation: SCIMOperation) throws(SCIMError) -> JSONObject {
        var output = JSONObject()
        for member in object.members {
            guard let definition = attributes.first(where: { $0.name.equalsIgnoringCase(member.key) }) else {
                if options.unknownAttributes == .drop { continue }
                throw .invalidSyntax("The attribute '\(prefix())\(member.key)' is not defined by the schema.")
            }
            if operation != .patch, definition.mutability == .readOnly { continue }
            guard let value = try validateValue(member.value, definition, path: prefix() + definition.name,
                                                operation: operation) else { continue }
            output.appendUnique(key: definition.name, value: value)
        }
        try checkRequired(output, attributes: attributes, path: prefix(), operation: operation)
        return output
    }

    /// RFC 7643 §2.2 "required": present, not null, not an empty string or array. A string
    /// of only whitespace, line breaks or zero-width spaces is empty too: the member domain
    /// refuses such a `userName` (`ProvisioningTransition`), and a Group named "  " shows
    /// as nothing. Read-only attributes are the server's to set and are not checked.
    func checkRequired(_ object: JSONObject, attributes: [AttributeDefinition], path: @autoclosure () -> String,
                       operation: SCIMOperation) throws(SCIMError) {
        for definition in attributes where definition.isRequired && definition.mutability != .readOnly {
            let value = object[attribute: definition.name]
            let isMissing: Bool
            switch value {
            case nil, .null?: isMissing = true
            case .string(let string)?: isMissing = Self.isBlank(string)
            case .array(let array)?: isMissing = array.isEmpty
            default: isMissing = false
            }
            if isMissing {
                throw .invalidValue("The attribute '\(path())\(definition.name)' is required and must have a value (RFC 7643 §2.2).")
            }
        }
    }

    /// Whether `text` has nothing but whitespace (Unicode `White_Space`, line breaks
    /// included) and U+200B ZERO WIDTH SPACE: the characters the member domain trims.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{200B}" }
    }

    static func isBase64(_ text: String) -> Bool {
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "="): padding += 1
            case UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "a") ... UInt8(ascii: "z"),
                 UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"):
                if padding > 0 { return false }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            default: return false
            }
        }
        return padding <= 2
    }

    static func describe(_ type: AttributeType) -> String {
        switch type {
        case .string: "a string"
        case .boolean: "a boolean"
        case .decimal: "a number"
        case .integer: "an integer"
        case .dateTime: "a dateTime string"
        case .binary: "a base64 string"
        case .reference: "a reference string"
        case .complex: "an object"
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .decimal: "a decimal"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
